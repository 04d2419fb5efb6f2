import * as lambda from 'aws-cdk-lib/aws-lambda';
import { propError } from './private/errors';
import { LAMBDA_MEMORY_MB } from './private/lambda-limits';

/**
 * Lambda on-demand prices, in USD. Each one not given is the us-east-1 price.
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
}

/**
 * How a function runs, as far as its bill is concerned.
 */
export interface InvocationProfile {
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

const US_EAST_1 = { arm64PerGbSecond: 0.0000133334, x86PerGbSecond: 0.0000166667, perMillionRequests: 0.2 };
const MB_PER_GB = 1024;
const MILLION = 1_000_000;

/**
 * A cost model of Lambda on-demand invocations: GB-seconds by architecture plus requests.
 *
 * Each invocation's billed duration is rounded up to the next millisecond; a cold start also
 * bills its init phase (on-demand functions on every runtime since 2025-08-01). The free tier
 * is ignored.
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

  constructor(prices: LambdaPrices = {}) {
    this.arm64PerGbSecond = checkPrice('arm64PerGbSecond', prices.arm64PerGbSecond ?? US_EAST_1.arm64PerGbSecond);
    this.x86PerGbSecond = checkPrice('x86PerGbSecond', prices.x86PerGbSecond ?? US_EAST_1.x86PerGbSecond);
    this.perMillionRequests = checkPrice('perMillionRequests', prices.perMillionRequests ?? US_EAST_1.perMillionRequests);
  }

  /** Price of one GB-second on this architecture, in USD. */
  public pricePerGbSecond(architecture: lambda.Architecture): number {
    return architecture.name === lambda.Architecture.X86_64.name ? this.x86PerGbSecond : this.arm64PerGbSecond;
  }

  /** Compute cost (GB-seconds, init included) of one million invocations, in USD. */
  public computeCostPerMillion(invocation: InvocationProfile): number {
    const { durationMs, memorySize } = invocation;
    const initDurationMs = invocation.initDurationMs ?? 0;
    const coldShare = (invocation.coldStartRatePercent ?? 0) / 100;
    checkInvocation(invocation, initDurationMs);
    const warmBilledMs = Math.ceil(durationMs);
    const coldBilledMs = Math.ceil(initDurationMs + durationMs);
    const averageBilledSeconds = ((1 - coldShare) * warmBilledMs + coldShare * coldBilledMs) / 1000;
    const pricePerGbSecond = this.pricePerGbSecond(invocation.architecture ?? lambda.Architecture.ARM_64);
    return MILLION * averageBilledSeconds * (memorySize / MB_PER_GB) * pricePerGbSecond;
  }

  /** Total cost (compute and requests) of one million invocations, in USD. */
  public costPerMillion(invocation: InvocationProfile): number {
    return this.computeCostPerMillion(invocation) + this.perMillionRequests;
  }
}

const OWNER = 'LambdaCost';

function checkPrice(prop: string, price: number): number {
  if (!(Number.isFinite(price) && price >= 0)) {
    throw propError(OWNER, prop, `must be a price in USD of 0 or more, got ${price}`, 'Give the price from the Lambda pricing page of your region');
  }
  return price;
}

function checkInvocation(invocation: InvocationProfile, initDurationMs: number): void {
  if (!(Number.isFinite(invocation.durationMs) && invocation.durationMs >= 0)) {
    throw propError(OWNER, 'durationMs', `must be 0 ms or more, got ${invocation.durationMs}`, 'Give the handler\'s duration in milliseconds');
  }
  const { min, max } = LAMBDA_MEMORY_MB;
  if (!(Number.isInteger(invocation.memorySize) && invocation.memorySize >= min && invocation.memorySize <= max)) {
    throw propError(OWNER, 'memorySize', `Lambda memory is a whole number of MB from ${min} to ${max}, got ${invocation.memorySize}`, 'Give the function\'s configured memory');
  }
  if (!(Number.isFinite(initDurationMs) && initDurationMs >= 0)) {
    throw propError(OWNER, 'initDurationMs', `must be 0 ms or more, got ${initDurationMs}`, 'Give the cold start\'s init duration in milliseconds');
  }
  const rate = invocation.coldStartRatePercent;
  if (rate !== undefined && !(Number.isFinite(rate) && rate >= 0 && rate <= 100)) {
    throw propError(OWNER, 'coldStartRatePercent', `must be a percentage from 0 to 100, got ${rate}`, 'Give the share of cold starts, e.g. 5 for 5%');
  }
}
