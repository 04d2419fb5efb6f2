import { LiveSamples } from './compare-result';
import { FunctionFacts } from './function-facts';
import { InvocationReport } from './invocation-report';
import { RunFailure } from '../errors';

/** The samples of both functions, taken from Lambda's reports as the run goes. */
export class LiveSampleSet {
  /** Warm invocations that Lambda served from a new environment anyway, per function name. */
  public readonly unexpectedColdStarts: { [name: string]: number } = {};
  private readonly samples = new Map<FunctionFacts, LiveSamples>();

  constructor(functions: readonly FunctionFacts[]) {
    for (const fn of functions) this.samples.set(fn, { initMs: [], billedColdStartMs: [], firstResponseMs: [], warmMs: [], billedMs: [] });
  }

  /**
   * The first invocation after a configuration change (or of a newly published SnapStart
   * version): its init, or its restore, and its first response. AWS counts a SnapStart cold
   * start as Restore Duration + Duration (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-monitoring.html).
   * @throws RunFailure when the report has neither (the environment was not new)
   */
  public recordCold(fn: FunctionFacts, report: InvocationReport): void {
    const coldStartMs = coldStartOf(report);
    if (coldStartMs === undefined) {
      throw new RunFailure(`${fn.name} answered the first invocation after a configuration change without an Init or Restore Duration, so it was not a cold start. `
        + 'Provisioned concurrency keeps environments ready; compare functions without it (a SnapStart twin is compared through the alias its record names).');
    }
    const s = this.of(fn, report);
    s.initMs.push(coldStartMs);
    s.billedColdStartMs.push(report.initDurationMs ?? report.billedRestoreDurationMs ?? coldStartMs);
    s.firstResponseMs.push(coldStartMs + report.durationMs);
  }

  /** A warm invocation; one that Lambda served cold anyway is counted, not sampled. */
  public recordWarm(fn: FunctionFacts, report: InvocationReport): void {
    const s = this.of(fn, report);
    if (coldStartOf(report) === undefined) {
      s.warmMs.push(report.durationMs);
      s.billedMs.push(report.billedDurationMs);
    } else {
      this.unexpectedColdStarts[fn.name] = (this.unexpectedColdStarts[fn.name] ?? 0) + 1;
    }
  }

  /**
   * The samples of a function.
   * @throws RunFailure when warm invocations were asked for and none was warm
   */
  public samplesOf(fn: FunctionFacts, warmInvocations: number): LiveSamples {
    const s = this.samples.get(fn)!;
    if (warmInvocations > 0 && s.warmMs.length === 0) {
      throw new RunFailure(`Every warm invocation of ${fn.name} was a cold start: Lambda did not keep an environment warm between invocations.`);
    }
    return s;
  }

  private of(fn: FunctionFacts, report: InvocationReport): LiveSamples {
    const s = this.samples.get(fn)!;
    s.maxMemoryMb = Math.max(s.maxMemoryMb ?? 0, report.maxMemoryUsedMb);
    return s;
  }
}

/** The cold start of a report: its init, or its SnapStart restore; undefined when warm. */
function coldStartOf(report: InvocationReport): number | undefined {
  return report.initDurationMs ?? report.restoreDurationMs;
}
