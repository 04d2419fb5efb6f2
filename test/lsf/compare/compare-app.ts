import { App, NestedStack, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { LocalLambdaApi, LocalStack } from '../../../dev/local-lambda/local-lambda-api';
import { LatencySensitiveFunction, Twin } from '../../../src';
import { FIXTURES, jsonLoggingFunction } from '../../fixtures';
import { nodeFixture } from '../bench/fault-fixtures';

/** The name of the existing function that Ops/Imported's twin names by ARN. */
export const IMPORTED_TWIN = 'legacy-fn';

/**
 * Synthesizes the app that `build` makes into `outdir` as `cdk synth` would, but without
 * building anything (bundling skipped: lsf compare reads only the records and templates), and
 * with path metadata, as the CLI writes it, so that tests find a function's logical ID by path.
 */
export function synth(outdir: string, build: (app: App) => void): string {
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [], 'aws:cdk:enable-path-metadata': true } });
  build(app);
  return app.synth().directory;
}

/**
 * A CDK app with LatencySensitiveFunctions in several stacks:
 * - Shop (stack name shop-prod): Checkout (Python twin), Search (Node twin), Group/Checkout
 *   (Python twin), Lonely (no twin)
 * - Pay: Charge, whose twin is Old/Legacy, a function of another stack
 * - Ops: Imported (twin imported by ARN: its name is recorded), Unnamed (twin imported by name:
 *   a token at synth), Nested/Deep (in a nested stack)
 * - Old: Legacy, a plain function
 * - Far: Remote (Python twin), a stack the app deploys to eu-west-1
 */
export function synthApp(outdir: string): string {
  return synth(outdir, addShopStacks);
}

function addShopStacks(app: App): void {
  const lsf = (scope: Construct, id: string, twin?: Twin) => new LatencySensitiveFunction(scope, id, { manifestPath: `${FIXTURES.hello}/Cargo.toml`, twins: twin ? [twin] : undefined });
  const python = () => Twin.python({ entry: FIXTURES.pythonTwin, index: 'handler.py' });

  const shop = new Stack(app, 'Shop', { stackName: 'shop-prod' });
  lsf(shop, 'Checkout', python());
  lsf(shop, 'Search', Twin.node({ entry: FIXTURES.nodeTwinEntry }));
  lsf(new Construct(shop, 'Group'), 'Checkout', python());
  lsf(shop, 'Lonely');

  const old = new Stack(app, 'Old');
  const legacy = jsonLoggingFunction(old, 'Legacy');
  lsf(new Stack(app, 'Pay'), 'Charge', Twin.fromFunction(legacy));

  const ops = new Stack(app, 'Ops');
  const logGroup = (id: string, name: string) => logs.LogGroup.fromLogGroupName(ops, id, `/aws/lambda/${name}`);
  lsf(ops, 'Imported', Twin.fromFunction(lambda.Function.fromFunctionArn(ops, 'ByArn', `arn:aws:lambda:us-east-1:000000000000:function:${IMPORTED_TWIN}`),
    logGroup('ByArnLogs', IMPORTED_TWIN)));
  lsf(ops, 'Unnamed', Twin.fromFunction(lambda.Function.fromFunctionName(ops, 'ByName', 'other-fn'), logGroup('ByNameLogs', 'other-fn')));
  lsf(new NestedStack(ops, 'Nested'), 'Deep', python());

  lsf(new Stack(app, 'Far', { env: { region: 'eu-west-1' } }), 'Remote', python());
}

/** Stacks as `cdk deploy` would leave them: every resource of the template, each named `<stack name>-<logical ID>`. */
export function deployedStacks(assemblyDir: string): LocalStack[] {
  const assembly = new cxapi.CloudAssembly(assemblyDir, { skipVersionCheck: true });
  return assembly.stacks.map((stack) => ({
    name: stack.stackName,
    resources: Object.entries(stack.template.Resources as Record<string, { Type: string }>).map(([logicalId, resource]) => ({
      logicalId,
      type: resource.Type,
      physicalId: `${stack.stackName}-${logicalId}`,
    })),
  }));
}

/** The deployed name of the function with this construct path (an AWS::Lambda::Function of the app). */
export function deployedName(assemblyDir: string, constructPath: string): string {
  const assembly = new cxapi.CloudAssembly(assemblyDir, { skipVersionCheck: true });
  for (const stack of assembly.stacks) {
    const resources = stack.template.Resources as Record<string, { Type: string; Metadata?: Record<string, string> }>;
    const found = Object.entries(resources).find(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['aws:cdk:path'] === `${constructPath}/Resource`);
    if (found) return `${stack.stackName}-${found[0]}`;
  }
  throw new Error(`no function ${constructPath} in ${assemblyDir}`);
}

/** What differs from the app deployed as synthesized. */
export interface DeployedAppOptions {
  /** Resources left out of stacks, as `stack name/logical ID` (a deployment older than the synth). */
  readonly without?: readonly string[];
  /** Stacks not deployed at all, by stack name. */
  readonly undeployed?: readonly string[];
  /** Outputs of the app's stacks, by stack name. */
  readonly outputs?: Readonly<Record<string, Record<string, string>>>;
  /** Extra stacks (with outputs, say). */
  readonly stacks?: readonly LocalStack[];
  /** Functions served (by deployed name) besides the pairs of the tests. */
  readonly functions?: readonly string[];
}

/**
 * The app deployed on the local Lambda API: its stacks' resources (20 a page, so that every
 * lookup pages), and the functions the tests compare as echo runtimes of the same size.
 */
export async function deployApp(assemblyDir: string, options: DeployedAppOptions = {}): Promise<LocalLambdaApi> {
  const without = new Set(options.without ?? []);
  const stacks = deployedStacks(assemblyDir)
    .filter((s) => !options.undeployed?.includes(s.name))
    .map((s) => ({ ...s, outputs: options.outputs?.[s.name], resources: s.resources!.filter((r) => !without.has(`${s.name}/${r.logicalId}`)) }));
  const names = [
    ...['Shop/Checkout', 'Shop/Checkout/Twin', 'Shop/Search', 'Shop/Search/Twin', 'Shop/Group/Checkout', 'Shop/Group/Checkout/Twin', 'Pay/Charge', 'Old/Legacy', 'Ops/Imported']
      .map((p) => deployedName(assemblyDir, p)),
    IMPORTED_TWIN,
    ...options.functions ?? [],
  ];
  return LocalLambdaApi.start({
    functions: names.map((name) => ({ name, spec: nodeFixture('echo.js'), memorySize: 1024, architecture: 'arm64' as const, logFormat: 'JSON' as const })),
    stacks: [...stacks, ...options.stacks ?? []],
    stackResourcesPageSize: 20,
    updateDelayMs: 20,
  });
}
