import * as path from 'node:path';
import { ListStackResourcesCommand, StackResourceSummary } from '@aws-sdk/client-cloudformation';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AwsClients } from './aws-clients';
import { TwinRecord } from '../../private/measurement/measurement-record';
import { RecordedFunction, candidates, findAssembly, readRecordedFunctions, selectFunctions } from '../assembly/recorded-functions';
import { UsageError } from '../errors';

/** The LatencySensitiveFunctions an app's cloud assembly records in one stack, or why it records none there. */
export type StackRecords =
  | { readonly recorded: true; readonly assembly: string; readonly functions: readonly RecordedFunction[] }
  | { readonly recorded: false; readonly why: string };

/** A pair found in the records: the two deployed names, and what the records say they are. */
export interface RecordedPair {
  readonly functionName: string;
  readonly twinName: string;
  /** The alias to invoke the twin through: a SnapStart twin's. */
  readonly twinAlias?: string;
  /** For the log line: which records, in which assembly. */
  readonly description: string;
}

/** `--function` and `--twin` as the records read them: construct IDs or paths, and twin kinds. */
export interface RecordedChoice {
  readonly function?: string;
  readonly twin?: string;
}

const BY_NAME = 'compare two deployed functions by name: --function NAME --twin NAME, without --stack';

/**
 * The stack's records in the app's cloud assembly. With `app` (--app), the assembly must hold
 * them; without, the current folder's assembly is asked, and its absence is an answer.
 * @throws UsageError when `app` is given and holds no record of the stack
 */
export function recordsOfStack(stack: string, app: string | undefined): StackRecords {
  let assembly: string;
  try {
    assembly = findAssembly(app ?? '.');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (app !== undefined) throw new UsageError(error.message);
    return { recorded: false, why: 'no cloud assembly in this folder' };
  }
  let functions: RecordedFunction[];
  try {
    functions = readRecordedFunctions(assembly);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (app !== undefined) throw new UsageError(error.message);
    return { recorded: false, why: `the cloud assembly in ${shown(assembly)} cannot say: ${error.message}` };
  }
  try {
    return { recorded: true, assembly, functions: selectFunctions(functions, { stack }) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (app !== undefined) throw new UsageError(`${error.message} Check --stack and --app.`);
    return { recorded: false, why: `the cloud assembly in ${shown(assembly)} records no LatencySensitiveFunction in a stack ${stack}` };
  }
}

/**
 * The function (`--function` picks one when the stack has several) and its twin (`--twin`
 * picks one when it has several), named as deployed: their logical IDs looked up in the
 * stacks' resources (ListStackResources), or an existing twin's recorded name.
 * @throws UsageError naming the problem and its fix: an ambiguous or unknown choice,
 * no twin, a stack not deployed or deployed from older code
 */
export async function pairsFromRecords(clients: AwsClients, records: StackRecords & { recorded: true },
  choice: RecordedChoice): Promise<RecordedPair[]> {
  const fn = chooseFunction(records.functions, choice.function);
  const deployed = new DeployedStacks(clients, fn.assemblyDir);
  const functionName = await deployed.physicalName(fn.stackId, fn.record.logicalId, fn.record.constructPath);
  const pairs: RecordedPair[] = [];
  for (const twin of chooseTwins(fn, choice.twin)) {
    const twinName = await twinNameOf(deployed, fn, twin, functionName);
    const twinAlias = twin.kind === 'python' ? twin.snapStart?.alias : undefined;
    const through = twinAlias === undefined ? '' : ` (SnapStart, through its alias ${twinAlias})`;
    const description = `${fn.record.constructPath} and its ${twin.name} twin ${twin.constructPath}${through}, in the cloud assembly ${shown(records.assembly)}`;
    pairs.push({ functionName, twinName, twinAlias, description });
  }
  return pairs;
}

/** The one function of the stack, or the one `--function` names. */
export function chooseFunction(functions: readonly RecordedFunction[], wanted: string | undefined): RecordedFunction {
  const stack = functions[0].stackName;
  if (wanted === undefined) {
    if (functions.length === 1) return functions[0];
    throw new UsageError(`Stack ${stack} has ${functions.length} LatencySensitiveFunctions: ${candidates(functions)}. Say which to compare with --function <construct ID or path>.`);
  }
  let matches: RecordedFunction[];
  try {
    matches = selectFunctions(functions, { stack, function: wanted });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(`${error.message} (With --stack, --function names a construct of the app; to give deployed names, ${BY_NAME}.)`);
  }
  if (matches.length > 1) {
    throw new UsageError(`--function ${wanted} matches ${matches.length} LatencySensitiveFunctions in stack ${stack}: ${candidates(matches)}. Give its construct path.`);
  }
  return matches[0];
}

/**
 * The function's twins, all of them (one run measures the function against each), or the one
 * `--twin` names: its name (`python`, `node`, `existing` unless named otherwise), its kind,
 * or its construct ID or path.
 */
export function chooseTwins(fn: RecordedFunction, wanted: string | undefined): TwinRecord[] {
  const twins = fn.record.twins;
  const owner = fn.record.constructPath;
  const list = (ts: readonly TwinRecord[]) => ts.map((t) => `${t.constructPath} (${t.name})`).join(', ');
  if (twins.length === 0) {
    throw new UsageError(`${owner} has no twin, and lsf compare measures a function against its twin. `
      + 'Give it one (twins: [Twin.python(...)], Twin.node(...) or Twin.fromFunction(...)), cdk deploy, and run lsf compare again; '
      + `or ${BY_NAME}.`);
  }
  if (wanted === undefined) return [...twins];
  const name = wanted.replace(/^\/+/, '');
  const byName = twins.filter((t) => t.name === name);
  const matches = byName.length > 0 ? byName : twins.filter((t) => t.kind === name || t.constructPath === name || t.constructPath.endsWith(`/${name}`));
  if (matches.length === 0) {
    throw new UsageError(`--twin ${wanted} matches no twin of ${owner}: it has ${list(twins)}. Give a twin's name, or its construct ID or path `
      + `(with --stack, --twin names a construct of the app; to give deployed names, ${BY_NAME}).`);
  }
  if (matches.length > 1) {
    throw new UsageError(`--twin ${wanted} matches ${matches.length} twins of ${owner}: ${list(matches)}. Give the twin's name or construct path.`);
  }
  return [matches[0]];
}

async function twinNameOf(deployed: DeployedStacks, fn: RecordedFunction, twin: TwinRecord, functionName: string): Promise<string> {
  if (twin.kind !== 'existing') return deployed.physicalName(fn.stackId, twin.logicalId, twin.constructPath);
  if (twin.functionName !== undefined) return twin.functionName;
  if (twin.stack !== undefined && twin.logicalId !== undefined) return deployed.physicalName(twin.stack, twin.logicalId, twin.constructPath);
  throw new UsageError(`The twin of ${fn.record.constructPath} is ${twin.constructPath}, an existing function that this app neither defines nor names at synth time, `
    + `so the records cannot say which deployed function it is. Compare by name: lsf compare --function ${functionName} --twin <its name> (without --stack).`);
}

/** The stacks of one (nested) assembly, their deployed resources listed once each. */
class DeployedStacks {
  private readonly assembly: cxapi.CloudAssembly;
  private readonly listed = new Map<string, Promise<StackResourceSummary[]>>();

  constructor(private readonly clients: AwsClients, assemblyDir: string) {
    this.assembly = new cxapi.CloudAssembly(assemblyDir, { skipVersionCheck: true });
  }

  /**
   * The physical ID (for a function: its name) of a resource the synthesized template of the
   * stack (an artifact ID) holds, as the deployed stack has it.
   */
  public async physicalName(stackId: string, logicalId: string, constructPath: string): Promise<string> {
    const artifact = this.stackArtifact(stackId, constructPath);
    const deploy = `cdk deploy ${artifact.hierarchicalId}`;
    if (!(logicalId in (artifact.template.Resources ?? {}))) {
      throw new UsageError(`${constructPath} (${logicalId}) is not a resource of stack ${artifact.stackName} itself but of a nested stack, whose resources lsf compare does not look up. `
        + 'Compare it by name: --function NAME --twin NAME, without --stack.');
    }
    const resources = await this.resources(artifact);
    const resource = resources.find((r) => r.LogicalResourceId === logicalId);
    if (!resource) {
      const functions = resources.filter((r) => r.ResourceType === 'AWS::Lambda::Function').map((r) => r.LogicalResourceId);
      throw new UsageError(`The deployed stack ${artifact.stackName} has no ${logicalId}, which is ${constructPath} in your synth `
        + `(the stack's functions are ${functions.length === 0 ? 'none' : functions.join(', ')}): the deployed stack is older than your synth. `
        + `Run ${deploy}, then lsf compare again.`);
    }
    if (resource.ResourceType !== 'AWS::Lambda::Function') {
      throw new UsageError(`In the deployed stack ${artifact.stackName}, ${logicalId} is a ${resource.ResourceType}, while your synth makes it the function ${constructPath}: `
        + `the deployed stack is older than your synth. Run ${deploy}, then lsf compare again.`);
    }
    const status = resource.ResourceStatus ?? '';
    if (!resource.PhysicalResourceId || /^(CREATE_IN_PROGRESS|CREATE_FAILED|DELETE_)/.test(status)) {
      const reason = resource.ResourceStatusReason ? ` (${resource.ResourceStatusReason})` : '';
      throw new UsageError(`${constructPath} (${logicalId}) in stack ${artifact.stackName} is ${status || 'not created'}${reason}, so there is no function to measure. `
        + `Wait for the deployment to end, or run ${deploy} again.`);
    }
    return resource.PhysicalResourceId;
  }

  private stackArtifact(stackId: string, constructPath: string): cxapi.CloudFormationStackArtifact {
    try {
      return this.assembly.getStackArtifact(stackId);
    } catch {
      throw new UsageError(`${constructPath} is in stack ${stackId}, which the cloud assembly in ${shown(this.assembly.directory)} does not hold. `
        + 'Run `cdk synth` for the whole app, then lsf compare again.');
    }
  }

  private resources(artifact: cxapi.CloudFormationStackArtifact): Promise<StackResourceSummary[]> {
    let listing = this.listed.get(artifact.stackName);
    if (!listing) {
      listing = this.list(artifact);
      this.listed.set(artifact.stackName, listing);
    }
    return listing;
  }

  /** Every page of ListStackResources: a stack of several functions has more than one page (100 resources). */
  private async list(artifact: cxapi.CloudFormationStackArtifact): Promise<StackResourceSummary[]> {
    const resources: StackResourceSummary[] = [];
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.clients.cloudFormation.send(new ListStackResourcesCommand({ StackName: artifact.stackName, NextToken: token }));
      } catch (error) {
        if ((error as Error).name !== 'ValidationError' || !/does not exist/.test((error as Error).message)) throw error;
        const region = artifact.environment.region;
        const elsewhere = region !== cxapi.UNKNOWN_REGION && region !== this.clients.region ? ` The app deploys it to ${region}: pass --region ${region}.` : '';
        throw new UsageError(`Stack ${artifact.stackName} is not deployed in ${this.clients.region} (${(error as Error).message}).${elsewhere} `
          + `Run cdk deploy ${artifact.hierarchicalId}, or check --region.`);
      }
      resources.push(...page.StackResourceSummaries ?? []);
      token = page.NextToken;
    } while (token);
    return resources;
  }
}

/** A folder as the user knows it: relative to the current one when it is below it. */
function shown(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative.startsWith('..') || path.isAbsolute(relative) ? dir : relative || '.';
}
