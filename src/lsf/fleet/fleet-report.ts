import Table from 'cli-table3';
import { FleetEntry, FleetStatus } from './fleet-ranking';
import { FleetResult } from './fleet-run';
import { formatMs } from '../report/comparison-table';

/** What the Rust candidate column says of a function without a score. */
const VERDICTS: Readonly<Record<Exclude<FleetStatus, 'candidate'>, string>> = {
  'done': 'done (already Rust/OS-only)',
  'no-invocations': 'no invocations in the window',
  'text-logs': 'not measured: logs Text (set loggingFormat JSON)',
  'no-log-group': 'not measured: no log group (never ran?)',
};

/** The ranking table, with the window and how the score is made under it. */
export function renderFleetReport(result: FleetResult, since: string): string {
  const table = new Table({
    head: ['#', 'Function', 'Runtime', 'Invocations/day', 'Cold starts', 'Init mean / p95', 'Init paid/day', 'INIT $/month', 'Rust candidate'],
    style: { head: [], border: [] },
  });
  for (const entry of result.functions) table.push(row(entry));
  const candidates = result.functions.filter((e) => e.status === 'candidate').length;
  return [
    `${result.functions.length} function(s) in ${result.region}, last ${since} (${result.start} to ${result.end}); ${candidates} candidate(s) for a Rust rewrite, best first`,
    table.toString(),
    ...retryLine(result.retries),
    '',
    `How it was measured: the fleet dashboard's Logs Insights query (${result.queries} quer${result.queries === 1 ? 'y' : 'ies'}, at most 50 log groups each) over Lambda's JSON`,
    '  platform.report records: a record with initDurationMs is a cold start. INIT $/month at us-east-1 on-demand prices of each architecture.',
    '  Rust candidate = invocations/day x cold-start rate x mean init ms x runtime weight (Python, Node.js 1; other runtimes 0.5;',
    '  provided.al2023/provided.al2 0, done) = the init time users wait per day, weighted, in ms.',
  ].join('\n');
}

function row(e: FleetEntry): string[] {
  const measured = e.invocationsPerDay !== undefined;
  return [
    e.rank === undefined ? '-' : String(e.rank),
    e.name,
    `${e.runtime} ${e.architecture}, ${e.memorySize} MB`,
    measured ? perDay(e.invocationsPerDay!) : '-',
    measured ? `${perDay(e.coldStartsPerDay!)}/day (${(e.coldStartRate! * 100).toFixed(1)}%)` : '-',
    measured ? `${formatMs(e.initMeanMs!)} / ${e.initP95Ms === undefined ? '-' : formatMs(e.initP95Ms)}` : '-',
    measured ? formatMs(e.initMsPerDay!) : '-',
    measured ? usd(e.initUsdPerMonth!) : '-',
    e.status === 'candidate' ? `${Math.round(e.score!)}${e.runtimeWeight === 1 ? '' : ` (x${e.runtimeWeight})`}` : VERDICTS[e.status],
  ];
}

/** Dollars to the cent, and a small fleet's fractions of a cent with two significant digits rather than $0.00. */
function usd(value: number): string {
  return value >= 0.01 || value === 0 ? `$${value.toFixed(2)}` : `$${value.toPrecision(2)}`;
}

/** A count per day: whole above 10, one decimal below (a function invoked twice a week). */
function perDay(value: number): string {
  return value >= 10 ? String(Math.round(value)) : value.toFixed(1);
}

function retryLine(retries: { readonly [name: string]: number }): string[] {
  const entries = Object.entries(retries);
  return entries.length === 0 ? [] : [`Retried after ${entries.map(([name, n]) => `${name} x${n}`).join(', ')} (with backoff)`];
}
