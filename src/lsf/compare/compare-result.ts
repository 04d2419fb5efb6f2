import { FunctionFacts } from './function-facts';
import { ColdStartHiding } from '../report/cold-start-hiding';
import { RuntimeSummary } from '../report/runtime-summary';

/** Raw samples of one function, in ms, from Lambda's reports. */
export interface LiveSamples {
  /** Init Duration of each forced cold start (Restore Duration for a SnapStart twin, whose cold starts are restores). */
  readonly initMs: number[];
  /**
   * What each forced cold start bills as duration: its Init Duration, or for a SnapStart
   * restore its Billed Restore Duration (the whole Restore Duration when the report has no billed part).
   */
  readonly billedColdStartMs: number[];
  /** Init Duration + Duration of each forced cold start's invocation. */
  readonly firstResponseMs: number[];
  /** Duration of each warm invocation. */
  readonly warmMs: number[];
  /** Billed Duration of each warm invocation. */
  readonly billedMs: number[];
  /** Max Memory Used over all invocations, in MB. */
  maxMemoryMb?: number;
}

/** Everything one `lsf compare` run found: what --json prints and what the table shows. */
export interface CompareResult {
  readonly region: string;
  /** The endpoint override, when the run did not talk to AWS's own endpoints. */
  readonly endpoint?: string;
  readonly startedAt: string;
  readonly function: FunctionFacts;
  readonly twin: FunctionFacts;
  readonly coldStarts: number;
  readonly warmInvocations: number;
  /** Names of the events sent; the cold starts all send the first one. */
  readonly events: string[];
  /** Whether the answers were checked against a cases file's expected answers, or only against each other. */
  readonly answersChecked: 'expected' | 'each-other';
  readonly coldStartRatePercent: number;
  /** Retries after throttling (429), update conflicts (409) or Lambda errors (5xx), by error name. */
  readonly retries: { readonly [errorName: string]: number };
  /** Warm invocations that Lambda served from a new environment anyway: left out of the warm samples. */
  readonly unexpectedColdStarts: { readonly [functionName: string]: number };
  readonly runtimes: RuntimeSummary[];
  /** What hiding the twin's cold starts would cost at --rps. */
  readonly coldStartHiding: ColdStartHiding;
  readonly samples: { readonly [runtime: string]: LiveSamples };
}
