import * as fs from 'node:fs';
import * as path from 'node:path';
import { LogEvent } from '../../dev/local-logs/logs-insights';

/**
 * A recorded fleet: a Python, a Node and a Rust function logging JSON, and one logging text.
 * Beside each platform.report are the records that must not count: platform.initReport and
 * runtimeDone (durations that are not init), an application line with `type` and a
 * `record.metrics.initDurationMs` of its own, a SnapStart restore (restoreDurationMs, no init),
 * and a text REPORT line.
 */
export const RECORDED_FLEET: LogEvent[] = fs.readFileSync(path.join(__dirname, 'fixtures', 'recorded-fleet.jsonl'), 'utf-8')
  .split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
