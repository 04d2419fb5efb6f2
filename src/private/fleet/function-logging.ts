import { Stack, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/** How a function's logs are configured, as far as platform.report records go. */
export interface FunctionLogging {
  /** 'JSON' or 'Text'; undefined when it is a token that synth cannot read. */
  readonly format?: string;
  /** The system log level, when set and readable. */
  readonly systemLogLevel?: string;
}

/** The function's log format and system log level, read from its CloudFormation resource. */
export function loggingOf(fn: lambda.Function): FunctionLogging {
  const config = Stack.of(fn).resolve(cfnOf(fn).loggingConfig) ?? {};
  const format = config.logFormat ?? 'Text';
  const level = config.systemLogLevel;
  return {
    format: Token.isUnresolved(format) || typeof format !== 'string' ? undefined : format,
    systemLogLevel: level === undefined || Token.isUnresolved(level) ? undefined : level,
  };
}

/**
 * Whether the function's platform.report records reach its log group as JSON: JSON format at
 * system level INFO or DEBUG (the default), the records the cold-start metrics read.
 */
export function logsJsonReports(fn: lambda.Function): boolean {
  const { format, systemLogLevel } = loggingOf(fn);
  return format === 'JSON' && (systemLogLevel === undefined || ['INFO', 'DEBUG'].includes(systemLogLevel));
}

/**
 * Switches the function to JSON logs, keeping its log group and levels. The L1 property is
 * edited (not overridden) so that ColdStartMetrics, which reads it, sees JSON. Returns false
 * when the logging configuration is a token that cannot be edited.
 */
export function switchToJsonLogs(fn: lambda.Function): boolean {
  const cfn = cfnOf(fn);
  const config = cfn.loggingConfig ?? {};
  if (Token.isUnresolved(config)) return false;
  cfn.loggingConfig = { ...(config as lambda.CfnFunction.LoggingConfigProperty), logFormat: 'JSON' };
  return true;
}

export function cfnOf(fn: lambda.Function): lambda.CfnFunction {
  return fn.node.defaultChild as lambda.CfnFunction;
}
