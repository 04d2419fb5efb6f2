import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { deployedName, deployedStacks, synth } from './compare-app';
import { closeApi, localArgs, spawnCompare, useScratch, useTestCredentials } from './compare-harness';
import { LocalLambdaApi } from '../../../dev/local-lambda/local-lambda-api';
import { LambdaCost, LatencySensitiveFunction, Twin } from '../../../src';
import { FIXTURES } from '../../fixtures';
import { until } from '../../support/until';
import { lsf } from '../bench/cli-harness';
import { nodeFixture } from '../bench/fault-fixtures';

useTestCredentials();
const scratch = useScratch();
let api: LocalLambdaApi | undefined;
let root: string;
let assembly: string;
let rust: string;
let twin: string;

/** An app with one function whose only twin is a Python one with SnapStart (alias `measured`). */
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'lsf-compare-snapstart-'));
  assembly = synth(root, (app) => {
    new LatencySensitiveFunction(new Stack(app, 'Snap'), 'Validate', {
      manifestPath: `${FIXTURES.hello}/Cargo.toml`,
      memorySize: 1024,
      twins: [Twin.python({ entry: FIXTURES.pythonTwin, index: 'handler.py', snapStart: true })],
    });
  });
  rust = deployedName(assembly, 'Snap/Validate');
  twin = deployedName(assembly, 'Snap/Validate/Twin');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(async () => {
  await closeApi(api);
  api = undefined;
});

/** The app deployed on the local API: the twin with SnapStart on, its alias on version 1 as the deployment leaves it. */
function deploy(updateDelayMs = 20): Promise<LocalLambdaApi> {
  const fn = (name: string) => ({ name, spec: nodeFixture('echo.js'), memorySize: 1024, architecture: 'arm64' as const, logFormat: 'JSON' as const });
  return LocalLambdaApi.start({
    functions: [{ ...fn(rust) }, { ...fn(twin), runtime: 'python3.13', snapStart: true, aliases: ['measured'] }],
    stacks: deployedStacks(assembly),
    updateDelayMs,
  });
}

function calls(operation: string): Array<{ qualifier?: string; cold?: boolean }> {
  return api!.calls.filter((c) => c.operation === operation && c.functionName === twin);
}

/** Nothing of the run is left: the alias on its version, only that version, no variable of ours. */
function expectRestored(): void {
  expect(api!.versions(twin)).toEqual({ versions: ['1'], aliases: { measured: '1' } });
  expect(api!.configuration(twin).Environment).toBeUndefined();
}

describe('lsf compare with a SnapStart twin: a version published per forced cold start, invoked through the alias', () => {
  test('restores are its cold starts; the versions are deleted and the alias restored at the end', async () => {
    api = await deploy();
    const run = await lsf('compare', '--stack', 'Snap', '--app', assembly, '--event', scratch('event.json', '{"n": 1}'), '--cold', '2', '--warm', '3',
      '--json', '--chart', scratch('chart.svg', ''), ...localArgs(api));
    expect(run.stderr).not.toContain('lsf compare:');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Pair from the app: Snap/Validate and its python twin Snap/Validate/Twin (SnapStart, through its alias measured)');
    const [result] = JSON.parse(run.stdout).results;
    expect(result.runtimes.map((r: { name: string; coldStart?: string }) => [r.name, r.coldStart])).toEqual([['rust', undefined], ['python-snapstart', 'restore']]);
    // Lambda's reports said restoreDurationMs, never initDurationMs, for the twin: they are its cold starts.
    expect(result.samples['python-snapstart'].initMs).toHaveLength(2);
    // Each forced cold start: a new version (2 and 3), the alias on it, the alias invoked.
    expect(calls('PublishVersion').map((c) => c.qualifier)).toEqual(['2', '3']);
    expect(calls('Invoke').map((c) => [c.qualifier, c.cold])).toEqual([['2', true], ['3', true], ['3', false], ['3', false], ['3', false]]);
    expect(calls('UpdateAlias')).toHaveLength(3);
    expect(calls('DeleteFunction').map((c) => c.qualifier)).toEqual(['2', '3']);
    expectRestored();
    // A SnapStart twin cannot have provisioned concurrency: its cost is on demand, with cache and restores.
    expect(result.coldStartHiding.twins[0].provisioned).toBeUndefined();
    expect(result.coldStartHiding.twins[0].snapStart.cachePerMonth).toBeGreaterThan(0);
  });

  test('a restore bills its Billed Restore Duration, not the whole restore: the cost reads the billed part', async () => {
    api = await deploy();
    // Known figures: a 400 ms restore of which 100 ms are billed (runtime loading and hooks), 10 ms invocations.
    api.reportFigures(twin, ({ cold }) => (cold
      ? { durationMs: 10, billedDurationMs: 10, restoreDurationMs: 400, billedRestoreDurationMs: 100 }
      : { durationMs: 10, billedDurationMs: 10 }));
    const run = await lsf('compare', '--stack', 'Snap', '--app', assembly, '--event', scratch('event.json', '{}'), '--cold', '2', '--warm', '3',
      '--json', '--chart', scratch('chart.svg', ''), ...localArgs(api));
    expect(run.code).toBe(0);
    const [result] = JSON.parse(run.stdout).results;
    expect(result.samples['python-snapstart']).toMatchObject({ initMs: [400, 400], billedColdStartMs: [100, 100], firstResponseMs: [410, 410] });
    const row = result.runtimes.find((r: { name: string }) => r.name === 'python-snapstart');
    expect(row).toMatchObject({ init: { p50: 400 }, billedColdStartMs: 100 });
    const usage = { durationMs: 10, memorySize: 1024, architecture: lambda.Architecture.ARM_64, initDurationMs: 100 };
    expect(row.costPerMillion).toBeCloseTo(LambdaCost.US_EAST_1.costPerMillion({ ...usage, coldStartRatePercent: result.coldStartRatePercent }), 10);
    // The Rust function's inits are billed whole.
    const rustRow = result.runtimes.find((r: { name: string }) => r.name === 'rust');
    expect(rustRow.billedColdStartMs).toBe(rustRow.init.p50);
    expectRestored();
  });

  test('the table says how the restores were measured and what hiding the cold starts would cost at --rps', async () => {
    api = await deploy();
    const run = await lsf('compare', '--stack', 'Snap', '--app', assembly, '--event', scratch('event.json', '{}'), '--cold', '1', '--warm', '2', '--rps', '50',
      '--chart', scratch('chart.svg', ''), ...localArgs(api));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Restore Duration instead (SnapStart): each change is published as a new version, its alias measured');
    expect(run.stdout).toContain('What hiding the twins\' cold starts would cost, at 50 req/s');
    expect(run.stdout).toContain('SnapStart (no provisioned concurrency with it)');
    expectRestored();
  });

  test('Ctrl-C while versions are being published: the alias is restored and every published version deleted', async () => {
    api = await deploy(200);
    const { cli, exited, stderr } = spawnCompare(['--stack', 'Snap', '--app', assembly, '--event', scratch('event.json', '{}'), '--cold', '200', ...localArgs(api)]);
    await until('two published versions', 60_000, () => (calls('PublishVersion').length >= 2 ? true : undefined));
    cli.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr()).toContain('lsf compare: interrupted; the configuration was restored.');
    expect(calls('DeleteFunction').length).toBeGreaterThanOrEqual(2);
    expectRestored();
  }, 90_000);
});
