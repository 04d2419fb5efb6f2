import Table from 'cli-table3';
import { RuntimeSummary } from './runtime-summary';

/** Column names that differ with where the numbers come from. */
export interface TableLabels {
  /** The peak-memory column: `Max RSS` locally, `Max memory used` on Lambda. */
  readonly memory: string;
  /** The package column: unzipped locally, zipped (CodeSize) on Lambda. */
  readonly package: string;
}

/** The seed article's side-by-side table, one row per runtime. */
export function renderComparisonTable(runtimes: readonly RuntimeSummary[], labels: TableLabels): string {
  const table = new Table({
    head: ['Runtime', 'Cold start p50 / p95', 'First response p50', 'Warm p50 / p95', 'Cold-start gap', labels.memory, labels.package, 'Cost per 1M'],
    style: { head: [], border: [] },
  });
  for (const r of runtimes) {
    table.push([
      r.name,
      `${formatMs(r.init.p50)} / ${formatMs(r.init.p95)}`,
      formatMs(r.firstResponse.p50),
      `${formatMs(r.warm.p50)} / ${formatMs(r.warm.p95)}`,
      `${formatMs(r.coldStartGapMs)} penalty`,
      r.maxMemoryMb === undefined ? '-' : `${r.maxMemoryMb.toFixed(1)} MB`,
      r.packageBytes === undefined ? '-' : formatBytes(r.packageBytes),
      `$${r.costPerMillion.toFixed(2)}`,
    ]);
  }
  return table.toString();
}

/** `Rust / python: cold start 0.028 (1/35.2), ...`: one line per twin. */
export function twinRatioLines(runtimes: readonly RuntimeSummary[]): string[] {
  const rust = runtimes.find((r) => r.role === 'rust');
  if (!rust) return [];
  return runtimes
    .filter((r) => r.role === 'twin')
    .map((twin) => `Rust / ${twin.name}: cold start ${ratio(rust.init.p50, twin.init.p50)}, first response ${ratio(rust.firstResponse.p50, twin.firstResponse.p50)}, warm ${ratio(rust.warm.p50, twin.warm.p50)}, cost ${ratio(rust.costPerMillion, twin.costPerMillion)}`);
}

/** Milliseconds with as many digits as matter, chosen on the rounded value: 9.999 is `10.0 ms`, not `10.00 ms`. */
export function formatMs(value: number): string {
  return Number(value.toFixed(2)) < 10 ? `${value.toFixed(2)} ms` : Number(value.toFixed(1)) < 100 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

function ratio(rust: number, twin: number): string {
  return `${(rust / twin).toFixed(3)} (1/${(twin / rust).toFixed(1)})`;
}

function formatBytes(value: number): string {
  return value >= 1024 * 1024 ? `${(value / 1024 / 1024).toFixed(1)} MB` : `${Math.round(value / 1024)} KB`;
}
