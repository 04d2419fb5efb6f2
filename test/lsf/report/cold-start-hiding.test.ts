import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LambdaCost } from '../../../src';
import { coldStartHiding, renderColdStartHiding } from '../../../src/lsf/report/cold-start-hiding';
import { RuntimeIdentity, RuntimeSummary, summarise } from '../../../src/lsf/report/runtime-summary';

const BASIS = { memorySize: 1024, architecture: lambda.Architecture.ARM_64, coldStartRatePercent: 1 };

/** A runtime whose every cold start and warm invocation took the same time: its p50 and mean are those. */
function row(identity: Partial<RuntimeIdentity> & Pick<RuntimeIdentity, 'name' | 'role'>, initMs: number, warmMs: number): RuntimeSummary {
  const samples = { initMs: [initMs, initMs], firstResponseMs: [initMs + warmMs], warmMs: [warmMs, warmMs] };
  return summarise({ description: identity.name, ...identity }, samples, BASIS);
}

const RUST = row({ name: 'rust', role: 'rust' }, 20, 3);
const PYTHON = row({ name: 'python', role: 'twin' }, 800, 120);
const SNAPSTART = row({ name: 'python-snapstart', role: 'twin', coldStart: 'restore' }, 250, 120);

describe('what hiding the twins\' cold starts would cost', () => {
  test('a worked example: 10 req/s, a 120 ms Python twin at 1024 MB arm64, next to Rust on demand', () => {
    const h = coldStartHiding([RUST, PYTHON], { ...BASIS, requestsPerSecond: 10 });
    expect(h.invocationsPerMonth).toBe(26_280_000);
    expect(h.targetColdStartRatePercent).toBe(1);
    const python = h.twins[0];
    // Little's law: 10 req/s x 0.120 s = 1.2 environments busy on average.
    expect(python.provisioned!.meanConcurrency).toBeCloseTo(1.2, 10);
    // The numbers are LambdaCost's own, for the same inputs: the block adds no arithmetic of its own.
    expect(python.provisioned).toEqual(LambdaCost.US_EAST_1.provisionedConcurrency({
      requestsPerSecond: 10, warmDurationMs: 120, memorySize: 1024, targetColdStartRatePercent: 1, initDurationMs: 800,
    }));
    const n = python.provisioned!.provisionedConcurrency;
    // Provisioned: N x 1 GB x 2,628,000 s x $0.0000033334 ($8.76 per environment a month).
    expect(python.provisioned!.provisionedCostPerMonth).toBeCloseTo(n * 2_628_000 * 0.0000033334, 6);
    // On demand: 26.28M x (0.99 x 0.120 s + 0.01 x 0.920 s) x 1 GB x $0.0000133334 + 26.28 x $0.20.
    expect(python.costPerMonth).toBeCloseTo(26.28e6 * (0.99 * 0.12 + 0.01 * 0.92) * 0.0000133334 + 26.28 * 0.2, 6);
    const rustOnDemand = LambdaCost.US_EAST_1.costPerMonth(10, { durationMs: 3, memorySize: 1024, initDurationMs: 20, coldStartRatePercent: 1 });
    expect(h.rust!.costPerMonth).toBeCloseTo(rustOnDemand, 10);

    const block = renderColdStartHiding(h).join('\n');
    expect(block).toContain('What hiding the twins\' cold starts would cost, at 10 req/s (26.3M invocations a month of 730 h), arm64 1024 MB, us-east-1 prices:');
    expect(block).toContain(`cold starts hidden: provisioned concurrency ${n} (1.20 busy on average`);
    expect(block).toContain('x Rust on demand');
    // The formula and every price used, under the numbers.
    expect(block).toContain('busy = rps x warm mean / 1000 (Little\'s law)');
    expect(block).toContain('N x GB x 2,628,000 s x $0.0000033334');
    expect(block).toContain('$0.0000077778');
    expect(block).toContain('$0.0000133334');
    expect(block).toContain('invocations / 1M x $0.2');
  });

  test('a SnapStart twin cannot have provisioned concurrency: it is priced on demand with its cache and restores', () => {
    const h = coldStartHiding([RUST, SNAPSTART], { ...BASIS, requestsPerSecond: 10 });
    const twin = h.twins[0];
    expect(twin.provisioned).toBeUndefined();
    const cache = 2_628_000 * 0.0000015046;
    const restores = 26.28e6 * 0.01 * 0.0001397998;
    expect(twin.snapStart!.cachePerMonth).toBeCloseTo(cache, 6);
    expect(twin.snapStart!.restoresPerMonth).toBeCloseTo(restores, 6);
    expect(twin.snapStart!.totalCostPerMonth).toBeCloseTo(twin.costPerMonth + cache + restores, 6);
    const block = renderColdStartHiding(h).join('\n');
    expect(block).toContain('SnapStart (no provisioned concurrency with it): cold starts are restores of 250 ms');
    expect(block).toContain('SnapStart cache = GB x 2,628,000 s x $0.0000015046');
  });

  test('a 0% cold-start basis is sized for 0.1% (no finite provisioned concurrency reaches 0%); no twin, no block', () => {
    expect(coldStartHiding([RUST, PYTHON], { ...BASIS, coldStartRatePercent: 0, requestsPerSecond: 10 }).targetColdStartRatePercent).toBe(0.1);
    expect(renderColdStartHiding(coldStartHiding([RUST], { ...BASIS, requestsPerSecond: 10 }))).toEqual([]);
  });
});
