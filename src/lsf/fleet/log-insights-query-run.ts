import { setTimeout as sleep } from 'node:timers/promises';
import { CloudWatchLogsClient, GetQueryResultsCommand, ResultField, StartQueryCommand, StopQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import { Calling } from './function-list';
import { withBackoff } from '../compare/backoff';
import { RunFailure } from '../errors';

/** One row of a query's results: field name to value, as strings (Logs Insights' form). */
export type ResultRow = Readonly<Record<string, string>>;

/** What one query covers and how long to wait for it. */
export interface QueryPlan {
  readonly queryString: string;
  /** Epoch ms. */
  readonly startMs: number;
  readonly endMs: number;
  readonly pollMs: number;
  /** The longest wait for one query to complete, after which it is stopped. */
  readonly timeoutMs: number;
}

/** The rows of the query over those log groups, and the log groups that do not exist. */
export interface QueryOutcome {
  readonly rows: ResultRow[];
  readonly missingLogGroups: string[];
  /** Queries started: 1, or more when a missing log group made the batch split. */
  readonly queries: number;
}

/**
 * Runs one Logs Insights query over `logGroups` (at most 50, StartQuery's limit) and waits for
 * its results: StartQuery, then GetQueryResults every `pollMs` until Complete.
 *
 * StartQuery fails with ResourceNotFoundException when one of the log groups does not exist (a
 * function that never ran has none), without saying which. The batch is then split in halves
 * and each queried on its own, down to the single missing groups: a few more queries for each
 * missing group, instead of listing every log group of the account first.
 */
export async function runLogsInsightsQuery(
  logs: CloudWatchLogsClient, logGroups: readonly string[], plan: QueryPlan, calling: Calling,
): Promise<QueryOutcome> {
  let queryId: string;
  try {
    queryId = (await withBackoff(`Starting a Logs Insights query over ${describe(logGroups)}`, () => logs.send(new StartQueryCommand({
      logGroupNames: [...logGroups],
      queryString: plan.queryString,
      startTime: Math.floor(plan.startMs / 1000),
      endTime: Math.ceil(plan.endMs / 1000),
    })), calling.backoff, calling.onRetry)).queryId!;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
    if (logGroups.length === 1) return { rows: [], missingLogGroups: [...logGroups], queries: 0 };
    const half = Math.ceil(logGroups.length / 2);
    // One half after the other: this batch holds one of the --concurrency slots, not two.
    const first = await runLogsInsightsQuery(logs, logGroups.slice(0, half), plan, calling);
    const parts = [first, await runLogsInsightsQuery(logs, logGroups.slice(half), plan, calling)];
    return {
      rows: parts.flatMap((p) => p.rows),
      missingLogGroups: parts.flatMap((p) => p.missingLogGroups),
      queries: parts[0].queries + parts[1].queries,
    };
  }
  return { rows: await results(logs, queryId, logGroups, plan, calling), missingLogGroups: [], queries: 1 };
}

async function results(
  logs: CloudWatchLogsClient, queryId: string, logGroups: readonly string[], plan: QueryPlan, calling: Calling,
): Promise<ResultRow[]> {
  const deadline = Date.now() + plan.timeoutMs;
  for (;;) {
    const answer = await withBackoff(`Reading the results of query ${queryId}`,
      () => logs.send(new GetQueryResultsCommand({ queryId })), calling.backoff, calling.onRetry);
    if (answer.status === 'Complete') return (answer.results ?? []).map(rowOf);
    if (answer.status !== 'Running' && answer.status !== 'Scheduled') {
      throw new RunFailure(`The Logs Insights query over ${describe(logGroups)} ended ${answer.status} (query ${queryId}). Run lsf fleet again; with a long --since, a shorter one scans less.`);
    }
    if (Date.now() >= deadline) {
      // A query left running keeps scanning (and is billed per GB scanned): stop it.
      await logs.send(new StopQueryCommand({ queryId })).catch(() => undefined);
      throw new RunFailure(`The Logs Insights query over ${describe(logGroups)} did not complete within ${plan.timeoutMs} ms and was stopped (query ${queryId}). `
        + 'Retry with a longer --query-timeout, or a shorter --since.');
    }
    await sleep(plan.pollMs);
  }
}

function rowOf(fields: ResultField[]): ResultRow {
  return Object.fromEntries(fields.filter((f) => f.field !== undefined && f.value !== undefined).map((f) => [f.field!, f.value!]));
}

function describe(logGroups: readonly string[]): string {
  return logGroups.length === 1 ? logGroups[0] : `${logGroups.length} log groups (${logGroups[0]}...)`;
}
