import * as lambda from 'aws-cdk-lib/aws-lambda';

/**
 * A steady load on a function that provisioned concurrency would keep warm: what
 * `LambdaCost.provisionedConcurrency` sizes and prices.
 */
export interface ProvisionedConcurrencyProps {
  /** Requests per second, at the level to provision for (a peak, not a daily mean, for bursty traffic). */
  readonly requestsPerSecond: number;

  /** Warm duration of one invocation (the handler's work, init excluded), in ms. */
  readonly warmDurationMs: number;

  /** Memory of the function, in MB. */
  readonly memorySize: number;

  /**
   * CPU architecture of the function.
   *
   * @default lambda.Architecture.ARM_64
   */
  readonly architecture?: lambda.Architecture;

  /**
   * Largest acceptable share of invocations that find every provisioned environment busy and
   * spill over to on-demand environments, where they may start cold; in percent, above 0 and
   * at most 100.
   *
   * @default 1
   */
  readonly targetColdStartRatePercent?: number;

  /**
   * Init duration of the function's on-demand cold start, in ms: what a spilled invocation is
   * billed for on top of its duration when it starts cold.
   *
   * @default 0
   */
  readonly initDurationMs?: number;
}

/**
 * How much provisioned concurrency a load needs, and what it costs per month (730 hours), in USD.
 */
export interface ProvisionedConcurrencyEstimate {
  /** Environments busy on average: requests per second x warm duration in seconds (Little's law). */
  readonly meanConcurrency: number;

  /** Environments to provision: the fewest whose spill-over share is at most the target. */
  readonly provisionedConcurrency: number;

  /** What the provisioned environments add over the mean, in percent of the mean. */
  readonly headroomPercent: number;

  /**
   * Share of invocations that find every provisioned environment busy (Erlang's loss formula),
   * in percent: an upper bound of the cold-start rate, as a spilled invocation may still find
   * a warm on-demand environment.
   */
  readonly spillOverRatePercent: number;

  /** Price of keeping the environments provisioned all month. */
  readonly provisionedCostPerMonth: number;

  /** Duration of the invocations: the provisioned duration price, and on-demand for spilled ones (billed as cold). */
  readonly durationCostPerMonth: number;

  /** Requests. */
  readonly requestCostPerMonth: number;

  /** The sum of the three. */
  readonly totalCostPerMonth: number;
}
