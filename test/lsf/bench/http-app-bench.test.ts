import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TEST_CACHE } from './bench-apps';
import { lsf } from './cli-harness';
import { liveProcessGroups } from '../../../src/lsf/bench/runtime/runtime-process';
import { synthHttpApp } from '../../fixtures/http-app/app';

const APP = path.join(__dirname, '..', '..', 'fixtures', 'http-app');
// A first run builds lambda_http (hyper, tokio, aws_lambda_events) for two architectures,
// a venv and aws-lambda-ric: many minutes on 2 shared cores.
const FIRST_BUILD_MS = 30 * 60_000;
const ON_X86_64 = process.arch === 'x64';

let out: string;
let assembly: string;
beforeAll(() => {
  out = mkdtempSync(path.join(os.tmpdir(), 'lsf-http-bench-'));
  assembly = synthHttpApp(path.join(out, 'cdk.out'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));
afterEach(() => expect(liveProcessGroups()).toEqual([]));

function bench(fn: string, cases: string, ...args: string[]) {
  return lsf('bench', '--app', assembly, '--cache-dir', TEST_CACHE, '--function', fn, '--cases', path.join(APP, cases),
    '--cold', '2', '--warm', '5', '--chart', path.join(out, `${fn}-${cases}.svg`), ...args);
}

interface Result {
  parity: { caseCount: number; runtimes: string[]; mode: string; comparedAs: Array<{ as: string; caseCount: number }> };
  runtimes: Array<{ name: string }>;
  samples: Record<string, { initMs: number[]; warmMs: number[] }>;
}

function resultOf(stdout: string): Result {
  return (JSON.parse(stdout) as { results: Result[] }).results[0];
}

describe('lsf bench on an HTTP API: a lambda_http handler against twins that build their proxy responses by hand', () => {
  test('REST API events: lambda_http\'s answers equal the twins\' as the client receives them, the arm64 build included', async () => {
    const run = await bench('Orders', 'rest-cases.jsonl', '--json');
    expect(run.stderr).not.toContain('lsf bench:');
    expect(run.code).toBe(0);
    const result = resultOf(run.stdout);
    expect(result.parity).toEqual({
      caseCount: 5,
      runtimes: ON_X86_64 ? ['rust', 'python', 'node', 'rust-arm64'] : ['rust', 'python', 'node'],
      mode: 'auto',
      comparedAs: [{ as: 'REST API payload 1.0', caseCount: 5 }],
    });
    expect(result.runtimes.map((r) => r.name)).toEqual(['rust', 'python', 'node', 'floor']);
    for (const r of result.runtimes) expect(result.samples[r.name].warmMs).toHaveLength(5);
  }, FIRST_BUILD_MS);

  test('HTTP API payload 2.0 events, the twins returning a bare object: the table says how parity was checked', async () => {
    const run = await bench('Orders', 'http-cases.jsonl', '--no-arm64');
    expect(run.stderr).not.toContain('lsf bench:');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('parity 4 cases x rust, python, node: all equal (HTTP API payload 2.0: compared as the client receives them)');
  }, FIRST_BUILD_MS);

  test('one binary serving REST and HTTP API events in one run', async () => {
    const run = await bench('Orders', 'api-mixed-cases.jsonl', '--no-arm64', '--json');
    expect(run.code).toBe(0);
    expect(resultOf(run.stdout).parity.comparedAs).toEqual([{ as: 'REST API payload 1.0', caseCount: 2 }, { as: 'HTTP API payload 2.0', caseCount: 2 }]);
  }, FIRST_BUILD_MS);

  test('ALB events, with and without multi-value headers', async () => {
    const run = await bench('AlbOrders', 'alb-cases.jsonl', '--json');
    expect(run.stderr).not.toContain('lsf bench:');
    expect(run.code).toBe(0);
    const result = resultOf(run.stdout);
    expect(result.parity.runtimes).toEqual(['rust', 'python', 'node']);
    expect(result.parity.comparedAs).toEqual([{ as: 'ALB', caseCount: 3 }, { as: 'ALB (multi-value headers)', caseCount: 2 }]);
  }, FIRST_BUILD_MS);

  test('a twin that really differs fails the run naming the case and the body field, before any timing', async () => {
    // Python's round() rounds half to even: 2498.5 cents is 2498 there, 2499 in Rust and Node.
    const run = await bench('Orders', 'half-cent-cases.jsonl', '--no-arm64');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('python: 1 of 2 cases differ\n'
      + '  case "half a cent" (HTTP API payload 2.0: compared as its client receives it) differs from rust (the case has no "expected": rust\'s answer is the expected one)\n'
      + '    $.body.total_cents: expected 2499, got 2498');
    expect(run.stderr).not.toContain('node:');
    expect(run.stderr).not.toContain('case "http quote"');
  }, FIRST_BUILD_MS);

  test('--parity json and strict keep the stricter comparisons: lambda_http\'s extra fields and its spelling then differ', async () => {
    const json = await bench('Orders', 'http-cases.jsonl', '--no-arm64', '--parity', 'json');
    expect(json.code).toBe(1);
    expect(json.stderr).toContain('case "http quote" differs from rust');
    expect(json.stderr).toContain('$.statusCode: missing (expected 200)');
    const strict = await bench('Orders', 'rest-cases.jsonl', '--no-arm64', '--parity', 'strict');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('case "rest quote"\n    bytes: first difference at byte ');
    const bad = await bench('Orders', 'rest-cases.jsonl', '--parity', 'loose');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("option '--parity <mode>' argument 'loose' is invalid. Allowed choices are auto, json, strict.");
  }, FIRST_BUILD_MS);
});
