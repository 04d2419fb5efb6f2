import { Distribution } from '../../../src/lsf/report/distribution';
import { RuntimeSummary } from '../../../src/lsf/report/runtime-summary';

/** A distribution with the given p50 and p95 (p99 and mean follow p95 and p50; they show nowhere in a table). */
export function dist(p50: number, p95: number, p99 = p95): Distribution {
  return { p50, p95, p99, mean: p50, count: 3 };
}

/** A runtime's row, as summarise makes it, from the figures a report shows. */
export function summaryRow(name: string, role: RuntimeSummary['role'], figures: {
  init: [number, number];
  firstResponse?: number;
  warm: [number, number];
  costPerMillion: number;
  maxMemoryMb?: number;
  packageBytes?: number;
  initP99?: number;
  warmP99?: number;
}): RuntimeSummary {
  const firstResponse = figures.firstResponse ?? figures.init[0] + figures.warm[0];
  return {
    name,
    description: `${name} for the tests`,
    role,
    packageBytes: figures.packageBytes,
    init: dist(figures.init[0], figures.init[1], figures.initP99),
    firstResponse: dist(firstResponse, firstResponse),
    warm: dist(figures.warm[0], figures.warm[1], figures.warmP99),
    coldStartGapMs: firstResponse - figures.warm[0],
    billedColdStartMs: figures.init[0],
    maxMemoryMb: figures.maxMemoryMb,
    costPerMillion: figures.costPerMillion,
  };
}
