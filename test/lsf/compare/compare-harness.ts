import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalLambdaApi } from '../../../dev/local-lambda/local-lambda-api';
import { liveProcessGroups } from '../../../src/lsf/bench/runtime/runtime-process';
import { nodeFixture } from '../bench/fault-fixtures';

/** The original environments of the pair: what every run must leave behind. */
export const FUNCTION_ENV = { STAGE: 'test', TABLE: 'forms' };
export const TWIN_ENV = { STAGE: 'test' };

/** Credentials for the local endpoint; the real chain would find none, and never the instance metadata service. */
const TEST_ENV: Record<string, string> = {
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
  AWS_CONFIG_FILE: '/nonexistent/config',
};

/** Sets the test environment for the file's tests and puts the old one back after them. */
export function useTestCredentials(): void {
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const [key, value] of Object.entries(TEST_ENV)) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
  });
  afterAll(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
}

/**
 * A deployed pair on the local Lambda API: `fn` (text logs) and `twin` (JSON logs), same
 * memory and architecture, real Node runtime processes, and a stack whose outputs name them.
 */
export async function startPair(twinScript = 'echo.js', pair: PairOptions = {}): Promise<LocalLambdaApi> {
  return LocalLambdaApi.start({
    functions: [
      { name: 'fn', spec: nodeFixture('echo.js'), runtime: 'provided.al2023', memorySize: 1024, architecture: 'arm64', logFormat: 'Text', environment: pair.functionEnvironment ?? FUNCTION_ENV },
      { name: 'twin', spec: nodeFixture(twinScript), runtime: 'python3.13', memorySize: pair.twinMemorySize ?? 1024, architecture: 'arm64', logFormat: 'JSON', environment: TWIN_ENV },
    ],
    stacks: [
      { name: 'PairStack', outputs: { FunctionName: 'fn', TwinFunctionName: 'twin' } },
      { name: 'NoOutputs', outputs: {} },
    ],
    updateDelayMs: pair.updateDelayMs ?? 30,
  });
}

/** What differs from a well-formed pair. */
export interface PairOptions {
  /** @default FUNCTION_ENV */
  readonly functionEnvironment?: Record<string, string>;
  /** @default 1024, as the function */
  readonly twinMemorySize?: number;
  /** How long an update stays InProgress, in ms. @default 30 */
  readonly updateDelayMs?: number;
}

/** A temporary folder with files in it, removed after each test. */
export function useScratch(): (name: string, content: string) => string {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'lsf-compare-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return (name, content) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };
}

/** The arguments every test run needs: the local endpoint and short waits. */
export function localArgs(api: LocalLambdaApi): string[] {
  return ['--endpoint-url', api.endpoint, '--poll-ms', '10', '--backoff-ms', '5'];
}

/** A CLI run in its own process: what it printed on stderr so far, and its exit code when it ends. */
export interface SpawnedCompare {
  readonly cli: ChildProcess;
  readonly exited: Promise<number | null>;
  readonly stderr: () => string;
}

/** Starts `lsf compare` in its own process, as a user would (for Ctrl-C: a signal to this process would stop the tests). */
export function spawnCompare(args: readonly string[]): SpawnedCompare {
  const cli = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/lsf/cli/lsf.ts', 'compare', ...args], {
    cwd: path.join(__dirname, '..', '..', '..'),
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  cli.stderr!.on('data', (chunk: Buffer) => { stderr += chunk; });
  const exited = new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));
  return { cli, exited, stderr: () => stderr };
}

/** Stops the API and checks that no runtime process outlived it. */
export async function closeApi(api: LocalLambdaApi | undefined): Promise<void> {
  await api?.close();
  expect(liveProcessGroups()).toEqual([]);
}

/** The UpdateFunctionConfiguration calls the run made, per function. */
export function updatesOf(api: LocalLambdaApi, name: string): number {
  return api.calls.filter((c) => c.operation === 'UpdateFunctionConfiguration' && c.functionName === name).length;
}
