import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { killRunningBuilds } from './run-command';

const POLL_MS = 250;
const OWNER_FILE = 'owner.json';

/** Who holds a lock: enough to tell a live owner from a dead one, or from a reused pid. */
interface LockOwner {
  readonly pid: number;
  /** The owner's start time (field 22 of /proc/<pid>/stat), when readable: a reused pid has another. */
  readonly started?: string;
  readonly host: string;
  /** Unique per acquisition: tells this lock from a later one at the same path. */
  readonly nonce: string;
}

/** Locks this process holds, removed (with their scratch folders) when it exits, even through Ctrl-C. */
const held = new Set<string>();
process.once('exit', () => {
  killRunningBuilds();
  for (const lock of held) removeLock(lock);
});

/**
 * Runs `work` while holding the lock of one cache entry, so that concurrent `lsf bench` runs
 * build it once: the others wait, then find it built. `work` gets a fresh scratch folder inside
 * the lock to build in; it goes with the lock, so a build that dies leaves nothing half-made
 * where an entry belongs. A lock whose owner is gone (killed, or its pid now another process's)
 * is taken over, with a message.
 */
export async function withEntryLock<T>(lock: string, what: string, log: (line: string) => void, work: (scratch: string) => Promise<T>): Promise<T> {
  mkdirSync(path.dirname(lock), { recursive: true });
  let told = false;
  let mine: LockOwner | undefined;
  while ((mine = tryLock(lock)) === undefined) {
    const owner = ownerOf(lock);
    const stale = owner === undefined ? undefined : whyStale(owner);
    if (owner !== undefined && stale !== undefined && takeOver(lock, owner)) {
      log(`Recovered the lock on ${what} at ${lock}: ${stale}; its unfinished build was removed.`);
      continue;
    }
    if (!told && owner !== undefined) {
      log(`Waiting for lsf bench (pid ${owner.pid}${owner.host === os.hostname() ? '' : ` on ${owner.host}`}) to finish ${what}...`);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  held.add(lock);
  try {
    const scratch = path.join(lock, 'scratch');
    mkdirSync(scratch);
    return await work(scratch);
  } finally {
    held.delete(lock);
    release(lock, mine);
  }
}

/** The lock appears whole, owner included, by renaming a prepared folder onto its path. */
function tryLock(lock: string): LockOwner | undefined {
  const owner: LockOwner = { pid: process.pid, started: startTime(process.pid), host: os.hostname(), nonce: randomUUID() };
  const prepared = mkdtempSync(`${lock}.new-`);
  writeFileSync(path.join(prepared, OWNER_FILE), JSON.stringify(owner));
  try {
    renameSync(prepared, lock);
    return owner;
  } catch (error) {
    rmSync(prepared, { recursive: true, force: true });
    if (['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw error;
  }
}

function ownerOf(lock: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(path.join(lock, OWNER_FILE), 'utf8')) as LockOwner;
  } catch {
    // Released a moment ago, or an empty folder left by an older lsf (it loses the next rename).
    return undefined;
  }
}

/** Why the owner cannot be holding the lock any more, or undefined while it may be. */
function whyStale(owner: LockOwner): string | undefined {
  // Another machine sharing the folder: its processes are not ours to judge.
  if (owner.host !== os.hostname()) return undefined;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return `lsf bench pid ${owner.pid}, which held it, is gone (killed?)`;
  }
  const started = startTime(owner.pid);
  if (owner.started !== undefined && started !== undefined && started !== owner.started) {
    return `lsf bench pid ${owner.pid}, which held it, is gone (killed?), and its pid now belongs to another process`;
  }
  return undefined;
}

/**
 * Moves the stale lock aside and removes it. Two runs may find the same stale lock: the one
 * whose move takes a newer lock instead (the other run's, taken in between) puts it back.
 */
function takeOver(lock: string, stale: LockOwner): boolean {
  const aside = `${lock}.stale-${process.pid}-${randomUUID()}`;
  try {
    renameSync(lock, aside);
  } catch {
    return false;
  }
  if (ownerOf(aside)?.nonce === stale.nonce) {
    removeQuietly(aside);
    return true;
  }
  try {
    renameSync(aside, lock);
  } catch {
    // A third run took the lock meanwhile; the entries stay whole (each build publishes by rename).
  }
  return false;
}

/** Removes the lock, if it is still this acquisition's. */
function release(lock: string, mine: LockOwner): void {
  if (ownerOf(lock)?.nonce === mine.nonce) removeLock(lock);
}

/** Renamed away first: a waiter's rename must never land in a lock half removed. */
function removeLock(lock: string): void {
  const gone = `${lock}.released-${process.pid}-${randomUUID()}`;
  try {
    renameSync(lock, gone);
  } catch {
    return;
  }
  removeQuietly(gone);
}

/** A build the dead owner started may still be writing there: what cannot go now is left, out of the way. */
function removeQuietly(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // Only disk space is lost; no lock or entry has this name.
  }
}

/** Field 22 of /proc/<pid>/stat (clock ticks since boot), or undefined where there is no /proc. */
export function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
