import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IMPORTED_TWIN, deployApp, deployedName, synthApp } from './compare-app';
import { closeApi, localArgs, useScratch, useTestCredentials } from './compare-harness';
import { LocalLambdaApi } from '../../../dev/local-lambda/local-lambda-api';
import { lsf } from '../bench/cli-harness';

useTestCredentials();
const scratch = useScratch();
let api: LocalLambdaApi | undefined;
let root: string;
/** The app's folder: cdk.json says its assembly is in build/. */
let appDir: string;
let assembly: string;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'lsf-compare-app-'));
  appDir = path.join(root, 'app');
  mkdirSync(appDir);
  writeFileSync(path.join(appDir, 'cdk.json'), JSON.stringify({ app: 'npx ts-node app.ts', output: 'build' }));
  assembly = synthApp(path.join(appDir, 'build'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(async () => {
  await closeApi(api);
  api = undefined;
});

/** lsf compare from `cwd` against the local API: one event, one cold start, two warm invocations, JSON out. */
async function compare(cwd: string, ...args: string[]) {
  const saved = process.cwd();
  process.chdir(cwd);
  try {
    return await lsf('compare', ...args, '--event', scratch('event.json', '{"n": 1}'), '--cold', '1', '--warm', '2', '--json',
      '--chart', scratch('chart.svg', ''), ...localArgs(api!));
  } finally {
    process.chdir(saved);
  }
}

/** The CloudFormation calls of the run, as `operation stack`. */
function cloudFormationCalls(): string[] {
  return api!.calls.filter((c) => c.operation === 'ListStackResources' || c.operation === 'DescribeStacks').map((c) => `${c.operation} ${c.stackName}`);
}

describe('lsf compare --stack from the app\'s cloud assembly: the pair from its records, names from the deployed stack', () => {
  test('from the app\'s folder (cdk.json output), no outputs: --function picks one of the stack\'s functions', async () => {
    api = await deployApp(assembly);
    const run = await compare(appDir, '--stack', 'shop-prod', '--function', 'Search');
    expect(run.stderr).not.toContain('lsf compare:');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Pair from the app: Shop/Search and its node twin Shop/Search/Twin, in the cloud assembly build; names from the resources of the deployed stack.');
    const [result] = JSON.parse(run.stdout).results;
    expect(result.function.name).toBe(deployedName(assembly, 'Shop/Search'));
    expect(result.twin.name).toBe(deployedName(assembly, 'Shop/Search/Twin'));
    // One listing of the stack, every page of it (20 resources a page here); no outputs read.
    const pages = cloudFormationCalls();
    expect(pages.length).toBeGreaterThan(2);
    expect(new Set(pages)).toEqual(new Set(['ListStackResources shop-prod']));
  });

  test('--app, the stack by artifact ID, a construct path: the one it names, not the function of the same ID in a group', async () => {
    api = await deployApp(assembly);
    const run = await compare(root, '--stack', 'Shop', '--app', appDir, '--function', 'Shop/Group/Checkout', '--twin', 'python');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).results[0].function.name).toBe(deployedName(assembly, 'Shop/Group/Checkout'));
    expect(JSON.parse(run.stdout).results[0].twin.name).toBe(deployedName(assembly, 'Shop/Group/Checkout/Twin'));
  });

  test('an existing function of another stack as the twins: [its stack is listed too; the only function of a stack needs no --function', async () => {
    api = await deployApp(assembly);
    const run = await compare(root, '--stack', 'Pay', '--app', assembly);
    expect(run.stderr).not.toContain('lsf compare:');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Pair from the app: Pay/Charge and its existing twin Old/Legacy');
    const [result] = JSON.parse(run.stdout).results;
    expect([result.function.name, result.twin.name]).toEqual([deployedName(assembly, 'Pay/Charge'), deployedName(assembly, 'Old/Legacy')]);
    expect(new Set(cloudFormationCalls())).toEqual(new Set(['ListStackResources Pay', 'ListStackResources Old']));
  });

  test('an existing function imported by ARN as the twin: its recorded name', async () => {
    api = await deployApp(assembly);
    const run = await compare(appDir, '--stack', 'Ops', '--function', 'Imported', '--twin', 'existing');
    expect(run.code).toBe(0);
    const [result] = JSON.parse(run.stdout).results;
    expect([result.function.name, result.twin.name]).toEqual([deployedName(assembly, 'Ops/Imported'), IMPORTED_TWIN]);
  });
});

describe('lsf compare --stack from the app refuses what it cannot pair with exit code 2], before any change', () => {
  afterEach(() => {
    expect(api!.calls.filter((c) => c.operation === 'UpdateFunctionConfiguration' || c.operation === 'Invoke')).toEqual([]);
  });

  test.each([
    ['several functions and no --function', ['--stack', 'shop-prod'],
      'lsf compare: Stack shop-prod has 4 LatencySensitiveFunctions: Shop/Checkout, Shop/Search, Shop/Lonely, Shop/Group/Checkout. Say which to compare with --function <construct ID or path>.'],
    ['an ambiguous --function', ['--stack', 'shop-prod', '--function', 'Checkout'],
      'lsf compare: --function Checkout matches 2 LatencySensitiveFunctions in stack shop-prod: Shop/Checkout, Shop/Group/Checkout. Give its construct path.'],
    ['an unknown --function', ['--stack', 'shop-prod', '--function', 'shop-prod-Checkout1234'],
      'lsf compare: --function shop-prod-Checkout1234 matches no LatencySensitiveFunction in stack shop-prod. Give a construct ID or path: Shop/Checkout, Shop/Search, Shop/Lonely, Shop/Group/Checkout. '
      + '(With --stack, --function names a construct of the app; to give deployed names, compare two deployed functions by name: --function NAME --twin NAME, without --stack.)'],
    ['a function without a twin', ['--stack', 'shop-prod', '--function', 'Lonely'],
      'lsf compare: Shop/Lonely has no twin, and lsf compare measures a function against its twin. Give it one (twins: [Twin.python(...)], Twin.node(...) or Twin.fromFunction(...)), cdk deploy, and run lsf compare again;'],
    ['a --twin that is not the function\'s', ['--stack', 'shop-prod', '--function', 'Search', '--twin', 'python'],
      'lsf compare: --twin python matches no twin of Shop/Search: it has Shop/Search/Twin (node). Give a twin\'s name, or its construct ID or path'],
    ['a stack neither the app records nor is deployed', ['--stack', 'Nope'],
      'Pair from the outputs FunctionName and TwinFunctionName of stack Nope (the cloud assembly in build records no LatencySensitiveFunction in a stack Nope).\n'
      + 'lsf compare: There is no stack "Nope" in us-east-1 (Stack with id Nope does not exist). Check --stack and --region.'],
    ['a function in a nested stack', ['--stack', 'Ops', '--function', 'Deep'],
      ') is not a resource of stack Ops itself but of a nested stack, whose resources lsf compare does not look up. Compare it by name: --function NAME --twin NAME, without --stack.'],
  ])('%s', async (_, args, message) => {
    api = await deployApp(assembly);
    const run = await compare(appDir, ...args);
    expect(run.stderr).toContain(message);
    expect(run.code).toBe(2);
  });

  test('an existing twin the records cannot name: the message gives the function\'s deployed name for a compare by names', async () => {
    api = await deployApp(assembly);
    const run = await compare(appDir, '--stack', 'Ops', '--function', 'Unnamed');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('lsf compare: The twin of Ops/Unnamed is Ops/ByName, an existing function that this app neither defines nor names at synth time, '
      + 'so the records cannot say which deployed function it is. '
      + `Compare by name: lsf compare --function ${deployedName(assembly, 'Ops/Unnamed')} --twin <its name> (without --stack).`);
  });

  test('a deployed stack without the function\'s logical ID: it is older than the synth', async () => {
    const [logicalId] = deployedName(assembly, 'Shop/Checkout').split('-').slice(-1);
    api = await deployApp(assembly, { without: [`shop-prod/${logicalId}`] });
    const run = await compare(appDir, '--stack', 'shop-prod', '--function', 'Shop/Checkout');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`lsf compare: The deployed stack shop-prod has no ${logicalId}, which is Shop/Checkout in your synth \\(the stack's functions are [A-Za-z0-9, ]+\\): `
      + 'the deployed stack is older than your synth. Run cdk deploy Shop, then lsf compare again.'));
  });

  test('a stack the app records but that is not deployed', async () => {
    api = await deployApp(assembly, { undeployed: ['Old'] });
    const run = await compare(appDir, '--stack', 'Pay');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('lsf compare: Stack Old is not deployed in us-east-1 (Stack with id Old does not exist). Run cdk deploy Old, or check --region.');
  });

  test('a stack the app deploys to another region: the message names it', async () => {
    api = await deployApp(assembly, { undeployed: ['Far'] });
    const run = await compare(appDir, '--stack', 'Far');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('lsf compare: Stack Far is not deployed in us-east-1 (Stack with id Far does not exist). The app deploys it to eu-west-1: pass --region eu-west-1. '
      + 'Run cdk deploy Far, or check --region.');
  });

  test.each([
    ['--app that is not a folder', ['--stack', 'Pay', '--app', '/nonexistent/app'], '--app /nonexistent/app is not a folder.'],
    ['--app without --stack', ['--app', '.', '--function', 'Charge', '--twin', 'existing'], '--app reads the pair from the records of a stack: give --stack NAME too'],
    ['--app and an output key', ['--stack', 'Pay', '--app', '.', '--twin-output', 'Twin'], '--app reads the pair from the app\'s records, --function-output and --twin-output from the stack\'s outputs: give one or the other.'],
    ['--app without the stack', ['--stack', 'PairStack', '--app', '.'],
      '--stack PairStack: no stack of that name holds a LatencySensitiveFunction. Stacks that do: Far, Ops, shop-prod, Pay. Check --stack and --app.'],
  ])('%s', async (_, args, message) => {
    api = await deployApp(assembly);
    const run = await compare(appDir, ...args);
    expect(run.stderr).toContain(`lsf compare: ${message}`);
    expect(run.code).toBe(2);
  });
});

describe('the stack\'s outputs when the app does not say', () => {
  const PAIR_STACK = { name: 'PairStack', outputs: { FunctionName: 'out-fn', TwinFunctionName: 'out-twin' } };

  test.each([
    ['no cloud assembly in the folder', () => root, 'no cloud assembly in this folder'],
    ['an assembly without that stack', () => appDir, 'the cloud assembly in build records no LatencySensitiveFunction in a stack PairStack'],
  ])('%s', async (_, cwd, why) => {
    api = await deployApp(assembly, { stacks: [PAIR_STACK], functions: ['out-fn', 'out-twin'] });
    const run = await compare(cwd(), '--stack', 'PairStack');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`Pair from the outputs FunctionName and TwinFunctionName of stack PairStack (${why}).`);
    expect(cloudFormationCalls()).toEqual(['DescribeStacks PairStack']);
  });

  test('an output key named: the outputs, although the app records the stack', async () => {
    api = await deployApp(assembly, { outputs: { Pay: { Rust: 'out-fn', Twin: 'out-twin' } }, functions: ['out-fn', 'out-twin'] });
    const run = await compare(appDir, '--stack', 'Pay', '--function-output', 'Rust', '--twin-output', 'Twin');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Pair from the outputs Rust and Twin of stack Pay (an output key is named).');
    expect(JSON.parse(run.stdout).results[0].twin.name).toBe('out-twin');
  });
});
