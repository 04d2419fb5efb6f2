import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { AwsClients } from './aws-clients';
import { FunctionFacts, factsOf, readConfiguration } from './function-facts';
import { pairsFromRecords, recordsOfStack } from './recorded-pair';
import { UsageError } from '../errors';

/**
 * Which two functions to compare. The first rule that applies:
 * 1. `stack`, and the app's cloud assembly (`app`, else the current folder's) records a
 *    LatencySensitiveFunction in it: the function and its twin from the records, named as
 *    deployed by the stack's resources; `functionName`/`twinName` are construct IDs or paths
 *    that pick among several.
 * 2. `stack` otherwise (no assembly here, no record of that stack, or an output key named):
 *    the stack's outputs; `functionName`/`twinName` are deployed names that replace one.
 * 3. No `stack`: `functionName` and `twinName`, deployed names or ARNs.
 */
export interface PairSource {
  readonly stack?: string;
  readonly functionName?: string;
  readonly twinName?: string;
  /** Stack output that holds the function's name. */
  readonly functionOutput: string;
  /** Stack output that holds the twin's name. */
  readonly twinOutput: string;
  /** The app's folder or its cloud assembly (--app): the pair must come from its records. */
  readonly app?: string;
  /** Whether --function-output or --twin-output was given: then the outputs are read, not the app. */
  readonly outputNamed?: boolean;
  /** Hears which way the pair was found. */
  readonly log?: (line: string) => void;
}

/** A function and its twin, as deployed. */
export interface TwinPair {
  readonly function: FunctionFacts;
  readonly twin: FunctionFacts;
}

/**
 * Finds the pairs to compare (the function and each of its twins, or the one named) and
 * checks that each is fair: two different functions with the same architecture and memory,
 * as LatencySensitiveFunction deploys a twin.
 * @throws UsageError for an unknown stack or function, missing outputs, or an unfair pair
 */
export async function resolvePairs(clients: AwsClients, source: PairSource): Promise<TwinPair[]> {
  const pairs: TwinPair[] = [];
  for (const names of await findNames(clients, source)) pairs.push(await checkedPair(clients, names));
  return pairs;
}

async function checkedPair(clients: AwsClients, names: PairNames): Promise<TwinPair> {
  const facts = async (name: string) => factsOf(await readConfiguration(clients.lambda, name, clients.region));
  const [fn, twin] = await Promise.all([facts(names.functionName), facts(names.twinName)]);
  if (fn.arn === twin.arn) {
    throw new UsageError(`--function and --twin are the same function (${fn.name}). Give the Rust function and its twin.`);
  }
  const differences = [
    fn.architecture !== twin.architecture ? `architecture ${fn.architecture} vs ${twin.architecture}` : undefined,
    fn.memorySize !== twin.memorySize ? `memory ${fn.memorySize} MB vs ${twin.memorySize} MB` : undefined,
  ].filter((d) => d !== undefined);
  if (differences.length > 0) {
    throw new UsageError(`${fn.name} and ${twin.name} are not a twin pair: ${differences.join(', ')}. `
      + 'A fair comparison runs both on the same architecture and memory, as LatencySensitiveFunction deploys its twin.');
  }
  return { function: fn, twin: names.twinAlias === undefined ? twin : { ...twin, alias: names.twinAlias } };
}

interface PairNames {
  readonly functionName: string;
  readonly twinName: string;
  readonly twinAlias?: string;
}

/** The deployed names of each pair, by the first rule of PairSource that applies. */
async function findNames(clients: AwsClients, source: PairSource): Promise<PairNames[]> {
  const log = source.log ?? (() => undefined);
  if (source.stack === undefined) {
    if (source.app !== undefined) {
      throw new UsageError('--app reads the pair from the records of a stack: give --stack NAME too (or leave out --app and give --function NAME --twin NAME).');
    }
    return [namedPair(source)];
  }
  if (source.outputNamed) {
    if (source.app !== undefined) {
      throw new UsageError('--app reads the pair from the app\'s records, --function-output and --twin-output from the stack\'s outputs: give one or the other.');
    }
    return [await fromOutputs(clients, source.stack, source, log, 'an output key is named')];
  }
  const records = recordsOfStack(source.stack, source.app);
  if (!records.recorded) return [await fromOutputs(clients, source.stack, source, log, records.why)];
  const pairs = await pairsFromRecords(clients, records, { function: source.functionName, twin: source.twinName });
  for (const pair of pairs) log(`Pair from the app: ${pair.description}; names from the resources of the deployed stack.`);
  return pairs;
}

/** The pair from the outputs, said before they are read: when they are not there, the line says why the app was not asked. */
async function fromOutputs(clients: AwsClients, stack: string, source: PairSource, log: (line: string) => void, why: string): Promise<PairNames> {
  log(`Pair from the outputs ${source.functionOutput} and ${source.twinOutput} of stack ${stack} (${why}).`);
  return pairFromStack(clients, stack, source);
}

function namedPair(source: PairSource): PairNames {
  if (source.functionName === undefined || source.twinName === undefined) {
    throw new UsageError('Say which functions to compare: --stack NAME (from your CDK app\'s folder after cdk synth, or with its outputs), or both --function NAME and --twin NAME.');
  }
  return { functionName: source.functionName, twinName: source.twinName };
}

async function pairFromStack(clients: AwsClients, stack: string, source: PairSource): Promise<PairNames> {
  let outputs: Record<string, string>;
  try {
    const described = await clients.cloudFormation.send(new DescribeStacksCommand({ StackName: stack }));
    outputs = Object.fromEntries((described.Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  } catch (error) {
    if ((error as Error).name === 'ValidationError') {
      throw new UsageError(`There is no stack "${stack}" in ${clients.region} (${(error as Error).message}). Check --stack and --region.`);
    }
    throw error;
  }
  const missing = [source.functionOutput, source.twinOutput].filter((key) => !outputs[key]);
  if (missing.length > 0) {
    const present = Object.keys(outputs);
    throw new UsageError(`Stack ${stack} has no output ${missing.join(' or ')} (it has ${present.length === 0 ? 'no outputs' : present.join(', ')}). `
      + 'Run lsf compare from your CDK app\'s folder after cdk synth (or with --app DIR) to find the pair in the app, '
      + 'or add CfnOutputs with the function and twin names, or pass --function-output/--twin-output, or --function and --twin.');
  }
  return { functionName: source.functionName ?? outputs[source.functionOutput], twinName: source.twinName ?? outputs[source.twinOutput] };
}
