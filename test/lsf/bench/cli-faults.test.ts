import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { TEST_CACHE, synthApp } from './bench-apps';
import { lsf } from './cli-harness';
import { LatencySensitiveFunction } from '../../../src';
import { liveProcessGroups } from '../../../src/lsf/bench/runtime/runtime-process';

const EXITING_EXAMPLE = path.join(__dirname, '..', '..', 'fixtures', 'local-bench', 'exiting-example');
// A first run builds the fixture's bootstrap and the floor with the release profile.
const FIRST_BUILD_MS = 10 * 60_000;

let out: string;
beforeEach(() => {
  out = mkdtempSync(path.join(os.tmpdir(), 'lsf-faults-'));
});
afterEach(() => {
  rmSync(out, { recursive: true, force: true });
  expect(liveProcessGroups()).toEqual([]);
});

describe('lsf bench with a failing runtime', () => {
  test('a bootstrap that exits during init fails the run with exit code 1, the fault and its stderr', async () => {
    const assembly = synthApp(path.join(out, 'cdk.out'), (app) =>
      new LatencySensitiveFunction(new Stack(app, 'Exiting'), 'Fn', { manifestPath: path.join(EXITING_EXAMPLE, 'rust') }));
    const run = await lsf('bench', '--app', assembly, '--cases', path.join(EXITING_EXAMPLE, 'cases.jsonl'), '--cache-dir', TEST_CACHE,
      '--no-arm64', '--cold', '1', '--warm', '1');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('lsf bench: rust: init-exit: the process exited with code 4');
    expect(run.stderr).toContain('FORM_RULES_TABLE is not set: cannot load the validation rules');
  }, FIRST_BUILD_MS);
});
