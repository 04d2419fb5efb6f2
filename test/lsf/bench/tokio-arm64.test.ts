import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { TEST_CACHE, synthApp } from './bench-apps';
import { lsf } from './cli-harness';
import { LatencySensitiveFunction } from '../../../src';
import { liveProcessGroups } from '../../../src/lsf/bench/runtime/runtime-process';
import { FIXTURES } from '../../fixtures';

// Release builds of lambda_runtime and tokio for two architectures: minutes on 2 cores.
const FIRST_BUILD_MS = 20 * 60_000;

let out: string;
beforeAll(() => {
  out = mkdtempSync(path.join(os.tmpdir(), 'lsf-tokio-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));
afterEach(() => expect(liveProcessGroups()).toEqual([]));

(process.arch === 'x64' ? describe : describe.skip)('the usual handler (lambda_runtime, #[tokio::main] multi-thread) on an x86_64 machine', () => {
  test('its deployed arm64 build answers under qemu-user, checked before anything is timed', async () => {
    const assembly = synthApp(path.join(out, 'cdk.out'), (app) => new LatencySensitiveFunction(new Stack(app, 'Hello'), 'Hello', { manifestPath: FIXTURES.hello }));
    const event = path.join(out, 'event.json');
    writeFileSync(event, '{"name": "qemu"}');
    const run = await lsf('bench', '--app', assembly, '--event', event, '--cache-dir', TEST_CACHE, '--cold', '1', '--warm', '2', '--json', '--chart', path.join(out, 'c.svg'));
    expect(run.stderr).not.toContain('lsf bench:');
    expect(run.code).toBe(0);
    const [result] = JSON.parse(run.stdout).results;
    expect(result.parity.runtimes).toEqual(['rust', 'rust-arm64']);
    expect(result.notMeasured).toEqual([]);
  }, FIRST_BUILD_MS);
});
