import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { FleetFunction } from './fleet-function';
import { FleetEntry, fleetRanking } from './fleet-ranking';
import { Calling, listFleet } from './function-list';
import { ResultRow, runLogsInsightsQuery } from './log-insights-query-run';
import { mapWithConcurrency } from './map-with-concurrency';
import { LambdaCost } from '../../lambda-cost';
import { coldStartRankingQuery } from '../../private/fleet/cold-start-ranking-query';
import { batches } from '../../private/fleet/log-group-batches';
import { AwsClients } from '../compare/aws-clients';
import { BackoffPolicy } from '../compare/backoff';

const DAY_MS = 86_400_000;

/** What lsf fleet ranks and how. */
export interface FleetPlan {
  /** Only this stack's functions; the whole region's when undefined. */
  readonly stack?: string;
  /** The window, back from now, in ms. */
  readonly sinceMs: number;
  readonly backoff: BackoffPolicy;
  /** Queries (and configuration reads) at once. */
  readonly concurrency: number;
  readonly pollMs: number;
  readonly queryTimeoutMs: number;
  readonly log: (line: string) => void;
  readonly onProgress: (done: number, total: number, phase: string) => void;
}

/** The ranking, and how it was obtained. */
export interface FleetResult {
  readonly functions: FleetEntry[];
  readonly region: string;
  /** ISO times of the window. */
  readonly start: string;
  readonly end: string;
  /** Logs Insights queries started (a missing log group makes its batch split, a few more). */
  readonly queries: number;
  /** Retries after throttling, too many queries at once or 5xx, by error name. */
  readonly retries: { readonly [errorName: string]: number };
}

/**
 * Lists the fleet, runs the cold-start ranking query (the fleet dashboard's, from the same
 * generator) over the JSON-logging functions' log groups, and ranks them. One query per
 * architecture (the INIT cost is priced per architecture) and per 50 log groups (StartQuery's
 * limit), `concurrency` at a time. Read-only: nothing is changed in the account.
 */
export async function runFleet(clients: AwsClients, plan: FleetPlan): Promise<FleetResult> {
  const retries: Record<string, number> = {};
  const calling: Calling = {
    backoff: {
      ...plan.backoff,
      // StartQuery refuses more concurrent queries than the account's quota: that ends by itself too.
      alsoRetry: ['LimitExceededException'],
      advice: 'Wait until other Logs Insights queries or API traffic of the account end, lower --concurrency, or retry with more --max-retries.',
    },
    onRetry: (name) => { retries[name] = (retries[name] ?? 0) + 1; },
    concurrency: plan.concurrency,
  };
  plan.onProgress(0, 1, 'listing functions');
  const functions = await listFleet(clients, plan.stack, calling, (listed) => plan.onProgress(0, 1, `listing functions: ${listed}`));
  const endMs = Date.now();
  const startMs = endMs - plan.sinceMs;
  const days = plan.sinceMs / DAY_MS;
  // The query's windowDays must be whole: a window of whole days gives the dashboard's very
  // query; a shorter or fractional one runs it with 1 and the ranking rescales the per-day figures.
  const queryDays = Number.isInteger(days) ? days : 1;
  const jobs = queryJobs(functions).map((job) => ({
    ...job,
    queryString: coldStartRankingQuery({ windowDays: queryDays, usdPerGbSecond: LambdaCost.US_EAST_1.pricePerGbSecond(job.architecture) }),
  }));
  const text = functions.filter((fn) => fn.logFormat === 'Text').length;
  plan.log(`${functions.length} function(s)${plan.stack ? ` in stack ${plan.stack}` : ''} in ${clients.region}; `
    + `Logs Insights over ${jobs.reduce((n, j) => n + j.logGroups.length, 0)} log group(s) in ${jobs.length} batch(es) of at most 50`
    + (text > 0 ? `; ${text} function(s) log Text and are not queried (the platform records are JSON only)` : ''));
  const logs = new CloudWatchLogsClient({ region: clients.region, endpoint: clients.endpoint, maxAttempts: 1 });
  let done = 0;
  let queries = 0;
  plan.onProgress(0, jobs.length, 'querying');
  try {
    const outcomes = await mapWithConcurrency(jobs, plan.concurrency, async (job) => {
      const outcome = await runLogsInsightsQuery(logs, job.logGroups, {
        queryString: job.queryString, startMs, endMs, pollMs: plan.pollMs, timeoutMs: plan.queryTimeoutMs,
      }, calling);
      queries += outcome.queries;
      plan.onProgress(++done, jobs.length, 'querying');
      return outcome;
    });
    const rows: ResultRow[] = outcomes.flatMap((o) => o.rows);
    const missing = outcomes.flatMap((o) => o.missingLogGroups);
    return {
      functions: fleetRanking(functions, rows, missing, { days, queryDays }),
      region: clients.region,
      start: new Date(startMs).toISOString(),
      end: new Date(endMs).toISOString(),
      queries,
      retries,
    };
  } finally {
    logs.destroy();
  }
}

interface QueryJob {
  readonly architecture: lambda.Architecture;
  readonly logGroups: string[];
}

/** The JSON-logging functions' log groups, each once, per architecture, in batches of at most 50. */
function queryJobs(functions: readonly FleetFunction[]): QueryJob[] {
  const jobs: QueryJob[] = [];
  for (const architecture of [lambda.Architecture.ARM_64, lambda.Architecture.X86_64]) {
    const logGroups = [...new Set(functions
      .filter((fn) => fn.logFormat === 'JSON' && fn.architecture === architecture.name)
      .map((fn) => fn.logGroup))];
    jobs.push(...batches(logGroups).map((part) => ({ architecture, logGroups: part })));
  }
  return jobs;
}
