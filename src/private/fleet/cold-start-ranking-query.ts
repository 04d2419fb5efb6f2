/**
 * The Logs Insights query that ranks functions by the cold-start time they pay, read from
 * Lambda's own JSON log records: `platform.report` (one per invocation, with
 * `record.metrics.initDurationMs` only on a cold start) and `platform.initStart` (one per new
 * environment, naming its runtime). Pure text: the fleet dashboard draws it, and the `lsf`
 * tool can run the same query with StartQuery.
 *
 * Every figure is an aggregation over those records only, grouped by log group (`@log`), one
 * log group per function. Constants (window, price) are folded inside the aggregated
 * expression, `sum(x / 7)` rather than `sum(x) / 7`: the documented Lambda sample queries do
 * arithmetic inside aggregations (`max(@memorySize / 1000 / 1000)`), which keeps the query to
 * forms CloudWatch is known to accept.
 */

/** The columns of the ranking, in the order the query produces them. */
export const RANKING_COLUMNS = {
  initMsPerDay: 'initMsPerDay',
  coldStarts: 'coldStarts',
  initP95Ms: 'initP95Ms',
  invocations: 'invocations',
  runtime: 'runtime',
  memoryMB: 'memoryMB',
  initUsdPerMonth: 'initUsdPerMonth',
} as const;

/** What the ranking is sorted by: the time users wait, or what the INIT phase costs. */
export type RankingOrder = typeof RANKING_COLUMNS.initMsPerDay | typeof RANKING_COLUMNS.initUsdPerMonth;

export interface ColdStartRankingQueryOptions {
  /** Length of the queried time range in days: totals are divided by it to give per-day figures. */
  readonly windowDays: number;
  /** Price of one GB-second of the functions' architecture, in USD (see `LambdaCost.pricePerGbSecond`). */
  readonly usdPerGbSecond: number;
  /** @default 'initMsPerDay' */
  readonly orderBy?: RankingOrder;
  /** @default 50 */
  readonly limit?: number;
}

/** A month, as cost estimates count it. */
const DAYS_PER_MONTH = 30;
const INIT = 'record.metrics.initDurationMs';

/** The query's commands, one per line, as `LogQueryWidget.queryLines` takes them. */
export function coldStartRankingQueryLines(options: ColdStartRankingQueryOptions): string[] {
  const { windowDays, usdPerGbSecond } = options;
  if (!(Number.isInteger(windowDays) && windowDays > 0)) throw new Error(`windowDays must be a whole number of days above 0, got ${windowDays}`);
  if (!(Number.isFinite(usdPerGbSecond) && usdPerGbSecond >= 0)) throw new Error(`usdPerGbSecond must be a price of 0 or more, got ${usdPerGbSecond}`);
  const limit = options.limit ?? 50;
  const c = RANKING_COLUMNS;
  // ms x MB -> GB-seconds: / 1000 / 1024; per month: x 30 / windowDays. One integer divisor, so
  // that no literal needs exponent notation, whatever the price.
  const gbSecondDivisor = 1000 * 1024 * windowDays;
  const aggregations = [
    `sum(${INIT} / ${windowDays}) as ${c.initMsPerDay}`,
    `count(${INIT}) as ${c.coldStarts}`,
    `pct(${INIT}, 95) as ${c.initP95Ms}`,
    // platform.initStart records have no requestId: this counts platform.report records, one per invocation.
    `count(record.requestId) as ${c.invocations}`,
    // Only platform.initStart records carry the runtime (e.g. python:3.13.v31).
    `latest(record.runtimeVersion) as ${c.runtime}`,
    `max(record.metrics.memorySizeMB) as ${c.memoryMB}`,
    `sum(${INIT} * record.metrics.memorySizeMB * ${plainDecimal(usdPerGbSecond)} * ${DAYS_PER_MONTH} / ${gbSecondDivisor}) as ${c.initUsdPerMonth}`,
  ];
  return [
    'filter type in ["platform.report", "platform.initStart"]',
    `stats ${aggregations.join(', ')} by @log`,
    `sort ${options.orderBy ?? c.initMsPerDay} desc`,
    `limit ${limit}`,
  ];
}

/** The whole query, as StartQuery takes it (and as LogQueryWidget joins the lines). */
export function coldStartRankingQuery(options: ColdStartRankingQueryOptions): string {
  return coldStartRankingQueryLines(options).join('\n| ');
}

/** A price as a plain decimal literal: Logs Insights is not documented to read `1e-7`. */
function plainDecimal(value: number): string {
  return value.toFixed(14).replace(/0+$/, '').replace(/\.$/, '');
}
