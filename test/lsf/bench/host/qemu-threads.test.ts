import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  AARCH64_SYSROOT, PROBE_BINARY, PROBE_FOLDER, PROBE_MARKER, QEMU_COMMAND, QemuThreadCheck, checkQemuThreads,
} from '../../../../src/lsf/bench/host/qemu-threads';
import { liveProcessGroups } from '../../../../src/lsf/bench/runtime/runtime-process';

// The real check: cargo, Debian's aarch64 std, the cross linker and qemu-user are installed in CI.
const cacheRoot = mkdtempSync(path.join(os.tmpdir(), 'lsf-qemu-threads-'));
const folder = path.join(cacheRoot, PROBE_FOLDER);
const binary = path.join(folder, PROBE_BINARY);
const verdictFile = path.join(folder, 'verdict.json');

afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));

afterEach(() => {
  expect(liveProcessGroups()).toEqual([]);
  expect(processesRunning(binary)).toEqual([]);
});

/** Pids of live processes whose command line names `file` (qemu runs the probe by its path). */
function processesRunning(file: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(file)) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** The probe run directly under coreutils' `timeout`, without the module's runner. */
function directRun(environment: Record<string, string>): boolean {
  const run = spawnSync('timeout', ['-s', 'KILL', '10', QEMU_COMMAND, '-L', AARCH64_SYSROOT, binary], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...environment },
    encoding: 'utf8',
  });
  return run.status === 0 && run.stdout.includes(PROBE_MARKER);
}

async function timedCheck(log: (line: string) => void): Promise<{ check: QemuThreadCheck; ms: number }> {
  const started = Date.now();
  const check = await checkQemuThreads(cacheRoot, log);
  return { check, ms: Date.now() - started };
}

describe('checkQemuThreads, for real', () => {
  let first: QemuThreadCheck;

  test('builds and runs the probe within 60 s, and its verdict matches a direct run of the probe', async () => {
    const log = jest.fn();
    const { check, ms } = await timedCheck(log);
    first = check;
    expect(ms).toBeLessThan(60_000);
    expect(log).toHaveBeenCalledTimes(1);
    expect(statSync(binary).isFile()).toBe(true);
    expect(check.detail).toMatch(/^[^\n]+\.$/);

    expect(directRun(check.environment)).toBe(check.threadsRun);
    if (Object.keys(check.environment).length > 0) {
      // An environment is returned only as a fix: the probe must need it.
      expect(check.threadsRun).toBe(true);
      expect(directRun({})).toBe(false);
      expect(check.detail).toContain(Object.entries(check.environment).map(([k, v]) => `${k}=${v}`).join(' '));
    }
  }, 120_000);

  test('a second call answers from the cache, running nothing', async () => {
    const saved = JSON.parse(readFileSync(verdictFile, 'utf8'));
    expect(saved.check).toEqual(first);
    // Same key, a marked verdict: only a cache read can return it.
    writeFileSync(verdictFile, JSON.stringify({ ...saved, check: { ...saved.check, detail: 'from the cache.' } }));
    const builtAt = statSync(binary).mtimeMs;
    const log = jest.fn();
    const { check } = await timedCheck(log);
    expect(check).toEqual({ ...first, detail: 'from the cache.' });
    expect(log).not.toHaveBeenCalled();
    expect(statSync(binary).mtimeMs).toBe(builtAt);
  }, 10_000);

  test('a verdict recorded for another qemu (or glibc) is checked again, without rebuilding the probe', async () => {
    const saved = JSON.parse(readFileSync(verdictFile, 'utf8'));
    writeFileSync(verdictFile, JSON.stringify({ key: 'another qemu', check: { threadsRun: !first.threadsRun, detail: 'stale.', environment: {} } }));
    const builtAt = statSync(binary).mtimeMs;
    const log = jest.fn();
    const { check, ms } = await timedCheck(log);
    expect(ms).toBeLessThan(60_000);
    expect(log).toHaveBeenCalledTimes(1);
    expect(check.threadsRun).toBe(first.threadsRun);
    expect(check.environment).toEqual(first.environment);
    expect(statSync(binary).mtimeMs).toBe(builtAt);
    expect(JSON.parse(readFileSync(verdictFile, 'utf8')).key).toBe(saved.key);
  }, 120_000);
});
