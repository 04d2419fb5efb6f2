import { Duration, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { propError } from './errors';
import { checkDuration, checkStruct, durationText, shown } from './type-checks';

/** Lambda's documented limits on memory (MB) and timeout (seconds). */
export const LAMBDA_MEMORY_MB = { min: 128, max: 10240 };
export const LAMBDA_TIMEOUT_SECONDS = { min: 1, max: 900 };

export function checkMemorySize(owner: IConstruct | string, prop: string, memorySize: number): void {
  if (Token.isUnresolved(memorySize)) return;
  const { min, max } = LAMBDA_MEMORY_MB;
  if (!Number.isInteger(memorySize) || memorySize < min || memorySize > max) {
    throw propError(owner, prop, `Lambda memory must be a whole number of MB from ${min} to ${max}, got ${shown(memorySize)}`,
      'Pick a size in that range (1769 MB is one full vCPU), or leave it out to use the latency profile\'s');
  }
}

export function checkTimeout(owner: IConstruct | string, prop: string, timeout: Duration): void {
  checkDuration(owner, prop, timeout, 'Duration.seconds(3)');
  if (timeout.isUnresolved()) return;
  const seconds = timeout.toMilliseconds({ integral: false }) / 1000;
  const { min, max } = LAMBDA_TIMEOUT_SECONDS;
  if (seconds < min || seconds > max || !Number.isInteger(seconds)) {
    throw propError(owner, prop, `Lambda timeouts are whole seconds from ${min} to ${max}, got ${durationText(timeout)}`,
      'Pick a timeout in that range, or leave it out to use the latency profile\'s');
  }
}

export function checkArchitecture(owner: IConstruct | string, prop: string, architecture: lambda.Architecture): void {
  if (!(architecture instanceof lambda.Architecture)) {
    throw propError(owner, prop, `must be a lambda.Architecture, got ${shown(architecture)}`, 'Use lambda.Architecture.ARM_64 (the default) or X86_64');
  }
}

/** Names and values Lambda accepts, within its 4 KB, none of the names it reserves. */
const ENVIRONMENT_NAME = /^[A-Za-z][A-Za-z0-9_]+$/;
const ENVIRONMENT_MAX_BYTES = 4096;
const RESERVED_ENVIRONMENT = new Set(['_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN', 'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR']);

export function checkEnvironment(owner: IConstruct | string, prop: string, environment: { [key: string]: string }): void {
  checkStruct(owner, prop, environment);
  let bytes = 0;
  for (const [name, value] of Object.entries(environment)) {
    if (!ENVIRONMENT_NAME.test(name) || RESERVED_ENVIRONMENT.has(name)) {
      throw propError(owner, prop, `${JSON.stringify(name)} is not a name Lambda accepts (a letter, then letters, digits or '_'; not one Lambda reserves)`,
        'Rename the variable, e.g. \'MODE\'');
    }
    if (typeof value !== 'string') {
      throw propError(owner, prop, `${name} is ${shown(value)}, and Lambda takes only strings`, 'Give the value as a string, e.g. String(value)');
    }
    if (!Token.isUnresolved(value)) bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  }
  if (bytes > ENVIRONMENT_MAX_BYTES) {
    throw propError(owner, prop, `its variables take ${bytes} bytes, above Lambda's ${ENVIRONMENT_MAX_BYTES}`, 'Move large values to SSM parameters or S3');
  }
}

/** CloudWatch Logs accepts only the retention periods that RetentionDays lists. */
export function checkLogRetention(owner: IConstruct | string, prop: string, retention: logs.RetentionDays): void {
  if (typeof retention !== 'number' || !Object.values(logs.RetentionDays).includes(retention)) {
    throw propError(owner, prop, `${shown(retention)} is not a retention period CloudWatch Logs offers`, 'Use a logs.RetentionDays value, e.g. RetentionDays.ONE_MONTH');
  }
}
