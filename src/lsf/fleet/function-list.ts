import { ListStackResourcesCommand, StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { GetFunctionConfigurationCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { FleetFunction, fleetFunctionOf } from './fleet-function';
import { mapWithConcurrency } from './map-with-concurrency';
import { AwsClients } from '../compare/aws-clients';
import { BackoffPolicy, withBackoff } from '../compare/backoff';
import { UsageError } from '../errors';

/** How to call: the retry policy, its counter, and how many calls at once. */
export interface Calling {
  readonly backoff: BackoffPolicy;
  readonly onRetry: (errorName: string) => void;
  readonly concurrency: number;
}

/**
 * Every function of the region (ListFunctions, page after page: an account can hold
 * thousands), or of one stack: its AWS::Lambda::Function resources (ListStackResources),
 * each read with GetFunctionConfiguration, `concurrency` at a time.
 * @throws UsageError when there is no such stack, or no function to rank
 */
export async function listFleet(
  clients: AwsClients, stack: string | undefined, calling: Calling, onPage: (listed: number) => void,
): Promise<FleetFunction[]> {
  const functions = stack === undefined ? await accountFunctions(clients, calling, onPage) : await stackFunctions(clients, stack, calling);
  if (functions.length === 0) {
    throw new UsageError(stack === undefined
      ? `There are no Lambda functions in ${clients.region}. Check --region (or AWS_REGION, or your profile's region) and the account your credentials belong to.`
      : `Stack ${stack} has no Lambda functions (AWS::Lambda::Function resources) in ${clients.region}. Name the stack that holds them with --stack, or leave --stack out to rank every function of the region.`);
  }
  return functions;
}

async function accountFunctions(clients: AwsClients, calling: Calling, onPage: (listed: number) => void): Promise<FleetFunction[]> {
  const functions: FleetFunction[] = [];
  let marker: string | undefined;
  do {
    const page = await withBackoff('Listing functions (ListFunctions)', () => clients.lambda.send(new ListFunctionsCommand({ Marker: marker })), calling.backoff, calling.onRetry);
    functions.push(...(page.Functions ?? []).map(fleetFunctionOf));
    onPage(functions.length);
    marker = page.NextMarker;
  } while (marker);
  return functions;
}

async function stackFunctions(clients: AwsClients, stack: string, calling: Calling): Promise<FleetFunction[]> {
  const names = (await stackResources(clients, stack, calling))
    .filter((r) => r.ResourceType === 'AWS::Lambda::Function' && r.PhysicalResourceId)
    .map((r) => r.PhysicalResourceId!);
  return mapWithConcurrency(names, calling.concurrency, async (name) => {
    const config = await withBackoff(`Reading ${name}`, () => clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name })), calling.backoff, calling.onRetry);
    return fleetFunctionOf(config);
  });
}

async function stackResources(clients: AwsClients, stack: string, calling: Calling): Promise<StackResourceSummary[]> {
  const resources: StackResourceSummary[] = [];
  let token: string | undefined;
  do {
    let page;
    try {
      page = await withBackoff(`Listing the resources of ${stack}`, () => clients.cloudFormation.send(new ListStackResourcesCommand({ StackName: stack, NextToken: token })), calling.backoff, calling.onRetry);
    } catch (error) {
      if ((error as Error).name !== 'ValidationError' || !/does not exist/.test((error as Error).message)) throw error;
      throw new UsageError(`There is no stack "${stack}" in ${clients.region} (${(error as Error).message}). Check --stack and --region.`);
    }
    resources.push(...page.StackResourceSummaries ?? []);
    token = page.NextToken;
  } while (token);
  return resources;
}
