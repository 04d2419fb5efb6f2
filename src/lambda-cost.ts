import * as lambda from 'aws-cdk-lib/aws-lambda';
import { propError } from './private/checks/errors';
import { checkArchitecture, LAMBDA_MEMORY_MB } from './private/checks/lambda-limits';
import { checkStruct, given, shown } from './private/checks/type-checks';

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

const US_EAST_1 = { arm64PerGbSecond: 0.0000133334, x86PerGbSecond: 0.0000166667, perMillionRequests: 0.2 };
const MB_PER_GB = 1024;
const MILLION = 1_000_000;
/** Who complains in an error (a const above the class: its static US_EAST_1 is built when the class is). */
const OWNER = 'LambdaCost';

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
    // `null`, like Python's `None`, is prices not given; so is each price.
    const checked = prices ?? {};
    checkStruct(OWNER, 'prices', checked);
    this.arm64PerGbSecond = checkPrice('arm64PerGbSecond', checked.arm64PerGbSecond ?? US_EAST_1.arm64PerGbSecond);
    this.x86PerGbSecond = checkPrice('x86PerGbSecond', checked.x86PerGbSecond ?? US_EAST_1.x86PerGbSecond);
    this.perMillionRequests = checkPrice('perMillionRequests', checked.perMillionRequests ?? US_EAST_1.perMillionRequests);
  }

  /** Price of one GB-second on this architecture, in USD. */
  public pricePerGbSecond(architecture: lambda.Architecture): number {
    checkPricedArchitecture(architecture);
    return architecture.name === lambda.Architecture.X86_64.name ? this.x86PerGbSecond : this.arm64PerGbSecond;
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

/**
 * Every input is checked at run time: jsii's types do not reach a JavaScript caller (nor every
 * Python or Java value), and a wrong type must be our error naming the input, never a price
 * computed from it (the string 'x86_64' was once priced as arm64).
 */
function checkPrice(prop: string, price: number): number {
  if (!(typeof price === 'number' && Number.isFinite(price) && price >= 0)) {
    throw propError(OWNER, prop, `must be a price in USD of 0 or more, got ${shown(price)}`, 'Give the price from the Lambda pricing page of your region');
  }
  return price;
}

/** A lambda.Architecture with a price: Lambda has arm64 and x86_64 only. */
function checkPricedArchitecture(architecture: lambda.Architecture): void {
  checkArchitecture(OWNER, 'architecture', architecture);
  if (architecture.name !== lambda.Architecture.ARM_64.name && architecture.name !== lambda.Architecture.X86_64.name) {
    throw propError(OWNER, 'architecture', `Lambda prices arm64 and x86_64 only, got ${architecture.name}`, 'Use lambda.Architecture.ARM_64 (the default) or X86_64');
  }
}

interface CheckedInvocation {
  readonly durationMs: number;
  readonly memorySize: number;
  readonly architecture: lambda.Architecture;
  readonly initDurationMs: number;
  /** Share of cold starts, from 0 to 1. */
  readonly coldShare: number;
}

/** The invocation's inputs, checked, with the defaults of those not given (`null` included). */
function checkInvocation(invocation: InvocationUsage): CheckedInvocation {
  if (invocation === null || typeof invocation !== 'object' || Array.isArray(invocation)) {
    throw propError(OWNER, 'invocation', `must be an object, got ${shown(invocation)}`, 'Pass e.g. { durationMs: 20, memorySize: 512 }');
  }
  const { durationMs, memorySize } = invocation;
  if (!(typeof durationMs === 'number' && Number.isFinite(durationMs) && durationMs >= 0)) {
    throw propError(OWNER, 'durationMs', `must be 0 ms or more, got ${shown(durationMs)}`, 'Give the handler\'s duration in milliseconds');
  }
  const { min, max } = LAMBDA_MEMORY_MB;
  if (!(typeof memorySize === 'number' && Number.isInteger(memorySize) && memorySize >= min && memorySize <= max)) {
    throw propError(OWNER, 'memorySize', `Lambda memory is a whole number of MB from ${min} to ${max}, got ${shown(memorySize)}`, 'Give the function\'s configured memory');
  }
  const architecture = given(invocation.architecture) ? invocation.architecture : lambda.Architecture.ARM_64;
  checkPricedArchitecture(architecture);
  const initDurationMs = given(invocation.initDurationMs) ? invocation.initDurationMs : 0;
  if (!(typeof initDurationMs === 'number' && Number.isFinite(initDurationMs) && initDurationMs >= 0)) {
    throw propError(OWNER, 'initDurationMs', `must be 0 ms or more, got ${shown(initDurationMs)}`, 'Give the cold start\'s init duration in milliseconds');
  }
  const rate = given(invocation.coldStartRatePercent) ? invocation.coldStartRatePercent : 0;
  if (!(typeof rate === 'number' && Number.isFinite(rate) && rate >= 0 && rate <= 100)) {
    throw propError(OWNER, 'coldStartRatePercent', `must be a percentage from 0 to 100, got ${shown(rate)}`, 'Give the share of cold starts, e.g. 5 for 5%');
  }
  return { durationMs, memorySize, architecture, initDurationMs, coldShare: rate / 100 };
}
