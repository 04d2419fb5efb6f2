import { FleetFunction } from './fleet-function';
import { ResultRow } from './log-insights-query-run';
import { runtimeWeight } from './runtime-weight';
import { RANKING_COLUMNS as C } from '../../private/fleet/cold-start-ranking-query';

/** Why a function has, or has no, score. */
export type FleetStatus =
  /** Measured and scored: a candidate for a rewrite. */
  | 'candidate'
  /** On an OS-only runtime (provided.al2023, provided.al2): already Rust or another compiled language. */
  | 'done'
  /** Logs JSON, but no platform.report in the window. */
  | 'no-invocations'
  /** Logs Text: the platform records the query reads are not there. Not queried. */
  | 'text-logs'
  /** Its log group does not exist (it never ran, or it logs elsewhere). */
  | 'no-log-group';

/** One function of the ranking, as the table and --json show it. */
export interface FleetEntry {
  /** 1 for the best candidate; undefined for a function that is not a candidate. */
  readonly rank?: number;
  readonly name: string;
  readonly runtime: string;
  readonly architecture: string;
  readonly memorySize: number;
  readonly logGroup: string;
  readonly status: FleetStatus;
  /** Figures over the window, per day: undefined when not measured. */
  readonly invocationsPerDay?: number;
  readonly coldStartsPerDay?: number;
  /** Cold starts / invocations, from 0 to 1. */
  readonly coldStartRate?: number;
  readonly initMeanMs?: number;
  readonly initP95Ms?: number;
  readonly initMsPerDay?: number;
  readonly initUsdPerMonth?: number;
  readonly runtimeWeight: number;
  /** The "Rust candidate" score (see fleetRanking); 0 for a function already done. */
  readonly score?: number;
}

/** The time range the query covered, and the one its per-day figures were divided by. */
export interface RankingWindow {
  /** The window's length in days (may be a fraction: `--since 12h` is 0.5). */
  readonly days: number;
  /** The `windowDays` the query text was generated with (a whole number of days). */
  readonly queryDays: number;
}

/**
 * The ranking of a fleet from the rows of the cold-start ranking query (one per log group).
 *
 * The "Rust candidate" score of a function, over the `--since` window:
 *
 *     score = invocations per day x cold-start rate x mean init ms x runtime weight
 *
 * where cold-start rate = cold starts / invocations (platform.report records with and without
 * `initDurationMs`), mean init = the sum of `initDurationMs` / cold starts, and the runtime
 * weight is 1 for Python and Node.js, 0.5 for other managed runtimes and container images, 0
 * for OS-only runtimes (see runtimeWeight). The first three factors multiply out to the init
 * time the function's users wait per day (the query's `initMsPerDay`, the fleet dashboard's
 * ranking), so the score is in weighted milliseconds of cold start per day: a function invoked
 * often, cold often, with a slow init, in Python or Node, comes first.
 *
 * Candidates are sorted by score (then init per day, then name), the functions already done
 * after them, then those without figures.
 */
export function fleetRanking(
  functions: readonly FleetFunction[], rows: readonly ResultRow[], missingLogGroups: readonly string[], window: RankingWindow,
): FleetEntry[] {
  const byLogGroup = new Map(rows.map((row) => [logGroupOf(row['@log'] ?? ''), row]));
  const missing = new Set(missingLogGroups);
  // The query divided its totals by queryDays; per-day figures divide them by the window's length.
  const perDay = window.queryDays / window.days;
  const entries = functions.map((fn): FleetEntry => {
    const { weight, done } = runtimeWeight(fn.runtime);
    const { name, runtime, architecture, memorySize, logGroup } = fn;
    const base = { name, runtime, architecture, memorySize, logGroup, runtimeWeight: weight };
    if (fn.logFormat === 'Text') return { ...base, status: 'text-logs' };
    if (missing.has(fn.logGroup)) return { ...base, status: 'no-log-group' };
    const row = byLogGroup.get(fn.logGroup);
    const invocations = numberOf(row?.[C.invocations]);
    if (!row || invocations === 0) return { ...base, status: 'no-invocations' };
    const coldStarts = numberOf(row[C.coldStarts]);
    const initMsPerDay = numberOf(row[C.initMsPerDay]) * perDay;
    const initTotalMs = initMsPerDay * window.days;
    return {
      ...base,
      status: done ? 'done' : 'candidate',
      invocationsPerDay: invocations / window.days,
      coldStartsPerDay: coldStarts / window.days,
      coldStartRate: coldStarts / invocations,
      initMeanMs: coldStarts > 0 ? initTotalMs / coldStarts : 0,
      initP95Ms: row[C.initP95Ms] === undefined ? undefined : numberOf(row[C.initP95Ms]),
      initMsPerDay,
      initUsdPerMonth: numberOf(row[C.initUsdPerMonth]) * perDay,
      score: (invocations / window.days) * (coldStarts / invocations) * (coldStarts > 0 ? initTotalMs / coldStarts : 0) * weight,
    };
  });
  const order: FleetStatus[] = ['candidate', 'done', 'no-invocations', 'text-logs', 'no-log-group'];
  const sorted = [...entries].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status)
    || (b.score ?? 0) - (a.score ?? 0)
    || (b.initMsPerDay ?? 0) - (a.initMsPerDay ?? 0)
    || a.name.localeCompare(b.name));
  let rank = 0;
  return sorted.map((entry) => (entry.status === 'candidate' ? { rank: ++rank, ...entry } : entry));
}

/** `@log` is `account-id:log-group` in Logs Insights' results; the log group alone when there is no account. */
export function logGroupOf(log: string): string {
  return log.replace(/^\d{12}:/, '');
}

/** A result value as a number: Logs Insights writes every value as a string, and leaves a null one out. */
function numberOf(value: string | undefined): number {
  const n = Number(value);
  return value === undefined || !Number.isFinite(n) ? 0 : n;
}
