import { Duration } from 'aws-cdk-lib';
import { checkPositiveDuration, checkRatePercent } from './private/checks/budget-checks';
import { propError } from './private/checks/errors';
import { checkMemorySize, checkTimeout } from './private/checks/lambda-limits';
import { given, shown } from './private/checks/type-checks';

/**
 * Options of a custom latency profile. Every value not given is taken from `basedOn`.
 */
export interface CustomLatencyProfileOptions {
  /**
   * The preset whose values fill in the options not given here.
   *
   * @default LatencyProfile.USER_FACING_VALIDATION
   */
  readonly basedOn?: LatencyProfile;

  /**
   * A short name for the profile, used in descriptions and alarm names.
   *
   * @default 'custom'
   */
  readonly name?: string;

  /**
   * Memory of the function, in MB (128-10240). Lambda gives CPU in proportion to memory:
   * 1,769 MB is one full vCPU.
   *
   * @default - the `basedOn` profile's memory size
   */
  readonly memorySize?: number;

  /**
   * Function timeout (1 second to 15 minutes).
   *
   * @default - the `basedOn` profile's timeout
   */
  readonly timeout?: Duration;

  /**
   * Cold-start budget: the p99 of the init duration that the cold-start alarm holds.
   *
   * @default - the `basedOn` profile's cold-start budget
   */
  readonly coldStartBudget?: Duration;

  /**
   * Warm-latency budget: the p99 of the `Duration` metric that the latency alarm holds.
   *
   * @default - the `basedOn` profile's warm-latency budget
   */
  readonly warmLatencyBudget?: Duration;

  /**
   * Largest acceptable share of invocations that are cold starts, in percent (above 0, at most 100).
   *
   * @default - the `basedOn` profile's maximum cold-start rate
   */
  readonly maxColdStartRatePercent?: number;
}

interface ProfileValues {
  readonly name: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly coldStartBudget: Duration;
  readonly warmLatencyBudget: Duration;
  readonly maxColdStartRatePercent: number;
}

/**
 * How a latency-sensitive function is sized and what latency it is held to: memory,
 * timeout, and the budgets that its alarms watch.
 *
 * The presets are named after the workloads where a Rust handler pays off. Their numbers
 * start from two facts: Lambda gives CPU in proportion to memory (1,769 MB is one vCPU,
 * 128 MB about 7% of one), and a Rust handler on `provided.al2023` initialises in about
 * 14 ms on arm64 (hello world; 10-50 ms for real handlers), so the cold-start budgets
 * leave room for real initialisation (TLS, SDK clients) but not for an interpreter.
 */
export class LatencyProfile {
  /**
   * Real-time APIs, where every millisecond is user-visible.
   *
   * - 1,769 MB: one full vCPU. A single-threaded handler gets no more CPU above this, and
   *   anything below slows both init and execution in proportion.
   * - 5 s timeout: a real-time caller gives up long before; fail fast and free the environment.
   * - Cold-start budget 100 ms (init p99): a Rust init at full CPU is 10-50 ms.
   * - Warm-latency budget 50 ms (p99): room for one downstream call, not for a slow path.
   * - Cold-start rate at most 1%: steady API traffic keeps environments warm; more means
   *   scaling churn that users feel.
   */
  public static readonly REAL_TIME_API = new LatencyProfile({
    name: 'real-time-api',
    memorySize: 1769,
    timeout: Duration.seconds(5),
    coldStartBudget: Duration.millis(100),
    warmLatencyBudget: Duration.millis(50),
    maxColdStartRatePercent: 1,
  });

  /**
   * Validation that runs on every form submission or interaction (the default).
   *
   * - 512 MB: about 0.29 vCPU, plenty for parsing and checking a payload in Rust (1-5 ms),
   *   at a quarter of the price of a full vCPU.
   * - 3 s timeout: a user is waiting on the answer; validation never legitimately takes longer.
   * - Cold-start budget 150 ms (init p99): at 0.29 vCPU init runs slower than at full CPU,
   *   and still far below a Python or Node cold start (200-500 ms in the seed article).
   * - Warm-latency budget 25 ms (p99): validation is CPU-only work on a small document.
   * - Cold-start rate at most 5%: the seed article's form scenario, one user in 20.
   */
  public static readonly USER_FACING_VALIDATION = new LatencyProfile({
    name: 'user-facing-validation',
    memorySize: 512,
    timeout: Duration.seconds(3),
    coldStartBudget: Duration.millis(150),
    warmLatencyBudget: Duration.millis(25),
    maxColdStartRatePercent: 5,
  });

  /**
   * Many short invocations (queues, streams, fan-out) where start-up would dominate.
   *
   * - 256 MB: about 0.14 vCPU; short handlers are billed per millisecond, so a small
   *   size keeps the per-invocation price low while a Rust handler stays in the
   *   single-digit milliseconds.
   * - 3 s timeout: short by definition; a stuck invocation should not hold a batch.
   * - Cold-start budget 200 ms (init p99): less CPU makes init slower, but it stays rare.
   * - Warm-latency budget 20 ms (p99): the work per invocation is small.
   * - Cold-start rate at most 1%: high traffic keeps environments warm.
   */
  public static readonly HIGH_FREQUENCY = new LatencyProfile({
    name: 'high-frequency',
    memorySize: 256,
    timeout: Duration.seconds(3),
    coldStartBudget: Duration.millis(200),
    warmLatencyBudget: Duration.millis(20),
    maxColdStartRatePercent: 1,
  });

  /**
   * Cost first: the smallest size, generous latency budgets.
   *
   * - 128 MB: the cheapest GB-second; a Rust handler's memory use is typically 15-30 MB.
   * - 10 s timeout: slow CPU (about 7% of a vCPU) needs headroom for occasional heavy inputs.
   * - Cold-start budget 300 ms (init p99): init at 7% of a vCPU is slower, still below an
   *   interpreter's cold start at full size.
   * - Warm-latency budget 100 ms (p99): execution time is money, but the budget only has to
   *   catch regressions.
   * - Cold-start rate at most 10%: traffic may be sparse.
   */
  public static readonly COST_SENSITIVE = new LatencyProfile({
    name: 'cost-sensitive',
    memorySize: 128,
    timeout: Duration.seconds(10),
    coldStartBudget: Duration.millis(300),
    warmLatencyBudget: Duration.millis(100),
    maxColdStartRatePercent: 10,
  });

  /**
   * A profile of your own numbers; those not given come from `basedOn`.
   *
   * @example
   * const checkout = LatencyProfile.custom({
   *   basedOn: LatencyProfile.REAL_TIME_API,
   *   name: 'checkout-api',
   *   warmLatencyBudget: Duration.millis(30),
   * });
   */
  public static custom(options: CustomLatencyProfileOptions): LatencyProfile {
    if (options === undefined || options === null) {
      throw propError('LatencyProfile.custom', 'options', 'they are required', 'Pass the numbers to change, e.g. { memorySize: 1024 }');
    }
    const base = options.basedOn ?? LatencyProfile.USER_FACING_VALIDATION;
    const owner = 'LatencyProfile.custom';
    if (!(base instanceof LatencyProfile)) {
      throw propError(owner, 'basedOn', `must be a LatencyProfile, got ${shown(base)}`, 'Use a preset such as LatencyProfile.REAL_TIME_API, or leave it out');
    }
    if (given(options.name) && !(typeof options.name === 'string' && /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(options.name))) {
      throw propError(owner, 'name', `${shown(options.name)} is not 1-64 letters, digits, '-' or '_' starting with a letter or digit`, 'Use a short name such as \'checkout-api\'');
    }
    if (given(options.memorySize)) checkMemorySize(owner, 'memorySize', options.memorySize);
    if (given(options.timeout)) checkTimeout(owner, 'timeout', options.timeout);
    if (given(options.coldStartBudget)) checkPositiveDuration(owner, 'coldStartBudget', options.coldStartBudget);
    if (given(options.warmLatencyBudget)) checkPositiveDuration(owner, 'warmLatencyBudget', options.warmLatencyBudget);
    if (given(options.maxColdStartRatePercent)) checkRatePercent(owner, 'maxColdStartRatePercent', options.maxColdStartRatePercent);
    return new LatencyProfile({
      name: options.name ?? 'custom',
      memorySize: options.memorySize ?? base.memorySize,
      timeout: options.timeout ?? base.timeout,
      coldStartBudget: options.coldStartBudget ?? base.coldStartBudget,
      warmLatencyBudget: options.warmLatencyBudget ?? base.warmLatencyBudget,
      maxColdStartRatePercent: options.maxColdStartRatePercent ?? base.maxColdStartRatePercent,
    });
  }

  /** The profile's name, e.g. `user-facing-validation`. */
  public readonly name: string;
  /** Memory of the function, in MB. */
  public readonly memorySize: number;
  /** Function timeout. */
  public readonly timeout: Duration;
  /** The p99 init duration that the cold-start alarm holds. */
  public readonly coldStartBudget: Duration;
  /** The p99 `Duration` that the warm-latency alarm holds. */
  public readonly warmLatencyBudget: Duration;
  /** Largest acceptable share of invocations that are cold starts, in percent. */
  public readonly maxColdStartRatePercent: number;

  private constructor(values: ProfileValues) {
    this.name = values.name;
    this.memorySize = values.memorySize;
    this.timeout = values.timeout;
    this.coldStartBudget = values.coldStartBudget;
    this.warmLatencyBudget = values.warmLatencyBudget;
    this.maxColdStartRatePercent = values.maxColdStartRatePercent;
  }
}
