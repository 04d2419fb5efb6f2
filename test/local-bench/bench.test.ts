import { nodeFixture } from './fault-fixtures';
import { runBench, BenchPlan } from '../../src/local-bench/bench';
import { ParityError } from '../../src/local-bench/bench-errors';
import { Case } from '../../src/local-bench/cases';
import { benchChart, renderReport } from '../../src/local-bench/report-table';
import { RuntimeFault } from '../../src/local-bench/runtime-fault';
import { liveProcessGroups } from '../../src/local-bench/runtime-process';
import { RuntimeSpec } from '../../src/local-bench/runtime-spec';
import { renderChart } from '../../src/report/chart-svg';

// The echo fixture answers with the event, so a case whose expected answer is its event passes.
const ECHO_CASES: Case[] = [
  { name: 'first', event: '{"n":1}', expected: '{"n":1}' },
  { name: 'second', event: '{"valid":false,"errors":[]}', expected: '{"valid":false,"errors":[]}' },
];

function as(name: string, role: RuntimeSpec['role'], spec: RuntimeSpec): RuntimeSpec {
  return { ...spec, name, role, packageBytes: 1234 };
}

const PLAN: BenchPlan = {
  example: 'fixture',
  coldStarts: 2,
  warmInvocations: 5,
  limits: { initTimeoutMs: 5000, invocationTimeoutMs: 1500 },
  assumptions: { profile: 'user-facing-validation', memorySize: 512, coldStartRatePercent: 5 },
};

afterEach(() => {
  expect(liveProcessGroups()).toEqual([]);
});

describe('runBench on real fixture processes', () => {
  test('checks parity, then times every runtime N cold and M warm times, and reports them', async () => {
    const specs = [as('rust', 'rust', nodeFixture('echo.js')), as('node', 'twin', nodeFixture('echo.js')), as('floor', 'floor', nodeFixture('echo.js'))];
    const progress: number[] = [];
    const result = await runBench(specs, ECHO_CASES, { ...PLAN, onProgress: (done, total) => progress.push(total - done) });

    expect(result.parity).toEqual({ caseCount: 2, runtimes: ['rust', 'node'] });
    expect(result.runtimes.map((r) => r.name)).toEqual(['rust', 'node', 'floor']);
    for (const name of ['rust', 'node', 'floor']) {
      expect(result.samples[name].initMs).toHaveLength(2);
      expect(result.samples[name].firstResponseMs).toHaveLength(2);
      expect(result.samples[name].warmMs).toHaveLength(5);
    }
    // 2 checked runtimes x 2 cases + 3 timed runtimes x (2 + 5): the bar ends full.
    expect(progress).toHaveLength(25);
    expect(progress[progress.length - 1]).toBe(0);
    const rust = result.runtimes[0];
    expect(rust.firstResponse.p50).toBeGreaterThan(rust.init.p50);
    expect(rust.maxMemoryMb).toBeGreaterThan(1);
    expect(rust.costPerMillion).toBeGreaterThan(0.2);
    expect(result.targets.map((t) => t.description)).toEqual([
      "Rust cold start <= 1/10 of node's",
      'Rust cold start within 2x of the std-only floor',
    ]);

    const table = renderReport(result);
    expect(table).toContain('Cold start p50 / p95');
    expect(table).toContain('Rust / node: cold start');
    expect(table).toContain('512 MB (profile user-facing-validation)');
    expect(table).toContain('5% of invocations cold');
    expect(result.machine.cores).toBeGreaterThan(0);
    expect(table).toContain(`${result.machine.cores} x ${result.machine.cpu}, load`);
    const svg = renderChart(benchChart(result));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<circle /g)).toHaveLength(3 * (2 + 5));
  });

  test('a runtime whose answers differ fails the run with a readable diff, before any timing', async () => {
    const cases = [...ECHO_CASES, { name: 'must not echo', event: '{"a":1}', expected: '{"valid":true,"errors":[]}' }];
    const steps: string[] = [];
    const run = runBench([as('rust', 'rust', nodeFixture('echo.js'))], cases, { ...PLAN, onProgress: (_, __, phase) => steps.push(phase) });
    await expect(run).rejects.toThrow(ParityError);
    await expect(run).rejects.toThrow('rust: 1 of 3 cases differ\n  case "must not echo"\n    - expected {"valid":true,"errors":[]}\n    + rust     {"a":1}');
    expect(steps.every((phase) => phase.startsWith('parity'))).toBe(true);
  });

  test('with a warm case, the warm invocations send only that one and the report says so', async () => {
    const result = await runBench([as('rust', 'rust', nodeFixture('echo.js'))], ECHO_CASES, { ...PLAN, warmCase: 'second' });
    expect(result.warmCase).toBe('second');
    expect(result.samples.rust.warmMs).toHaveLength(5);
    expect(renderReport(result)).toContain('5 warm invocations per runtime (all warm ones on case "second")');
  });

  test('the floor is timed but never held to the cases', async () => {
    const cases = [{ name: 'not an echo', event: '{"a":1}', expected: '{"b":2}' }];
    const spec = nodeFixture('echo.js');
    await expect(runBench([as('floor', 'floor', spec)], cases, PLAN)).resolves.toMatchObject({ parity: { runtimes: [] } });
  });

  test('a twin that fails mid-run stops the run with its fault and leaves nothing running', async () => {
    const run = runBench([as('rust', 'rust', nodeFixture('echo.js')), as('python', 'twin', nodeFixture('throws.js'))], ECHO_CASES, PLAN);
    await expect(run).rejects.toThrow(RuntimeFault);
    await expect(run).rejects.toThrow(/^python: handler-error: the handler failed: .*form is undefined/);
  });
});
