import * as path from 'node:path';
import { withCacheLock } from '../../src/local-bench/cache-lock';
import { prepareNodeTwin } from '../../src/local-bench/prepare-node';
import { preparePythonTwin } from '../../src/local-bench/prepare-python';
import { RuntimeFault } from '../../src/local-bench/runtime-fault';
import { RuntimeInstance } from '../../src/local-bench/runtime-instance';
import { liveProcessGroups } from '../../src/local-bench/runtime-process';
import { RuntimeSpec, lambdaEnvironment } from '../../src/local-bench/runtime-spec';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'local-bench', 'twin-faults');
const CACHE_ROOT = path.join(ROOT, '.bench');
const LIMITS = { initTimeoutMs: 10_000, invocationTimeoutMs: 3000 };
// A first run creates a venv with awslambdaric and installs aws-lambda-ric (minutes).
const FIRST_BUILD_MS = 15 * 60_000;

afterEach(() => {
  expect(liveProcessGroups()).toEqual([]);
});

async function pythonTwin(handler: string): Promise<RuntimeSpec> {
  // Under the cache lock, like the CLI: other test workers prepare in .bench at the same time.
  const twin = await withCacheLock(CACHE_ROOT, () => undefined, () => preparePythonTwin(path.join(FIXTURES, 'python'), path.join(CACHE_ROOT, 'twin-faults'), 'python3'));
  const env = lambdaEnvironment({ functionName: 'python-fault', memorySize: 128, handler, taskRoot: twin.taskRoot, extra: { PYTHONPATH: twin.taskRoot } });
  return { name: 'python', description: 'fault fixture', role: 'twin', launch: { command: twin.python, args: ['-m', 'awslambdaric', handler], cwd: twin.taskRoot, env } };
}

async function nodeTwin(entry: string): Promise<RuntimeSpec> {
  const twin = await withCacheLock(CACHE_ROOT, () => undefined,
    () => prepareNodeTwin(path.join(FIXTURES, 'node', entry), path.join(CACHE_ROOT, 'twin-faults', entry), CACHE_ROOT, () => undefined));
  const env = lambdaEnvironment({ functionName: 'node-fault', memorySize: 128, handler: 'index.handler', taskRoot: twin.taskRoot });
  return { name: 'node', description: 'fault fixture', role: 'twin', launch: { command: process.execPath, args: [twin.ric, 'index.handler'], cwd: twin.taskRoot, env } };
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

  test('Node: a module that throws while loading is reported by aws-lambda-ric as an init error', async () => {
    const fault = await faultOf(await nodeTwin('index.js'));
    expect(fault.kind).toBe('init-error');
    expect(fault.message).toContain('RULES_TABLE is not set');
  }, FIRST_BUILD_MS);

  test('Node: an answer JSON cannot encode is a handler error', async () => {
    const fault = await faultOf(await nodeTwin('returns-bigint.js'));
    expect(fault.kind).toBe('handler-error');
    expect(fault.message).toContain('Unable to stringify response body');
  }, FIRST_BUILD_MS);
});
