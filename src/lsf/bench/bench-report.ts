import { BenchResult } from './bench-result';
import { budgetLines } from './budget-gate';
import { ChartInput } from '../report/chart-svg';
import { renderColdStartHiding } from '../report/cold-start-hiding';
import { renderComparisonTable, twinRatioLines } from '../report/comparison-table';
import { renderSweepTable } from '../report/sweep-table';

/** The seed article's comparison table, from this machine, with the assumptions under it. */
export function renderReport(result: BenchResult): string {
  const a = result.assumptions;
  const m = result.machine;
  return [
    `${result.function}: ${result.coldStarts} cold starts and ${result.warmInvocations} warm invocations per runtime${warmCaseNote(result)}, interleaved; parity ${result.parity.caseCount} cases x ${result.parity.runtimes.join(', ')}: all equal${parityNote(result)}`,
    `${a.memorySize} MB, ${cpuNote(result)}`,
    renderComparisonTable(result.runtimes, { memory: 'Max RSS', package: 'Package' }),
    ...twinRatioLines(result.runtimes),
    ...floorLines(result),
    ...renderColdStartHiding(result.coldStartHiding),
    ...budgetLines(result.budgets ?? [], a.profile),
    ...sweepLines(result),
    '',
    `How it was measured (loopback Lambda Runtime API on this machine, not Lambda: ${m.cores} x ${m.cpu}, load ${m.loadAverage.toFixed(1)} at start, ${m.startedAt}):`,
    '  cold start      the runtime\'s start (its exec) to its first GET /next (init, as Lambda reports it)',
    '  first response  the runtime\'s start to its first response (init plus the first invocation)',
    '  warm            /next returning the event to the response arriving, on a warm instance (Lambda\'s duration)',
    '  gap             first response p50 - warm p50: what the first user of a new instance waits more',
    '  max RSS         VmHWM of the runtime process after the warm invocations',
    `  CPU             ${cpuHow(result)}`,
    '  package         unzipped bytes of what deploys: the bootstrap (arm64 once built), bundled index.js, handler plus requirements',
    '                  (the rust line below says when it is this machine\'s build instead, as with --no-arm64)',
    `  cost per 1M     LambdaCost, us-east-1 ${a.architecture} prices, ${a.memorySize} MB (profile ${a.profile}), billed duration = warm mean,`,
    `                  ${a.coldStartRatePercent}% of invocations cold with init = cold start p50, requests included;`,
    `                  durations from this ${m.platform.endsWith('arm64') ? 'arm64' : 'x86_64'} machine stand in for Lambda's`,
    ...result.runtimes.map((r) => `  ${r.name.padEnd(14)}  ${r.description}`),
    ...result.notMeasured.map((t) => `  ${t.name.padEnd(14)}  not measured: ${t.reason}`),
  ].join('\n');
}

/** The chart of a local run: the same samples as the table. */
export function benchChart(result: BenchResult): ChartInput {
  return {
    title: `${result.function}: ${result.coldStarts} cold starts, ${result.warmInvocations} warm invocations per runtime${result.warmCase === undefined ? '' : ` on "${result.warmCase}"`} (loopback Runtime API, this machine)`,
    coldTitle: 'Cold start: exec to first /next (ms)',
    warmTitle: 'Warm invocation: event to response (ms)',
    runtimes: result.runtimes,
    samples: result.samples,
  };
}

function warmCaseNote(result: BenchResult): string {
  return result.warmCase === undefined ? '' : ` (all warm ones on case "${result.warmCase}")`;
}

/**
 * How the answers were compared, when not all as JSON values by default:
 * ` (HTTP API payload 2.0: compared as the client receives them)`.
 */
function parityNote(result: BenchResult): string {
  const { mode, comparedAs } = result.parity;
  if (mode === 'strict') return ' (--parity strict: compared byte for byte)';
  if (mode === 'json') return ' (--parity json: compared as JSON values)';
  const http = comparedAs.filter((c) => c.as !== 'JSON value');
  if (http.length === 0) return '';
  const sources = http.length === 1 && http[0].caseCount === result.parity.caseCount ? http[0].as : http.map((c) => `${c.caseCount} ${c.as}`).join(', ');
  const others = result.parity.caseCount - http.reduce((sum, c) => sum + c.caseCount, 0);
  return ` (${sources}: compared as the client receives them${others > 0 ? `; ${others} other as JSON values` : ''})`;
}

function floorLines(result: BenchResult): string[] {
  const rust = result.runtimes.find((r) => r.role === 'rust');
  const floor = result.runtimes.find((r) => r.role === 'floor');
  const lines = rust && floor ? [`Rust / floor: cold start ${(rust.init.p50 / floor.init.p50).toFixed(2)}x the std-only loop`] : [];
  for (const target of result.targets) lines.push(`Target: ${target.description}: ${target.met ? 'met' : 'NOT met'} (${target.measured})`);
  return lines;
}

/** The CPU the timed runs had, in one phrase for the title. */
function cpuNote(result: BenchResult): string {
  const c = result.cpuShare;
  if (!c.applied) return 'CPU NOT limited to the memory\'s share (all of this machine\'s)';
  return `CPU limited to ${c.vcpus!.toFixed(3)} vCPU (memory / 1,769 MB, ${c.mechanism}), ${c.throttleInit ? 'init throttled too' : 'init unthrottled'}`;
}

function cpuHow(result: BenchResult): string {
  const c = result.cpuShare;
  return c.applied
    ? `each runtime process in its own cgroup with a CFS quota of memory / 1,769 vCPU, from ${c.throttleInit ? 'its start' : 'its first GET /next (init at full CPU, as Lambda\'s burst)'}`
    : `unthrottled: ${c.detail}`;
}

function sweepLines(result: BenchResult): string[] {
  if (!result.sweep) return [];
  return [
    '',
    `Memory sweep: every runtime at ${result.sweep.points.map((p) => p.memorySize).join(', ')} MB, interleaved; cheapest: lowest cost per 1M; balanced: lowest warm p50 within 10% of the cheapest cost`,
    renderSweepTable(result.sweep),
  ];
}
