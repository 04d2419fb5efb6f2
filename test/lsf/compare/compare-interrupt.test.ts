import { FUNCTION_ENV, SpawnedCompare, TWIN_ENV, closeApi, localArgs, spawnCompare, startPair, updatesOf, useScratch } from './compare-harness';
import { LocalLambdaApi } from '../../../dev/local-lambda/local-lambda-api';
import { until } from '../../support/until';

const scratch = useScratch();
let api: LocalLambdaApi;
afterEach(() => closeApi(api));

/** Starts `lsf compare` in its own process, as a user would, and waits until it has changed the environment twice. */
async function startCompare(): Promise<SpawnedCompare> {
  const run = spawnCompare(['--stack', 'PairStack', '--event', scratch('event.json', '{}'), '--cold', '200', ...localArgs(api)]);
  await until('two configuration updates', 60_000, () => (updatesOf(api, 'fn') >= 2 ? true : undefined));
  return run;
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
