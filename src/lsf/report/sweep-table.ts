import Table from 'cli-table3';
import { formatMs } from './comparison-table';
import { RuntimeSummary } from './runtime-summary';

/** The figures of one memory size, and which sizes a runtime's choices name. */
export interface SweepRows {
  readonly points: ReadonlyArray<{ readonly memorySize: number; readonly vcpus: number; readonly runtimes: readonly RuntimeSummary[] }>;
  readonly choices: ReadonlyArray<{ readonly runtime: string; readonly cheapest: number; readonly balanced: number }>;
}

/** The memory sweep: one row per runtime and size, the cheapest and the balanced size marked. */
export function renderSweepTable(sweep: SweepRows): string {
  const table = new Table({
    head: ['Runtime', 'Memory', 'CPU share', 'Cold start p50', 'First response p50', 'Warm p50 / p95', 'Cost per 1M', 'Choice'],
    style: { head: [], border: [] },
  });
  for (const choice of sweep.choices) {
    for (const point of sweep.points) {
      const r = point.runtimes.find((row) => row.name === choice.runtime)!;
      const marks = [point.memorySize === choice.cheapest ? 'cheapest' : '', point.memorySize === choice.balanced ? 'balanced' : ''].filter(Boolean);
      table.push([
        r.name,
        `${point.memorySize} MB`,
        `${point.vcpus.toFixed(3)} vCPU`,
        formatMs(r.init.p50),
        formatMs(r.firstResponse.p50),
        `${formatMs(r.warm.p50)} / ${formatMs(r.warm.p95)}`,
        `$${r.costPerMillion.toFixed(2)}`,
        marks.join(', '),
      ]);
    }
  }
  return table.toString();
}
