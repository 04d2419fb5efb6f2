import { FunctionConfiguration, GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { UsageError } from '../errors';

/** What the report needs to know about a deployed function, read live. */
export interface FunctionFacts {
  readonly name: string;
  readonly arn: string;
  /** `provided.al2023`, `python3.13`, `nodejs22.x`. */
  readonly runtime: string;
  readonly architecture: 'arm64' | 'x86_64';
  readonly memorySize: number;
  /** Size of the deployment package (zip), in bytes. */
  readonly codeSize: number;
  /**
   * The alias that is invoked instead of $LATEST: a SnapStart twin's, which its record names
   * (SnapStart applies to published versions only).
   */
  readonly alias?: string;
}

/**
 * Reads a function's configuration.
 * @throws UsageError when there is no such function in the region
 */
export async function readConfiguration(lambda: LambdaClient, name: string, region: string): Promise<FunctionConfiguration> {
  try {
    return await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') {
      throw new UsageError(`There is no function "${name}" in ${region}. Check the name (or the stack's output) and --region.`);
    }
    throw error;
  }
}

/** The facts of a configuration. */
export function factsOf(config: FunctionConfiguration): FunctionFacts {
  return {
    name: config.FunctionName!,
    arn: config.FunctionArn!,
    runtime: config.Runtime ?? 'container image',
    architecture: config.Architectures?.[0] === 'arm64' ? 'arm64' : 'x86_64',
    memorySize: config.MemorySize ?? 128,
    codeSize: config.CodeSize ?? 0,
  };
}
