import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const POLL_MS = 250;

/**
 * Runs `work` while holding the cache's lock, so that two benchmarks (or two test workers)
 * never build into the same venv, cargo output or npm folder at once. The lock is a folder
 * (mkdir is atomic) holding the owner's pid; a lock whose owner is gone is taken over.
 */
export async function withCacheLock<T>(cacheRoot: string, log: (line: string) => void, work: () => Promise<T>): Promise<T> {
  const lock = path.join(cacheRoot, '.lock');
  mkdirSync(cacheRoot, { recursive: true });
  let told = false;
  while (!tryLock(lock)) {
    const owner = ownerOf(lock);
    if (owner !== undefined && !alive(owner)) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (!told) {
      log(`Waiting for another lsf bench (pid ${owner ?? '?'}) to finish preparing ${cacheRoot}...`);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function tryLock(lock: string): boolean {
  try {
    mkdirSync(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  writeFileSync(path.join(lock, 'pid'), String(process.pid));
  return true;
}

function ownerOf(lock: string): number | undefined {
  try {
    return Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
  } catch {
    // Taken a moment ago, its pid not written yet.
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
