import { vcpusForMemory } from './host/cpu-share';
import { RuntimeSpec } from './runtime/runtime-spec';
import { RuntimeSummary } from '../report/runtime-summary';

/** One memory size of a sweep: every runtime's row at that size. */
export interface SweepPoint {
  readonly memorySize: number;
  /** The CPU share of that size, in vCPUs (memory / 1,769, capped at this machine's cores). */
  readonly vcpus: number;
  readonly runtimes: RuntimeSummary[];
}

/** Which size of a sweep is the cheapest and which is the balanced choice, per runtime. */
export interface SweepChoice {
  readonly runtime: string;
  /** The size with the lowest cost per million invocations. */
  readonly cheapest: number;
  /**
   * The size with the lowest warm p50 among those within 10% of the cheapest cost:
   * aws-lambda-power-tuning's "balanced" idea, speed bought only where it is nearly free.
   */
  readonly balanced: number;
}

/** The name of a runtime at one memory size, as samples are keyed in a sweep. */
export function sizedName(name: string, memorySize: number): string {
  return `${name}@${memorySize}`;
}

/** The runtime at one memory size: the memory it is told it has, and the CPU share that buys. */
export function atMemorySize(spec: RuntimeSpec, memorySize: number, cores?: number): RuntimeSpec {
  return {
    ...spec,
    name: sizedName(spec.name, memorySize),
    memorySize,
    vcpus: vcpusForMemory(memorySize, cores),
    launch: { ...spec.launch, env: { ...spec.launch.env, AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memorySize) } },
  };
}

const BALANCED_COST_MARGIN = 1.1;

/** The cheapest and the balanced size of each runtime across the sweep. */
export function sweepChoices(points: readonly SweepPoint[]): SweepChoice[] {
  const names = points[0]?.runtimes.map((r) => r.name) ?? [];
  return names.map((runtime) => {
    const rows = points.map((p) => ({ memorySize: p.memorySize, row: p.runtimes.find((r) => r.name === runtime)! }));
    const cheapest = rows.reduce((best, r) => (r.row.costPerMillion < best.row.costPerMillion ? r : best));
    const affordable = rows.filter((r) => r.row.costPerMillion <= cheapest.row.costPerMillion * BALANCED_COST_MARGIN);
    const balanced = affordable.reduce((best, r) => (r.row.warm.p50 < best.row.warm.p50 ? r : best));
    return { runtime, cheapest: cheapest.memorySize, balanced: balanced.memorySize };
  });
}
