import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TEST_CACHE, synthApp } from './bench-apps';
import { lsf } from './cli-harness';
import { addFormValidationStacks } from '../../../examples/form-validation/app';
import { liveProcessGroups } from '../../../src/lsf/bench/runtime/runtime-process';

const EXAMPLE = path.join(__dirname, '..', '..', '..', 'examples', 'form-validation');
// Builds, the Python venv and aws-lambda-ric are cached in .test-cache; a first run builds them all
// (cargo release builds for two architectures and a native npm install: minutes on 2 cores).
const FIRST_BUILD_MS = 20 * 60_000;

let out: string;
let assembly: string;
beforeAll(() => {
  out = mkdtempSync(path.join(os.tmpdir(), 'lsf-example-'));
  assembly = synthApp(path.join(out, 'cdk.out'), addFormValidationStacks);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));
afterEach(() => expect(liveProcessGroups()).toEqual([]));

describe('lsf bench on the example app: the real Rust bootstrap and both twins', () => {
  test('one function with both twins: one table, every case equal in every runtime', async () => {
    const chart = path.join(out, 'chart.svg');
    const run = await lsf('bench', '--app', assembly, '--cases', path.join(EXAMPLE, 'cases.jsonl'), '--cache-dir', TEST_CACHE,
      '--cold', '2', '--warm', '10', '--json', '--chart', chart);
    expect(run.stderr).not.toContain('lsf bench:');
    expect(run.code).toBe(0);
    const { results } = JSON.parse(run.stdout);
    expect(results).toHaveLength(1);
    const [result] = results;
    expect(result.function).toBe('ValidateSignup');
    expect(result.constructPaths).toEqual(['FormValidation/ValidateSignup']);
    expect(result.parity.runtimes).toEqual(process.arch === 'x64' ? ['rust', 'python', 'node', 'rust-arm64'] : ['rust', 'python', 'node']);
    expect(result.parity.caseCount).toBeGreaterThanOrEqual(90);
    expect(result.runtimes.map((r: { name: string }) => r.name)).toEqual(['rust', 'python', 'node', 'floor']);
    for (const r of result.runtimes) {
      expect(result.samples[r.name].initMs).toHaveLength(2);
      expect(result.samples[r.name].warmMs).toHaveLength(10);
      expect(r.packageBytes).toBeGreaterThan(0);
      expect(r.maxMemoryMb).toBeGreaterThan(0);
    }
    if (process.arch === 'x64') expect(result.runtimes[0].description).toContain('package: the arm64 bootstrap');
    expect(readFileSync(chart, 'utf8')).toContain('Cold start: exec to first /next');
  }, FIRST_BUILD_MS);

  test('a Python interpreter that does not exist is a missing toolchain with the fix', async () => {
    const run = await lsf('bench', '--app', assembly, '--cases', path.join(EXAMPLE, 'cases.jsonl'), '--cache-dir', TEST_CACHE,
      '--no-node-twin', '--no-arm64', '--python', '/nonexistent/python3', '--chart', path.join(out, 'c.svg'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('`/nonexistent/python3` is not installed. Install Python 3.9 or later with venv');
    expect(existsSync(path.join(out, 'c.svg'))).toBe(false);
  }, FIRST_BUILD_MS);
});
