import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Distribution, distribution } from './distribution';
import { LambdaCost } from '../../lambda-cost';

/** The part a runtime plays in a comparison, which decides what is measured and checked. */
export type RuntimeRole =
  /** The Rust handler: timed and checked. */
  | 'rust'
  /** A Python or Node twin: timed and checked. */
  | 'twin'
  /** The std-only Rust Runtime API loop of the local benchmark: timed, never checked (it echoes). */
  | 'floor'
  /** The deployed arm64 artifact under qemu-user: checked, never timed. */
  | 'parity-only';

/** What a runtime is, for the report. */
export interface RuntimeIdentity {
  /** Short name used in tables and JSON: `rust`, `python`, `node`... */
  readonly name: string;
  /** How it runs, for humans. */
  readonly description: string;
  readonly role: RuntimeRole;
  /** Size of what deploys, in bytes. */
  readonly packageBytes?: number;
  /** The language version it deploys on and the one that ran here, when they can differ. */
  readonly runtimeVersion?: RuntimeVersion;
  /**
   * How its cold starts happen: 'restore' for a SnapStart version, whose cold start is a restore
   * from a snapshot (Lambda reports Restore Duration instead of Init Duration).
   *
   * @default 'init'
   */
  readonly coldStart?: 'init' | 'restore';
}

/** e.g. `{ lambda: 'python3.13', local: 'Python 3.11.7', matches: false }`. */
export interface RuntimeVersion {
  readonly lambda: string;
  readonly local: string;
  /** Whether the local major (and minor, for Python) is Lambda's. */
  readonly matches: boolean;
}

/** The raw samples of one runtime, in ms. */
export interface MeasuredSamples {
  /** Init of each cold start. */
  readonly initMs: readonly number[];
  /**
   * What each cold start bills as duration, when it is not the init itself (a SnapStart
   * restore's billed part); else the init is billed.
   */
  readonly billedColdStartMs?: readonly number[];
  /** Init plus the first invocation, one per cold start: what the first user waits. */
  readonly firstResponseMs: readonly number[];
  /** Duration of each warm invocation. */
  readonly warmMs: readonly number[];
  /** Billed duration of each warm invocation, when Lambda reported it; else the warm durations are billed. */
  readonly billedMs?: readonly number[];
  /** Peak memory of the runtime, in MB. */
  readonly maxMemoryMb?: number;
}

/** What the cost estimate is computed for. */
export interface CostBasis {
  readonly memorySize: number;
  readonly architecture: lambda.Architecture;
  /** Share of invocations that are cold, each billed its cold start p50 (its billed part, for a SnapStart restore). */
  readonly coldStartRatePercent: number;
}

/** One runtime's row of a report. */
export interface RuntimeSummary extends RuntimeIdentity {
  readonly init: Distribution;
  readonly firstResponse: Distribution;
  readonly warm: Distribution;
  /** What the first user of a new instance waits more than the others: first response p50 - warm p50, in ms. */
  readonly coldStartGapMs: number;
  /** What a cold start bills as duration, p50 in ms: the init, or a SnapStart restore's billed part. */
  readonly billedColdStartMs: number;
  readonly maxMemoryMb?: number;
  /** USD per million invocations (LambdaCost, us-east-1 prices): billed duration mean, init for the cold share, requests. */
  readonly costPerMillion: number;
}

/** Summarises one timed runtime's samples: percentiles with simple-statistics, cost with LambdaCost. */
export function summarise(identity: RuntimeIdentity, samples: MeasuredSamples, basis: CostBasis): RuntimeSummary {
  const init = distribution(samples.initMs);
  const firstResponse = distribution(samples.firstResponseMs);
  const warm = distribution(samples.warmMs);
  const billed = samples.billedMs === undefined ? warm : distribution(samples.billedMs);
  const billedColdStartMs = samples.billedColdStartMs === undefined ? init.p50 : distribution(samples.billedColdStartMs).p50;
  const costPerMillion = LambdaCost.US_EAST_1.costPerMillion({
    durationMs: billed.mean,
    memorySize: basis.memorySize,
    architecture: basis.architecture,
    initDurationMs: billedColdStartMs,
    coldStartRatePercent: basis.coldStartRatePercent,
  });
  return {
    name: identity.name,
    description: identity.description,
    role: identity.role,
    packageBytes: identity.packageBytes,
    runtimeVersion: identity.runtimeVersion,
    coldStart: identity.coldStart,
    init,
    firstResponse,
    warm,
    coldStartGapMs: firstResponse.p50 - warm.p50,
    billedColdStartMs,
    maxMemoryMb: samples.maxMemoryMb,
    costPerMillion,
  };
}
