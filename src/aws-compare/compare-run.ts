import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsClients } from './aws-clients';
import { BackoffPolicy } from './backoff';
import { ColdStartSwitch } from './cold-start-switch';
import { CompareFailure, CompareInterrupted } from './compare-errors';
import { CompareEvent } from './compare-events';
import { CompareResult, LiveSamples } from './compare-result';
import { FunctionFacts } from './function-facts';
import { ReportedInvocation, invokeWithReport } from './invoke-with-report';
import { TwinPair } from './twin-pair';
import { RuntimeIdentity, summarise } from '../report/runtime-summary';

/** How much to measure, and how patiently. */
export interface ComparePlan {
  readonly coldStarts: number;
  readonly warmInvocations: number;
  readonly events: readonly CompareEvent[];
  readonly coldStartRatePercent: number;
  readonly backoff: BackoffPolicy;
  /** Between two reads of LastUpdateStatus, in ms. */
  readonly pollMs: number;
  /** Longest wait for a configuration update, in ms. */
  readonly updateTimeoutMs: number;
  /** Aborted on Ctrl-C: the run stops after the current call and restores the configuration. */
  readonly signal?: AbortSignal;
  readonly log: (line: string) => void;
  readonly onProgress?: (done: number, total: number, phase: string) => void;
}

/**
 * Measures the pair on Lambda: N forced cold starts (both functions' environment changes, then
 * each is invoked once, one after the other), then M warm invocations interleaved invocation by
 * invocation. Every answer pair is compared. The configuration is restored whatever happens.
 * @throws CompareFailure, CompareInterrupted
 */
export async function runCompare(clients: AwsClients, pair: TwinPair, plan: ComparePlan): Promise<CompareResult> {
  const startedAt = new Date().toISOString();
  const retries: Record<string, number> = {};
  const onRetry = (name: string) => { retries[name] = (retries[name] ?? 0) + 1; };
  const functions = [pair.function, pair.twin];
  const identities = identify(pair);
  const samples = new Map<FunctionFacts, LiveSamples>(functions.map((f) => [f, { initMs: [], firstResponseMs: [], warmMs: [], billedMs: [] }]));
  const unexpectedColdStarts: Record<string, number> = {};
  const total = 2 * (plan.coldStarts + plan.warmInvocations);
  let done = 0;

  const invoke = async (fn: FunctionFacts, event: CompareEvent): Promise<ReportedInvocation> => {
    if (plan.signal?.aborted) throw new CompareInterrupted();
    const invocation = await invokeWithReport(clients.lambda, fn, event, plan.backoff, onRetry);
    const s = samples.get(fn)!;
    s.maxMemoryMb = Math.max(s.maxMemoryMb ?? 0, invocation.report.maxMemoryUsedMb);
    return invocation;
  };

  const coldSwitch = new ColdStartSwitch(clients.lambda, {
    region: clients.region,
    backoff: plan.backoff,
    pollMs: plan.pollMs,
    updateTimeoutMs: plan.updateTimeoutMs,
    onRetry,
    log: plan.log,
  });
  for (const fn of functions) await coldSwitch.remember(fn.name);
  let outcome: unknown;
  try {
    for (let round = 0; round < plan.coldStarts; round++) {
      plan.onProgress?.(done, total, 'cold starts: updating the configuration');
      if (plan.signal?.aborted) throw new CompareInterrupted();
      await coldSwitch.flip(functions.map((f) => f.name));
      const event = plan.events[0];
      const answers: string[] = [];
      for (const fn of functions) {
        const { body, report } = await invoke(fn, event);
        if (report.initDurationMs === undefined) {
          throw new CompareFailure(`${fn.name} answered the first invocation after a configuration change without an Init Duration, so it was not a cold start. `
            + 'Provisioned concurrency and SnapStart keep environments ready; compare $LATEST of functions without them.');
        }
        const s = samples.get(fn)!;
        s.initMs.push(report.initDurationMs);
        s.firstResponseMs.push(report.initDurationMs + report.durationMs);
        answers.push(body);
        plan.onProgress?.(++done, total, 'cold starts');
      }
      checkAnswers(pair, event, answers);
    }
    for (let i = 0; i < plan.warmInvocations; i++) {
      const event = plan.events[i % plan.events.length];
      const answers: string[] = [];
      for (const fn of functions) {
        const { body, report } = await invoke(fn, event);
        const s = samples.get(fn)!;
        if (report.initDurationMs === undefined) {
          s.warmMs.push(report.durationMs);
          s.billedMs.push(report.billedDurationMs);
        } else {
          unexpectedColdStarts[identities.get(fn)!.name] = (unexpectedColdStarts[identities.get(fn)!.name] ?? 0) + 1;
        }
        answers.push(body);
        plan.onProgress?.(++done, total, 'warm invocations');
      }
      checkAnswers(pair, event, answers);
    }
  } catch (error) {
    outcome = error;
  }
  plan.log(`Restoring the environment of ${functions.map((f) => f.name).join(' and ')}...`);
  try {
    await coldSwitch.restore();
  } catch (restoreError) {
    if (outcome === undefined) throw restoreError;
    plan.log((restoreError as Error).message);
  }
  if (outcome !== undefined) throw outcome;

  for (const fn of functions) {
    if (samples.get(fn)!.warmMs.length === 0 && plan.warmInvocations > 0) {
      throw new CompareFailure(`Every warm invocation of ${fn.name} was a cold start: Lambda did not keep an environment warm between invocations.`);
    }
  }
  const basis = {
    memorySize: pair.function.memorySize,
    architecture: pair.function.architecture === 'arm64' ? lambda.Architecture.ARM_64 : lambda.Architecture.X86_64,
    coldStartRatePercent: plan.coldStartRatePercent,
  };
  return {
    region: clients.region,
    endpoint: clients.endpoint,
    startedAt,
    function: pair.function,
    twin: pair.twin,
    coldStarts: plan.coldStarts,
    warmInvocations: plan.warmInvocations,
    events: plan.events.map((e) => e.name),
    answersChecked: plan.events.every((e) => e.expected !== undefined) ? 'expected' : 'each-other',
    coldStartRatePercent: plan.coldStartRatePercent,
    retries,
    unexpectedColdStarts,
    runtimes: functions.map((fn) => summarise(identities.get(fn)!, samples.get(fn)!, basis)),
    samples: Object.fromEntries(functions.map((fn) => [identities.get(fn)!.name, samples.get(fn)!])),
  };
}

/** Rows named after the runtime family (`rust`, `python`, `node`), as in lsf bench. */
function identify(pair: TwinPair): Map<FunctionFacts, RuntimeIdentity> {
  const family = (fn: FunctionFacts) => fn.runtime.startsWith('provided') ? 'rust' : fn.runtime.startsWith('python') ? 'python' : fn.runtime.startsWith('nodejs') ? 'node' : fn.runtime;
  const twinName = family(pair.twin) === 'rust' ? 'twin' : family(pair.twin);
  const describe = (fn: FunctionFacts) => `${fn.name} (${fn.runtime}, ${fn.architecture}, ${fn.memorySize} MB)`;
  return new Map<FunctionFacts, RuntimeIdentity>([
    [pair.function, { name: 'rust', description: describe(pair.function), role: 'rust', packageBytes: pair.function.codeSize || undefined }],
    [pair.twin, { name: twinName, description: describe(pair.twin), role: 'twin', packageBytes: pair.twin.codeSize || undefined }],
  ]);
}

/** Both answers equal the expected one, or each other when none is known; key order counts. */
function checkAnswers(pair: TwinPair, event: CompareEvent, [fnAnswer, twinAnswer]: string[]): void {
  const canonical = (body: string) => {
    try {
      return JSON.stringify(JSON.parse(body));
    } catch {
      return body;
    }
  };
  const expected = event.expected ?? canonical(fnAnswer);
  const wrong = [[pair.function, fnAnswer], [pair.twin, twinAnswer]].filter(([, answer]) => canonical(answer as string) !== expected);
  if (wrong.length > 0) {
    const what = event.expected === undefined ? `${pair.twin.name} answered differently from ${pair.function.name}` : 'answers differ from the expected one';
    throw new CompareFailure(`Event "${event.name}": ${what}, so the timings would compare different work. `
      + `Expected ${clip(expected)}; ${wrong.map(([fn, answer]) => `${(fn as { name: string }).name} answered ${clip(answer as string)}`).join('; ')}.`);
  }
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}
