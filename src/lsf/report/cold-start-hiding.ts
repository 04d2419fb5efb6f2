import * as lambda from 'aws-cdk-lib/aws-lambda';
import { RuntimeSummary } from './runtime-summary';
import { LambdaCost } from '../../lambda-cost';
import { ProvisionedConcurrencyEstimate } from '../../provisioned-concurrency';

/**
 * The default traffic of the block: 10 requests per second, about 26 million a month. A steady
 * user-facing API of modest size, where the question is asked: provisioned concurrency is billed
 * per environment-hour whether used or not, so at low traffic it is mostly idle capacity, and a
 * 100-300 ms Python handler keeps one to three environments busy (Little's law), enough for the
 * headroom to matter. At 1 req/s provisioning is almost all waste; at 1,000 req/s on-demand
 * environments are rarely cold anyway. Give your own peak with --rps.
 */
export const DEFAULT_REQUESTS_PER_SECOND = 10;

/** A month of 730 hours, as LambdaCost bills it. */
const SECONDS_PER_MONTH = 730 * 3600;

/** One runtime at the block's traffic, on demand. */
export interface OnDemandMonth {
  readonly name: string;
  /** Warm mean, in ms: the duration billed on a warm invocation. */
  readonly warmDurationMs: number;
  /** Cold start p50, in ms: init, or restore for a SnapStart version. */
  readonly coldStartMs: number;
  readonly costPerMonth: number;
}

/** A twin: on demand as measured, and with its cold starts hidden. */
export interface TwinHiding extends OnDemandMonth {
  /** Provisioned concurrency sized for the target; absent for a SnapStart twin, which cannot have it. */
  readonly provisioned?: ProvisionedConcurrencyEstimate;
  /** A SnapStart twin: what SnapStart adds on demand (a cached version, and a price per restore). */
  readonly snapStart?: { readonly cachePerMonth: number; readonly restoresPerMonth: number; readonly totalCostPerMonth: number };
}

/** "What hiding the twins' cold starts would cost": what --json prints and the block shows. */
export interface ColdStartHiding {
  readonly requestsPerSecond: number;
  readonly invocationsPerMonth: number;
  /** Largest share of invocations allowed to spill over the provisioned environments, in percent. */
  readonly targetColdStartRatePercent: number;
  /** The share of cold starts assumed on demand (the report's cost basis), in percent. */
  readonly onDemandColdStartRatePercent: number;
  readonly memorySize: number;
  readonly architecture: string;
  /** The us-east-1 prices used, in USD. */
  readonly prices: {
    readonly onDemandPerGbSecond: number;
    readonly provisionedPerGbSecond: number;
    readonly provisionedDurationPerGbSecond: number;
    readonly perMillionRequests: number;
    readonly snapStartCachePerGbSecond: number;
    readonly snapStartRestorePerGb: number;
  };
  readonly rust?: OnDemandMonth;
  readonly twins: TwinHiding[];
}

/** What the block is computed for: the report's cost basis and the traffic. */
export interface HidingBasis {
  readonly requestsPerSecond: number;
  readonly memorySize: number;
  readonly architecture: lambda.Architecture;
  readonly coldStartRatePercent: number;
}

/** No finite provisioned concurrency guarantees 0% spill-over: a 0% cost basis is sized for this. */
const FLOOR_TARGET_PERCENT = 0.1;

/**
 * Prices each twin's cold starts hidden by provisioned concurrency (LambdaCost.provisionedConcurrency,
 * sized for the same share of cold starts the report assumes on demand) next to the Rust function
 * on demand (LambdaCost.costPerMonth). A SnapStart twin cannot have provisioned concurrency: it is
 * priced on demand with its cache and restores instead.
 */
export function coldStartHiding(runtimes: readonly RuntimeSummary[], basis: HidingBasis): ColdStartHiding {
  const cost = LambdaCost.US_EAST_1;
  const { requestsPerSecond: rps, memorySize, architecture, coldStartRatePercent } = basis;
  const target = Math.max(coldStartRatePercent, FLOOR_TARGET_PERCENT);
  const invocationsPerMonth = rps * SECONDS_PER_MONTH;
  const onDemand = (r: RuntimeSummary): OnDemandMonth => ({
    name: r.name,
    warmDurationMs: r.warm.mean,
    coldStartMs: r.init.p50,
    costPerMonth: cost.costPerMonth(rps, {
      durationMs: r.warm.mean, memorySize, architecture, initDurationMs: r.billedColdStartMs, coldStartRatePercent,
    }),
  });
  const rust = runtimes.find((r) => r.role === 'rust');
  const twins = runtimes.filter((r) => r.role === 'twin').map((r): TwinHiding => {
    const month = onDemand(r);
    if (r.coldStart === 'restore') {
      const cachePerMonth = cost.snapStartCacheCostPerMonth(memorySize);
      const restoresPerMonth = invocationsPerMonth * coldStartRatePercent / 100 * cost.snapStartRestoreCost(memorySize);
      return { ...month, snapStart: { cachePerMonth, restoresPerMonth, totalCostPerMonth: month.costPerMonth + cachePerMonth + restoresPerMonth } };
    }
    // A warm mean below 1 ms (a local echo) still occupies an environment for its billed millisecond.
    const provisioned = cost.provisionedConcurrency({
      requestsPerSecond: rps,
      warmDurationMs: Math.max(r.warm.mean, 1),
      memorySize,
      architecture,
      targetColdStartRatePercent: target,
      initDurationMs: r.billedColdStartMs,
    });
    return { ...month, provisioned };
  });
  return {
    requestsPerSecond: rps,
    invocationsPerMonth,
    targetColdStartRatePercent: target,
    onDemandColdStartRatePercent: coldStartRatePercent,
    memorySize,
    architecture: architecture.name,
    prices: {
      onDemandPerGbSecond: cost.pricePerGbSecond(architecture),
      provisionedPerGbSecond: cost.provisionedPricePerGbSecond(architecture),
      provisionedDurationPerGbSecond: cost.provisionedDurationPricePerGbSecond(architecture),
      perMillionRequests: cost.perMillionRequests,
      snapStartCachePerGbSecond: cost.snapStartCachePerGbSecond,
      snapStartRestorePerGb: cost.snapStartRestorePerGb,
    },
    rust: rust ? onDemand(rust) : undefined,
    twins,
  };
}

/** The block under the table: one line per runtime, then the formula and the prices. */
export function renderColdStartHiding(h: ColdStartHiding): string[] {
  if (h.twins.length === 0) return [];
  const p = h.prices;
  const gb = `${h.memorySize} MB = ${(h.memorySize / 1024).toFixed(3)} GB`;
  const lines = [
    '',
    `What hiding the twins' cold starts would cost, at ${number(h.requestsPerSecond)} req/s (${(h.invocationsPerMonth / 1e6).toFixed(1)}M invocations a month of 730 h), `
      + `${h.architecture} ${h.memorySize} MB, us-east-1 prices:`,
  ];
  if (h.rust) {
    lines.push(`  ${h.rust.name.padEnd(16)} on demand, ${number(h.onDemandColdStartRatePercent)}% cold (${ms(h.rust.coldStartMs)} each): ${usd(h.rust.costPerMonth)} a month`);
  }
  for (const t of h.twins) {
    lines.push(`  ${t.name.padEnd(16)} on demand, ${number(h.onDemandColdStartRatePercent)}% cold (${ms(t.coldStartMs)} each): ${usd(t.costPerMonth)} a month`);
    if (t.provisioned) {
      const pc = t.provisioned;
      lines.push(`  ${''.padEnd(16)} cold starts hidden: provisioned concurrency ${pc.provisionedConcurrency} (${pc.meanConcurrency.toFixed(2)} busy on average, `
        + `+${Math.round(pc.headroomPercent)}% headroom), ${pc.spillOverRatePercent.toFixed(2)}% spill over: ${usd(pc.totalCostPerMonth)} a month `
        + `(provisioned ${usd(pc.provisionedCostPerMonth)} + duration ${usd(pc.durationCostPerMonth)} + requests ${usd(pc.requestCostPerMonth)})`
        + (h.rust ? `, ${(pc.totalCostPerMonth / h.rust.costPerMonth).toFixed(1)}x Rust on demand` : ''));
    }
    if (t.snapStart) {
      lines.push(`  ${''.padEnd(16)} SnapStart (no provisioned concurrency with it): cold starts are restores of ${ms(t.coldStartMs)}; with the cache `
        + `${usd(t.snapStart.cachePerMonth)} and restores ${usd(t.snapStart.restoresPerMonth)}: ${usd(t.snapStart.totalCostPerMonth)} a month`);
    }
  }
  lines.push(
    `  How: invocations = rps x 2,628,000 s; GB = ${gb}; on demand = LambdaCost.costPerMonth (warm mean billed, rounded up to 1 ms; the cold share also bills its cold start p50, or a SnapStart restore's billed part)`,
    `       busy = rps x warm mean / 1000 (Little's law); provisioned = fewest N whose Erlang loss B(N, busy) <= ${number(h.targetColdStartRatePercent)}% `
      + '(the on-demand cold share; Poisson arrivals, so bursty traffic needs the peak rate in --rps)',
    `       provisioned = N x GB x 2,628,000 s x $${p.provisionedPerGbSecond}; duration = invocations x GB x ((1 - B) x warm x $${p.provisionedDurationPerGbSecond}`
      + ` + B x (cold start + warm) x $${p.onDemandPerGbSecond}); requests = invocations / 1M x $${p.perMillionRequests}`,
  );
  if (h.twins.some((t) => t.snapStart)) {
    lines.push(`       SnapStart cache = GB x 2,628,000 s x $${p.snapStartCachePerGbSecond} (one active version); restores = invocations x cold share x GB x $${p.snapStartRestorePerGb}`);
  }
  return lines;
}

function usd(value: number): string {
  return `$${value.toFixed(2)}`;
}

function ms(value: number): string {
  return value < 10 ? `${value.toFixed(2)} ms` : `${Math.round(value)} ms`;
}

function number(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}
