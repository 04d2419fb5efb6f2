// Lambda returns at most the last 4 KB of the execution log with LogType Tail.
const TAIL_BYTES = 4096;

/** What the platform measured for one invocation, as the report line shows it. */
export interface InvocationReport {
  readonly requestId: string;
  readonly durationMs: number;
  /** Only on a cold start of $LATEST (or of a version without SnapStart). */
  readonly initDurationMs?: number;
  /** Only on a cold start of a SnapStart version: its new environment restored a snapshot instead of running the init. */
  readonly restoreDurationMs?: number;
  /** The part of the restore billed as duration; the whole restore, rounded up, when not given (nothing is restored here). */
  readonly billedRestoreDurationMs?: number;
  /** The version that ran, as platform.start and START say; $LATEST when not given. */
  readonly version?: string;
  /** As Lambda bills it when not given (see billedDurationMs). */
  readonly billedDurationMs?: number;
  readonly memorySizeMB: number;
  readonly maxMemoryUsedMB: number;
  readonly status: 'success' | 'error' | 'timeout';
  /** Set when the platform ended the invocation (a timeout, an exit), not for a handler error. */
  readonly errorType?: string;
}

/**
 * The platform lines of one invocation's execution log, in the function's log format.
 * Without the report when `withReport` is false (a knob to test a driver's handling of it).
 */
export function executionLog(format: 'JSON' | 'Text', report: InvocationReport, withReport: boolean): string {
  const lines = format === 'JSON' ? jsonLines(report) : textLines(report);
  return (withReport ? lines : lines.slice(0, -1)).join('\n') + '\n';
}

/** The X-Amz-Log-Result header: base64 of the log's last 4 KB. */
export function logResult(log: string): string {
  const bytes = Buffer.from(log, 'utf8');
  return bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)).toString('base64');
}

/**
 * Since August 2025 Lambda bills the init phase of every on-demand cold start: billed
 * duration is the invoke and init durations together, rounded up to the millisecond
 * (unless the report states its own).
 */
export function billedDurationMs(report: InvocationReport): number {
  return report.billedDurationMs ?? Math.ceil(report.durationMs + (report.initDurationMs ?? 0));
}

function billedRestoreDurationMs(report: InvocationReport): number {
  return report.billedRestoreDurationMs ?? Math.ceil(report.restoreDurationMs ?? 0);
}

function jsonLines(report: InvocationReport): string[] {
  const time = new Date().toISOString();
  const metrics = {
    durationMs: round(report.durationMs, 3),
    billedDurationMs: billedDurationMs(report),
    memorySizeMB: report.memorySizeMB,
    maxMemoryUsedMB: report.maxMemoryUsedMB,
    ...(report.initDurationMs === undefined ? {} : { initDurationMs: round(report.initDurationMs, 3) }),
    // The names of the Telemetry API's platform.report metrics
    // (https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html).
    ...(report.restoreDurationMs === undefined ? {} : {
      restoreDurationMs: round(report.restoreDurationMs, 3),
      billedRestoreDurationMs: billedRestoreDurationMs(report),
    }),
  };
  return [
    { time, type: 'platform.start', record: { requestId: report.requestId, version: report.version ?? '$LATEST' } },
    {
      time,
      type: 'platform.report',
      record: { requestId: report.requestId, metrics, status: report.status, ...(report.errorType ? { errorType: report.errorType } : {}) },
    },
  ].map((event) => JSON.stringify(event));
}

function textLines(report: InvocationReport): string[] {
  const id = report.requestId;
  const fields = [
    `REPORT RequestId: ${id}`,
    `Duration: ${report.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${billedDurationMs(report)} ms`,
    `Memory Size: ${report.memorySizeMB} MB`,
    `Max Memory Used: ${report.maxMemoryUsedMB} MB`,
    ...(report.initDurationMs === undefined ? [] : [`Init Duration: ${report.initDurationMs.toFixed(2)} ms`]),
    // https://docs.aws.amazon.com/lambda/latest/dg/snapstart-monitoring.html: "When a new execution
    // environment is created, the REPORT includes the Restore Duration and Billed Restore Duration fields".
    ...(report.restoreDurationMs === undefined ? []
      : [`Restore Duration: ${report.restoreDurationMs.toFixed(2)} ms`, `Billed Restore Duration: ${billedRestoreDurationMs(report)} ms`]),
    ...(report.errorType ? [`Status: ${report.status}`, `Error Type: ${report.errorType}`] : []),
  ];
  // The REPORT line ends with a tab, as Lambda writes it.
  return [`START RequestId: ${id} Version: ${report.version ?? '$LATEST'}`, `END RequestId: ${id}`, `${fields.join('\t')}\t`];
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
