import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lsf } from './cli-harness';
import { liveProcessGroups } from '../../src/local-bench/runtime-process';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'form-validation');
// Builds, the Python venv and aws-lambda-ric are cached in .bench; a first run builds them all
// (cargo release builds for two architectures and a native npm install: minutes on 2 cores).
const FIRST_BUILD_MS = 20 * 60_000;

let out: string;
beforeEach(() => {
  out = mkdtempSync(path.join(os.tmpdir(), 'lsf-example-'));
});
afterEach(() => {
  rmSync(out, { recursive: true, force: true });
  expect(liveProcessGroups()).toEqual([]);
});

describe('lsf bench examples/form-validation: the real Rust bootstrap and both twins', () => {
  test('every case gives the same answer in every runtime, and all are timed', async () => {
    const chart = path.join(out, 'chart.svg');
    const run = await lsf('bench', EXAMPLE, '--cold', '2', '--warm', '10', '--json', '--chart', chart);
    expect(run.stderr).not.toContain('lsf bench:');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.parity.runtimes).toEqual(['rust', 'python', 'node', 'rust-arm64']);
    expect(result.parity.caseCount).toBeGreaterThanOrEqual(90);
    expect(result.runtimes.map((r: { name: string }) => r.name)).toEqual(['rust', 'python', 'node', 'floor']);
    for (const r of result.runtimes) {
      expect(result.samples[r.name].initMs).toHaveLength(2);
      expect(result.samples[r.name].warmMs).toHaveLength(10);
      expect(r.packageBytes).toBeGreaterThan(0);
      expect(r.maxMemoryMb).toBeGreaterThan(0);
    }
    expect(result.runtimes[0].description).toContain('package: the arm64 bootstrap');
    expect(readFileSync(chart, 'utf8')).toContain('Cold start: spawn to first /next');
  }, FIRST_BUILD_MS);

  test('a Python interpreter that does not exist is a missing toolchain with the fix', async () => {
    const run = await lsf('bench', EXAMPLE, '--no-node-twin', '--no-arm64', '--python', '/nonexistent/python3', '--chart', path.join(out, 'c.svg'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('`/nonexistent/python3` is not installed. Install Python 3.9 or later with venv');
    expect(existsSync(path.join(out, 'c.svg'))).toBe(false);
  }, FIRST_BUILD_MS);
});
