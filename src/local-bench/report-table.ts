import Table from 'cli-table3';
import { BenchResult } from './bench-result';

/** The seed article's comparison table, from this machine, with the assumptions under it. */
export function renderReport(result: BenchResult): string {
  const table = new Table({
    head: ['Runtime', 'Cold start p50 / p95', 'First response p50', 'Warm p50 / p95', 'Cold-start gap', 'Max RSS', 'Package', 'Cost per 1M'],
    style: { head: [], border: [] },
  });
  for (const r of result.runtimes) {
    table.push([
      r.name,
      `${ms(r.init.p50)} / ${ms(r.init.p95)}`,
      ms(r.firstResponse.p50),
      `${ms(r.warm.p50)} / ${ms(r.warm.p95)}`,
      `${ms(r.coldStartGapMs)} penalty`,
      r.maxRssMb === undefined ? '-' : `${r.maxRssMb.toFixed(1)} MB`,
      r.packageBytes === undefined ? '-' : bytes(r.packageBytes),
      `$${r.costPerMillion.toFixed(2)}`,
    ]);
  }
  const a = result.assumptions;
  const m = result.machine;
  return [
    `${result.example}: ${result.coldStarts} cold starts and ${result.warmInvocations} warm invocations per runtime${warmCaseNote(result)}, interleaved; parity ${result.parity.caseCount} cases x ${result.parity.runtimes.join(', ')}: all equal`,
    table.toString(),
    ...ratioLines(result),
    '',
    `How it was measured (loopback Lambda Runtime API on this machine, not Lambda: ${m.cores} x ${m.cpu}, load ${m.loadAverage.toFixed(1)} at start, ${m.startedAt}):`,
    '  cold start      spawn of the runtime process to its first GET /next (init, as Lambda reports it)',
    '  first response  spawn to the first response (init plus the first invocation)',
    '  warm            /next returning the event to the response arriving, on a warm instance (Lambda\'s duration)',
    '  gap             first response p50 - warm p50: what the first user of a new instance waits more',
    '  max RSS         VmHWM of the runtime process after the warm invocations',
    '  package         unzipped bytes of what deploys: the bootstrap (arm64 once built), bundled index.js, handler plus requirements',
    `  cost per 1M     LambdaCost, us-east-1 arm64 prices, ${a.memorySize} MB (profile ${a.profile}), billed duration = warm mean,`,
    `                  ${a.coldStartRatePercent}% of invocations cold with init = cold start p50, requests included;`,
    '                  durations from this x86_64 machine stand in for Lambda\'s',
    ...result.runtimes.map((r) => `  ${r.name.padEnd(14)}  ${r.description}`),
  ].join('\n');
}

function warmCaseNote(result: BenchResult): string {
  return result.warmCase === undefined ? '' : ` (all warm ones on case "${result.warmCase}")`;
}

function ratioLines(result: BenchResult): string[] {
  const rust = result.runtimes.find((r) => r.role === 'rust');
  if (!rust) return [];
  const lines = result.runtimes
    .filter((r) => r.role === 'twin')
    .map((twin) => `Rust / ${twin.name}: cold start ${ratio(rust.init.p50, twin.init.p50)}, first response ${ratio(rust.firstResponse.p50, twin.firstResponse.p50)}, warm ${ratio(rust.warm.p50, twin.warm.p50)}, cost ${ratio(rust.costPerMillion, twin.costPerMillion)}`);
  const floor = result.runtimes.find((r) => r.role === 'floor');
  if (floor) lines.push(`Rust / floor: cold start ${(rust.init.p50 / floor.init.p50).toFixed(2)}x the std-only loop`);
  for (const target of result.targets) lines.push(`Target: ${target.description}: ${target.met ? 'met' : 'NOT met'} (${target.measured})`);
  return lines;
}

function ratio(rust: number, twin: number): string {
  return `${(rust / twin).toFixed(3)} (1/${(twin / rust).toFixed(1)})`;
}

function ms(value: number): string {
  return value < 10 ? `${value.toFixed(2)} ms` : value < 100 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

function bytes(value: number): string {
  return value >= 1024 * 1024 ? `${(value / 1024 / 1024).toFixed(1)} MB` : `${Math.round(value / 1024)} KB`;
}
