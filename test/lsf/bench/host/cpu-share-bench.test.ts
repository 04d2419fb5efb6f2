import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BenchPlan, runBench } from '../../../../src/lsf/bench/bench';
import { CpuShares } from '../../../../src/lsf/bench/host/cpu-share';
import { RuntimeFault } from '../../../../src/lsf/bench/runtime/runtime-fault';
import { liveProcessGroups } from '../../../../src/lsf/bench/runtime/runtime-process';
import { RuntimeSpec } from '../../../../src/lsf/bench/runtime/runtime-spec';
import { Case } from '../../../../src/lsf/events/cases';
import { nodeFixture } from '../fault-fixtures';

const CASES: Case[] = [{ name: 'any', event: '{}' }];
const V1_CPU = '/sys/fs/cgroup/cpu';

let shares: CpuShares;
beforeAll(() => {
  shares = CpuShares.detect();
  // This machine kind runs the tests as root with the cpu controller: the emulation is what is tested.
  if (!shares.support.available) throw new Error(`the CPU share tests need a writable cpu controller: ${shares.support.detail}`);
});
afterEach(() => {
  expect(liveProcessGroups()).toEqual([]);
  expect(ourCgroups()).toEqual([]);
});
afterAll(() => shares.removeAll());

/** cgroups this process made and left behind. */
function ourCgroups(): string[] {
  const root = shares.support.mechanism === 'cgroup-v1' ? V1_CPU : '/sys/fs/cgroup';
  return readdirSync(root).filter((name) => name.startsWith(`lsf-${process.pid}-`));
}

function plan(throttleInit: boolean, extra: Partial<BenchPlan> = {}): BenchPlan {
  return {
    name: 'cpu-bound',
    constructPaths: ['App/CpuBound'],
    coldStarts: 3,
    warmInvocations: 8,
    limits: { initTimeoutMs: 20_000, invocationTimeoutMs: 10_000 },
    assumptions: { profile: 'custom', memorySize: 1769, architecture: 'arm64', coldStartRatePercent: 1, requestsPerSecond: 10 },
    memorySizes: [128],
    cpu: {
      placement: { create: (vcpus) => shares.create(vcpus), throttleInit },
      note: { applied: true, mechanism: shares.support.mechanism, throttleInit, detail: shares.support.detail },
    },
    ...extra,
  };
}

function cpuBound(initWork = 0): RuntimeSpec {
  return { ...nodeFixture('cpu-bound.js', { INIT_WORK: String(initWork) }), name: 'rust', role: 'rust' };
}

function at(result: Awaited<ReturnType<typeof runBench>>, memorySize: number) {
  return result.sweep!.points.find((p) => p.memorySize === memorySize)!.runtimes[0];
}

describe('each runtime gets the CPU its memory buys on Lambda', () => {
  test('a CPU-bound handler is at least 5x slower warm at 128 MB than at 1,769 MB', async () => {
    const result = await runBench([cpuBound()], CASES, plan(false));
    const small = at(result, 128).warm.p50;
    const large = at(result, 1769).warm.p50;
    // eslint-disable-next-line no-console
    console.log(`CPU-bound warm p50: ${small.toFixed(1)} ms at 128 MB, ${large.toFixed(1)} ms at 1769 MB: ${(small / large).toFixed(1)}x (the vCPU ratio is 13.8x)`);
    expect(small / large).toBeGreaterThanOrEqual(5);
    expect(result.cpuShare).toMatchObject({ applied: true, vcpus: 1 });
    expect(result.sweep!.points.map((p) => p.vcpus)).toEqual([128 / 1769, 1]);
  }, 120_000);

  test('init runs at full CPU (Lambda\'s burst) unless --throttle-init asks for the worst case', async () => {
    const burst = await runBench([cpuBound(4)], CASES, plan(false, { warmInvocations: 1 }));
    const throttled = await runBench([cpuBound(4)], CASES, plan(true, { warmInvocations: 1 }));
    const ratio = (r: typeof burst) => at(r, 128).init.p50 / at(r, 1769).init.p50;
    // eslint-disable-next-line no-console
    console.log(`CPU-bound init (4 units) at 128 vs 1769 MB: ${ratio(burst).toFixed(2)}x with burst init, ${ratio(throttled).toFixed(2)}x throttled`);
    expect(ratio(burst)).toBeLessThan(2);
    expect(ratio(throttled)).toBeGreaterThanOrEqual(3);
  }, 180_000);

  test('a runtime fault in a throttled run leaves no cgroup and no process behind', async () => {
    const run = runBench([{ ...nodeFixture('throws.js'), name: 'rust', role: 'parity-only' }, cpuBound()], CASES, plan(false));
    await expect(run).rejects.toThrow(RuntimeFault);
  }, 60_000);
});

describe('where no cgroup can be written', () => {
  test('lsf bench says so once, runs unthrottled and labels the figures', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'lsf-no-cgroup-'));
    const saved = process.env.LSF_CGROUP_ROOT;
    process.env.LSF_CGROUP_ROOT = empty;
    try {
      const noShares = CpuShares.detect({ root: empty });
      expect(noShares.support.available).toBe(false);
      expect(noShares.support.detail).toContain('--no-cpu-share');
    } finally {
      process.env.LSF_CGROUP_ROOT = saved;
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
