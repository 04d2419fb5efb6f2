import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { CFS_PERIOD_US, CpuCgroup, CpuShares, processesInGroup, vcpusForMemory } from '../../../../src/lsf/bench/host/cpu-share';

// The real cgroups of this machine: CI runs as root where the cgroup v1 cpu controller is
// mounted at /sys/fs/cgroup/cpu. Without a writable cpu controller the tests that need one fail
// with detect()'s reason rather than pass vacuously.
const shares = CpuShares.detect();
const temp = mkdtempSync(path.join(os.tmpdir(), 'lsf-cpu-share-'));
/** Every process group a test started, killed after each test. */
const started: ChildProcess[] = [];

jest.setTimeout(30_000);

afterEach(async () => {
  await Promise.all(started.splice(0).map(stop));
});

afterAll(() => {
  shares.removeAll();
  rmSync(temp, { recursive: true, force: true });
  if (shares.support.available) expect(lsfCgroupsOf(process.pid)).toEqual([]);
});

function requireCpuShares(): void {
  // Fails loudly, with the reason, where the machine cannot limit CPU.
  expect(shares.support).toEqual(expect.objectContaining({ available: true }));
}

/** Where this machine's lsf cgroups are made: the folder of one we make and remove. */
function cgroupBase(): string {
  const probe = shares.create(1);
  rmdirSync(probe.path);
  return path.dirname(probe.path);
}

/** Names of the lsf cgroups under the base that the process `pid` owns. */
function lsfCgroupsOf(pid: number): string[] {
  return readdirSync(cgroupBase()).filter((entry) => entry.startsWith(`lsf-${pid}-`));
}

/**
 * A node script in its own process group, which prints `ready` then waits for a line on stdin.
 * Bounded: it exits by itself after 20 s whatever happens.
 */
function startNode(script: string): ChildProcess {
  const child = spawn(process.execPath, ['-e', `setTimeout(() => process.exit(3), 20000).unref(); ${script}`], {
    detached: true,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  started.push(child);
  return child;
}

function startSleep(): ChildProcess {
  const child = spawn('sleep', ['20'], { detached: true, stdio: 'ignore' });
  started.push(child);
  return child;
}

/** The lines a child prints, one at a time. */
function lines(child: ChildProcess): () => Promise<string> {
  let buffered = '';
  const waiting: Array<(line: string) => void> = [];
  const ready: string[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else ready.push(line);
    }
  });
  return () => within(10_000, 'a line from the child', new Promise<string>((resolve) => {
    const line = ready.shift();
    if (line !== undefined) resolve(line);
    else waiting.push(resolve);
  }));
}

async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return within(5000, `exit of ${child.pid}`, new Promise((resolve) => child.once('exit', () => resolve())));
}

async function stop(child: ChildProcess): Promise<void> {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // Gone already.
  }
  await exited(child);
}

function alive(pid: number): boolean {
  return existsSync(`/proc/${pid}`);
}

function throttledCount(cgroup: CpuCgroup): number {
  const stat = readFileSync(path.join(cgroup.path, 'cpu.stat'), 'utf8');
  return Number(/^nr_throttled (\d+)$/m.exec(stat)![1]);
}

/** [quota, period] in µs, from cpu.max (v2) or the cfs files (v1). */
function limitsOf(cgroup: CpuCgroup): [number, number] {
  const max = path.join(cgroup.path, 'cpu.max');
  if (existsSync(max)) {
    const [quota, period] = readFileSync(max, 'utf8').trim().split(' ');
    return [Number(quota), Number(period)];
  }
  const read = (file: string) => Number(readFileSync(path.join(cgroup.path, file), 'utf8').trim());
  return [read('cpu.cfs_quota_us'), read('cpu.cfs_period_us')];
}

/** Whether /proc/<pid>/cgroup puts the process, for the cpu controller, in this cgroup. */
function inCgroup(pid: number, cgroup: CpuCgroup): boolean {
  const name = path.basename(cgroup.path);
  return readFileSync(`/proc/${pid}/cgroup`, 'utf8').split('\n').some((line) => {
    const [, controllers, where] = /^\d+:([^:]*):(.*)$/.exec(line) ?? [];
    const forCpu = controllers === '' || controllers?.split(',').includes('cpu');
    return forCpu && where !== undefined && path.basename(where) === name;
  });
}

/** Spins for `wallMs` once told to, then prints the CPU time it got in that window. */
const BUSY_LOOP = `
  process.stdin.once('data', () => {
    const start = process.hrtime.bigint();
    const before = process.cpuUsage();
    while (process.hrtime.bigint() - start < 1000000000n) { /* spin */ }
    const used = process.cpuUsage(before);
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    console.log(JSON.stringify({ cpuMs: (used.user + used.system) / 1000, wallMs }));
    process.exit(0);
  });
  console.log('ready');
`;

/** CPU time over wall time of one busy loop, in the cgroup when one is given. */
async function busyShare(cgroup?: CpuCgroup): Promise<number> {
  const child = startNode(BUSY_LOOP);
  const next = lines(child);
  expect(await next()).toBe('ready');
  cgroup?.addProcesses(processesInGroup(child.pid!));
  child.stdin!.write('go\n');
  const { cpuMs, wallMs } = JSON.parse(await next()) as { cpuMs: number; wallMs: number };
  await exited(child);
  return cpuMs / wallMs;
}

describe('vcpusForMemory', () => {
  test('is memory / 1769 MB, capped at the cores', () => {
    expect(vcpusForMemory(128, 4)).toBeCloseTo(0.0724, 4);
    expect(vcpusForMemory(1769, 4)).toBe(1);
    expect(vcpusForMemory(10240, 8)).toBeCloseTo(5.789, 3);
    expect(vcpusForMemory(10240, 2)).toBe(2);
    expect(vcpusForMemory(10240)).toBe(Math.min(10240 / 1769, os.cpus().length));
  });

  test('refuses a memory size that is not a positive number', () => {
    for (const size of [0, -128, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => vcpusForMemory(size)).toThrow(RangeError);
    }
  });
});

describe('CpuShares.detect without a usable cpu controller', () => {
  function detectUnder(root: string) {
    let support: CpuShares['support'] | undefined;
    expect(() => { support = CpuShares.detect({ root }).support; }).not.toThrow();
    return support!;
  }

  test('a folder with no cgroup file system: none, and why', () => {
    const root = mkdtempSync(path.join(temp, 'empty-'));
    const support = detectUnder(root);
    expect(support).toEqual({ available: false, mechanism: 'none', detail: expect.stringContaining(`no cgroup file system under ${root}`) });
    expect(support.detail).toContain('--no-cpu-share');
  });

  test('ordinary files that look like cgroups are not taken for them, and nothing is written there', () => {
    const root = mkdtempSync(path.join(temp, 'fake-'));
    writeFileSync(path.join(root, 'cgroup.controllers'), 'cpu memory\n');
    writeFileSync(path.join(root, 'cgroup.subtree_control'), 'cpu\n');
    mkdirSync(path.join(root, 'cpu'));
    writeFileSync(path.join(root, 'cpu', 'cpu.cfs_quota_us'), '-1\n');
    writeFileSync(path.join(root, 'cpu', 'cpu.cfs_period_us'), '100000\n');
    const support = detectUnder(root);
    expect(support).toMatchObject({ available: false, mechanism: 'none' });
    expect(support.detail).toContain(root);
    expect(readdirSync(root).sort()).toEqual(['cgroup.controllers', 'cgroup.subtree_control', 'cpu']);
    expect(readdirSync(path.join(root, 'cpu')).sort()).toEqual(['cpu.cfs_period_us', 'cpu.cfs_quota_us']);
  });

  test('a root that does not exist, or is a file: none', () => {
    expect(detectUnder(path.join(temp, 'missing'))).toMatchObject({ available: false, mechanism: 'none' });
    const file = path.join(temp, 'a-file');
    writeFileSync(file, '');
    expect(detectUnder(file)).toMatchObject({ available: false, mechanism: 'none' });
  });

  test('where cpu shares are not available, create refuses and the rest does nothing', () => {
    const none = CpuShares.detect({ root: path.join(temp, 'missing') });
    expect(() => none.create(0.5)).toThrow(/cpu shares are not available: no cgroup file system/);
    expect(none.removeStale()).toBe(0);
    expect(() => none.removeAll()).not.toThrow();
  });

  test('a user other than root, on the real cgroups: none, saying they are not writable', () => {
    if (process.getuid!() !== 0) {
      // Already not root: whatever this machine delegates, detect answers consistently.
      const support = CpuShares.detect().support;
      expect(support.available).toBe(support.mechanism !== 'none');
      expect(support.detail.length).toBeGreaterThan(0);
      return;
    }
    // As root: the module bundled into a folder nobody can read, run as nobody.
    const folder = mkdtempSync(path.join(temp, 'nobody-'));
    chmodSync(temp, 0o755);
    chmodSync(folder, 0o755);
    const bundle = path.join(folder, 'cpu-share.js');
    buildSync({ entryPoints: [path.join(__dirname, '..', '..', '..', '..', 'src', 'lsf', 'bench', 'host', 'cpu-share.ts')], bundle: true, platform: 'node', outfile: bundle, logLevel: 'silent' });
    chmodSync(bundle, 0o644);
    const run = spawnSync(process.execPath, ['-e', `console.log(JSON.stringify(require(${JSON.stringify(bundle)}).CpuShares.detect().support))`], {
      uid: 65534, gid: 65534, cwd: folder, encoding: 'utf8', timeout: 10_000,
    });
    expect(run.stderr).toBe('');
    const support = JSON.parse(run.stdout) as CpuShares['support'];
    expect(support).toMatchObject({ available: false, mechanism: 'none' });
    expect(support.detail).toMatch(/not writable \((EACCES|EPERM|EROFS)|cannot (enable|make)/);
    expect(support.detail).toContain('--no-cpu-share');
  });
});

describe('CpuShares on this machine\'s cgroups', () => {
  test('detect finds a writable cpu controller', () => {
    requireCpuShares();
    expect(['cgroup-v1', 'cgroup-v2']).toContain(shares.support.mechanism);
    expect(shares.support.detail).toContain(`${CFS_PERIOD_US / 1000} ms period`);
  });

  test('create writes quota = vcpus × the 20 ms period, at least the kernel\'s 1 ms', async () => {
    requireCpuShares();
    const tenth = shares.create(0.1);
    expect(path.basename(tenth.path)).toMatch(new RegExp(`^lsf-${process.pid}-\\d+$`));
    expect(limitsOf(tenth)).toEqual([2000, 20_000]);
    expect(tenth.vcpus).toBeCloseTo(0.1, 10);
    const lambda128 = shares.create(vcpusForMemory(128));
    expect(limitsOf(lambda128)).toEqual([1447, 20_000]);
    const tiny = shares.create(0.01);
    expect(limitsOf(tiny)).toEqual([1000, 20_000]);
    expect(tiny.vcpus).toBeCloseTo(0.05, 10);
    const two = shares.create(2);
    expect(limitsOf(two)).toEqual([40_000, 20_000]);
    expect(() => shares.create(0)).toThrow(RangeError);
    expect(() => shares.create(Number.NaN)).toThrow(RangeError);
    for (const cgroup of [tenth, lambda128, tiny, two]) await cgroup.remove();
    expect(lsfCgroupsOf(process.pid)).toEqual([]);
  });

  test('a CPU-bound process at 0.1 vCPU gets about a tenth of a core, and the cgroup counts its throttling', async () => {
    requireCpuShares();
    const unthrottled = await busyShare();
    const cgroup = shares.create(0.1);
    const throttledBefore = throttledCount(cgroup);
    const throttled = await busyShare(cgroup);
    const throttledAfter = throttledCount(cgroup);
    await cgroup.remove();
    // About 0.1 (a little more: the last period's quota and the moment before the move).
    expect(throttled).toBeLessThan(0.2);
    expect(throttled).toBeLessThan(0.3 * unthrottled);
    // One second at 20 ms periods: about 50 periods, nearly all of them throttled.
    expect(throttledAfter - throttledBefore).toBeGreaterThan(20);
  });

  test('processes the group already had, and children started after the move, are in the cgroup', async () => {
    requireCpuShares();
    const parent = startNode(`
      const { spawn } = require('node:child_process');
      const before = spawn('sleep', ['20'], { stdio: 'ignore' });
      console.log(before.pid);
      process.stdin.once('data', () => console.log(spawn('sleep', ['20'], { stdio: 'ignore' }).pid));
    `);
    const next = lines(parent);
    const before = Number(await next());
    const group = processesInGroup(parent.pid!);
    expect(group.sort()).toEqual([parent.pid!, before].sort());
    const cgroup = shares.create(0.5);
    cgroup.addProcesses(group);
    parent.stdin!.write('go\n');
    const after = Number(await next());
    for (const pid of [parent.pid!, before, after]) {
      expect({ pid, inCgroup: inCgroup(pid, cgroup) }).toEqual({ pid, inCgroup: true });
    }
    const members = readFileSync(path.join(cgroup.path, 'cgroup.procs'), 'utf8').trim().split('\n').map(Number);
    expect(members.sort()).toEqual([parent.pid!, before, after].sort());
    // A pid that is gone by the time it is moved is skipped.
    const gone = spawnSync('true').pid;
    expect(() => cgroup.addProcesses([gone])).not.toThrow();
    await stop(parent);
    await cgroup.remove();
    expect(existsSync(cgroup.path)).toBe(false);
  });

  test('remove() waits for processes that are exiting, and gives up on ones that stay', async () => {
    requireCpuShares();
    // Takes 300 ms to exit once asked to.
    const slow = startNode(`
      process.on('SIGTERM', () => setTimeout(() => process.exit(0), 300));
      setInterval(() => undefined, 1000);
      console.log('ready');
    `);
    expect(await lines(slow)()).toBe('ready');
    const cgroup = shares.create(0.5);
    cgroup.addProcesses([slow.pid!]);
    slow.kill('SIGTERM');
    const asked = Date.now();
    await cgroup.remove();
    expect(Date.now() - asked).toBeGreaterThanOrEqual(250);
    expect(existsSync(cgroup.path)).toBe(false);

    const stays = startSleep();
    const held = shares.create(0.5);
    held.addProcesses([stays.pid!]);
    const trying = Date.now();
    await expect(held.remove()).rejects.toThrow(new RegExp(`processes ${stays.pid} still in it after 2000 ms`));
    expect(Date.now() - trying).toBeLessThan(5000);
    expect(existsSync(held.path)).toBe(true);
    await stop(stays);
    await held.remove();
    expect(existsSync(held.path)).toBe(false);
  });

  test('removeStale removes the cgroups of a dead owner, killing what was left in them, and keeps a live owner\'s', async () => {
    requireCpuShares();
    const base = cgroupBase();
    const dead = spawnSync('true').pid;
    expect(alive(dead)).toBe(false);
    const owner = startSleep();
    const leftover = startSleep();
    const deadEmpty = path.join(base, `lsf-${dead}-1`);
    const deadBusy = path.join(base, `lsf-${dead}-2`);
    const live = path.join(base, `lsf-${owner.pid}-1`);
    for (const folder of [deadEmpty, deadBusy, live]) mkdirSync(folder);
    try {
      writeFileSync(path.join(deadBusy, 'cgroup.procs'), `${leftover.pid}\n`);
      const removed = shares.removeStale();
      // Other runs' leftovers may be removed too.
      expect(removed).toBeGreaterThanOrEqual(2);
      expect(existsSync(deadEmpty)).toBe(false);
      expect(existsSync(deadBusy)).toBe(false);
      expect(existsSync(live)).toBe(true);
      await exited(leftover);
      expect(leftover.signalCode).toBe('SIGKILL');
      // Our own cgroups are never stale.
      const ours = shares.create(0.5);
      expect(shares.removeStale()).toBe(0);
      expect(existsSync(ours.path)).toBe(true);
      await ours.remove();
    } finally {
      await Promise.all([stop(owner), stop(leftover)]);
      for (const folder of [deadEmpty, deadBusy, live]) {
        try {
          rmdirSync(folder);
        } catch {
          // Removed by the test already.
        }
      }
    }
    expect(existsSync(live)).toBe(false);
  });

  test('removeAll removes every cgroup the instance made, killing what is still in them, and leaves no lsf cgroup of ours', async () => {
    requireCpuShares();
    const other = CpuShares.detect();
    const cgroups = [other.create(0.1), other.create(0.5), other.create(1)];
    const removedAlready = other.create(0.2);
    await removedAlready.remove();
    const inside = startSleep();
    const exiting = startSleep();
    cgroups[0].addProcesses([inside.pid!]);
    cgroups[1].addProcesses([exiting.pid!]);
    exiting.kill('SIGKILL');
    const began = Date.now();
    other.removeAll();
    expect(Date.now() - began).toBeLessThan(2000);
    for (const cgroup of cgroups) expect(existsSync(cgroup.path)).toBe(false);
    await exited(inside);
    expect(inside.signalCode).toBe('SIGKILL');
    expect(lsfCgroupsOf(process.pid)).toEqual([]);
    expect(() => other.removeAll()).not.toThrow();
  });
});
