import * as lambda from 'aws-cdk-lib/aws-lambda';
import { checkInvocation, checkMemory, checkPrice, checkPricedArchitecture, checkRequestsPerSecond, isX86, OWNER } from './private/checks/cost-checks';
import { propError } from './private/checks/errors';
import { checkStruct, given, shown } from './private/checks/type-checks';
import { estimateProvisionedConcurrency } from './private/cost/provisioned-sizing';
import { ProvisionedConcurrencyEstimate, ProvisionedConcurrencyProps } from './provisioned-concurrency';

/**
 * Lambda prices, in USD: on demand, provisioned concurrency and SnapStart. Each one not given
 * is the us-east-1 price, from https://aws.amazon.com/lambda/pricing/ and the AWS Price List
 * (service code AWSLambda, us-east-1).
 */
export interface LambdaPrices {
  /**
   * Price of one GB-second on arm64.
   *
   * @default 0.0000133334
   */
  readonly arm64PerGbSecond?: number;

  /**
   * Price of one GB-second on x86_64.
   *
   * @default 0.0000166667
   */
  readonly x86PerGbSecond?: number;

  /**
   * Price of one million requests.
   *
   * @default 0.2
   */
  readonly perMillionRequests?: number;

  /**
   * Price of one GB-second of provisioned concurrency configured on arm64, billed for as long as
   * it is configured, used or not.
   *
   * @default 0.0000033334
   */
  readonly arm64ProvisionedPerGbSecond?: number;

  /**
   * Price of one GB-second of provisioned concurrency configured on x86_64.
   *
   * @default 0.0000041667
   */
  readonly x86ProvisionedPerGbSecond?: number;

  /**
   * Price of one GB-second of duration served by provisioned concurrency on arm64 (lower than
   * the on-demand price).
   *
   * @default 0.0000077778
   */
  readonly arm64ProvisionedDurationPerGbSecond?: number;

  /**
   * Price of one GB-second of duration served by provisioned concurrency on x86_64.
   *
   * @default 0.0000097222
   */
  readonly x86ProvisionedDurationPerGbSecond?: number;

  /**
   * Price of one GB-second of a SnapStart snapshot cached, for as long as its version is active
   * (3 hours at least). One price for both architectures: the AWS Price List has one SnapStart
   * cache SKU per region, none per architecture.
   *
   * @default 0.0000015046
   */
  readonly snapStartCachePerGbSecond?: number;

  /**
   * Price of one GB restored from a SnapStart snapshot (each restore of a new execution
   * environment, by the function's memory). One price for both architectures, like the cache.
   *
   * @default 0.0001397998
   */
  readonly snapStartRestorePerGb?: number;
}

/**
 * How a function runs, as far as its bill is concerned.
 */
export interface InvocationUsage {
  /** Duration of an invocation (the handler's work, init excluded), in ms. */
  readonly durationMs: number;

  /** Memory of the function, in MB. */
  readonly memorySize: number;

  /**
   * CPU architecture of the function.
   *
   * @default lambda.Architecture.ARM_64
   */
  readonly architecture?: lambda.Architecture;

  /**
   * Init duration of a cold start, in ms.
   *
   * @default 0
   */
  readonly initDurationMs?: number;

  /**
   * Share of invocations that are cold starts, in percent (0-100).
   *
   * @default 0
   */
  readonly coldStartRatePercent?: number;
}

/**
 * us-east-1 prices. On demand and provisioned concurrency: https://aws.amazon.com/lambda/pricing/
 * (its provisioned-concurrency example prices x86_64 at $0.0000041667 per GB-s configured and
 * $0.0000097222 per GB-s of duration; its SnapStart example, $0.0000015046 per GB-s cached and
 * $0.0001397998 per GB restored). The arm64 provisioned prices ($0.0000033334 configured,
 * $0.0000077778 duration) are the AWS Price List's (AWSLambda, us-east-1), 20% below x86_64
 * like every arm64 duration price.
 */
const US_EAST_1 = {
  arm64PerGbSecond: 0.0000133334,
  x86PerGbSecond: 0.0000166667,
  perMillionRequests: 0.2,
  arm64ProvisionedPerGbSecond: 0.0000033334,
  x86ProvisionedPerGbSecond: 0.0000041667,
  arm64ProvisionedDurationPerGbSecond: 0.0000077778,
  x86ProvisionedDurationPerGbSecond: 0.0000097222,
  snapStartCachePerGbSecond: 0.0000015046,
  snapStartRestorePerGb: 0.0001397998,
};
const MB_PER_GB = 1024;
const MILLION = 1_000_000;
/** A month of 730 hours (a 365-day year / 12), the month AWS's price examples bill all-month resources for. */
const SECONDS_PER_MONTH = 730 * 3600;

/**
 * A cost model of Lambda: on-demand invocations (GB-seconds by architecture plus requests), and
 * the two ways to hide cold starts, provisioned concurrency and SnapStart.
 *
 * Each invocation's billed duration is rounded up to the next millisecond; a cold start also
 * bills its init phase (on-demand functions on every runtime since 2025-08-01). A month is 730
 * hours. The free tier is ignored.
 */
export class LambdaCost {
  /** The us-east-1 prices. */
  public static readonly US_EAST_1 = new LambdaCost();

  /** Price of one GB-second on arm64, in USD. */
  public readonly arm64PerGbSecond: number;

  /** Price of one GB-second on x86_64, in USD. */
  public readonly x86PerGbSecond: number;

  /** Price of one million requests, in USD. */
  public readonly perMillionRequests: number;

  /** Price of one GB-second of provisioned concurrency configured on arm64, in USD. */
  public readonly arm64ProvisionedPerGbSecond: number;

  /** Price of one GB-second of provisioned concurrency configured on x86_64, in USD. */
  public readonly x86ProvisionedPerGbSecond: number;

  /** Price of one GB-second of duration served by provisioned concurrency on arm64, in USD. */
  public readonly arm64ProvisionedDurationPerGbSecond: number;

  /** Price of one GB-second of duration served by provisioned concurrency on x86_64, in USD. */
  public readonly x86ProvisionedDurationPerGbSecond: number;

  /** Price of one GB-second of a SnapStart snapshot cached, in USD. */
  public readonly snapStartCachePerGbSecond: number;

  /** Price of one GB restored from a SnapStart snapshot, in USD. */
  public readonly snapStartRestorePerGb: number;

  /**
   * @param prices the prices to use instead of us-east-1's list prices, each optional
   */
  constructor(prices: LambdaPrices = {}) {
    // `null`, like Python's `None`, is prices not given; so is each price.
    const checked = prices ?? {};
    checkStruct(OWNER, 'prices', checked);
    this.arm64PerGbSecond = checkPrice('arm64PerGbSecond', checked.arm64PerGbSecond ?? US_EAST_1.arm64PerGbSecond);
    this.x86PerGbSecond = checkPrice('x86PerGbSecond', checked.x86PerGbSecond ?? US_EAST_1.x86PerGbSecond);
    this.perMillionRequests = checkPrice('perMillionRequests', checked.perMillionRequests ?? US_EAST_1.perMillionRequests);
    this.arm64ProvisionedPerGbSecond = checkPrice('arm64ProvisionedPerGbSecond', checked.arm64ProvisionedPerGbSecond ?? US_EAST_1.arm64ProvisionedPerGbSecond);
    this.x86ProvisionedPerGbSecond = checkPrice('x86ProvisionedPerGbSecond', checked.x86ProvisionedPerGbSecond ?? US_EAST_1.x86ProvisionedPerGbSecond);
    this.arm64ProvisionedDurationPerGbSecond = checkPrice('arm64ProvisionedDurationPerGbSecond',
      checked.arm64ProvisionedDurationPerGbSecond ?? US_EAST_1.arm64ProvisionedDurationPerGbSecond);
    this.x86ProvisionedDurationPerGbSecond = checkPrice('x86ProvisionedDurationPerGbSecond',
      checked.x86ProvisionedDurationPerGbSecond ?? US_EAST_1.x86ProvisionedDurationPerGbSecond);
    this.snapStartCachePerGbSecond = checkPrice('snapStartCachePerGbSecond', checked.snapStartCachePerGbSecond ?? US_EAST_1.snapStartCachePerGbSecond);
    this.snapStartRestorePerGb = checkPrice('snapStartRestorePerGb', checked.snapStartRestorePerGb ?? US_EAST_1.snapStartRestorePerGb);
  }

  /** Price of one GB-second on this architecture, in USD. */
  public pricePerGbSecond(architecture: lambda.Architecture): number {
    checkPricedArchitecture(architecture);
    return isX86(architecture) ? this.x86PerGbSecond : this.arm64PerGbSecond;
  }

  /** Price of one GB-second of provisioned concurrency configured on this architecture, in USD. */
  public provisionedPricePerGbSecond(architecture: lambda.Architecture): number {
    checkPricedArchitecture(architecture);
    return isX86(architecture) ? this.x86ProvisionedPerGbSecond : this.arm64ProvisionedPerGbSecond;
  }

  /** Price of one GB-second of duration served by provisioned concurrency on this architecture, in USD. */
  public provisionedDurationPricePerGbSecond(architecture: lambda.Architecture): number {
    checkPricedArchitecture(architecture);
    return isX86(architecture) ? this.x86ProvisionedDurationPerGbSecond : this.arm64ProvisionedDurationPerGbSecond;
  }

  /**
   * Price of keeping `concurrency` environments of `memorySize` MB provisioned for a month, in
   * USD: concurrency x GB x 2,628,000 s x the configured price. Invocations are billed on top.
   *
   * @param architecture - default lambda.Architecture.ARM_64
   */
  public provisionedCostPerMonth(concurrency: number, memorySize: number, architecture?: lambda.Architecture): number {
    if (!(typeof concurrency === 'number' && Number.isInteger(concurrency) && concurrency >= 0)) {
      throw propError(OWNER, 'concurrency', `must be a whole number of environments, 0 or more, got ${shown(concurrency)}`, 'Give the provisioned concurrency, e.g. 5');
    }
    const arch = given(architecture) ? architecture : lambda.Architecture.ARM_64;
    return concurrency * gigabytes(memorySize) * SECONDS_PER_MONTH * this.provisionedPricePerGbSecond(arch);
  }

  /**
   * Price of caching one SnapStart version's snapshot for a month, in USD: GB x 2,628,000 s x
   * the cache price. Each published version with SnapStart is cached while it is active.
   */
  public snapStartCacheCostPerMonth(memorySize: number): number {
    return gigabytes(memorySize) * SECONDS_PER_MONTH * this.snapStartCachePerGbSecond;
  }

  /**
   * Price of one SnapStart restore, in USD: GB x the restore price. The restore's billed part
   * (loading the runtime, after-restore hooks) is billed as duration on top.
   */
  public snapStartRestoreCost(memorySize: number): number {
    return gigabytes(memorySize) * this.snapStartRestorePerGb;
  }

  /**
   * Total cost of a month on demand at a steady request rate, in USD: the cost per million
   * invocations (its measured cold-start rate and init included) x the month's invocations.
   */
  public costPerMonth(requestsPerSecond: number, invocation: InvocationUsage): number {
    checkRequestsPerSecond(requestsPerSecond);
    return this.costPerMillion(invocation) * requestsPerSecond * SECONDS_PER_MONTH / MILLION;
  }

  /**
   * How much provisioned concurrency keeps a load warm, and its monthly cost.
   *
   * Little's law gives the environments busy on average: requests per second x warm duration.
   * Provisioning exactly that leaves every other request to spill over, so the headroom is
   * sized for the target: the fewest environments whose share of requests finding them all busy
   * (Erlang's loss formula, Poisson arrivals) is at most the target cold-start rate. Bursty
   * traffic needs more: give the peak rate.
   */
  public provisionedConcurrency(props: ProvisionedConcurrencyProps): ProvisionedConcurrencyEstimate {
    return estimateProvisionedConcurrency(this, props, SECONDS_PER_MONTH);
  }

  /** Compute cost (GB-seconds, init included) of one million invocations, in USD. */
  public computeCostPerMillion(invocation: InvocationUsage): number {
    const { durationMs, memorySize, architecture, initDurationMs, coldShare } = checkInvocation(invocation);
    const warmBilledMs = Math.ceil(durationMs);
    const coldBilledMs = Math.ceil(initDurationMs + durationMs);
    const averageBilledSeconds = ((1 - coldShare) * warmBilledMs + coldShare * coldBilledMs) / 1000;
    return MILLION * averageBilledSeconds * (memorySize / MB_PER_GB) * this.pricePerGbSecond(architecture);
  }

  /** Total cost (compute and requests) of one million invocations, in USD. */
  public costPerMillion(invocation: InvocationUsage): number {
    return this.computeCostPerMillion(invocation) + this.perMillionRequests;
  }
}

/** Memory in GB, from a checked memory size in MB. */
function gigabytes(memorySize: number): number {
  checkMemory(memorySize);
  return memorySize / MB_PER_GB;
}
