import { LogEvent } from '../../../dev/local-logs/local-logs-api';

/** What a function's platform.report lines in a window say, counted here directly from the lines. */
export interface LineFigures {
  readonly invocations: number;
  readonly coldStarts: number;
  readonly initMs: number[];
}

/**
 * The platform.report records of a log group logged at or after `sinceMs`: each is an
 * invocation, each with `record.metrics.initDurationMs` a cold start. Independent of the query
 * and its evaluator, so that the ranking the CLI prints is checked against the lines themselves.
 */
export function figuresFromLines(events: readonly LogEvent[], logGroup: string, sinceMs: number): LineFigures {
  const reports = events.filter((e) => e.logGroup === logGroup).flatMap((e) => {
    try {
      const message = JSON.parse(e.message);
      return message.type === 'platform.report' && Date.parse(message.time) >= sinceMs ? [message.record.metrics] : [];
    } catch {
      return [];
    }
  });
  const initMs = reports.map((m) => m.initDurationMs).filter((v): v is number => v !== undefined);
  return { invocations: reports.length, coldStarts: initMs.length, initMs };
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
