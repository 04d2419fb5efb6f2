import * as lambda from 'aws-cdk-lib/aws-lambda';
import { MeasuredSamples, RuntimeIdentity, summarise } from '../../../src/lsf/report/runtime-summary';

const RUST: RuntimeIdentity = { name: 'rust', description: 'Rust bootstrap (x86_64 host build)', role: 'rust', packageBytes: 2048 };

const SAMPLES: MeasuredSamples = {
  initMs: [12, 10, 11],
  firstResponseMs: [14, 13, 15],
  warmMs: [1, 2, 3, 4, 5],
  maxMemoryMb: 18.5,
};

/** 1 GB on arm64, never cold. */
const ARM_1GB = { memorySize: 1024, architecture: lambda.Architecture.ARM_64, coldStartRatePercent: 0 };

// us-east-1: arm64 $0.0000133334 and x86_64 $0.0000166667 per GB-s, $0.20 per million requests.
describe('summarise', () => {
  test('percentiles of each sample, the gap, the identity and the peak memory', () => {
    const s = summarise(RUST, SAMPLES, ARM_1GB);
    expect(s).toMatchObject({
      name: 'rust',
      description: 'Rust bootstrap (x86_64 host build)',
      role: 'rust',
      packageBytes: 2048,
      runtimeVersion: undefined,
      maxMemoryMb: 18.5,
    });
    expect([s.init.p50, s.firstResponse.p50, s.warm.p50, s.warm.mean, s.warm.count]).toEqual([11, 14, 3, 3, 5]);
    // First response p50 minus warm p50.
    expect(s.coldStartGapMs).toBe(11);
  });

  test('cost with no cold starts: a million 3 ms invocations at 1 GB on arm64, plus requests', () => {
    const s = summarise(RUST, SAMPLES, ARM_1GB);
    // 1e6 x 0.003 s x 1 GB x 0.0000133334 = 0.0400002; + 0.20
    expect(s.costPerMillion).toBeCloseTo(0.2400002, 9);
  });

  test('cost with 10% cold: each cold one billed init p50 plus the warm mean', () => {
    const s = summarise(RUST, SAMPLES, { ...ARM_1GB, coldStartRatePercent: 10 });
    // (0.9 x 3 ms + 0.1 x (11 + 3) ms) = 4.1 ms: 1e6 x 0.0041 x 0.0000133334 = 0.05466694; + 0.20
    expect(s.costPerMillion).toBeCloseTo(0.25466694, 9);
  });

  test('cost with 10% cold when the cold starts bill less than they take (SnapStart restores): the billed part is priced', () => {
    const s = summarise(RUST, { ...SAMPLES, billedColdStartMs: [4, 5, 6] }, { ...ARM_1GB, coldStartRatePercent: 10 });
    expect([s.init.p50, s.billedColdStartMs]).toEqual([11, 5]);
    // (0.9 x 3 ms + 0.1 x (5 + 3) ms) = 3.5 ms: 1e6 x 0.0035 x 0.0000133334 = 0.0466669; + 0.20
    expect(s.costPerMillion).toBeCloseTo(0.2466669, 9);
  });

  test('cost on x86_64 at 2 GB', () => {
    const s = summarise(RUST, SAMPLES, { memorySize: 2048, architecture: lambda.Architecture.X86_64, coldStartRatePercent: 0 });
    // 1e6 x 0.003 s x 2 GB x 0.0000166667 = 0.1000002; + 0.20
    expect(s.costPerMillion).toBeCloseTo(0.3000002, 9);
  });

  test('billed durations, when Lambda reported them, are what costs; the warm row still shows the durations', () => {
    const s = summarise(RUST, { ...SAMPLES, billedMs: [4, 4, 4, 4, 4] }, ARM_1GB);
    expect(s.warm.p50).toBe(3);
    // 1e6 x 0.004 x 0.0000133334 = 0.0533336; + 0.20
    expect(s.costPerMillion).toBeCloseTo(0.2533336, 9);
  });

  test('a twin keeps its runtime version; no package size or memory stays absent', () => {
    const runtimeVersion = { lambda: 'python3.13', local: 'Python 3.11.7', matches: false };
    const s = summarise({ name: 'python', description: 'CPython', role: 'twin', runtimeVersion },
      { initMs: [200], firstResponseMs: [210], warmMs: [2] }, ARM_1GB);
    expect(s.runtimeVersion).toEqual(runtimeVersion);
    expect(s.packageBytes).toBeUndefined();
    expect(s.maxMemoryMb).toBeUndefined();
    expect(s.coldStartGapMs).toBe(208);
  });
});
