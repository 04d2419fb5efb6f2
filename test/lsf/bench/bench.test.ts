import { nodeFixture } from './fault-fixtures';
import { runBench, BenchPlan } from '../../../src/lsf/bench/bench';
import { benchChart, renderReport } from '../../../src/lsf/bench/bench-report';
import { parityError, ParityError } from '../../../src/lsf/bench/parity';
import { RuntimeFault } from '../../../src/lsf/bench/runtime/runtime-fault';
import { liveProcessGroups } from '../../../src/lsf/bench/runtime/runtime-process';
import { RuntimeSpec } from '../../../src/lsf/bench/runtime/runtime-spec';
import { Case } from '../../../src/lsf/events/cases';
import { renderChart } from '../../../src/lsf/report/chart-svg';

// The echo fixture answers with the event, so a case whose expected answer is its event passes.
const ECHO_CASES: Case[] = [
  { name: 'first', event: '{"n":1}', expected: { n: 1 } },
  { name: 'second', event: '{"valid":false,"errors":[]}', expected: { valid: false, errors: [] } },
];

function as(name: string, role: RuntimeSpec['role'], spec: RuntimeSpec): RuntimeSpec {
  return { ...spec, name, role, packageBytes: 1234 };
}

const PLAN: BenchPlan = {
  name: 'fixture',
  constructPaths: ['App/Fixture'],
  coldStarts: 2,
  warmInvocations: 5,
  limits: { initTimeoutMs: 5000, invocationTimeoutMs: 1500 },
  assumptions: { profile: 'user-facing-validation', memorySize: 512, architecture: 'arm64', coldStartRatePercent: 5, requestsPerSecond: 10 },
  cpu: { note: { applied: false, mechanism: 'none', throttleInit: false, detail: 'not limited in these tests' } },
};

afterEach(() => {
  expect(liveProcessGroups()).toEqual([]);
});

describe('runBench on real fixture processes', () => {
  test('checks parity, then times every runtime N cold and M warm times, and reports them', async () => {
    const specs = [as('rust', 'rust', nodeFixture('echo.js')), as('node', 'twin', nodeFixture('echo.js')), as('floor', 'floor', nodeFixture('echo.js'))];
    const progress: number[] = [];
    const result = await runBench(specs, ECHO_CASES, { ...PLAN, onProgress: (done, total) => progress.push(total - done) });

    // Events that come from no HTTP source: compared as JSON values, as --parity auto does for them.
    expect(result.parity).toEqual({ caseCount: 2, runtimes: ['rust', 'node'], mode: 'auto', comparedAs: [{ as: 'JSON value', caseCount: 2 }] });
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
    // The cold-start-hiding block, at the plan's traffic, for the twin only (the floor is no twin).
    expect(result.coldStartHiding.requestsPerSecond).toBe(10);
    expect(result.coldStartHiding.twins.map((t) => [t.name, t.provisioned!.provisionedConcurrency > 0])).toEqual([['node', true]]);
    expect(table).toContain('What hiding the twins\' cold starts would cost, at 10 req/s');
    expect(result.machine.cores).toBeGreaterThan(0);
    expect(table).toContain(`${result.machine.cores} x ${result.machine.cpu}, load`);
    const svg = renderChart(benchChart(result));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<circle /g)).toHaveLength(3 * (2 + 5));
  });

  test('a runtime whose answers differ fails the run with a readable diff, before any timing', async () => {
    const cases = [...ECHO_CASES, { name: 'must not echo', event: '{"a":1,"errors":[{"field":"mail"}]}', expected: { valid: true, errors: [{ field: 'email' }] } }];
    const steps: string[] = [];
    const run = runBench([as('rust', 'rust', nodeFixture('echo.js'))], cases, { ...PLAN, onProgress: (_, __, phase) => steps.push(phase) });
    await expect(run).rejects.toThrow(ParityError);
    await expect(run).rejects.toThrow('rust: 1 of 3 cases differ\n'
      + '  case "must not echo"\n'
      + '    $.valid: missing (expected true)\n'
      + '    $.errors[0].field: expected "email", got "mail"\n'
      + '    $.a: not expected, got 1');
    expect(steps.every((phase) => phase.startsWith('parity'))).toBe(true);
  });

  test('an answer with the same members in another order, and numbers written otherwise, passes', async () => {
    const cases: Case[] = [
      { name: 'reordered', event: '{"errors":[{"code":"format","field":"email"}],"valid":false,"age":36.0}', expected: { valid: false, age: 36, errors: [{ field: 'email', code: 'format' }] } },
      { name: 'null answer', event: 'null', expected: null },
    ];
    const specs = [as('rust', 'rust', nodeFixture('echo.js')), as('node', 'twin', nodeFixture('echo.js'))];
    await expect(runBench(specs, cases, PLAN)).resolves.toMatchObject({ parity: { caseCount: 2, runtimes: ['rust', 'node'] } });
  });

  test('a case without expected needs every runtime to answer as the first one checked, and says where they differ', async () => {
    const cases: Case[] = [{ name: 'no answer', event: '{"n":1}' }, { name: 'with answer', event: '{"n":2}', expected: { n: 2 } }];
    // rust and node echo the event; the python stand-in answers {headers, event, env} instead.
    const specs = [as('rust', 'rust', nodeFixture('echo.js')), as('python', 'twin', nodeFixture('introspect.js')), as('node', 'twin', nodeFixture('echo.js'))];
    const run = runBench(specs, cases, PLAN);
    await expect(run).rejects.toThrow(ParityError);
    await expect(run).rejects.toThrow('python: 2 of 2 cases differ\n'
      + '  case "no answer" differs from rust (the case has no "expected": rust\'s answer is the expected one)\n'
      + '    $.n: missing (expected 1)\n'
      + '    $.headers: not expected, got an object\n');
    await expect(run).rejects.toThrow('  case "with answer"\n    $.n: missing (expected 2)\n');
    await expect(run).rejects.not.toThrow('node:');
  });

  test('agreeing runtimes pass a case without expected, whatever they answer', async () => {
    const specs = [as('rust', 'rust', nodeFixture('echo.js')), as('node', 'twin', nodeFixture('echo.js'))];
    await expect(runBench(specs, [{ name: 'no answer', event: '{"b":1,"a":[true]}' }], PLAN)).resolves.toMatchObject({ parity: { caseCount: 1 } });
  });

  test('with a warm case, the warm invocations send only that one and the report says so', async () => {
    const result = await runBench([as('rust', 'rust', nodeFixture('echo.js'))], ECHO_CASES, { ...PLAN, warmCase: 'second' });
    expect(result.warmCase).toBe('second');
    expect(result.samples.rust.warmMs).toHaveLength(5);
    expect(renderReport(result)).toContain('5 warm invocations per runtime (all warm ones on case "second")');
  });

  test('the floor is timed but never held to the cases', async () => {
    const cases = [{ name: 'not an echo', event: '{"a":1}', expected: { b: 2 } }];
    const spec = nodeFixture('echo.js');
    await expect(runBench([as('floor', 'floor', spec)], cases, PLAN)).resolves.toMatchObject({ parity: { runtimes: [] } });
  });

  test('a twin that fails mid-run stops the run with its fault and leaves nothing running', async () => {
    const run = runBench([as('rust', 'rust', nodeFixture('echo.js')), as('python', 'twin', nodeFixture('throws.js'))], ECHO_CASES, PLAN);
    await expect(run).rejects.toThrow(RuntimeFault);
    await expect(run).rejects.toThrow(/^python: handler-error: the handler failed: .*form is undefined/);
  });
});

describe('parityError', () => {
  test('shows five cases per runtime and five differences per case, and says when there are more', () => {
    const differences = Array.from({ length: 6 }, (_, i) => `$[${i}]: expected ${i}, got ${-i - 1}`);
    const mismatches = Array.from({ length: 7 }, (_, i) => ({ runtime: 'python', caseName: `case ${i}`, differences }));
    const message = parityError(mismatches, 19).message;
    expect(message).toMatch(/^Parity failed: .*\npython: 7 of 19 cases differ\n  case "case 0"\n    \$\[0\]: expected 0, got -1\n/);
    expect(message).toContain('    $[4]: expected 4, got -5\n    ... and more differences\n  case "case 1"');
    expect(message).not.toContain('$[5]');
    expect(message).toContain('case "case 4"');
    expect(message).not.toContain('case "case 5"');
    expect(message.endsWith('  ... and 2 more cases')).toBe(true);
  });
});
