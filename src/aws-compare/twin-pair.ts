import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { AwsClients } from './aws-clients';
import { CompareUsageError } from './compare-errors';
import { FunctionFacts, factsOf, readConfiguration } from './function-facts';

/** Which two functions to compare: named, or read from a stack's outputs. */
export interface PairSource {
  readonly stack?: string;
  readonly functionName?: string;
  readonly twinName?: string;
  /** Stack output that holds the function's name. */
  readonly functionOutput: string;
  /** Stack output that holds the twin's name. */
  readonly twinOutput: string;
}

/** A function and its twin, as deployed. */
export interface TwinPair {
  readonly function: FunctionFacts;
  readonly twin: FunctionFacts;
}

/**
 * Finds the two functions and checks that they are a fair pair: two different functions with
 * the same architecture and memory, as LatencySensitiveFunction deploys a twin.
 * @throws CompareUsageError for an unknown stack or function, missing outputs, or an unfair pair
 */
export async function resolvePair(clients: AwsClients, source: PairSource): Promise<TwinPair> {
  const names = source.stack === undefined ? namedPair(source) : await pairFromStack(clients, source.stack, source);
  const facts = async (name: string) => factsOf(await readConfiguration(clients.lambda, name, clients.region));
  const [fn, twin] = await Promise.all([facts(names.functionName), facts(names.twinName)]);
  if (fn.arn === twin.arn) {
    throw new CompareUsageError(`--function and --twin are the same function (${fn.name}). Give the Rust function and its twin.`);
  }
  const differences = [
    fn.architecture !== twin.architecture ? `architecture ${fn.architecture} vs ${twin.architecture}` : undefined,
    fn.memorySize !== twin.memorySize ? `memory ${fn.memorySize} MB vs ${twin.memorySize} MB` : undefined,
  ].filter((d) => d !== undefined);
  if (differences.length > 0) {
    throw new CompareUsageError(`${fn.name} and ${twin.name} are not a twin pair: ${differences.join(', ')}. `
      + 'A fair comparison runs both on the same architecture and memory, as LatencySensitiveFunction deploys its twin.');
  }
  return { function: fn, twin };
}

function namedPair(source: PairSource): { functionName: string; twinName: string } {
  if (source.functionName === undefined || source.twinName === undefined) {
    throw new CompareUsageError('Say which functions to compare: --stack NAME (reads its outputs), or both --function NAME and --twin NAME.');
  }
  return { functionName: source.functionName, twinName: source.twinName };
}

async function pairFromStack(clients: AwsClients, stack: string, source: PairSource): Promise<{ functionName: string; twinName: string }> {
  let outputs: Record<string, string>;
  try {
    const described = await clients.cloudFormation.send(new DescribeStacksCommand({ StackName: stack }));
    outputs = Object.fromEntries((described.Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  } catch (error) {
    if ((error as Error).name === 'ValidationError') {
      throw new CompareUsageError(`There is no stack "${stack}" in ${clients.region} (${(error as Error).message}). Check --stack and --region.`);
    }
    throw error;
  }
  const missing = [source.functionOutput, source.twinOutput].filter((key) => !outputs[key]);
  if (missing.length > 0) {
    const present = Object.keys(outputs);
    throw new CompareUsageError(`Stack ${stack} has no output ${missing.join(' or ')} (it has ${present.length === 0 ? 'no outputs' : present.join(', ')}). `
      + 'Add CfnOutputs with the function and twin names, or pass --function-output/--twin-output, or --function and --twin.');
  }
  return { functionName: source.functionName ?? outputs[source.functionOutput], twinName: source.twinName ?? outputs[source.twinOutput] };
}
