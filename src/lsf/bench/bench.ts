import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BenchResult, CpuShareNote, ParityComparison, RawSamples, checkTargets, machineInfo } from './bench-result';
import { Budgets, checkBudgets } from './budget-gate';
import { CostAssumptions } from './cost-assumptions';
import { ParityMode, comparisonFor, comparisonLabel } from '../events/answer-comparison';
import { Case } from '../events/cases';
import { vcpusForMemory } from './host/cpu-share';
import { Samples, measureColdStarts, measureWarm } from './measure';
import { SweepPoint, atMemorySize, sizedName, sweepChoices } from './memory-sweep';
import { Mismatch, ReferenceAnswers, checkParity, parityError } from './parity';
import { CpuPlacement, InstanceLimits } from './runtime/runtime-instance';
import { RuntimeSpec } from './runtime/runtime-spec';
import { coldStartHiding } from '../report/cold-start-hiding';
import { summarise } from '../report/runtime-summary';

/** How much to measure and within which limits. */
export interface BenchPlan {
  /** The measured function's name, as the table's title. */
  readonly name: string;
  /** The construct paths of the functions this measurement stands for. */
  readonly constructPaths: readonly string[];
  /** Twins that could not run locally, with the reason. */
  readonly notMeasured?: ReadonlyArray<{ readonly name: string; readonly reason: string }>;
  readonly coldStarts: number;
  readonly warmInvocations: number;
  /** The one case every warm invocation sends; by default they cycle through all cases. */
  readonly warmCase?: string;
  readonly limits: InstanceLimits;
  /**
   * How answers are compared (--parity).
   * @default 'auto' - an HTTP event's answer as its client receives it, any other as a JSON value
   */
  readonly parity?: ParityMode;
  readonly assumptions: CostAssumptions;
  /**
   * More memory sizes to run every runtime at, interleaved with the function's own
   * (`assumptions.memorySize`, always measured: the main table).
   * @default - the function's own size only
   */
  readonly memorySizes?: readonly number[];
  /** Where runtimes get their CPU share, and what the report says about it; none: unthrottled. */
  readonly cpu: { readonly placement?: CpuPlacement; readonly note: CpuShareNote };
  /** The latency budgets to hold the Rust row to, at the function's own size. */
  readonly budgets?: Budgets;
  /** Called after each unit of work, with the total known up front (for a progress bar). */
  readonly onProgress?: (done: number, total: number, phase: string) => void;
}

/**
 * Runs the benchmark on prepared runtimes: parity of every case through every runtime that
 * answers for real (a difference stops the run before any timing), then N interleaved cold
 * starts and M interleaved warm invocations of every timed runtime.
 * @throws ParityError when an answer differs; RuntimeFault when a runtime fails
 */
export async function runBench(specs: readonly RuntimeSpec[], cases: readonly Case[], plan: BenchPlan): Promise<BenchResult> {
  const machine = machineInfo();
  const checked = specs.filter((s) => s.role !== 'floor');
  const timed = specs.filter((s) => s.role !== 'parity-only');
  const own = plan.assumptions.memorySize;
  const sizes = [...new Set([own, ...(plan.memorySizes ?? [])])].sort((a, b) => a - b);
  // Every runtime at every size, interleaved (rust@128, rust@512, python@128, ...).
  const variants = timed.flatMap((spec) => sizes.map((size) => atMemorySize(spec, size)));
  const total = checked.length * cases.length + variants.length * (plan.coldStarts + plan.warmInvocations);
  let done = 0;
  const step = (phase: string) => () => plan.onProgress?.(++done, total, phase);

  const mode = plan.parity ?? 'auto';
  const mismatches: Mismatch[] = [];
  let reference: ReferenceAnswers | undefined; // the first runtime checked: cases without "expected" must answer as it does
  for (const spec of checked) {
    const parity = await checkParity(spec, cases, plan.limits, step(`parity ${spec.name}`), mode, reference);
    mismatches.push(...parity.mismatches);
    reference ??= parity.answers;
  }
  if (mismatches.length > 0) throw parityError(mismatches, cases.length);

  // Parity ran at full CPU; the timed runs get the share of their size.
  const samples = new Map<string, Samples>(variants.map((s) => [s.name, { initMs: [], firstResponseMs: [], warmMs: [] }]));
  await measureColdStarts(variants, plan.coldStarts, cases[0].event, plan.limits, samples, step('cold starts'), plan.cpu.placement);
  const warmCases = plan.warmCase === undefined ? cases : cases.filter((c) => c.name === plan.warmCase);
  await measureWarm(variants, plan.warmInvocations, warmCases, plan.limits, samples, step('warm invocations'), plan.cpu.placement);

  const architecture = plan.assumptions.architecture === lambda.Architecture.X86_64.name ? lambda.Architecture.X86_64 : lambda.Architecture.ARM_64;
  const points: Array<SweepPoint & { samples: Record<string, RawSamples> }> = sizes.map((memorySize) => {
    const basis = { memorySize, architecture, coldStartRatePercent: plan.assumptions.coldStartRatePercent };
    const sized = timed.map((spec) => ({ spec, samples: samples.get(sizedName(spec.name, memorySize))! }));
    return {
      memorySize,
      vcpus: vcpusForMemory(memorySize),
      runtimes: sized.map(({ spec, samples: s }) => summarise(spec, s, basis)),
      samples: Object.fromEntries(sized.map(({ spec, samples: s }) => [spec.name, rawSamples(s)])),
    };
  });
  const main = points.find((p) => p.memorySize === own)!;
  return {
    function: plan.name,
    constructPaths: [...plan.constructPaths],
    notMeasured: [...(plan.notMeasured ?? [])],
    machine,
    coldStarts: plan.coldStarts,
    warmInvocations: plan.warmInvocations,
    warmCase: plan.warmCase,
    parity: { caseCount: cases.length, runtimes: checked.map((s) => s.name), mode, comparedAs: comparedAs(mode, cases) },
    assumptions: plan.assumptions,
    cpuShare: { ...plan.cpu.note, vcpus: plan.cpu.placement ? main.vcpus : undefined },
    runtimes: main.runtimes,
    coldStartHiding: coldStartHiding(main.runtimes, { ...plan.assumptions, memorySize: own, architecture }),
    targets: checkTargets(main.runtimes),
    budgets: plan.budgets ? checkBudgets(main.runtimes, plan.budgets) : undefined,
    samples: main.samples,
    sweep: sizes.length > 1 ? { points, choices: sweepChoices(points) } : undefined,
  };
}

/** How many cases were compared each way, in the order first met. */
function comparedAs(mode: ParityMode, cases: readonly Case[]): ParityComparison[] {
  const counts = new Map<string, number>();
  for (const c of cases) {
    const label = comparisonLabel(comparisonFor(mode, c.event));
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([as, caseCount]) => ({ as, caseCount }));
}

function rawSamples(s: Samples): RawSamples {
  return { initMs: s.initMs, firstResponseMs: s.firstResponseMs, warmMs: s.warmMs };
}
