import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Answer, checkAnswers } from './answer-check';
import { AwsClients } from './aws-clients';
import { BackoffPolicy } from './backoff';
import { ColdStartSwitch } from './cold-start-switch';
import { CompareResult } from './compare-result';
import { FunctionFacts } from './function-facts';
import { InvocationReport } from './invocation-report';
import { invokeWithReport } from './invoke-with-report';
import { LiveSampleSet } from './live-samples';
import { SnapStartVersions } from './snapstart-versions';
import { TwinPair } from './twin-pair';
import { Interrupted } from '../errors';
import { ParityMode } from '../events/answer-comparison';
import { Case } from '../events/cases';
import { coldStartHiding } from '../report/cold-start-hiding';
import { RuntimeIdentity, summarise } from '../report/runtime-summary';

/** How much to measure, and how patiently. */
export interface ComparePlan {
  readonly coldStarts: number;
  readonly warmInvocations: number;
  readonly events: readonly Case[];
  /**
   * How the two answers must agree (--parity).
   * @default 'auto' - an HTTP event's answers as its client receives them, any other as JSON values
   */
  readonly parity?: ParityMode;
  readonly coldStartRatePercent: number;
  /** The traffic at which hiding the twin's cold starts is priced (--rps). */
  readonly requestsPerSecond: number;
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
 * invocation. Every answer pair is checked. The configuration is restored whatever happens.
 * @throws RunFailure, Interrupted
 */
export async function runCompare(clients: AwsClients, pair: TwinPair, plan: ComparePlan): Promise<CompareResult> {
  const startedAt = new Date().toISOString();
  const retries: Record<string, number> = {};
  const onRetry = (name: string) => { retries[name] = (retries[name] ?? 0) + 1; };
  const functions = [pair.function, pair.twin];
  const samples = new LiveSampleSet(functions);
  const switchOptions = {
    region: clients.region,
    backoff: plan.backoff,
    pollMs: plan.pollMs,
    updateTimeoutMs: plan.updateTimeoutMs,
    onRetry,
    log: plan.log,
  };
  const coldSwitch = new ColdStartSwitch(clients.lambda, switchOptions);
  // A SnapStart twin is invoked through its alias: each forced cold start publishes a version.
  const snapStart = pair.twin.alias === undefined ? undefined : new SnapStartVersions(clients.lambda, switchOptions);

  const total = functions.length * (plan.coldStarts + plan.warmInvocations);
  let done = 0;
  /** Invokes both functions with one event, one after the other, and checks their answers. */
  const invokeBoth = async (event: Case, phase: string, record: (fn: FunctionFacts, report: InvocationReport) => void) => {
    const answers: Answer[] = [];
    for (const fn of functions) {
      if (plan.signal?.aborted) throw new Interrupted();
      const { body, report } = await invokeWithReport(clients.lambda, fn, event, plan.backoff, onRetry);
      record(fn, report);
      answers.push({ fn, body });
      plan.onProgress?.(++done, total, phase);
    }
    checkAnswers(event, answers, plan.parity);
  };

  for (const fn of functions) await coldSwitch.remember(fn.name);
  let failure: unknown;
  try {
    if (snapStart) await snapStart.remember(pair.twin.name, pair.twin.alias!);
    for (let round = 0; round < plan.coldStarts; round++) {
      plan.onProgress?.(done, total, 'cold starts: updating the configuration');
      if (plan.signal?.aborted) throw new Interrupted();
      await coldSwitch.flip(functions.map((f) => f.name));
      if (snapStart) {
        plan.onProgress?.(done, total, 'cold starts: publishing a SnapStart version');
        await snapStart.publish();
      }
      await invokeBoth(plan.events[0], 'cold starts', (fn, report) => samples.recordCold(fn, report));
    }
    for (let i = 0; i < plan.warmInvocations; i++) {
      await invokeBoth(plan.events[i % plan.events.length], 'warm invocations', (fn, report) => samples.recordWarm(fn, report));
    }
  } catch (error) {
    failure = error;
  }
  plan.log(`Restoring the environment of ${functions.map((f) => f.name).join(' and ')}${snapStart ? `, the alias ${pair.twin.alias} of ${pair.twin.name} and deleting the versions published` : ''}...`);
  const restoreErrors: unknown[] = [];
  for (const restore of [() => coldSwitch.restore(), () => snapStart?.restore()]) {
    try {
      await restore();
    } catch (restoreError) {
      restoreErrors.push(restoreError);
    }
  }
  // The run's own failure comes first; a failed restore is still said.
  if (failure === undefined && restoreErrors.length > 0) {
    restoreErrors.slice(1).forEach((e) => plan.log((e as Error).message));
    throw restoreErrors[0];
  }
  restoreErrors.forEach((e) => plan.log((e as Error).message));
  if (failure !== undefined) throw failure;

  const basis = {
    memorySize: pair.function.memorySize,
    architecture: pair.function.architecture === 'arm64' ? lambda.Architecture.ARM_64 : lambda.Architecture.X86_64,
    coldStartRatePercent: plan.coldStartRatePercent,
  };
  const rows = functions.map((fn) => ({ identity: identify(fn, pair), samples: samples.samplesOf(fn, plan.warmInvocations) }));
  const runtimes = rows.map((row) => summarise(row.identity, row.samples, basis));
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
    unexpectedColdStarts: samples.unexpectedColdStarts,
    runtimes,
    coldStartHiding: coldStartHiding(runtimes, { ...basis, requestsPerSecond: plan.requestsPerSecond }),
    samples: Object.fromEntries(rows.map((row) => [row.identity.name, row.samples])),
  };
}

/** A row named after the runtime family (`rust`, `python`, `node`), as in lsf bench. */
function identify(fn: FunctionFacts, pair: TwinPair): RuntimeIdentity {
  const description = `${fn.name} (${fn.runtime}, ${fn.architecture}, ${fn.memorySize} MB)`;
  // CodeSize is 0 for a container image: no package size to show.
  const packageBytes = fn.codeSize || undefined;
  if (fn === pair.function) return { name: 'rust', description, role: 'rust', packageBytes };
  const family = /^(python|nodejs)/.exec(fn.runtime)?.[1];
  const name = family === 'nodejs' ? 'node' : family ?? 'twin';
  if (fn.alias !== undefined) {
    return { name: `${name}-snapstart`, description: `${description}, SnapStart through alias ${fn.alias}`, role: 'twin', packageBytes, coldStart: 'restore' };
  }
  return { name, description, role: 'twin', packageBytes };
}
