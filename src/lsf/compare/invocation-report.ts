/** What Lambda's report of one invocation says, in ms and MB. */
export interface InvocationReport {
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly memorySizeMb: number;
  readonly maxMemoryUsedMb: number;
  /** Only on a cold start that ran an init. */
  readonly initDurationMs?: number;
  /**
   * Only on a cold start of a SnapStart version, instead of the init: restoring the snapshot,
   * loading the runtime and running after-restore hooks. "When a new execution environment is
   * created, the REPORT includes the Restore Duration and Billed Restore Duration fields"
   * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-monitoring.html); in JSON,
   * `restoreDurationMs` (https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html).
   */
  readonly restoreDurationMs?: number;
  /**
   * Only beside `restoreDurationMs`: the part of the restore billed as duration, loading the
   * runtime and running after-restore hooks ("You are not charged for the time it takes to
   * restore a snapshot", the same page); `billedRestoreDurationMs` in JSON.
   */
  readonly billedRestoreDurationMs?: number;
}

const TEXT_REPORT = /REPORT RequestId: \S+\s+Duration: ([\d.]+) ms\s+Billed Duration: (\d+) ms\s+Memory Size: (\d+) MB\s+Max Memory Used: (\d+) MB(?:\s+Init Duration: ([\d.]+) ms)?(?:\s+Restore Duration: ([\d.]+) ms)?(?:\s+Billed Restore Duration: (\d+) ms)?/;

/**
 * The last report in an invocation's log tail (Invoke with LogType Tail: the last 4 KB, base64):
 * a JSON `platform.report` record with the JSON log format, a `REPORT` line with the text one.
 */
export function parseInvocationReport(logResultBase64: string | undefined): InvocationReport | undefined {
  if (!logResultBase64) return undefined;
  const lines = Buffer.from(logResultBase64, 'base64').toString('utf8').split('\n').reverse();
  for (const line of lines) {
    const report = line.trimStart().startsWith('{') ? jsonReport(line) : textReport(line);
    if (report) return report;
  }
  return undefined;
}

function jsonReport(line: string): InvocationReport | undefined {
  let record: any;
  try {
    record = JSON.parse(line);
  } catch {
    // The tail starts mid-line when the log is longer than 4 KB.
    return undefined;
  }
  const metrics = record?.type === 'platform.report' ? record.record?.metrics : undefined;
  if (typeof metrics?.durationMs !== 'number') return undefined;
  return {
    durationMs: metrics.durationMs,
    billedDurationMs: metrics.billedDurationMs,
    memorySizeMb: metrics.memorySizeMB,
    maxMemoryUsedMb: metrics.maxMemoryUsedMB,
    initDurationMs: typeof metrics.initDurationMs === 'number' ? metrics.initDurationMs : undefined,
    ...(typeof metrics.restoreDurationMs === 'number' ? { restoreDurationMs: metrics.restoreDurationMs } : {}),
    ...(typeof metrics.billedRestoreDurationMs === 'number' ? { billedRestoreDurationMs: metrics.billedRestoreDurationMs } : {}),
  };
}

function textReport(line: string): InvocationReport | undefined {
  const match = TEXT_REPORT.exec(line);
  if (!match) return undefined;
  return {
    durationMs: Number(match[1]),
    billedDurationMs: Number(match[2]),
    memorySizeMb: Number(match[3]),
    maxMemoryUsedMb: Number(match[4]),
    initDurationMs: match[5] === undefined ? undefined : Number(match[5]),
    ...(match[6] === undefined ? {} : { restoreDurationMs: Number(match[6]) }),
    ...(match[7] === undefined ? {} : { billedRestoreDurationMs: Number(match[7]) }),
  };
}
