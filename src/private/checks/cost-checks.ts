import * as lambda from 'aws-cdk-lib/aws-lambda';
import { propError } from './errors';
import { checkArchitecture, LAMBDA_MEMORY_MB } from './lambda-limits';
import { given, shown } from './type-checks';
import type { InvocationUsage } from '../../lambda-cost';

/** Who complains in an error about a LambdaCost input. */
export const OWNER = 'LambdaCost';

/**
 * Every input is checked at run time: jsii's types do not reach a JavaScript caller (nor every
 * Python or Java value), and a wrong type must be our error naming the input, never a price
 * computed from it (the string 'x86_64' was once priced as arm64).
 */
export function checkPrice(prop: string, price: number): number {
  if (!(typeof price === 'number' && Number.isFinite(price) && price >= 0)) {
    throw propError(OWNER, prop, `must be a price in USD of 0 or more, got ${shown(price)}`, 'Give the price from the Lambda pricing page of your region');
  }
  return price;
}

export function isX86(architecture: lambda.Architecture): boolean {
  return architecture.name === lambda.Architecture.X86_64.name;
}

export function checkMemory(memorySize: number): void {
  const { min, max } = LAMBDA_MEMORY_MB;
  if (!(typeof memorySize === 'number' && Number.isInteger(memorySize) && memorySize >= min && memorySize <= max)) {
    throw propError(OWNER, 'memorySize', `Lambda memory is a whole number of MB from ${min} to ${max}, got ${shown(memorySize)}`, 'Give the function\'s configured memory');
  }
}

/** A steady request rate: above 0, finite. */
export function checkRequestsPerSecond(requestsPerSecond: number): void {
  if (!(typeof requestsPerSecond === 'number' && Number.isFinite(requestsPerSecond) && requestsPerSecond > 0)) {
    throw propError(OWNER, 'requestsPerSecond', `must be a number of requests per second above 0, got ${shown(requestsPerSecond)}`, 'Give the steady (or peak) request rate, e.g. 50');
  }
}

/** A lambda.Architecture with a price: Lambda has arm64 and x86_64 only. */
export function checkPricedArchitecture(architecture: lambda.Architecture): void {
  checkArchitecture(OWNER, 'architecture', architecture);
  if (architecture.name !== lambda.Architecture.ARM_64.name && architecture.name !== lambda.Architecture.X86_64.name) {
    throw propError(OWNER, 'architecture', `Lambda prices arm64 and x86_64 only, got ${architecture.name}`, 'Use lambda.Architecture.ARM_64 (the default) or X86_64');
  }
}

export interface CheckedInvocation {
  readonly durationMs: number;
  readonly memorySize: number;
  readonly architecture: lambda.Architecture;
  readonly initDurationMs: number;
  /** Share of cold starts, from 0 to 1. */
  readonly coldShare: number;
}

/** The invocation's inputs, checked, with the defaults of those not given (`null` included). */
export function checkInvocation(invocation: InvocationUsage): CheckedInvocation {
  if (invocation === null || typeof invocation !== 'object' || Array.isArray(invocation)) {
    throw propError(OWNER, 'invocation', `must be an object, got ${shown(invocation)}`, 'Pass e.g. { durationMs: 20, memorySize: 512 }');
  }
  const { durationMs, memorySize } = invocation;
  if (!(typeof durationMs === 'number' && Number.isFinite(durationMs) && durationMs >= 0)) {
    throw propError(OWNER, 'durationMs', `must be 0 ms or more, got ${shown(durationMs)}`, 'Give the handler\'s duration in milliseconds');
  }
  checkMemory(memorySize);
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
