import * as path from 'node:path';
import { prepareNodeTwin } from '../../../src/lsf/bench/prepare/prepare-node';
import { preparePythonTwin } from '../../../src/lsf/bench/prepare/prepare-python';
import { nodeForRuntime } from '../../../src/lsf/bench/runtime/node-runtime';
import { RuntimeFault } from '../../../src/lsf/bench/runtime/runtime-fault';
import { RuntimeInstance } from '../../../src/lsf/bench/runtime/runtime-instance';
import { liveProcessGroups } from '../../../src/lsf/bench/runtime/runtime-process';
import { RuntimeSpec, lambdaEnvironment } from '../../../src/lsf/bench/runtime/runtime-spec';

const ROOT = path.join(__dirname, '..', '..', '..');
const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'local-bench', 'twin-faults');
const CACHE_ROOT = path.join(ROOT, '.test-cache');
const LIMITS = { initTimeoutMs: 10_000, invocationTimeoutMs: 3000 };
// A first run creates a venv with awslambdaric and installs aws-lambda-ric (minutes).
const FIRST_BUILD_MS = 15 * 60_000;

afterEach(() => {
  expect(liveProcessGroups()).toEqual([]);
});

async function pythonTwin(handler: string): Promise<RuntimeSpec> {
  // Each cache entry under its own lock, like the CLI: other test workers prepare in .test-cache at the same time.
  const twin = await preparePythonTwin(path.join(FIXTURES, 'python'), path.join(CACHE_ROOT, 'twin-faults'), 'python3', () => undefined);
  const env = lambdaEnvironment({ functionName: 'python-fault', memorySize: 128, handler, taskRoot: twin.taskRoot, extra: { PYTHONPATH: twin.taskRoot } });
  return { name: 'python', description: 'fault fixture', role: 'twin', launch: { command: twin.python, args: ['-m', 'awslambdaric', handler], cwd: twin.taskRoot, env } };
}

/** A Node twin on the Node major of `runtime`, under the runtime client of that major (3.3.0 before 22, 4.x from 22). */
async function nodeTwin(entry: string, runtime: string, handler = 'index.handler'): Promise<RuntimeSpec> {
  const node = await nodeForRuntime(runtime, { cacheRoot: CACHE_ROOT, log: () => undefined });
  const twin = await prepareNodeTwin(path.join(FIXTURES, 'node', entry), path.join(CACHE_ROOT, 'twin-faults', `${runtime}-${entry}`), CACHE_ROOT, node, () => undefined);
  const env = lambdaEnvironment({ functionName: 'node-fault', memorySize: 128, handler, taskRoot: twin.taskRoot });
  return { name: 'node', description: 'fault fixture', role: 'twin', launch: { command: node.node, args: [twin.ric, handler], cwd: twin.taskRoot, env } };
}

async function faultOf(spec: RuntimeSpec): Promise<RuntimeFault> {
  try {
    const instance = await RuntimeInstance.start(spec, LIMITS);
    await instance.invoke('{"email":"ada@example.com"}');
    await instance.stop();
  } catch (error) {
    if (error instanceof RuntimeFault) return error;
    throw error;
  }
  throw new Error(`${spec.name} did not fail`);
}

describe('faults of real twins under the official runtime interface clients', () => {
  test('Python: an import error during init is reported by awslambdaric as an init error', async () => {
    const fault = await faultOf(await pythonTwin('handler.handler'));
    expect(fault.kind).toBe('init-error');
    expect(fault.message).toContain("No module named 'pydantic_settings_that_is_not_installed'");
  }, FIRST_BUILD_MS);

  test('Python: a handler that raises is a handler error with the exception', async () => {
    const fault = await faultOf(await pythonTwin('raises.handler'));
    expect(fault.kind).toBe('handler-error');
    expect(fault.message).toContain('ValueError');
    expect(fault.message).toContain('form is not a dict: dict');
  }, FIRST_BUILD_MS);

  test.each(['nodejs20.x', 'nodejs22.x'])('Node (%s): a module that throws while loading is reported by aws-lambda-ric as an init error', async (runtime) => {
    const fault = await faultOf(await nodeTwin('index.js', runtime));
    expect(fault.kind).toBe('init-error');
    expect(fault.message).toContain('RULES_TABLE is not set');
  }, FIRST_BUILD_MS);

  test.each(['nodejs20.x', 'nodejs22.x'])('Node (%s): an answer JSON cannot encode is a handler error', async (runtime) => {
    const fault = await faultOf(await nodeTwin('returns-bigint.js', runtime));
    expect(fault.kind).toBe('handler-error');
    expect(fault.message).toMatch(/Unable to stringify response body|BigInt/);
  }, FIRST_BUILD_MS);
});

describe('a twin handler that its module does not have: the error lists what the module has, and the prop to fix', () => {
  test('Python: a function name that raises.py does not define', async () => {
    const fault = await faultOf(await pythonTwin('raises.validate'));
    expect(fault.kind).toBe('init-error');
    expect(fault.message).toContain('Runtime.HandlerNotFound');
    expect(fault.hint).toBe('raises.py has no function validate; it defines handler: give one of them as the twin\'s `handler` (Twin.python / Twin.node), then run `cdk synth` again.');
  }, FIRST_BUILD_MS);

  test('Python: a module that is not in the twin\'s folder names the modules that are', async () => {
    const fault = await faultOf(await pythonTwin('raisse.handler'));
    expect(fault.message).toContain('Runtime.ImportModuleError');
    expect(fault.hint).toBe('The twin\'s folder has no module raisse: it has handler, raises; give its file as the twin\'s `index` (Twin.python), then run `cdk synth` again.');
  }, FIRST_BUILD_MS);

  test('Python: a missing dependency of the module is not a handler name to fix', async () => {
    expect((await faultOf(await pythonTwin('handler.handler'))).hint).toBeUndefined();
  }, FIRST_BUILD_MS);

  test('Node: a handler the bundle does not export', async () => {
    const fault = await faultOf(await nodeTwin('returns-bigint.js', 'nodejs22.x', 'index.validate'));
    expect(fault.kind).toBe('init-error');
    expect(fault.message).toContain('Runtime.HandlerNotFound');
    expect(fault.hint).toBe('index.js (the twin\'s entry, bundled) has no exported function validate; it exports handler: '
      + 'give one of them as the twin\'s `handler` (Twin.python / Twin.node), then run `cdk synth` again.');
  }, FIRST_BUILD_MS);
});
