import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LambdaCost } from '../src';
import { erlangLoss } from '../src/private/cost/erlang-loss';

const x86 = lambda.Architecture.X86_64;
const cost = LambdaCost.US_EAST_1;

// A month is 730 h = 2,628,000 s. Each expected figure below is computed by hand in its comment.
describe('LambdaCost: provisioned concurrency and SnapStart prices (us-east-1)', () => {
  test('one provisioned 1,024 MB environment for a month: x86_64 $10.95, arm64 $8.76', () => {
    // 1 x 1 GB x 2,628,000 s x $0.0000041667 = $10.9500876; x $0.0000033334 = $8.7601752.
    expect(cost.provisionedCostPerMonth(1, 1024, x86)).toBeCloseTo(10.9500876, 9);
    expect(cost.provisionedCostPerMonth(1, 1024)).toBeCloseTo(8.7601752, 9);
  });

  test('matches AWS\'s own provisioned-concurrency example: 7 x 4,096 MB on x86_64 for 24 hours is $10.08', () => {
    // https://aws.amazon.com/lambda/pricing/: 28 GB x 86,400 s x $0.0000041667 = $10.08 (10.0800806).
    expect(cost.provisionedCostPerMonth(7, 4096, x86) * 24 / 730).toBeCloseTo(10.0800806, 6);
  });

  test('duration under provisioned concurrency is priced lower than on demand, per architecture', () => {
    expect(cost.provisionedDurationPricePerGbSecond(x86)).toBe(0.0000097222);
    expect(cost.provisionedDurationPricePerGbSecond(lambda.Architecture.ARM_64)).toBe(0.0000077778);
    expect(cost.provisionedPricePerGbSecond(x86)).toBe(0.0000041667);
    expect(cost.provisionedPricePerGbSecond(lambda.Architecture.ARM_64)).toBe(0.0000033334);
  });

  test('SnapStart: a 512 MB version cached for a month is $1.98, a restore $0.0000699', () => {
    // 0.5 GB x 2,628,000 s x $0.0000015046 = $1.9770444; 0.5 GB x $0.0001397998 = $0.0000698999.
    expect(cost.snapStartCacheCostPerMonth(512)).toBeCloseTo(1.9770444, 9);
    expect(cost.snapStartRestoreCost(512)).toBeCloseTo(0.0000698999, 12);
  });

  test('matches AWS\'s own SnapStart example: 1 GB cached 31 days is $4.03, 74,400 restores of 1 GB $10.40', () => {
    // https://aws.amazon.com/lambda/pricing/: 2,678,400 GB-s x $0.0000015046 = $4.03; 74,400 GB x $0.0001397998 = $10.40.
    expect(cost.snapStartCacheCostPerMonth(1024) * (31 * 24) / 730).toBeCloseTo(4.0299, 4);
    expect(cost.snapStartRestoreCost(1024) * 74_400).toBeCloseTo(10.4011, 4);
  });

  test('a month on demand at a steady rate: the cost per million (measured cold-start rate included) x the month\'s invocations', () => {
    // Rust, 512 MB arm64, 4 ms warm, 16 ms init, 1% cold: 0.99 x 4 + 0.01 x 20 = 4.16 ms billed on average.
    // 1e6 x 0.00416 s x 0.5 GB x $0.0000133334 = $0.027733472 + $0.20 = $0.227733472 per million.
    // 50 rps x 2,628,000 s = 131.4 million invocations: $29.9241782208.
    expect(cost.costPerMonth(50, { durationMs: 4, memorySize: 512, initDurationMs: 16, coldStartRatePercent: 1 })).toBeCloseTo(29.9241782208, 8);
  });

  test('takes other regions\' prices for all of them', () => {
    const other = new LambdaCost({ x86ProvisionedPerGbSecond: 0.000005, snapStartCachePerGbSecond: 0.000002, snapStartRestorePerGb: 0.0002 });
    // 1 GB x 2,628,000 s x $0.000005 = $13.14.
    expect(other.provisionedCostPerMonth(1, 1024, x86)).toBeCloseTo(13.14, 9);
    expect(other.snapStartCacheCostPerMonth(1024)).toBeCloseTo(5.256, 9);
    expect(other.snapStartRestoreCost(2048)).toBeCloseTo(0.0004, 12);
    expect(other.arm64ProvisionedDurationPerGbSecond).toBe(0.0000077778);
  });
});

describe('LambdaCost.provisionedConcurrency: Little\'s law, then Erlang\'s loss formula for the headroom', () => {
  test('Erlang\'s loss formula, exact for a load of 2: B(6) = 28/2317, B(7) = 8/2325', () => {
    // A^n/n! / sum_k A^k/k! with A = 2, x 315: terms 315, 630, 630, 420, 210, 84, 28, 8.
    expect(erlangLoss(6, 2)).toBeCloseTo(28 / 2317, 15);
    expect(erlangLoss(7, 2)).toBeCloseTo(8 / 2325, 15);
    expect(erlangLoss(0, 2)).toBe(1);
  });

  test('a Python twin at 50 rps, 40 ms warm, 512 MB arm64, 1% target: 7 environments, $78.40 a month', () => {
    const estimate = cost.provisionedConcurrency({ requestsPerSecond: 50, warmDurationMs: 40, memorySize: 512, initDurationMs: 320 });
    // Little's law: 50 x 0.040 = 2 busy on average. B(6, 2) = 1.21% > 1%, B(7, 2) = 8/2325 = 0.344% <= 1%: 7, headroom 250%.
    expect(estimate.meanConcurrency).toBeCloseTo(2, 12);
    expect(estimate.provisionedConcurrency).toBe(7);
    expect(estimate.headroomPercent).toBeCloseTo(250, 9);
    expect(estimate.spillOverRatePercent).toBeCloseTo(800 / 2325, 12);
    // 7 x 0.5 GB x 2,628,000 s x $0.0000033334 = $30.6606132.
    expect(estimate.provisionedCostPerMonth).toBeCloseTo(30.6606132, 9);
    // 131.4 M invocations. Kept warm (2317/2325): 2,628,000 GB-s x 2317/2325 x $0.0000077778 = $20.369727;
    // spilled, billed cold (8/2325): 131.4 M x 8/2325 x 0.360 s x 0.5 GB x $0.0000133334 = $1.085115.
    expect(estimate.durationCostPerMonth).toBeCloseTo(21.4548421192, 8);
    // 131.4 M x $0.20 per million = $26.28.
    expect(estimate.requestCostPerMonth).toBeCloseTo(26.28, 9);
    expect(estimate.totalCostPerMonth).toBeCloseTo(78.3954553192, 8);
  });

  test('the same twin on demand with a 1% cold-start rate costs $64.12 a month, the Rust function $29.92', () => {
    // 0.99 x 40 + 0.01 x 360 = 43.2 ms: 1e6 x 0.0432 x 0.5 x $0.0000133334 = $0.28800144 + $0.20, x 131.4.
    expect(cost.costPerMonth(50, { durationMs: 40, memorySize: 512, initDurationMs: 320, coldStartRatePercent: 1 })).toBeCloseTo(64.123389216, 8);
  });

  test('a looser target needs fewer environments; a bigger load, relatively less headroom', () => {
    const at = (targetColdStartRatePercent: number, requestsPerSecond = 50) =>
      cost.provisionedConcurrency({ requestsPerSecond, warmDurationMs: 40, memorySize: 512, targetColdStartRatePercent });
    // B(5, 2) = 16/436 = 3.67% <= 5%, B(4, 2) = 9.5% > 5%.
    expect(at(5).provisionedConcurrency).toBe(5);
    // Every invocation may spill over: nothing to provision.
    expect(at(100).provisionedConcurrency).toBe(0);
    expect(at(1, 5000).headroomPercent).toBeLessThan(at(1).headroomPercent);
  });

  test.each<[string, object, string]>([
    ['a zero request rate', { requestsPerSecond: 0 },
      'LambdaCost: invalid `requestsPerSecond`: must be a number of requests per second above 0, got 0. Give the steady (or peak) request rate, e.g. 50'],
    ['a request rate as a string', { requestsPerSecond: '50' },
      'LambdaCost: invalid `requestsPerSecond`: must be a number of requests per second above 0, got \'50\'. Give the steady (or peak) request rate, e.g. 50'],
    ['a zero warm duration', { warmDurationMs: 0 },
      'LambdaCost: invalid `warmDurationMs`: must be above 0 ms, got 0. Give the warm invocation\'s duration in milliseconds'],
    ['a 0% target', { targetColdStartRatePercent: 0 },
      'LambdaCost: invalid `targetColdStartRatePercent`: must be a percentage above 0 and at most 100, got 0. '
      + 'Give the largest acceptable share of cold starts, e.g. 1 for 1% (no finite provisioned concurrency guarantees 0%)'],
    ['a negative init', { initDurationMs: -1 },
      'LambdaCost: invalid `initDurationMs`: must be 0 ms or more, got -1. Give the cold start\'s init duration in milliseconds'],
    ['an architecture as a string', { architecture: 'x86_64' },
      'LambdaCost: invalid `architecture`: must be a lambda.Architecture, got \'x86_64\'. Use lambda.Architecture.ARM_64 (the default) or X86_64'],
    ['a memory size Lambda does not have', { memorySize: 64 },
      'LambdaCost: invalid `memorySize`: Lambda memory is a whole number of MB from 128 to 10240, got 64. Give the function\'s configured memory'],
  ])('rejects %s', (_, bad, message) => {
    expect(() => cost.provisionedConcurrency({ requestsPerSecond: 50, warmDurationMs: 40, memorySize: 512, ...bad } as any)).toThrow(message);
  });

  test.each<[string, () => unknown, string]>([
    ['a negative provisioned price', () => new LambdaCost({ arm64ProvisionedPerGbSecond: -0.1 }),
      'LambdaCost: invalid `arm64ProvisionedPerGbSecond`: must be a price in USD of 0 or more, got -0.1. Give the price from the Lambda pricing page of your region'],
    ['a provisioned duration price as a string', () => new LambdaCost({ x86ProvisionedDurationPerGbSecond: '0.00001' as any }),
      'LambdaCost: invalid `x86ProvisionedDurationPerGbSecond`: must be a price in USD of 0 or more, got \'0.00001\'. Give the price from the Lambda pricing page of your region'],
    ['a NaN SnapStart restore price', () => new LambdaCost({ snapStartRestorePerGb: NaN }),
      'LambdaCost: invalid `snapStartRestorePerGb`: must be a price in USD of 0 or more, got NaN. Give the price from the Lambda pricing page of your region'],
    ['a negative SnapStart cache price', () => new LambdaCost({ snapStartCachePerGbSecond: -1 }),
      'LambdaCost: invalid `snapStartCachePerGbSecond`: must be a price in USD of 0 or more, got -1. Give the price from the Lambda pricing page of your region'],
    ['a fractional provisioned concurrency', () => cost.provisionedCostPerMonth(1.5, 512),
      'LambdaCost: invalid `concurrency`: must be a whole number of environments, 0 or more, got 1.5. Give the provisioned concurrency, e.g. 5'],
    ['a SnapStart memory size as a string', () => cost.snapStartCacheCostPerMonth('512' as any),
      'LambdaCost: invalid `memorySize`: Lambda memory is a whole number of MB from 128 to 10240, got \'512\'. Give the function\'s configured memory'],
    ['a month at no traffic', () => cost.costPerMonth(-5, { durationMs: 4, memorySize: 512 }),
      'LambdaCost: invalid `requestsPerSecond`: must be a number of requests per second above 0, got -5. Give the steady (or peak) request rate, e.g. 50'],
  ])('rejects %s', (_, compute, message) => {
    expect(compute).toThrow(message);
  });

  test('null, like Python\'s None, is an input not given: the defaults apply', () => {
    const nulls = { architecture: null, targetColdStartRatePercent: null, initDurationMs: null } as any;
    expect(cost.provisionedConcurrency({ requestsPerSecond: 50, warmDurationMs: 40, memorySize: 512, ...nulls }).provisionedConcurrency).toBe(7);
    expect(new LambdaCost({ snapStartRestorePerGb: null } as any).snapStartRestorePerGb).toBe(0.0001397998);
  });
});
