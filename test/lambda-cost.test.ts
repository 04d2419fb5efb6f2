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

  // What reaches LambdaCost from JavaScript, and from Python or Java through jsii, when a
  // caller writes the wrong type: each is our error naming the input, never a silent price.
  const cost = LambdaCost.US_EAST_1 as any;
  const invocation = { durationMs: 150, memorySize: 1024 };
  test.each<[string, () => unknown, string]>([
    ['the string \'x86_64\' as the architecture (it was priced as arm64)', () => cost.computeCostPerMillion({ ...invocation, architecture: 'x86_64' }),
      'LambdaCost: invalid `architecture`: must be a lambda.Architecture, got \'x86_64\'. Use lambda.Architecture.ARM_64 (the default) or X86_64'],
    ['an object shaped like an architecture', () => cost.costPerMillion({ ...invocation, architecture: { name: 'x86_64' } }),
      'LambdaCost: invalid `architecture`: must be a lambda.Architecture, got an object. Use lambda.Architecture.ARM_64 (the default) or X86_64'],
    ['a string to pricePerGbSecond', () => cost.pricePerGbSecond('x86_64'),
      'LambdaCost: invalid `architecture`: must be a lambda.Architecture, got \'x86_64\'. Use lambda.Architecture.ARM_64 (the default) or X86_64'],
    ['an architecture Lambda does not price', () => cost.computeCostPerMillion({ ...invocation, architecture: lambda.Architecture.custom('riscv64') }),
      'LambdaCost: invalid `architecture`: Lambda prices arm64 and x86_64 only, got riscv64. Use lambda.Architecture.ARM_64 (the default) or X86_64'],
    ['a price as a string', () => new LambdaCost({ arm64PerGbSecond: '0.00001' as any }),
      'LambdaCost: invalid `arm64PerGbSecond`: must be a price in USD of 0 or more, got \'0.00001\'. Give the price from the Lambda pricing page of your region'],
    ['a NaN price', () => new LambdaCost({ perMillionRequests: NaN }),
      'LambdaCost: invalid `perMillionRequests`: must be a price in USD of 0 or more, got NaN. Give the price from the Lambda pricing page of your region'],
    ['an infinite price', () => new LambdaCost({ arm64PerGbSecond: Infinity }),
      'LambdaCost: invalid `arm64PerGbSecond`: must be a price in USD of 0 or more, got Infinity. Give the price from the Lambda pricing page of your region'],
    ['prices that are not an object', () => new LambdaCost('us-east-1' as any),
      'LambdaCost: invalid `prices`: must be an object, got \'us-east-1\'. Pass an object, or leave it out'],
    ['an invocation that is not an object', () => cost.computeCostPerMillion(150),
      'LambdaCost: invalid `invocation`: must be an object, got 150. Pass e.g. { durationMs: 20, memorySize: 512 }'],
    ['a missing invocation', () => cost.costPerMillion(undefined),
      'LambdaCost: invalid `invocation`: must be an object, got undefined. Pass e.g. { durationMs: 20, memorySize: 512 }'],
    ['a duration as a string', () => cost.computeCostPerMillion({ ...invocation, durationMs: '150' }),
      'LambdaCost: invalid `durationMs`: must be 0 ms or more, got \'150\'. Give the handler\'s duration in milliseconds'],
    ['a missing duration', () => cost.computeCostPerMillion({ memorySize: 128 }),
      'LambdaCost: invalid `durationMs`: must be 0 ms or more, got undefined. Give the handler\'s duration in milliseconds'],
    ['a NaN duration', () => cost.computeCostPerMillion({ ...invocation, durationMs: NaN }),
      'LambdaCost: invalid `durationMs`: must be 0 ms or more, got NaN. Give the handler\'s duration in milliseconds'],
    ['a memory size as a string', () => cost.computeCostPerMillion({ ...invocation, memorySize: '1024' }),
      'LambdaCost: invalid `memorySize`: Lambda memory is a whole number of MB from 128 to 10240, got \'1024\'. Give the function\'s configured memory'],
    ['a fractional memory size', () => cost.computeCostPerMillion({ ...invocation, memorySize: 512.5 }),
      'LambdaCost: invalid `memorySize`: Lambda memory is a whole number of MB from 128 to 10240, got 512.5. Give the function\'s configured memory'],
    ['an init duration as a string', () => cost.computeCostPerMillion({ ...invocation, initDurationMs: '80' }),
      'LambdaCost: invalid `initDurationMs`: must be 0 ms or more, got \'80\'. Give the cold start\'s init duration in milliseconds'],
    ['an infinite init duration', () => cost.computeCostPerMillion({ ...invocation, initDurationMs: Infinity }),
      'LambdaCost: invalid `initDurationMs`: must be 0 ms or more, got Infinity. Give the cold start\'s init duration in milliseconds'],
    ['a cold-start rate as a string', () => cost.computeCostPerMillion({ ...invocation, coldStartRatePercent: '5' }),
      'LambdaCost: invalid `coldStartRatePercent`: must be a percentage from 0 to 100, got \'5\'. Give the share of cold starts, e.g. 5 for 5%'],
    ['a negative cold-start rate', () => cost.computeCostPerMillion({ ...invocation, coldStartRatePercent: -1 }),
      'LambdaCost: invalid `coldStartRatePercent`: must be a percentage from 0 to 100, got -1. Give the share of cold starts, e.g. 5 for 5%'],
    ['a NaN cold-start rate', () => cost.computeCostPerMillion({ ...invocation, coldStartRatePercent: NaN }),
      'LambdaCost: invalid `coldStartRatePercent`: must be a percentage from 0 to 100, got NaN. Give the share of cold starts, e.g. 5 for 5%'],
  ])('rejects %s', (_, compute, message) => {
    expect(compute).toThrow(message);
  });

  test('the string \'x86_64\' is no longer priced as arm64: the same work is refused, not billed at the arm64 rate', () => {
    expect(() => cost.costPerMillion({ ...invocation, architecture: 'x86_64' })).toThrow(/^LambdaCost: invalid `architecture`/);
    expect(LambdaCost.US_EAST_1.costPerMillion({ ...invocation, architecture: x86 }))
      .toBeGreaterThan(LambdaCost.US_EAST_1.costPerMillion({ ...invocation, architecture: arm }));
  });

  test('null, like Python\'s None, is an input not given: the default applies', () => {
    const prices = new LambdaCost({ arm64PerGbSecond: null, x86PerGbSecond: null, perMillionRequests: null } as any);
    expect([prices.arm64PerGbSecond, prices.x86PerGbSecond, prices.perMillionRequests]).toEqual([0.0000133334, 0.0000166667, 0.2]);
    expect(new LambdaCost(null as any).perMillionRequests).toBe(0.2);
    const nulls = { architecture: null, initDurationMs: null, coldStartRatePercent: null };
    expect(cost.costPerMillion({ ...invocation, ...nulls })).toBe(LambdaCost.US_EAST_1.costPerMillion(invocation));
  });
});
