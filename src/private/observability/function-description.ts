import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { LatencyProfile } from '../../latency-profile';

export interface FunctionDescriptionOptions {
  readonly binaryName: string;
  readonly profile: LatencyProfile;
  readonly memorySize: number;
  readonly architecture: lambda.Architecture;
}

/** Lambda's limit on a function's description. */
const MAX_DESCRIPTION = 256;

/**
 * What the Rust function is, in the console's function list: latency-sensitive, its binary,
 * its profile and budgets; the twins say which function they mirror.
 */
export function functionDescription(options: FunctionDescriptionOptions): string {
  const { profile } = options;
  const ms = (d: { toMilliseconds(o: { integral: boolean }): number }) => d.toMilliseconds({ integral: false });
  const text = `Latency-sensitive Rust handler '${options.binaryName}' (${options.architecture.name}, ${options.memorySize} MB), `
    + `latency profile ${profile.name}: cold start p99 <= ${ms(profile.coldStartBudget)} ms, warm p99 <= ${ms(profile.warmLatencyBudget)} ms`;
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 3)}...` : text;
}
