import * as lambda from 'aws-cdk-lib/aws-lambda';
import { benchChart, renderReport } from '../../../src/lsf/bench/bench-report';
import { BenchResult } from '../../../src/lsf/bench/bench-result';
import { budgetLines } from '../../../src/lsf/bench/budget-gate';
import { coldStartHiding, renderColdStartHiding } from '../../../src/lsf/report/cold-start-hiding';
import { renderComparisonTable, twinRatioLines } from '../../../src/lsf/report/comparison-table';
import { renderSweepTable } from '../../../src/lsf/report/sweep-table';
import { summaryRow } from '../report/summary-rows';

const RUST = summaryRow('rust', 'rust', { init: [1.2, 1.5], warm: [0.4, 0.6], costPerMillion: 0.21, packageBytes: 900_000, maxMemoryMb: 3 });
const PYTHON = summaryRow('python', 'twin', { init: [123.4, 140], warm: [9, 12], costPerMillion: 0.35, packageBytes: 20_000, maxMemoryMb: 30 });
const FLOOR = summaryRow('floor', 'floor', { init: [0.6, 0.7], warm: [0.1, 0.2], costPerMillion: 0.2 });

const RESULT: BenchResult = {
  function: 'Validate',
  constructPaths: ['App/Validate'],
  notMeasured: [{ name: 'node', reason: 'node 18 is not installed' }],
  machine: { cpu: 'Test CPU @ 3 GHz', cores: 2, platform: 'linux 6.1.0 arm64', loadAverage: 1.04, node: 'v22.0.0', startedAt: '2026-01-02T03:04:05.000Z' },
  coldStarts: 3,
  warmInvocations: 10,
  parity: { caseCount: 4, runtimes: ['rust', 'python'], mode: 'auto', comparedAs: [{ as: 'JSON value', caseCount: 4 }] },
  // What the cost estimate assumes (CostAssumptions), printed under the table.
  assumptions: { profile: 'user-facing-validation', memorySize: 1024, architecture: 'arm64', coldStartRatePercent: 5, requestsPerSecond: 10 },
  cpuShare: { applied: true, mechanism: 'cgroup-v2', throttleInit: false, detail: 'each runtime in its own cgroup', vcpus: 1024 / 1769 },
  runtimes: [RUST, PYTHON, FLOOR],
  coldStartHiding: coldStartHiding([RUST, PYTHON, FLOOR],
    { requestsPerSecond: 10, memorySize: 1024, architecture: lambda.Architecture.ARM_64, coldStartRatePercent: 5 }),
  targets: [
    { description: 'Rust cold start <= 1/10 of python\'s', met: true, measured: '1.20 ms vs 123.4 ms, 1/102.8' },
    { description: 'Rust cold start within 2x of the std-only floor', met: false, measured: '1.20 ms vs 0.60 ms, 2.00x' },
  ],
  budgets: [{ budget: 'cold-start budget (init p99)', limitMs: 150, measuredMs: 1.5, met: true }],
  samples: {},
};

const HOW = [
  '',
  'How it was measured (loopback Lambda Runtime API on this machine, not Lambda: 2 x Test CPU @ 3 GHz, load 1.0 at start, 2026-01-02T03:04:05.000Z):',
  '  cold start      the runtime\'s start (its exec) to its first GET /next (init, as Lambda reports it)',
  '  first response  the runtime\'s start to its first response (init plus the first invocation)',
  '  warm            /next returning the event to the response arriving, on a warm instance (Lambda\'s duration)',
  '  gap             first response p50 - warm p50: what the first user of a new instance waits more',
  '  max RSS         VmHWM of the runtime process after the warm invocations',
];

describe('renderReport', () => {
  test('a whole report: what ran, the CPU share, the table, ratios, targets, budgets, then how it was measured and what it assumes', () => {
    expect(renderReport(RESULT)).toBe([
      'Validate: 3 cold starts and 10 warm invocations per runtime, interleaved; parity 4 cases x rust, python: all equal',
      '1024 MB, CPU limited to 0.579 vCPU (memory / 1,769 MB, cgroup-v2), init unthrottled',
      renderComparisonTable([RUST, PYTHON, FLOOR], { memory: 'Max RSS', package: 'Package' }),
      ...twinRatioLines([RUST, PYTHON, FLOOR]),
      'Rust / floor: cold start 2.00x the std-only loop',
      'Target: Rust cold start <= 1/10 of python\'s: met (1.20 ms vs 123.4 ms, 1/102.8)',
      'Target: Rust cold start within 2x of the std-only floor: NOT met (1.20 ms vs 0.60 ms, 2.00x)',
      ...renderColdStartHiding(RESULT.coldStartHiding),
      ...budgetLines(RESULT.budgets!, 'user-facing-validation'),
      ...HOW,
      '  CPU             each runtime process in its own cgroup with a CFS quota of memory / 1,769 vCPU, from its first GET /next (init at full CPU, as Lambda\'s burst)',
      '  package         unzipped bytes of what deploys: the bootstrap (arm64 once built), bundled index.js, handler plus requirements',
      '                  (the rust line below says when it is this machine\'s build instead, as with --no-arm64)',
      '  cost per 1M     LambdaCost, us-east-1 arm64 prices, 1024 MB (profile user-facing-validation), billed duration = warm mean,',
      '                  5% of invocations cold with init = cold start p50, requests included;',
      '                  durations from this arm64 machine stand in for Lambda\'s',
      '  rust            rust for the tests',
      '  python          python for the tests',
      '  floor           floor for the tests',
      '  node            not measured: node 18 is not installed',
    ].join('\n'));
    expect(budgetLines(RESULT.budgets!, 'user-facing-validation')).toEqual(['Budget: rust cold-start budget (init p99) of profile user-facing-validation: met (1.50 ms, budget 150 ms)']);
  });

  test('without a CPU share, on x86_64, with a warm case: says so in the title line, the CPU line and the machine line', () => {
    const lines = renderReport({
      ...RESULT,
      warmCase: 'valid email',
      machine: { ...RESULT.machine, platform: 'linux 6.1.0 x64' },
      assumptions: { ...RESULT.assumptions, architecture: 'x86_64', coldStartRatePercent: 0.5 },
      cpuShare: { applied: false, mechanism: 'none', throttleInit: false, detail: 'no writable cgroup (run with --cpu-share off to hide this)' },
    }).split('\n');
    expect(lines[0]).toBe('Validate: 3 cold starts and 10 warm invocations per runtime (all warm ones on case "valid email"), interleaved; parity 4 cases x rust, python: all equal');
    expect(lines[1]).toBe('1024 MB, CPU NOT limited to the memory\'s share (all of this machine\'s)');
    expect(lines).toContain('  CPU             unthrottled: no writable cgroup (run with --cpu-share off to hide this)');
    expect(lines).toContain('  cost per 1M     LambdaCost, us-east-1 x86_64 prices, 1024 MB (profile user-facing-validation), billed duration = warm mean,');
    expect(lines).toContain('                  0.5% of invocations cold with init = cold start p50, requests included;');
    expect(lines).toContain('                  durations from this x86_64 machine stand in for Lambda\'s');
  });

  test('init throttled too: from the runtime\'s start', () => {
    const lines = renderReport({ ...RESULT, cpuShare: { ...RESULT.cpuShare, mechanism: 'cgroup-v1', throttleInit: true } }).split('\n');
    expect(lines[1]).toBe('1024 MB, CPU limited to 0.579 vCPU (memory / 1,769 MB, cgroup-v1), init throttled too');
    expect(lines).toContain('  CPU             each runtime process in its own cgroup with a CFS quota of memory / 1,769 vCPU, from its start');
  });

  test('no floor, no targets, no budgets, nothing not measured: none of their lines', () => {
    const report = renderReport({ ...RESULT, runtimes: [RUST, PYTHON], targets: [], budgets: undefined, notMeasured: [] });
    expect(report).not.toMatch(/floor|Target:|Budget:|not measured/);
    expect(report.split('\n').slice(-1)).toEqual(['  python          python for the tests']);
  });

  test('a memory sweep adds its sizes, what the choices mean and the sweep table, before how it was measured', () => {
    const sweep = {
      points: [128, 1024].map((memorySize) => ({ memorySize, vcpus: memorySize / 1769, runtimes: [RUST], samples: {} })),
      choices: [{ runtime: 'rust', cheapest: 128, balanced: 1024 }],
    };
    const report = renderReport({ ...RESULT, sweep });
    const sweepLines = 'Memory sweep: every runtime at 128, 1024 MB, interleaved; cheapest: lowest cost per 1M; balanced: lowest warm p50 within 10% of the cheapest cost';
    expect(report).toBe(renderReport(RESULT).replace(`\n\n${HOW[1]}`, `\n\n${sweepLines}\n${renderSweepTable(sweep)}\n\n${HOW[1]}`));
  });
});

describe('the parity line says how the answers were compared', () => {
  const title = (parity: BenchResult['parity']) => renderReport({ ...RESULT, parity }).split('\n')[0].replace(/^.*; parity /, 'parity ');

  test('JSON values by default: the line as it always was', () => {
    expect(title(RESULT.parity)).toBe('parity 4 cases x rust, python: all equal');
  });

  test('HTTP events: the source, as its client receives the answers; with several sources or other events, how many each', () => {
    expect(title({ ...RESULT.parity, comparedAs: [{ as: 'HTTP API payload 2.0', caseCount: 4 }] }))
      .toBe('parity 4 cases x rust, python: all equal (HTTP API payload 2.0: compared as the client receives them)');
    expect(title({ ...RESULT.parity, comparedAs: [{ as: 'REST API payload 1.0', caseCount: 2 }, { as: 'HTTP API payload 2.0', caseCount: 1 }, { as: 'JSON value', caseCount: 1 }] }))
      .toBe('parity 4 cases x rust, python: all equal (2 REST API payload 1.0, 1 HTTP API payload 2.0: compared as the client receives them; 1 other as JSON values)');
  });

  test('--parity json and strict are named', () => {
    expect(title({ ...RESULT.parity, mode: 'json' })).toBe('parity 4 cases x rust, python: all equal (--parity json: compared as JSON values)');
    expect(title({ ...RESULT.parity, mode: 'strict', comparedAs: [{ as: 'bytes', caseCount: 4 }] })).toBe('parity 4 cases x rust, python: all equal (--parity strict: compared byte for byte)');
  });
});

describe('benchChart', () => {
  test('the chart of the same runtimes and samples, titled with the run', () => {
    const samples = { rust: { initMs: [1], firstResponseMs: [2], warmMs: [0.5] } };
    expect(benchChart({ ...RESULT, samples })).toEqual({
      title: 'Validate: 3 cold starts, 10 warm invocations per runtime (loopback Runtime API, this machine)',
      coldTitle: 'Cold start: exec to first /next (ms)',
      warmTitle: 'Warm invocation: event to response (ms)',
      runtimes: RESULT.runtimes,
      samples,
    });
    expect(benchChart({ ...RESULT, warmCase: 'valid email' }).title)
      .toBe('Validate: 3 cold starts, 10 warm invocations per runtime on "valid email" (loopback Runtime API, this machine)');
  });
});
