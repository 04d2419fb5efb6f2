import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Samples } from './measure';
import { RuntimeSpec } from './runtime-spec';
import { LambdaCost } from '../lambda-cost';

// simple-statistics declares its types as ESM but ships a CommonJS build for require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { mean, quantileSorted } = require('simple-statistics') as typeof import('simple-statistics', { with: { 'resolution-mode': 'import' } });

/** p50, p95 and mean of a sample, in ms. */
export interface Distribution {
  readonly p50: number;
  readonly p95: number;
  readonly mean: number;
  readonly count: number;
}

/** What the cost estimate assumes, printed with it. */
export interface CostAssumptions {
  readonly profile: string;
  readonly memorySize: number;
  readonly coldStartRatePercent: number;
}

/** One runtime's row of the report. */
export interface RuntimeSummary {
  readonly name: string;
  readonly description: string;
  readonly role: RuntimeSpec['role'];
  readonly init: Distribution;
  readonly firstResponse: Distribution;
  readonly warm: Distribution;
  /** What the first user of a new instance waits more than the others: first response p50 - warm p50, in ms. */
  readonly coldStartGapMs: number;
  readonly maxRssMb?: number;
  readonly packageBytes?: number;
  /** Estimated USD per million invocations on Lambda arm64 (us-east-1), see CostAssumptions. */
  readonly costPerMillion: number;
}

/** Percentiles with simple-statistics; an empty sample has none. */
export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: quantileSorted(sorted, 0.5), p95: quantileSorted(sorted, 0.95), mean: mean(sorted), count: sorted.length };
}

/**
 * Summarises one timed runtime. The cost uses LambdaCost (us-east-1, arm64): the measured warm
 * mean as the billed duration, the measured init p50 for the assumed share of cold starts, and
 * the profile's memory. Durations measured on this x86_64 machine stand in for Lambda's.
 */
export function summarise(spec: RuntimeSpec, samples: Samples, assumptions: CostAssumptions): RuntimeSummary {
  const init = distribution(samples.initMs);
  const firstResponse = distribution(samples.firstResponseMs);
  const warm = distribution(samples.warmMs);
  const costPerMillion = LambdaCost.US_EAST_1.costPerMillion({
    durationMs: warm.mean,
    memorySize: assumptions.memorySize,
    architecture: lambda.Architecture.ARM_64,
    initDurationMs: init.p50,
    coldStartRatePercent: assumptions.coldStartRatePercent,
  });
  return {
    name: spec.name,
    description: spec.description,
    role: spec.role,
    init,
    firstResponse,
    warm,
    coldStartGapMs: firstResponse.p50 - warm.p50,
    maxRssMb: samples.maxRssMb,
    packageBytes: spec.packageBytes,
    costPerMillion,
  };
}
