import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as fc from 'fast-check';
import {
  badArchitecture, badInvocationProfile, badLambdaPrices, durationMs, invocationProfile, lambdaCost, lambdaPrices, memorySize, wrongType,
} from './arbitraries';
import { expectPropError, PROPERTY_TIMEOUT_MS, runs } from './settings';
import { InvocationUsage, LambdaCost } from '../../src';

/**
 * The README's formula, written out apart from the model: each invocation billed in whole
 * milliseconds, a cold one with its init; GB-seconds at the architecture's price; plus requests.
 */
function readmeCostPerMillion(cost: LambdaCost, invocation: InvocationUsage): number {
  const cold = (invocation.coldStartRatePercent ?? 0) / 100;
  const init = invocation.initDurationMs ?? 0;
  const billedMs = (1 - cold) * Math.ceil(invocation.durationMs) + cold * Math.ceil(invocation.durationMs + init);
  const gb = invocation.memorySize / 1024;
  const price = (invocation.architecture ?? lambda.Architecture.ARM_64) === lambda.Architecture.X86_64 ? cost.x86PerGbSecond : cost.arm64PerGbSecond;
  return 1_000_000 * (billedMs / 1000) * gb * price + cost.perMillionRequests;
}

/** Equal but for floating-point rounding: a few units in the last place. */
function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
}

describe('LambdaCost properties', () => {
  test('the cost of valid inputs is finite, positive and the README\'s formula; the total is compute plus requests', () => {
    fc.assert(fc.property(lambdaCost, invocationProfile, (cost, invocation) => {
      const compute = cost.computeCostPerMillion(invocation);
      const total = cost.costPerMillion(invocation);
      expect(Number.isFinite(total)).toBe(true);
      expect(total).toBeGreaterThan(0);
      expect(compute).toBeGreaterThanOrEqual(0);
      if (invocation.durationMs > 0) expect(compute).toBeGreaterThan(0);
      const coldInit = (invocation.coldStartRatePercent ?? 0) > 0 && (invocation.initDurationMs ?? 0) > 0;
      if (invocation.durationMs === 0 && !coldInit) expect(compute).toBe(0);
      expect(total).toBe(compute + cost.perMillionRequests);
      expectClose(total, readmeCostPerMillion(cost, invocation));
    }), runs(2000));
  }, PROPERTY_TIMEOUT_MS);

  test('a region\'s prices are kept, and each price not given is us-east-1\'s', () => {
    fc.assert(fc.property(lambdaPrices, (prices) => {
      const cost = new LambdaCost(prices);
      expect(cost.arm64PerGbSecond).toBe(prices.arm64PerGbSecond ?? LambdaCost.US_EAST_1.arm64PerGbSecond);
      expect(cost.x86PerGbSecond).toBe(prices.x86PerGbSecond ?? LambdaCost.US_EAST_1.x86PerGbSecond);
      expect(cost.perMillionRequests).toBe(prices.perMillionRequests ?? LambdaCost.US_EAST_1.perMillionRequests);
      expect(cost.pricePerGbSecond(lambda.Architecture.ARM_64)).toBe(cost.arm64PerGbSecond);
      expect(cost.pricePerGbSecond(lambda.Architecture.X86_64)).toBe(cost.x86PerGbSecond);
    }), runs(1000));
  }, PROPERTY_TIMEOUT_MS);

  test('a longer duration or a larger memory never costs less', () => {
    fc.assert(fc.property(lambdaCost, invocationProfile, durationMs, memorySize, (cost, invocation, otherDuration, otherMemory) => {
      const [shorter, longer] = [invocation.durationMs, otherDuration].sort((a, b) => a - b);
      expect(cost.costPerMillion({ ...invocation, durationMs: longer }))
        .toBeGreaterThanOrEqual(cost.costPerMillion({ ...invocation, durationMs: shorter }));
      const [smaller, larger] = [invocation.memorySize, otherMemory].sort((a, b) => a - b);
      expect(cost.costPerMillion({ ...invocation, memorySize: larger }))
        .toBeGreaterThanOrEqual(cost.costPerMillion({ ...invocation, memorySize: smaller }));
    }), runs(2000));
  }, PROPERTY_TIMEOUT_MS);

  test('x86_64 never costs less than arm64 for the same work, at us-east-1\'s prices or any region\'s where x86_64 is dearer', () => {
    const dearerX86 = fc.oneof(
      fc.constant(LambdaCost.US_EAST_1),
      fc.tuple(fc.double({ min: 1e-7, max: 1e-3, noNaN: true }), fc.double({ min: 1, max: 2, noNaN: true }))
        .map(([arm64, factor]) => new LambdaCost({ arm64PerGbSecond: arm64, x86PerGbSecond: arm64 * factor })));
    fc.assert(fc.property(dearerX86, invocationProfile, (cost, invocation) => {
      expect(cost.costPerMillion({ ...invocation, architecture: lambda.Architecture.X86_64 }))
        .toBeGreaterThanOrEqual(cost.costPerMillion({ ...invocation, architecture: lambda.Architecture.ARM_64 }));
    }), runs(2000));
  }, PROPERTY_TIMEOUT_MS);

  test('null for an input, as from Python\'s None, is the same as leaving it out', () => {
    fc.assert(fc.property(lambdaPrices, invocationProfile, fc.constantFrom<keyof InvocationUsage>('architecture', 'initDurationMs', 'coldStartRatePercent'),
      fc.constantFrom('arm64PerGbSecond', 'x86PerGbSecond', 'perMillionRequests'), (prices, invocation, key, priceKey) => {
        const { [key]: _, ...without } = invocation;
        const cost = LambdaCost.US_EAST_1;
        expect(cost.costPerMillion({ ...invocation, [key]: null } as any)).toBe(cost.costPerMillion(without as InvocationUsage));
        const { [priceKey as keyof typeof prices]: __, ...fewer } = prices;
        expect(new LambdaCost({ ...prices, [priceKey]: null } as any)).toEqual(new LambdaCost(fewer));
      }), runs(1000));
  }, PROPERTY_TIMEOUT_MS);

  test('any one broken price is our error naming it', () => {
    fc.assert(fc.property(badLambdaPrices, ({ prices, broken }) => {
      expectPropError(() => new LambdaCost(prices), /LambdaCost/, broken.prop);
    }), runs(1000));
  }, PROPERTY_TIMEOUT_MS);

  test('any one broken input of an invocation is our error naming it, from every method that prices it', () => {
    fc.assert(fc.property(lambdaCost, badInvocationProfile, fc.constantFrom<'computeCostPerMillion' | 'costPerMillion'>('computeCostPerMillion', 'costPerMillion'),
      (cost, { invocation, broken }, method) => {
        expectPropError(() => cost[method](invocation), /LambdaCost/, broken.prop);
      }), runs(2000));
  }, PROPERTY_TIMEOUT_MS);

  test('prices, an invocation or an architecture of the wrong type is our error naming it', () => {
    const notAnObject = wrongType.filter((v) => typeof v !== 'object' || Array.isArray(v));
    fc.assert(fc.property(lambdaCost, notAnObject, (cost, value) => {
      expectPropError(() => new LambdaCost(value as any), /LambdaCost/, 'prices');
      expectPropError(() => cost.costPerMillion(value as any), /LambdaCost/, 'invocation');
    }), runs(200));
    fc.assert(fc.property(lambdaCost, fc.oneof(badArchitecture, fc.constant(undefined), fc.constant(null)), (cost, value) => {
      expectPropError(() => cost.pricePerGbSecond(value as any), /LambdaCost/, 'architecture');
    }), runs(200));
  }, PROPERTY_TIMEOUT_MS);
});
