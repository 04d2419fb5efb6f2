import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { LogsError } from './logs-error';
import { LogEvent, Row, runLogsInsights } from './logs-insights';
import { BodyTooLarge, readBody, send } from '../../src/lsf/bench/runtime/http-exchange';
import { LoopbackServer, answering } from '../loopback-server';

export type { LogEvent } from './logs-insights';

const TARGET_PREFIX = 'Logs_20140328.';
// The account the loopback region belongs to, as @log shows it ("account:log-group").
const ACCOUNT = '000000000000';
/** StartQuery's limit on log groups per query (the API reference: "up to 50 log groups"). */
const MAX_LOG_GROUPS = 50;

export interface LocalLogsApiOptions {
  /** The recorded events the queries run over; their log groups exist. */
  readonly events: readonly LogEvent[];
  /** More log groups that exist, without events (a function that logged nothing in the range). */
  readonly emptyLogGroups?: readonly string[];
  /** How many GetQueryResults calls of each query answer Running before Complete. @default 1 */
  readonly runningPolls?: number;
  /** Queries running at once before StartQuery answers LimitExceededException. @default 30 */
  readonly maxConcurrentQueries?: number;
}

/** One API call the server answered. */
export interface LogsApiCall {
  readonly operation: 'StartQuery' | 'GetQueryResults' | 'StopQuery' | 'Unknown';
  readonly status: number;
  readonly errorType?: string;
  /** StartQuery: the log groups named. */
  readonly logGroups?: readonly string[];
}

interface Query {
  readonly rows: Row[];
  readonly scanned: number;
  pollsLeft: number;
  status: 'Running' | 'Complete' | 'Cancelled';
}

/**
 * CloudWatch Logs Insights on 127.0.0.1 for the real SDK v3 client pointed at `endpoint`:
 * awsJson1.1 POSTs to `/` with `X-Amz-Target: Logs_20140328.<Operation>`. StartQuery runs the
 * submitted query text with the Logs Insights evaluator over the recorded events of the named
 * log groups within [startTime, endTime], so that a ranking is computed from the lines, not
 * stubbed; GetQueryResults answers Running a set number of times, then the rows, as strings,
 * with `@log` as Logs Insights writes it (`account:log-group`). Signatures are required, not checked.
 */
export class LocalLogsApi {
  public static async start(options: LocalLogsApiOptions): Promise<LocalLogsApi> {
    const api = new LocalLogsApi(options);
    api.server = await LoopbackServer.start(answering((req, res) => api.route(req, res)));
    return api;
  }

  /** Every call answered, in the order of the answers. */
  public readonly calls: LogsApiCall[] = [];
  /** The most queries that were running at the same time. */
  public maxRunning = 0;

  private server!: LoopbackServer;
  private readonly logGroups: ReadonlySet<string>;
  private readonly queries = new Map<string, Query>();
  private throttlesLeft = 0;

  private constructor(private readonly options: LocalLogsApiOptions) {
    this.logGroups = new Set([...options.events.map((e) => e.logGroup), ...options.emptyLogGroups ?? []]);
  }

  /** `http://127.0.0.1:PORT`, for the client's `endpoint`. */
  public get endpoint(): string {
    return this.server.endpoint;
  }

  /** The next `count` calls (any operation) answer ThrottlingException. */
  public throttleNext(count: number): void {
    this.throttlesLeft = count;
  }

  public async close(): Promise<void> {
    await this.server.close();
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req).catch((error: unknown) => {
      if (error instanceof BodyTooLarge) return undefined;
      throw error;
    });
    const target = String(req.headers['x-amz-target'] ?? '');
    const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    const operation = name === 'StartQuery' || name === 'GetQueryResults' || name === 'StopQuery' ? name : 'Unknown';
    let logGroups: string[] | undefined;
    try {
      if (!/^AWS4-HMAC-SHA256 Credential=/.test(req.headers.authorization ?? '')) throw LogsError.unsigned();
      if (req.method !== 'POST' || operation === 'Unknown') throw LogsError.unknownOperation(`${req.method} ${target}`);
      const input = JSON.parse(body ?? '{}') as Record<string, unknown>;
      if (this.throttlesLeft > 0) {
        this.throttlesLeft -= 1;
        throw LogsError.throttled();
      }
      if (operation === 'StartQuery') logGroups = namedLogGroups(input);
      const output = operation === 'StartQuery' ? this.startQuery(input, logGroups ?? [])
        : operation === 'GetQueryResults' ? this.results(String(input.queryId)) : this.stop(String(input.queryId));
      this.answer(res, { operation, status: 200, logGroups }, output);
    } catch (error) {
      if (!(error instanceof LogsError)) throw error;
      this.answer(res, { operation, status: error.status, errorType: error.type, logGroups }, error.body, { 'x-amzn-ErrorType': error.type });
    }
  }

  private startQuery(input: Record<string, unknown>, logGroups: string[]): { queryId: string } {
    if (logGroups.length === 0) throw LogsError.invalid('Specify logGroupName, logGroupNames or logGroupIdentifiers');
    if (logGroups.length > MAX_LOG_GROUPS) {
      throw LogsError.invalid(`1 validation error detected: Value at 'logGroupNames' failed to satisfy constraint: Member must have length less than or equal to ${MAX_LOG_GROUPS}`);
    }
    if (logGroups.some((g) => !this.logGroups.has(g))) throw LogsError.noLogGroup();
    const startMs = Number(input.startTime) * 1000;
    const endMs = Number(input.endTime) * 1000;
    if (!(Number.isFinite(startMs) && Number.isFinite(endMs) && startMs <= endMs)) throw LogsError.invalid('startTime must be before endTime, both in seconds since the epoch');
    const limit = this.options.maxConcurrentQueries ?? 30;
    if (this.running() >= limit) throw LogsError.tooManyQueries(limit);
    const events = this.options.events.filter((e) => logGroups.includes(e.logGroup) && within(e, startMs, endMs));
    let rows: Row[];
    try {
      rows = runLogsInsights(String(input.queryString ?? ''), events);
    } catch (error) {
      throw LogsError.malformed(`The evaluator cannot run this query: ${(error as Error).message}`);
    }
    const queryId = randomUUID();
    this.queries.set(queryId, { rows, scanned: events.length, pollsLeft: this.options.runningPolls ?? 1, status: 'Running' });
    this.maxRunning = Math.max(this.maxRunning, this.running());
    return { queryId };
  }

  private results(queryId: string): object {
    const query = this.query(queryId);
    if (query.status === 'Running' && query.pollsLeft-- <= 0) query.status = 'Complete';
    const complete = query.status === 'Complete';
    return {
      status: query.status,
      results: complete ? query.rows.map(resultRow) : [],
      statistics: { recordsMatched: complete ? query.rows.length : 0, recordsScanned: query.scanned, bytesScanned: 0 },
    };
  }

  private stop(queryId: string): { success: boolean } {
    const query = this.query(queryId);
    const success = query.status === 'Running';
    if (success) query.status = 'Cancelled';
    return { success };
  }

  private query(queryId: string): Query {
    const query = this.queries.get(queryId);
    if (!query) throw LogsError.noQuery(queryId);
    return query;
  }

  private running(): number {
    return [...this.queries.values()].filter((q) => q.status === 'Running').length;
  }

  private answer(res: http.ServerResponse, call: LogsApiCall, body: object, headers: Record<string, string> = {}): void {
    this.calls.push(call);
    send(res, call.status, JSON.stringify(body), { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': randomUUID(), ...headers });
  }
}

/** logGroupName, logGroupNames or logGroupIdentifiers (names or ARNs), as names. */
function namedLogGroups(input: Record<string, unknown>): string[] {
  const names = [input.logGroupName, ...asArray(input.logGroupNames), ...asArray(input.logGroupIdentifiers)].filter((n): n is string => typeof n === 'string');
  return names.map((n) => n.replace(/^arn:aws:logs:[^:]*:\d{12}:log-group:/, '').replace(/:\*$/, ''));
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Whether the event's own time (Logs Insights' @timestamp) is in the query's range. */
function within(event: LogEvent, startMs: number, endMs: number): boolean {
  try {
    const { time, timestamp } = JSON.parse(event.message) as { time?: string; timestamp?: string };
    const at = Date.parse(String(time ?? timestamp));
    return at >= startMs && at <= endMs;
  } catch {
    // A text line has no time of its own here; it could match nothing the ranking counts anyway.
    return true;
  }
}

/** A row as GetQueryResults gives it: every value a string, null fields left out, @log with the account. */
function resultRow(row: Row): Array<{ field: string; value: string }> {
  return Object.entries(row)
    .filter(([, value]) => value !== null)
    .map(([field, value]) => ({ field, value: field === '@log' ? `${ACCOUNT}:${value}` : String(value) }));
}
