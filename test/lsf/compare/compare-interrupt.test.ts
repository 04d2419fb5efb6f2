import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { FUNCTION_ENV, TWIN_ENV, closeApi, localArgs, startPair, updatesOf, useScratch } from './compare-harness';
import { LocalLambdaApi } from '../../../dev/local-lambda/local-lambda-api';
import { until } from '../../support/until';

const ROOT = path.join(__dirname, '..', '..', '..');
const scratch = useScratch();
let api: LocalLambdaApi;
afterEach(() => closeApi(api));

/** Starts `lsf compare` in its own process, as a user would, and waits until it has changed the environment twice. */
async function startCompare(): Promise<{ cli: ChildProcess; exited: Promise<number | null>; stderr: () => string }> {
  const cli = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/lsf/cli/lsf.ts', 'compare', '--stack', 'PairStack',
    '--event', scratch('event.json', '{}'), '--cold', '200', ...localArgs(api)], {
    cwd: ROOT,
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  cli.stderr!.on('data', (chunk: Buffer) => { stderr += chunk; });
  const exited = new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));
  await until('two configuration updates', 60_000, () => (updatesOf(api, 'fn') >= 2 ? true : undefined));
  return { cli, exited, stderr: () => stderr };
}

describe('lsf compare interrupted (Ctrl-C, or a cancelled job)', () => {
  test.each(['SIGINT', 'SIGTERM'] as const)('%s stops, restores both environments, and exits with 130', async (signal) => {
    api = await startPair();
    const { cli, exited, stderr } = await startCompare();
    cli.kill(signal);

    expect(await exited).toBe(130);
    expect(stderr()).toContain('Interrupted: stopping after the current call and restoring the configuration');
    expect(stderr()).toContain('lsf compare: interrupted; the configuration was restored.');
    expect(api.configuration('fn').Environment?.Variables).toEqual(FUNCTION_ENV);
    expect(api.configuration('twin').Environment?.Variables).toEqual(TWIN_ENV);
    expect(updatesOf(api, 'fn')).toBeLessThan(200);
  }, 90_000);

  test('a second Ctrl-C exits at once and says what is left to undo', async () => {
    // Updates take 3 s here, so that the second Ctrl-C arrives while the first one is still restoring.
    api = await startPair('echo.js', { updateDelayMs: 3000 });
    const { cli, exited, stderr } = await startCompare();
    cli.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 500));
    cli.kill('SIGINT');

    expect(await exited).toBe(130);
    expect(stderr()).toContain('Exited without restoring: remove LSF_COLD_START from both functions\' environment variables by hand, or run lsf compare again');
    expect(stderr()).not.toContain('the configuration was restored');
  }, 90_000);
});
