import { readFileSync } from 'node:fs';
import { FUNCTION_ENV, TWIN_ENV, closeApi, localArgs, startPair, updatesOf, useScratch, useTestCredentials } from './compare-harness';
import { InvocationNumber, LocalLambdaApi, ReportFigures } from '../../../dev/local-lambda/local-lambda-api';
import { lsf } from '../bench/cli-harness';

useTestCredentials();
const scratch = useScratch();
let api: LocalLambdaApi | undefined;
afterEach(async () => {
  await closeApi(api);
  api = undefined;
});

const CASES = [
  { name: 'valid', event: { email: 'a@example.com' }, expected: { email: 'a@example.com' } },
  { name: 'second', event: { email: 'b@example.com', age: 30 }, expected: { email: 'b@example.com', age: 30 } },
].map((c) => JSON.stringify(c)).join('\n');

/** Both functions' environments are exactly what they were before the run. */
function expectRestored(pair: LocalLambdaApi): void {
  expect(pair.configuration('fn').Environment?.Variables).toEqual(FUNCTION_ENV);
  expect(pair.configuration('twin').Environment?.Variables).toEqual(TWIN_ENV);
}

describe('lsf compare against the local Lambda API (real SDK clients, real runtime processes)', () => {
  test('forces N cold starts, runs M warm invocations, prints the table and restores the environment', async () => {
    api = await startPair();
    const chart = scratch('chart.svg', '');
    const run = await lsf('compare', '--stack', 'PairStack', '--cases', scratch('cases.jsonl', CASES), '--cold', '3', '--warm', '8', '--chart', chart, ...localArgs(api));
    expect(run.stderr).not.toContain('lsf compare:');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('fn vs twin on');
    expect(run.stdout).toMatch(/rust .*python/s);
    expect(run.stdout).toContain('Rust / python: cold start');
    expect(run.stdout).toContain('every answer equal to the expected one');
    expect(readFileSync(chart, 'utf8')).toContain('Cold start: Init Duration (ms)');
    // One update per forced cold start and one to restore, per function.
    expect(updatesOf(api, 'fn')).toBe(4);
    expect(updatesOf(api, 'twin')).toBe(4);
    // The first invocation after each update was cold, the warm ones were not.
    const invokes = api.calls.filter((c) => c.operation === 'Invoke' && c.functionName === 'fn');
    expect(invokes.map((c) => c.cold)).toEqual([true, true, true, ...Array(8).fill(false)]);
    expectRestored(api);
  });

  test('--json: the samples are the reports\' figures, in both log formats, and the cost from the live configuration', async () => {
    api = await startPair();
    // Known figures in every report (fn's REPORT lines, twin's platform.report records), seconds
    // long where the real invocations take milliseconds: a sample timed by lsf, not read from the
    // report, cannot equal them. Billed durations are not the rounded-up durations, so they must
    // be read too. Quarter milliseconds add up exactly.
    const figures = (base: number) => ({ index, cold }: InvocationNumber): ReportFigures => ({
      durationMs: base + 10 * index + 0.25,
      billedDurationMs: base + 10 * index + 7,
      maxMemoryUsedMB: 60 + index,
      ...(cold ? { initDurationMs: 2 * base + index + 0.5 } : {}),
    });
    api.reportFigures('fn', figures(1000));
    api.reportFigures('twin', figures(3000));
    const run = await lsf('compare', '--function', 'fn', '--twin', 'twin', '--event', scratch('event.json', '{"email": "a@example.com"}'),
      '--cold', '2', '--warm', '5', '--json', '--chart', scratch('chart.svg', ''), ...localArgs(api));
    expect(run.stderr).not.toContain('lsf compare:');
    expect(run.code).toBe(0);
    const [result] = JSON.parse(run.stdout).results;
    expect(result.answersChecked).toBe('each-other');
    expect(result.function).toMatchObject({ name: 'fn', runtime: 'provided.al2023', architecture: 'arm64', memorySize: 1024 });
    expect(result.runtimes.map((r: { name: string }) => r.name)).toEqual(['rust', 'python']);
    // Invocations 0 and 1 of each function are the forced cold starts, 2 to 6 the warm ones.
    expect(result.samples.rust).toEqual({
      initMs: [2000.5, 2001.5],
      billedColdStartMs: [2000.5, 2001.5],
      firstResponseMs: [2000.5 + 1000.25, 2001.5 + 1010.25],
      warmMs: [1020.25, 1030.25, 1040.25, 1050.25, 1060.25],
      billedMs: [1027, 1037, 1047, 1057, 1067],
      maxMemoryMb: 66,
    });
    expect(result.samples.python).toEqual({
      initMs: [6000.5, 6001.5],
      billedColdStartMs: [6000.5, 6001.5],
      firstResponseMs: [6000.5 + 3000.25, 6001.5 + 3010.25],
      warmMs: [3020.25, 3030.25, 3040.25, 3050.25, 3060.25],
      billedMs: [3027, 3037, 3047, 3057, 3067],
      maxMemoryMb: 66,
    });
    // Cost: arm64 at 1024 MB, mean billed duration, 1% cold with init, requests: more than the requests alone.
    for (const r of result.runtimes) expect(r.costPerMillion).toBeGreaterThan(0.2);
    expectRestored(api);
  });

  test('throttled invocations are retried with backoff and counted', async () => {
    api = await startPair();
    api.throttleNextInvokes('twin', 3);
    const run = await lsf('compare', '--stack', 'PairStack', '--event', scratch('event.json', '{}'), '--cold', '1', '--warm', '3', '--json',
      '--chart', scratch('chart.svg', ''), ...localArgs(api));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).results[0].retries).toEqual({ TooManyRequestsException: 3 });
    expect(api.calls.filter((c) => c.status === 429)).toHaveLength(3);
    expectRestored(api);
  });

  test('throttling that outlasts --max-retries fails the run, named, and the environment is restored', async () => {
    api = await startPair();
    api.throttleNextInvokes('fn', 50);
    const run = await lsf('compare', '--stack', 'PairStack', '--event', scratch('event.json', '{}'), '--max-retries', '2', ...localArgs(api));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Invoking fn: still refused with TooManyRequestsException after 2 retries');
    expectRestored(api);
  });

  test('an error in the middle of the run (after the cold starts) fails it, and the environment is restored', async () => {
    api = await startPair('fails-when-asked.js');
    const cases = [
      { name: 'valid', event: { ok: true }, expected: { ok: true } },
      { name: 'boom', event: { fail: true }, expected: { fail: true } },
    ].map((c) => JSON.stringify(c)).join('\n');
    const run = await lsf('compare', '--stack', 'PairStack', '--cases', scratch('cases.jsonl', cases), '--cold', '2', '--warm', '4', ...localArgs(api));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('lsf compare: twin failed on event "boom" (Unhandled): {"errorType":"Error","errorMessage":"asked to fail"}');
    expect(run.stderr).toContain('Restoring the environment of fn and twin');
    expect(updatesOf(api, 'fn')).toBe(3);
    expectRestored(api);
  });

  test('a function that fails every invocation: exit 1 with its error, environment restored', async () => {
    api = await startPair('throws.js');
    const run = await lsf('compare', '--stack', 'PairStack', '--event', scratch('event.json', '{}'), ...localArgs(api));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('twin failed on event "event" (Unhandled)');
    expect(run.stderr).toContain('form is undefined');
    expectRestored(api);
  });

  test('a log tail without a report line: exit 1 naming the function and why, environment restored', async () => {
    api = await startPair();
    api.omitReportLines('fn');
    const run = await lsf('compare', '--stack', 'PairStack', '--event', scratch('event.json', '{}'), ...localArgs(api));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The log tail of fn for event "event" has no report');
    expect(run.stderr).toContain('last 4 KB');
    expectRestored(api);
  });

  test('two functions that answer differently are not a pair: exit 1 before a misleading table', async () => {
    api = await startPair('introspect.js');
    const run = await lsf('compare', '--stack', 'PairStack', '--event', scratch('event.json', '{"a": 1}'), ...localArgs(api));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Event "event": twin answered differently from fn, so the timings would compare different work.\n'
      + '  twin (expected: what fn answered):\n'
      + '    $.a: missing (expected 1)\n'
      + '    $.headers: not expected, got an object\n');
    expect(run.stdout).toBe('');
    expectRestored(api);
  });

  test('answers are compared as JSON values: members in another order than the expected answer pass', async () => {
    api = await startPair();
    // Both functions echo the event, whose members come in another order than the expected answer's.
    const cases = [
      '{"name": "reordered", "event": {"errors": [{"code": "format", "field": "email"}], "valid": false}, "expected": {"valid": false, "errors": [{"field": "email", "code": "format"}]}}',
      '{"name": "no expected answer", "event": {"b": 1, "a": 2}}',
    ].join('\n');
    const run = await lsf('compare', '--stack', 'PairStack', '--cases', scratch('cases.jsonl', cases), '--cold', '1', '--warm', '4', '--json',
      '--chart', scratch('chart.svg', ''), ...localArgs(api));
    expect(run.stderr).not.toContain('lsf compare:');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).results[0].answersChecked).toBe('each-other');
    expectRestored(api);
  });

  test('a case that differs from its expected answer names the paths, for each function', async () => {
    api = await startPair();
    const cases = '{"name": "bad email", "event": {"errors": [{"field": "mail"}]}, "expected": {"errors": [{"field": "email"}]}}';
    const run = await lsf('compare', '--stack', 'PairStack', '--cases', scratch('cases.jsonl', cases), '--cold', '1', '--warm', '1', ...localArgs(api));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Event "bad email": answers differ from the expected one, so the timings would compare different work.\n'
      + '  fn:\n    $.errors[0].field: expected "email", got "mail"\n'
      + '  twin:\n    $.errors[0].field: expected "email", got "mail"');
    expectRestored(api);
  });

  test('a failed update (500) is retried and counted', async () => {
    api = await startPair();
    api.failNextUpdates('fn', 2);
    const run = await lsf('compare', '--stack', 'PairStack', '--event', scratch('event.json', '{}'), '--cold', '1', '--warm', '1', '--json',
      '--chart', scratch('chart.svg', ''), ...localArgs(api));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).results[0].retries).toEqual({ ServiceException: 2 });
    expectRestored(api);
  });

  test('a variable left by an interrupted run is removed at the end', async () => {
    api = await startPair('echo.js', { functionEnvironment: { ...FUNCTION_ENV, LSF_COLD_START: 'stale' } });
    const run = await lsf('compare', '--stack', 'PairStack', '--event', scratch('event.json', '{}'), '--cold', '1', '--warm', '1', '--json',
      '--chart', scratch('chart.svg', ''), ...localArgs(api));
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('fn still has LSF_COLD_START from an interrupted run; it will be removed at the end.');
    expectRestored(api);
  });
});
