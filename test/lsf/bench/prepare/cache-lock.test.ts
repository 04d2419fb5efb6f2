import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startTime, withEntryLock } from '../../../../src/lsf/bench/prepare/cache-lock';
import { until } from '../../../support/until';

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const HOLDER = path.join(__dirname, 'lock-holder.ts');
const SPAWN_MS = 30_000;

let cache: string;
let lock: string;
let events: string;
beforeEach(() => {
  cache = mkdtempSync(path.join(os.tmpdir(), 'lsf-lock-'));
  lock = path.join(cache, 'entry.lock');
  events = path.join(cache, 'events');
  writeFileSync(events, '');
});
afterEach(() => rmSync(cache, { recursive: true, force: true }));

/** Starts lock-holder.ts in a process of its own: it holds the lock until `release` exists. */
function holder(release: string, how?: 'exit'): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', HOLDER, lock, events, release, ...(how ? [how] : [])], { cwd: ROOT, stdio: 'ignore' });
  return { child, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

function lines(): string[] {
  return readFileSync(events, 'utf8').split('\n').filter(Boolean);
}

/** What is left beside the lock: nothing, once every holder is done. */
function leftovers(): string[] {
  return readdirSync(cache).filter((name) => name !== 'events');
}

describe('withEntryLock', () => {
  test('two processes that want one entry hold it one after the other; the second says whom it waits for', async () => {
    const release = path.join(cache, 'release');
    const a = holder(release);
    await until('the first process to hold the lock', SPAWN_MS, () => (lines().some((l) => l.endsWith(' start')) ? true : undefined));
    const b = holder(release);
    await until('the second process to wait', SPAWN_MS, () => (lines().some((l) => l.includes(' log Waiting')) ? true : undefined));
    writeFileSync(release, '');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    const [pa, pb] = [a.child.pid, b.child.pid];
    expect(lines().filter((l) => !l.includes(' log '))).toEqual([`${pa} start`, `${pa} end`, `${pb} start`, `${pb} end`]);
    expect(lines()).toContain(`${pb} log Waiting for lsf bench (pid ${pa}) to finish a test entry...`);
    expect(leftovers()).toEqual(['release']);
  }, 2 * SPAWN_MS);

  test('the lock of a process killed with SIGKILL is taken over, with a message, and its half-made build is removed', async () => {
    const dead = holder(path.join(cache, 'never'));
    await until('the process to hold the lock', SPAWN_MS, () => (lines().some((l) => l.endsWith(' start')) ? true : undefined));
    expect(existsSync(path.join(lock, 'scratch', 'half-built'))).toBe(true);
    dead.child.kill('SIGKILL');
    await dead.exited;

    const logs: string[] = [];
    const seen = await withEntryLock(lock, 'a test entry', (line) => logs.push(line), async (scratch) => readdirSync(scratch));
    expect(seen).toEqual([]);
    expect(logs).toEqual([`Recovered the lock on a test entry at ${lock}: lsf bench pid ${dead.child.pid}, which held it, is gone (killed?); its unfinished build was removed.`]);
    expect(leftovers()).toEqual([]);
  }, 2 * SPAWN_MS);

  test('a lock whose pid now belongs to another process (another start time) is taken over', async () => {
    // This process is alive, but it is not the one that took the lock: that one started at another time.
    mkdirSync(lock);
    writeFileSync(path.join(lock, 'owner.json'), JSON.stringify({ pid: process.pid, started: `${startTime(process.pid)}0`, host: os.hostname(), nonce: 'old' }));
    const logs: string[] = [];
    await expect(withEntryLock(lock, 'a test entry', (line) => logs.push(line), async () => 'done')).resolves.toBe('done');
    expect(logs).toEqual([`Recovered the lock on a test entry at ${lock}: lsf bench pid ${process.pid}, which held it, is gone (killed?), and its pid now belongs to another process; its unfinished build was removed.`]);
  });

  test('a live owner\'s lock is waited for, not taken', async () => {
    mkdirSync(lock);
    writeFileSync(path.join(lock, 'owner.json'), JSON.stringify({ pid: process.pid, started: startTime(process.pid), host: os.hostname(), nonce: 'live' }));
    const logs: string[] = [];
    const taken = withEntryLock(lock, 'a test entry', (line) => logs.push(line), async () => 'taken');
    const state = await Promise.race([taken, new Promise((resolve) => setTimeout(() => resolve('waiting'), 1000))]);
    expect(state).toBe('waiting');
    expect(logs).toEqual([`Waiting for lsf bench (pid ${process.pid}) to finish a test entry...`]);
    rmSync(lock, { recursive: true });
    await expect(taken).resolves.toBe('taken');
  });

  test('a process that exits in the middle (Ctrl-C goes through process.exit) leaves no lock and no scratch', async () => {
    const quitter = holder(path.join(cache, 'never'), 'exit');
    expect(await quitter.exited).toBe(130);
    expect(lines()).toEqual([`${quitter.child.pid} start`]);
    expect(leftovers()).toEqual([]);
  }, SPAWN_MS);

  test('the lock is released when the work fails', async () => {
    await expect(withEntryLock(lock, 'a test entry', () => undefined, async () => { throw new Error('build failed'); })).rejects.toThrow('build failed');
    expect(leftovers()).toEqual([]);
  });
});
