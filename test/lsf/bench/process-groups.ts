import { readdirSync, readFileSync } from 'node:fs';

/** Pids of the processes, still alive or zombie, whose process group is one of `pgids`. */
export function processesInGroups(pgids: readonly number[]): number[] {
  const wanted = new Set(pgids);
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // After the parenthesised command name: state, ppid, pgrp.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (wanted.has(Number(fields[2]))) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}
