import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LambdaCost } from '../src';

const x86 = lambda.Architecture.X86_64;
const arm = lambda.Architecture.ARM_64;

describe('LambdaCost', () => {
  test('the seed article: 150 ms at 1,024 MB on x86_64 is about $2.50 per million, compute only', () => {
    // 1e6 x 0.150 s x 1 GB x $0.0000166667 = $2.500005
    expect(LambdaCost.US_EAST_1.computeCostPerMillion({ durationMs: 150, memorySize: 1024, architecture: x86 })).toBeCloseTo(2.500005, 9);
  });

  test('adds $0.20 per million requests to the total', () => {
    expect(LambdaCost.US_EAST_1.costPerMillion({ durationMs: 150, memorySize: 1024, architecture: x86 })).toBeCloseTo(2.700005, 9);
  });

  test('prices arm64 GB-seconds at $0.0000133334, and arm64 is the default', () => {
    // 1e6 x 0.010 s x 0.5 GB x $0.0000133334 = $0.066667
    expect(LambdaCost.US_EAST_1.computeCostPerMillion({ durationMs: 10, memorySize: 512 })).toBeCloseTo(0.066667, 9);
    expect(LambdaCost.US_EAST_1.pricePerGbSecond(arm)).toBe(0.0000133334);
    expect(LambdaCost.US_EAST_1.pricePerGbSecond(x86)).toBe(0.0000166667);
  });

  test('bills each invocation in whole milliseconds, and a cold start\'s init with it', () => {
    // Warm: 3.2 ms bills 4 ms. Cold: 14.9 + 3.2 = 18.1 ms bills 19 ms. 5% cold: 0.95 x 4 + 0.05 x 19 = 4.75 ms.
    // 1e6 x 0.00475 s x 0.5 GB x $0.0000133334 = $0.031666825 (compute), + $0.20 requests.
    const invocation = { durationMs: 3.2, memorySize: 512, architecture: arm, initDurationMs: 14.9, coldStartRatePercent: 5 };
    expect(LambdaCost.US_EAST_1.computeCostPerMillion(invocation)).toBeCloseTo(0.031666825, 9);
    expect(LambdaCost.US_EAST_1.costPerMillion(invocation)).toBeCloseTo(0.231666825, 9);
  });

  test('a Python twin paying an 80.6 ms init on every cold start costs more than the same work in Rust', () => {
    // 128 MB x86_64, 20 ms handler, 10% cold. Python: 0.9 x 20 + 0.1 x ceil(100.6) = 18 + 10.1 = 28.1 ms.
    // 1e6 x 0.0281 s x 0.125 GB x $0.0000166667 = $0.05854178375.
    const python = { durationMs: 20, memorySize: 128, architecture: x86, initDurationMs: 80.6, coldStartRatePercent: 10 };
    expect(LambdaCost.US_EAST_1.computeCostPerMillion(python)).toBeCloseTo(0.05854178375, 9);
    // Rust, same work at 15.5 ms init: 0.9 x 20 + 0.1 x ceil(35.5) = 18 + 3.6 = 21.6 ms -> $0.04500009.
    expect(LambdaCost.US_EAST_1.computeCostPerMillion({ ...python, initDurationMs: 15.5 })).toBeCloseTo(0.04500009, 9);
  });

  test('takes other regions\' prices', () => {
    const cost = new LambdaCost({ arm64PerGbSecond: 0.00001, perMillionRequests: 0.25 });
    expect(cost.x86PerGbSecond).toBe(0.0000166667);
    // 1e6 x 0.1 s x 1 GB x $0.00001 = $1, + $0.25.
    expect(cost.costPerMillion({ durationMs: 100, memorySize: 1024 })).toBeCloseTo(1.25, 9);
  });

  test.each<[string, () => unknown, string]>([
    ['a negative price', () => new LambdaCost({ x86PerGbSecond: -1 }),
      'LambdaCost: invalid `x86PerGbSecond`: must be a price in USD of 0 or more, got -1. Give the price from the Lambda pricing page of your region'],
    ['a negative duration', () => LambdaCost.US_EAST_1.computeCostPerMillion({ durationMs: -1, memorySize: 128 }),
      'LambdaCost: invalid `durationMs`: must be 0 ms or more, got -1. Give the handler\'s duration in milliseconds'],
    ['a negative init', () => LambdaCost.US_EAST_1.computeCostPerMillion({ durationMs: 1, memorySize: 128, initDurationMs: -3 }),
      'LambdaCost: invalid `initDurationMs`: must be 0 ms or more, got -3. Give the cold start\'s init duration in milliseconds'],
    ['a memory size Lambda does not have', () => LambdaCost.US_EAST_1.computeCostPerMillion({ durationMs: 1, memorySize: 100 }),
      'LambdaCost: invalid `memorySize`: Lambda memory is a whole number of MB from 128 to 10240, got 100. Give the function\'s configured memory'],
    ['a cold-start rate above 100%', () => LambdaCost.US_EAST_1.computeCostPerMillion({ durationMs: 1, memorySize: 128, coldStartRatePercent: 120 }),
      'LambdaCost: invalid `coldStartRatePercent`: must be a percentage from 0 to 100, got 120. Give the share of cold starts, e.g. 5 for 5%'],
  ])('rejects %s', (_, compute, message) => {
    expect(compute).toThrow(message);
  });
});
