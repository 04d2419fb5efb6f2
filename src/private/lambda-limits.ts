import { Duration, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { propError } from './errors';

/** Lambda's documented limits on memory (MB) and timeout (seconds). */
export const LAMBDA_MEMORY_MB = { min: 128, max: 10240 };
export const LAMBDA_TIMEOUT_SECONDS = { min: 1, max: 900 };

export function checkMemorySize(owner: IConstruct | string, prop: string, memorySize: number): void {
  if (Token.isUnresolved(memorySize)) return;
  const { min, max } = LAMBDA_MEMORY_MB;
  if (!Number.isInteger(memorySize) || memorySize < min || memorySize > max) {
    throw propError(owner, prop, `Lambda memory must be a whole number of MB from ${min} to ${max}, got ${memorySize}`,
      'Pick a size in that range (1769 MB is one full vCPU), or leave it out to use the latency profile\'s');
  }
}

export function checkTimeout(owner: IConstruct | string, prop: string, timeout: Duration): void {
  if (timeout.isUnresolved()) return;
  const seconds = timeout.toMilliseconds({ integral: false }) / 1000;
  const { min, max } = LAMBDA_TIMEOUT_SECONDS;
  if (seconds < min || seconds > max || !Number.isInteger(seconds)) {
    throw propError(owner, prop, `Lambda timeouts are whole seconds from ${min} to ${max}, got ${timeout.toHumanString()}`,
      'Pick a timeout in that range, or leave it out to use the latency profile\'s');
  }
}
