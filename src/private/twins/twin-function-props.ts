import { Tags } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TwinSettings } from '../../twin-options';
import { logWriterRole } from '../observability/log-writer-role';

/** Marks a comparison twin, so nobody mistakes it for the production path. */
const TWIN_TAG_KEY = 'cdk-latency-sensitive-function:role';

/** The settings a twin shares with its original: equal terms for the comparison. */
export function twinFunctionProps(scope: Construct, id: string, settings: TwinSettings): lambda.FunctionOptions {
  const logGroup = new logs.LogGroup(scope, `${id}LogGroup`, { retention: settings.logGroupRetention });
  return {
    architecture: settings.architecture,
    memorySize: settings.memorySize,
    timeout: settings.timeout,
    environment: settings.environment,
    ephemeralStorageSize: settings.ephemeralStorageSize,
    loggingFormat: lambda.LoggingFormat.JSON,
    logGroup,
    role: logWriterRole(scope, `${id}ServiceRole`, logGroup, { inVpc: false }),
    description: `Comparison twin of ${settings.original.node.path}: measured beside it, not the production path`,
  };
}

export function markTwin<T extends lambda.Function>(fn: T, settings: TwinSettings): T {
  // The role sits beside the twin, not inside it: tag it too, so that both are found and removed together.
  for (const scope of [fn, fn.role!]) {
    Tags.of(scope).add(TWIN_TAG_KEY, 'comparison-twin');
    Tags.of(scope).add('cdk-latency-sensitive-function:twin-of', settings.original.node.path);
  }
  return fn;
}
