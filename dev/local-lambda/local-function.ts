import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ConfigurationRecord, FunctionConfiguration, FunctionSettings, LocalFunctionOptions } from './function-configuration';
import { InvocationReport, executionLog } from './invocation-log';
import { LambdaError } from './lambda-error';
import { FunctionVersions, PublishedVersion } from './versions-and-aliases';
import { RuntimeFault } from '../../src/lsf/bench/runtime/runtime-fault';
import { RuntimeInstance } from '../../src/lsf/bench/runtime/runtime-instance';
import { RuntimeSpec } from '../../src/lsf/bench/runtime/runtime-spec';

// Lambda's own limit on the init phase of an on-demand cold start.
const INIT_TIMEOUT_MS = 10_000;

/** One answered Invoke, in the terms of the Lambda API. */
export interface InvokeResult {
  readonly requestId: string;
  readonly payload: string;
  /** `Unhandled` when the handler or the runtime failed, as X-Amz-Function-Error. */
  readonly functionError?: 'Unhandled';
  /** The whole execution log of the invocation. */
  readonly log: string;
  /** Whether a new execution environment was started for it. */
  readonly cold: boolean;
}

/**
 * Figures to put into an invocation's report instead of the measured ones: each one given
 * replaces its measured value, whatever happened (an `initDurationMs` on a warm invocation
 * makes its report say cold). Billed duration follows the durations when not given.
 */
export interface ReportFigures {
  readonly durationMs?: number;
  readonly billedDurationMs?: number;
  readonly initDurationMs?: number;
  readonly restoreDurationMs?: number;
  readonly billedRestoreDurationMs?: number;
  readonly maxMemoryUsedMB?: number;
}

/** Which invocation of a function: `index` counts from 0, throttled calls left out. */
export interface InvocationNumber {
  readonly index: number;
  /** Whether a new execution environment runs it. */
  readonly cold: boolean;
}

/** An UpdateFunctionConfiguration request body, the members this server applies. */
export interface UpdateRequest {
  readonly MemorySize?: number;
  readonly Timeout?: number;
  readonly Environment?: { readonly Variables?: Record<string, string> };
  readonly RevisionId?: string;
}

/**
 * One function: its configuration and at most one warm execution environment. Invocations
 * run one at a time, so concurrent ones queue instead of starting more environments.
 */
export class LocalFunction {
  public readonly record: ConfigurationRecord;
  /** Its published versions and aliases. */
  public readonly versions: FunctionVersions;
  /** Whether Tail logs carry the report line. */
  public withReport = true;
  public throttlesLeft = 0;
  public updateFailuresLeft = 0;
  /** The figures of each answered invocation's report, when a test states them. */
  public reportFigures?: (invocation: InvocationNumber) => ReportFigures | undefined;

  private invocations = 0;
  private instance?: RuntimeInstance;
  /** The version the environment runs: another version's invocation needs an environment of its own. */
  private instanceVersion = '$LATEST';
  // What a new environment starts with: an update reaches it only when it completes, as in
  // Lambda, where invocations during an update still run the previous configuration.
  private deployed: FunctionSettings;
  private queue: Promise<unknown> = Promise.resolve();
  private updateTimer?: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: LocalFunctionOptions, private readonly updateDelayMs: number) {
    this.record = new ConfigurationRecord(options);
    this.deployed = this.record.settings;
    this.versions = new FunctionVersions(options.name, options.snapStart ?? false, updateDelayMs);
    this.versions.deploy(this.record.settings, options.aliases ?? []);
  }

  public get name(): string {
    return this.options.name;
  }

  /**
   * Runs one event after the invocations before it, on $LATEST or a published version.
   * @throws LambdaError when throttled
   */
  public invoke(event: string, version?: PublishedVersion): Promise<InvokeResult> {
    if (this.throttlesLeft > 0) {
      this.throttlesLeft -= 1;
      return Promise.reject(LambdaError.throttled());
    }
    const run = this.queue.then(() => this.run(event, version));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Applies an update: InProgress for updateDelayMs, then Successful with a fresh
   * environment for the next invocation (a cold start).
   * @throws LambdaError on a conflict, an invalid value or an injected failure
   */
  public update(request: UpdateRequest): FunctionConfiguration {
    if (this.record.updating) throw LambdaError.updateInProgress(this.name);
    if (this.updateFailuresLeft > 0) {
      this.updateFailuresLeft -= 1;
      throw LambdaError.serviceError();
    }
    if (request.RevisionId !== undefined && request.RevisionId !== this.record.revision) throw LambdaError.preconditionFailed();
    const settings = this.settingsAfter(request);
    this.record.apply(settings);
    this.record.updating = true;
    this.updateTimer = setTimeout(() => {
      this.record.updating = false;
      this.deployed = settings;
      this.queue = this.queue.then(() => this.reset());
    }, this.updateDelayMs);
    return this.record.document();
  }

  /** Stops the environment, after the invocation it may be running; no new one starts. */
  public async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.updateTimer);
    // Stopping first ends an invocation in flight (as a fault) instead of waiting for it.
    await this.instance?.stop();
    await this.queue;
    await this.reset();
  }

  private async run(event: string, version: PublishedVersion | undefined): Promise<InvokeResult> {
    if (this.closed) throw LambdaError.serviceError();
    const requestId = randomUUID();
    const settings = version?.settings ?? this.deployed;
    const versionName = version?.number ?? '$LATEST';
    // One environment at a time, as before: a switch of version retires the old one.
    if (this.instance && this.instanceVersion !== versionName) await this.reset();
    this.instanceVersion = versionName;
    const cold = this.instance === undefined;
    // A SnapStart version's new environment restores the snapshot taken at publish: its report
    // says restoreDurationMs, never initDurationMs. Here the restore is a real start, timed.
    const restored = cold && version !== undefined && this.versions.snapStart;
    const index = this.invocations++;
    const startedAt = performance.now();
    try {
      this.instance ??= await RuntimeInstance.start(this.launchSpec(settings), {
        initTimeoutMs: INIT_TIMEOUT_MS,
        invocationTimeoutMs: settings.timeoutSeconds * 1000,
      });
      const instance = this.instance;
      const outcome = await instance.outcome(event);
      const measured: InvocationReport = {
        requestId,
        durationMs: outcome.durationMs,
        initDurationMs: cold && !restored ? instance.initMs : undefined,
        restoreDurationMs: restored ? instance.initMs : undefined,
        version: versionName,
        memorySizeMB: settings.memorySize,
        maxMemoryUsedMB: Math.round(instance.maxRssMb() ?? 0),
        status: outcome.kind === 'response' ? 'success' : 'error',
      };
      const report: InvocationReport = { ...measured, ...definedMembers(this.reportFigures?.({ index, cold }) ?? {}) };
      // Lambda resets the execution environment after an unhandled error.
      if (outcome.kind === 'error') await this.reset();
      return {
        requestId,
        payload: outcome.body,
        functionError: outcome.kind === 'error' ? 'Unhandled' : undefined,
        log: this.log(report),
        cold,
      };
    } catch (error) {
      if (!(error instanceof RuntimeFault)) throw error;
      // The instance stopped itself before throwing.
      this.instance = undefined;
      return this.platformFailure(error, requestId, performance.now() - startedAt, settings, cold);
    }
  }

  /** An invocation the platform ended (a timeout, an exit): Lambda's error payload and report. */
  private platformFailure(fault: RuntimeFault, requestId: string, durationMs: number, settings: FunctionSettings, cold: boolean): InvokeResult {
    const timedOut = fault.kind === 'timeout' || fault.kind === 'init-timeout';
    const errorType = timedOut ? 'Sandbox.Timedout' : fault.kind === 'init-error' ? 'Runtime.InitError' : 'Runtime.ExitError';
    const message = timedOut
      ? `RequestId: ${requestId} Error: Task timed out after ${settings.timeoutSeconds.toFixed(2)} seconds`
      : `RequestId: ${requestId} Error: ${fault.detail}`;
    const report: InvocationReport = {
      requestId,
      durationMs,
      memorySizeMB: settings.memorySize,
      maxMemoryUsedMB: 0,
      status: timedOut ? 'timeout' : 'error',
      errorType,
    };
    return { requestId, payload: JSON.stringify({ errorType, errorMessage: message }), functionError: 'Unhandled', log: this.log(report), cold };
  }

  private log(report: InvocationReport): string {
    return executionLog(this.record.logFormat, report, this.withReport);
  }

  private async reset(): Promise<void> {
    const instance = this.instance;
    this.instance = undefined;
    await instance?.stop();
  }

  private settingsAfter(request: UpdateRequest): FunctionSettings {
    const { MemorySize: memory, Timeout: timeout, Environment: environment } = request;
    if (memory !== undefined && !(Number.isInteger(memory) && memory >= 128 && memory <= 10240)) {
      throw LambdaError.invalidParameter(`1 validation error detected: Value '${memory}' at 'memorySize' failed to satisfy constraint: Member must have value between 128 and 10240`);
    }
    if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 1 && timeout <= 900)) {
      throw LambdaError.invalidParameter(`1 validation error detected: Value '${timeout}' at 'timeout' failed to satisfy constraint: Member must have value between 1 and 900`);
    }
    return {
      memorySize: memory ?? this.record.settings.memorySize,
      timeoutSeconds: timeout ?? this.record.settings.timeoutSeconds,
      // Environment replaces every variable; without Variables it removes them all.
      variables: environment === undefined ? this.record.settings.variables : { ...environment.Variables },
    };
  }

  private launchSpec(settings: FunctionSettings): RuntimeSpec {
    const { spec, name } = this.options;
    const env = {
      ...spec.launch.env,
      ...settings.variables,
      AWS_LAMBDA_FUNCTION_NAME: name,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(settings.memorySize),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${name}`,
      AWS_LAMBDA_LOG_FORMAT: this.record.logFormat,
    };
    return { ...spec, launch: { ...spec.launch, env } };
  }
}

/** The members whose value is not undefined: a figure left out keeps the measured one. */
function definedMembers(figures: ReportFigures): ReportFigures {
  return Object.fromEntries(Object.entries(figures).filter(([, value]) => value !== undefined));
}
