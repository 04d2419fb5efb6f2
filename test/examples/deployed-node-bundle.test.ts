// Runs the Node twin exactly as the example deploys it: the index.js that NodejsFunction's
// esbuild wrote into the example's cloud assembly (what `cdk deploy` uploads), under the
// official runtime interface client behind the harness's loopback Runtime API, with every case
// of the contract. lsf bench runs a bundle of its own; this one is never run otherwise.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { addFormValidationStacks } from '../../examples/form-validation/app';
import { prepareNodeTwin } from '../../src/lsf/bench/prepare/prepare-node';
import { nodeForRuntime } from '../../src/lsf/bench/runtime/node-runtime';
import { RuntimeInstance } from '../../src/lsf/bench/runtime/runtime-instance';
import { liveProcessGroups } from '../../src/lsf/bench/runtime/runtime-process';
import { RuntimeSpec, lambdaEnvironment } from '../../src/lsf/bench/runtime/runtime-spec';
import { jsonDifferences } from '../../src/lsf/events/json-difference';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'form-validation');
/** What `npx cdk synth` in the example's folder (the quick start's synth step) writes. */
const EXAMPLE_ASSEMBLY = path.join(EXAMPLE, 'cdk.out');
const STACK = 'FormValidation';
const CACHE_ROOT = path.join(ROOT, '.test-cache');
// Without the example's cdk.out the test synthesizes the stack with real bundling (the arm64
// Rust build included), and a first run installs Node 22 and aws-lambda-ric: minutes on 2 cores.
const FIRST_BUILD_MS = 20 * 60_000;

interface Case {
  readonly name: string;
  readonly event: unknown;
  readonly expected: unknown;
}

const CASES: Case[] = readFileSync(path.join(EXAMPLE, 'cases.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));

/** The Node function of the stack as its template deploys it. */
interface DeployedNodeFunction {
  /** The asset folder: the deployment package, Lambda's /var/task. */
  readonly assetDir: string;
  /** The handler's module file in it (index.js for `index.handler`). */
  readonly moduleFile: string;
  readonly handler: string;
  readonly runtime: string;
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  readonly variables: Record<string, string>;
}

/**
 * The stack's one function on a nodejs runtime, found by its template's Runtime and the
 * `aws:asset:path` metadata of its code, or why there is none to run (no assembly, no such
 * stack, or a synth that skipped bundling).
 */
function deployedNodeFunction(assemblyDir: string): DeployedNodeFunction | string {
  if (!existsSync(path.join(assemblyDir, 'manifest.json'))) return `${assemblyDir} has no cloud assembly`;
  const assembly = new cxapi.CloudAssembly(assemblyDir, { skipVersionCheck: true });
  const stack = assembly.stacks.find((s) => s.stackName === STACK);
  if (!stack) return `${assemblyDir} has no stack ${STACK}`;
  const functions = Object.values(stack.template.Resources as Record<string, any>)
    .filter((r) => r.Type === 'AWS::Lambda::Function' && /^nodejs\d+\.x$/.test(r.Properties?.Runtime ?? ''));
  if (functions.length !== 1) throw new Error(`${STACK} in ${assemblyDir} has ${functions.length} functions on a nodejs runtime, expected the twin alone`);
  const [fn] = functions;
  const assetPath: string | undefined = fn.Metadata?.[cxapi.ASSET_RESOURCE_METADATA_PATH_KEY];
  if (assetPath === undefined) throw new Error(`The Node twin of ${STACK} has no aws:asset:path metadata`);
  if (fn.Metadata[cxapi.ASSET_RESOURCE_METADATA_IS_BUNDLED_KEY] !== true) return `${STACK} in ${assemblyDir} was synthesized without bundling`;
  const assetDir = path.resolve(assemblyDir, assetPath);
  const handler: string = fn.Properties.Handler;
  const moduleFile = path.join(assetDir, `${handler.slice(0, handler.lastIndexOf('.'))}.js`);
  if (!existsSync(moduleFile)) return `${moduleFile} is missing`;
  const variables = Object.fromEntries(Object.entries(fn.Properties.Environment?.Variables ?? {})
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return {
    assetDir,
    moduleFile,
    handler,
    runtime: fn.Properties.Runtime,
    memorySize: fn.Properties.MemorySize ?? 128,
    timeoutSeconds: fn.Properties.Timeout ?? 3,
    variables,
  };
}

/**
 * The example's stacks synthesized as `cdk synth` does (the CLI asks for asset metadata),
 * bundling the Node stack for real.
 */
function synthesizeNodeStack(outdir: string): string {
  const app = new App({ outdir, context: { [cxapi.BUNDLING_STACKS]: [STACK], [cxapi.ASSET_RESOURCE_METADATA_ENABLED_CONTEXT]: true } });
  addFormValidationStacks(app);
  return app.synth().directory;
}

// Decided when the file loads, so that the test's name says which bundle ran.
const fromExample = deployedNodeFunction(EXAMPLE_ASSEMBLY);
const source = typeof fromExample === 'string'
  ? `synthesized by this test (${fromExample})`
  : path.relative(ROOT, fromExample.moduleFile);

let scratch: string | undefined;
let deployed: DeployedNodeFunction;
let instance: RuntimeInstance | undefined;

beforeAll(async () => {
  if (typeof fromExample === 'string') {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'lsf-deployed-node-'));
    const found = deployedNodeFunction(synthesizeNodeStack(path.join(scratch, 'cdk.out')));
    if (typeof found === 'string') throw new Error(`A synth of ${STACK} with bundling left no Node bundle to run: ${found}`);
    deployed = found;
  } else {
    deployed = fromExample;
  }
  // The runtime client comes from the bench cache, like lsf bench's (each entry under its own
  // lock: other test workers prepare in .test-cache at the same time). prepareNodeTwin also
  // bundles its entry into its own folder; that copy is not what runs here.
  const node = await nodeForRuntime(deployed.runtime, { cacheRoot: CACHE_ROOT, log: () => undefined });
  const { ric } = await prepareNodeTwin(deployed.moduleFile, path.join(CACHE_ROOT, 'deployed-node-bundle'), CACHE_ROOT, node, () => undefined);
  const env = lambdaEnvironment({
    functionName: 'form-validation-node-twin',
    memorySize: deployed.memorySize,
    handler: deployed.handler,
    taskRoot: deployed.assetDir,
    extra: deployed.variables,
  });
  const spec: RuntimeSpec = {
    name: 'node',
    description: `the deployed Node twin bundle (${source})`,
    role: 'twin',
    launch: { command: node.node, args: [ric, deployed.handler], cwd: deployed.assetDir, env },
  };
  instance = await RuntimeInstance.start(spec, { initTimeoutMs: 10_000, invocationTimeoutMs: deployed.timeoutSeconds * 1000 });
}, FIRST_BUILD_MS);

afterAll(async () => {
  await instance?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  expect(liveProcessGroups()).toEqual([]);
});

describe(`the deployed Node twin bundle, ${source}, under aws-lambda-ric`, () => {
  test('the contract has its cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const answer = await instance!.invoke(JSON.stringify(c.event));
    expect(jsonDifferences(c.expected, answer.json)).toEqual([]);
  });
});
