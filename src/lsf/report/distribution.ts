// simple-statistics declares its types as ESM but ships a CommonJS build for require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { mean, quantileSorted } = require('simple-statistics') as typeof import('simple-statistics', { with: { 'resolution-mode': 'import' } });

/** p50, p95, p99 and mean of a sample, in ms. */
export interface Distribution {
  readonly p50: number;
  readonly p95: number;
  /** What the latency budgets hold (with few samples, close to the maximum). */
  readonly p99: number;
  readonly mean: number;
  readonly count: number;
}

/** Percentiles with simple-statistics; an empty sample has none. */
export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => quantileSorted(sorted, q);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), mean: mean(sorted), count: sorted.length };
}
