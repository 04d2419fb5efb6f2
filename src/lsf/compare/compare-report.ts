import { COLD_START_VARIABLE } from './cold-start-switch';
import { CompareResult } from './compare-result';
import { ChartInput } from '../report/chart-svg';
import { renderColdStartHiding } from '../report/cold-start-hiding';
import { renderComparisonTable, twinRatioLines } from '../report/comparison-table';

/** The same table as lsf bench, from Lambda's own reports, with how it was measured under it. */
export function renderCompareReport(result: CompareResult): string {
  const fn = result.function;
  const where = result.endpoint === undefined ? `Lambda, ${result.region}` : `${result.endpoint} (endpoint override), region ${result.region}`;
  const checked = result.answersChecked === 'expected' ? 'every answer equal to the expected one' : 'the two answers equal for every event';
  return [
    `${fn.name} vs ${result.twin.name} on ${where}: ${result.coldStarts} forced cold starts and ${result.warmInvocations} warm invocations per function, interleaved; `
      + `${result.events.length} event(s), ${checked}`,
    renderComparisonTable(result.runtimes, { memory: 'Max memory used', package: 'Package (zip)' }),
    ...twinRatioLines(result.runtimes),
    ...renderColdStartHiding(result.coldStartHiding),
    ...countLines('Retried after', result.retries, '(with backoff)'),
    ...countLines('Cold starts during the warm phase, left out of the warm samples:', result.unexpectedColdStarts, ''),
    '',
    `How it was measured (Lambda's reports of each invocation, read from Invoke with LogType Tail; started ${result.startedAt}):`,
    `  cold start      Init Duration of the first invocation after a change of ${COLD_START_VARIABLE} (every environment is new)`,
    ...(result.twin.alias === undefined ? [] : [
      `                  ${result.twin.name}: Restore Duration instead (SnapStart): each change is published as a new version, its alias ${result.twin.alias}`,
      '                  pointed at it and invoked; the versions are deleted and the alias restored at the end',
    ]),
    '  first response  Init Duration + Duration of that invocation: what its caller waited inside Lambda',
    `  warm            Duration of the following invocations; cold starts send event "${result.events[0]}", warm ones cycle through the events`,
    '  gap             first response p50 - warm p50: what the first user of a new environment waits more',
    '  max memory      Max Memory Used over all of the function\'s invocations',
    '  package         CodeSize: the deployment package as uploaded (zip)',
    `  cost per 1M     LambdaCost, us-east-1 prices, ${fn.architecture} ${fn.memorySize} MB (live configuration), billed duration = mean Billed Duration`,
    `                  of the warm invocations, ${result.coldStartRatePercent}% of invocations cold with init = cold start p50, requests included`,
    ...result.runtimes.map((r) => `  ${r.name.padEnd(14)}  ${r.description}`),
  ].join('\n');
}

/** The chart of a live run: the same samples as the table. */
export function compareChart(result: CompareResult): ChartInput {
  return {
    title: `${result.function.name} vs ${result.twin.name}: ${result.coldStarts} forced cold starts, ${result.warmInvocations} warm invocations (Lambda, ${result.region})`,
    coldTitle: result.twin.alias === undefined ? 'Cold start: Init Duration (ms)' : 'Cold start: Init Duration, or Restore Duration with SnapStart (ms)',
    warmTitle: 'Warm invocation: Duration (ms)',
    runtimes: result.runtimes,
    samples: result.samples,
  };
}

function countLines(prefix: string, counts: { readonly [name: string]: number }, suffix: string): string[] {
  const entries = Object.entries(counts);
  return entries.length === 0 ? [] : [`${prefix} ${entries.map(([name, n]) => `${name} x${n}`).join(', ')} ${suffix}`.trimEnd()];
}
