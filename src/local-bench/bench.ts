import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BenchResult, checkTargets, machineInfo } from './bench-result';
import { Case } from './cases';
import { CostAssumptions } from './cost-assumptions';
import { Samples, measureColdStarts, measureWarm } from './measure';
import { Mismatch, ReferenceAnswers, checkParity, parityError } from './parity';
import { InstanceLimits } from './runtime-instance';
import { RuntimeSpec } from './runtime-spec';
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
  readonly assumptions: CostAssumptions;
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
  const total = checked.length * cases.length + timed.length * (plan.coldStarts + plan.warmInvocations);
  let done = 0;
  const step = (phase: string) => () => plan.onProgress?.(++done, total, phase);

  const mismatches: Mismatch[] = [];
  let reference: ReferenceAnswers | undefined; // the first runtime checked: cases without "expected" must answer as it does
  for (const spec of checked) {
    const parity = await checkParity(spec, cases, plan.limits, step(`parity ${spec.name}`), reference);
    mismatches.push(...parity.mismatches);
    reference ??= parity.answers;
  }
  if (mismatches.length > 0) throw parityError(mismatches, cases.length);

  const samples = new Map<string, Samples>(timed.map((s) => [s.name, { initMs: [], firstResponseMs: [], warmMs: [] }]));
  await measureColdStarts(timed, plan.coldStarts, cases[0].event, plan.limits, samples, step('cold starts'));
  const warmCases = plan.warmCase === undefined ? cases : cases.filter((c) => c.name === plan.warmCase);
  await measureWarm(timed, plan.warmInvocations, warmCases, plan.limits, samples, step('warm invocations'));

  const basis = {
    memorySize: plan.assumptions.memorySize,
    architecture: plan.assumptions.architecture === lambda.Architecture.X86_64.name ? lambda.Architecture.X86_64 : lambda.Architecture.ARM_64,
    coldStartRatePercent: plan.assumptions.coldStartRatePercent,
  };
  const runtimes = timed.map((spec) => summarise(spec, samples.get(spec.name)!, basis));
  return {
    function: plan.name,
    constructPaths: [...plan.constructPaths],
    notMeasured: [...(plan.notMeasured ?? [])],
    machine,
    coldStarts: plan.coldStarts,
    warmInvocations: plan.warmInvocations,
    warmCase: plan.warmCase,
    parity: { caseCount: cases.length, runtimes: checked.map((s) => s.name) },
    assumptions: plan.assumptions,
    runtimes,
    targets: checkTargets(runtimes),
    samples: Object.fromEntries(timed.map((s) => {
      const { initMs, firstResponseMs, warmMs } = samples.get(s.name)!;
      return [s.name, { initMs, firstResponseMs, warmMs }];
    })),
  };
}
