import { atMemorySize, sizedName, SweepPoint, sweepChoices } from '../../../src/lsf/bench/memory-sweep';
import { RuntimeSpec } from '../../../src/lsf/bench/runtime/runtime-spec';
import { summaryRow } from '../report/summary-rows';

const SPEC: RuntimeSpec = {
  name: 'rust',
  description: 'Rust bootstrap',
  role: 'rust',
  launch: { command: '/cache/bootstrap', args: ['--quiet'], cwd: '/cache', env: { PATH: '/usr/bin', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024', _HANDLER: 'bootstrap' } },
  packageBytes: 4096,
  memorySize: 1024,
};

describe('sizedName', () => {
  test('the runtime and its size: rust@512', () => {
    expect(sizedName('rust', 512)).toBe('rust@512');
  });
});

describe('atMemorySize', () => {
  test('the runtime told its size, named for it, with the CPU share that size buys (memory / 1769)', () => {
    const sized = atMemorySize(SPEC, 512, 4);
    expect(sized).toEqual({
      ...SPEC,
      name: 'rust@512',
      memorySize: 512,
      vcpus: 512 / 1769,
      launch: { ...SPEC.launch, env: { PATH: '/usr/bin', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512', _HANDLER: 'bootstrap' } },
    });
    expect(sized.vcpus).toBeCloseTo(0.2894, 4);
  });

  test.each([
    [128, 8, 128 / 1769],
    [1769, 8, 1],
    [3538, 8, 2],
    [10240, 8, 10240 / 1769],
    // Capped at this machine's cores: a larger share would limit nothing.
    [3538, 1, 1],
    [10240, 2, 2],
  ])('%d MB on %d cores is %d vCPU', (memorySize, cores, vcpus) => {
    expect(atMemorySize(SPEC, memorySize, cores).vcpus).toBeCloseTo(vcpus, 12);
  });

  test('leaves the runtime it was given as it was', () => {
    atMemorySize(SPEC, 256, 4);
    expect(SPEC.name).toBe('rust');
    expect(SPEC.launch.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE).toBe('1024');
  });
});

/** A sweep point with one row per runtime, from [warm p50, cost per million] pairs. */
function point(memorySize: number, rows: Record<string, [number, number]>): SweepPoint {
  return {
    memorySize,
    vcpus: memorySize / 1769,
    runtimes: Object.entries(rows).map(([name, [warmP50, cost]]) => summaryRow(name, name === 'rust' ? 'rust' : 'twin', {
      init: [1, 2], warm: [warmP50, warmP50 * 2], costPerMillion: cost,
    })),
  };
}

describe('sweepChoices', () => {
  test('cheapest: the lowest cost; balanced: the fastest warm p50 within 10% of that cost', () => {
    const points = [
      point(128, { rust: [2.0, 0.21], python: [30, 0.5] }),
      point(256, { rust: [1.0, 0.2], python: [10, 0.4] }),
      point(512, { rust: [0.6, 0.22], python: [8, 0.45] }),
      point(1024, { rust: [0.5, 0.3], python: [7, 0.46] }),
    ];
    // rust: cheapest 256 ($0.20); within $0.22: 128, 256, 512; fastest of those 512 (0.6 ms), not 1024 ($0.30).
    // python: cheapest 256 ($0.40); within $0.44: only 256 itself.
    expect(sweepChoices(points)).toEqual([
      { runtime: 'rust', cheapest: 256, balanced: 512 },
      { runtime: 'python', cheapest: 256, balanced: 256 },
    ]);
  });

  test('exactly 10% over the cheapest cost is still affordable', () => {
    const points = [point(128, { rust: [4, 0.5] }), point(256, { rust: [2, 0.55] }), point(512, { rust: [1, 0.5501] })];
    expect(sweepChoices(points)).toEqual([{ runtime: 'rust', cheapest: 128, balanced: 256 }]);
  });

  test('a tie goes to the first size listed, in cost and in speed', () => {
    const points = [point(512, { rust: [1, 0.3] }), point(128, { rust: [1, 0.3] }), point(1024, { rust: [1, 0.3] })];
    expect(sweepChoices(points)).toEqual([{ runtime: 'rust', cheapest: 512, balanced: 512 }]);
  });

  test('the runtimes in the order of the first point; rows found by name at every size', () => {
    const points = [point(128, { node: [20, 0.3], rust: [2, 0.21] }), point(1024, { rust: [0.5, 0.25], node: [3, 0.28] })];
    expect(sweepChoices(points)).toEqual([
      { runtime: 'node', cheapest: 1024, balanced: 1024 },
      { runtime: 'rust', cheapest: 128, balanced: 128 },
    ]);
  });

  test('no sizes, no choices', () => {
    expect(sweepChoices([])).toEqual([]);
  });
});
