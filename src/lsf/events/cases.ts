import { readFileSync } from 'node:fs';
import { memberSource } from './json-member-source';
import { UsageError } from '../errors';

/** One line of cases.jsonl: an event and, when the line gives it, the answer every runtime must give. */
export interface Case {
  readonly name: string;
  /** The event as it is sent: the line's `event`, byte for byte as written. */
  readonly event: string;
  /**
   * The expected answer as parsed JSON (compared by value: key order and spacing do not count).
   * Absent when the line has no `expected`: then every runtime must give the same answer as the
   * first one checked. `null` is an expected answer, not an absent one.
   */
  readonly expected?: unknown;
  /** `expected` as written in the line, byte for byte (what `--parity strict` compares with). */
  readonly expectedText?: string;
}

/** Reads a cases file; a malformed line is reported with the file and its line number. */
export function readCases(file: string): Case[] {
  const cases: Case[] = [];
  const names = new Set<string>();
  readCasesText(file).split('\n').forEach((text, index) => {
    if (text.trim() === '') return;
    const where = `--cases: ${file}:${index + 1}`;
    let line: unknown;
    try {
      line = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${where}: not a JSON object (${(error as Error).message}). Each line is {"name": ..., "event": ..., "expected": ...}.`);
    }
    if (typeof line !== 'object' || line === null || Array.isArray(line)) {
      throw new UsageError(`${where}: not a JSON object. Each line is {"name": ..., "event": ..., "expected": ...}.`);
    }
    const { name, event, expected } = line as Record<string, unknown>;
    if (typeof name !== 'string' || name === '') {
      throw new UsageError(`${where}: "name" must be a non-empty string.`);
    }
    if (event === undefined) {
      throw new UsageError(`${where}: case "${name}" needs "event" (the event to send; "expected", the answer, is optional).`);
    }
    if (names.has(name)) {
      throw new UsageError(`${where}: case name "${name}" is used twice; names identify cases in parity reports.`);
    }
    names.add(name);
    // JSON has no undefined: an `expected` that parsed as undefined is one the line does not have.
    cases.push({ name, event: memberSource(text, 'event')!, ...(expected === undefined ? {} : { expected, expectedText: memberSource(text, 'expected')! }) });
  });
  if (cases.length === 0) {
    throw new UsageError(`--cases: ${file} has no cases. Add one {"name", "event", "expected"} object per line.`);
  }
  return cases;
}

function readCasesText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--cases: cannot read ${file} (${(error as Error).message}).`);
  }
}
