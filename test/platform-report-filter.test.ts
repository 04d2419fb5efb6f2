import { Template } from 'aws-cdk-lib/assertions';
import { FIXTURES, stackWithoutBundling } from './fixtures';
import { LatencySensitiveFunction, Twin } from '../src';
import { matchesJsonPattern, metricValue } from './support/json-filter-pattern';

/*
 * Log lines as they reach a function's log group with `loggingFormat: JSON`: one JSON object per
 * line. Lambda's own records are `{ time, type, record }`; every record type that carries
 * `record.metrics` is here, shaped as the Telemetry API schema reference documents it
 * (https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html):
 * platform.initReport (InitReportMetrics), platform.runtimeDone (RuntimeDoneMetrics),
 * platform.restoreReport (RestoreReportMetrics) and platform.report (ReportMetrics, with
 * initDurationMs only on a cold start and restoreDurationMs on a SnapStart restore). Their
 * figures differ from every platform.report figure, so that a filter that reads them shows it.
 *
 * Application lines that are JSON objects reach the log group as written ("Lambda doesn't
 * double-encode any logs that are already JSON encoded",
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-logformat.html), so a
 * structured logger can put any key at the top level, `record` and `type` included.
 */

// One cold invocation of an on-demand environment.
const INIT_START = '{"time":"2026-11-28T04:21:07.380Z","type":"platform.initStart","record":{"initializationType":"on-demand","phase":"init","runtimeVersion":"provided:al2023.v105","runtimeVersionArn":"arn:aws:lambda:us-east-1::runtime:0c1d8f5e3a6b","functionName":"validate-signup","functionVersion":"$LATEST","instanceId":"82561ce0-53dd-47d1-90e0-c8f5e063e62e","instanceMaxMemory":512}}';
const INIT_RUNTIME_DONE = '{"time":"2026-11-28T04:21:07.394Z","type":"platform.initRuntimeDone","record":{"initializationType":"on-demand","phase":"init","status":"success","spans":[{"name":"someTimeSpan","start":"2026-11-28T04:21:07.381Z","durationMs":12.9}]}}';
const INIT_REPORT = '{"time":"2026-11-28T04:21:07.394Z","type":"platform.initReport","record":{"initializationType":"on-demand","phase":"init","status":"success","metrics":{"durationMs":14.41},"spans":[{"name":"someTimeSpan","start":"2026-11-28T04:21:07.381Z","durationMs":13.05}]}}';
const START = '{"time":"2026-11-28T04:21:07.395Z","type":"platform.start","record":{"requestId":"6f0c3c1e-2a8e-4d1b-9a53-0c1f6a2f7d11","version":"$LATEST","tracing":{"spanId":"54565fb41ac79632","type":"X-Amzn-Trace-Id","value":"Root=1-62e900b2-710d76f009d6e7785905449a;Parent=0efbd19962d95b05;Sampled=1"}}}';
const APPLICATION = '{"timestamp":"2026-11-28T04:21:07.401Z","level":"INFO","requestId":"6f0c3c1e-2a8e-4d1b-9a53-0c1f6a2f7d11","message":"signup valid"}';
const REPORT_QUOTED_IN_A_MESSAGE = '{"timestamp":"2026-11-28T04:21:07.402Z","level":"WARN","message":"{\\"type\\":\\"platform.report\\",\\"record\\":{\\"metrics\\":{\\"initDurationMs\\":999}}}"}';
const RUNTIME_DONE = '{"time":"2026-11-28T04:21:07.404Z","type":"platform.runtimeDone","record":{"requestId":"6f0c3c1e-2a8e-4d1b-9a53-0c1f6a2f7d11","status":"success","tracing":{"spanId":"54565fb41ac79632","type":"X-Amzn-Trace-Id","value":"Root=1-62e900b2-710d76f009d6e7785905449a;Parent=0efbd19962d95b05;Sampled=1"},"spans":[{"name":"responseLatency","start":"2026-11-28T04:21:07.403Z","durationMs":1.61},{"name":"responseDuration","start":"2026-11-28T04:21:07.404Z","durationMs":0.05},{"name":"runtimeOverhead","start":"2026-11-28T04:21:07.404Z","durationMs":0.12}],"metrics":{"durationMs":1.74,"producedBytes":31}}}';
const COLD_REPORT = '{"time":"2026-11-28T04:21:07.412Z","type":"platform.report","record":{"requestId":"6f0c3c1e-2a8e-4d1b-9a53-0c1f6a2f7d11","metrics":{"durationMs":1.82,"billedDurationMs":17,"memorySizeMB":512,"maxMemoryUsedMB":19,"initDurationMs":14.37},"status":"success"}}';
// A warm one in the same environment.
const WARM_RUNTIME_DONE = '{"time":"2026-11-28T04:21:08.018Z","type":"platform.runtimeDone","record":{"requestId":"0b7e5d84-51c6-4c9e-8f2a-7d3b9e6a1c42","status":"success","metrics":{"durationMs":1.02,"producedBytes":31}}}';
const WARM_REPORT = '{"time":"2026-11-28T04:21:08.019Z","type":"platform.report","record":{"requestId":"0b7e5d84-51c6-4c9e-8f2a-7d3b9e6a1c42","metrics":{"durationMs":1.11,"billedDurationMs":2,"memorySizeMB":512,"maxMemoryUsedMB":19},"status":"success"}}';
// A cold start whose invocation timed out.
const COLD_TIMEOUT_REPORT = '{"time":"2026-11-28T04:22:10.000Z","type":"platform.report","record":{"requestId":"c3a1e2f4-7b6d-4e8a-9c0b-1d2e3f4a5b6c","metrics":{"durationMs":3000.0,"billedDurationMs":3000,"memorySizeMB":512,"maxMemoryUsedMB":24,"initDurationMs":212.5},"status":"timeout"}}';
// A failed init that Lambda ran again in the invoke phase (a suppressed init: InitPhase `invoke`).
const SUPPRESSED_INIT_REPORT = '{"time":"2026-11-28T04:23:01.100Z","type":"platform.initReport","record":{"initializationType":"on-demand","phase":"invoke","status":"error","errorType":"Runtime.ExitError","metrics":{"durationMs":9998.2}}}';
// A provisioned environment: its init is reported before any request, its invocations are warm.
const PROVISIONED_INIT_REPORT = '{"time":"2026-11-28T04:00:00.500Z","type":"platform.initReport","record":{"initializationType":"provisioned-concurrency","phase":"init","status":"success","metrics":{"durationMs":131.7}}}';
const PROVISIONED_REPORT = '{"time":"2026-11-28T04:24:00.000Z","type":"platform.report","record":{"requestId":"5a4c1f0e-6d2b-4b8e-9f31-2c7d8e9a0b1c","metrics":{"durationMs":2.03,"billedDurationMs":3,"memorySizeMB":512,"maxMemoryUsedMB":22},"status":"success"}}';
// A SnapStart restore: restoreStart, restoreRuntimeDone, restoreReport, and a report with
// restoreDurationMs and no initDurationMs (the init ran when the version was published).
const RESTORE_START = '{"time":"2026-11-28T04:25:00.000Z","type":"platform.restoreStart","record":{"runtimeVersion":"python:3.13.v31","runtimeVersionArn":"arn:aws:lambda:us-east-1::runtime:7a1b2c3d4e5f","functionName":"validate-signup-twin","functionVersion":"3","instanceId":"1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9","instanceMaxMemory":512}}';
const RESTORE_RUNTIME_DONE = '{"time":"2026-11-28T04:25:00.160Z","type":"platform.restoreRuntimeDone","record":{"status":"success","spans":[{"name":"someTimeSpan","start":"2026-11-28T04:25:00.001Z","durationMs":158.4}]}}';
const RESTORE_REPORT = '{"time":"2026-11-28T04:25:00.161Z","type":"platform.restoreReport","record":{"status":"success","metrics":{"durationMs":161.09},"spans":[{"name":"someTimeSpan","start":"2026-11-28T04:25:00.001Z","durationMs":159.9}]}}';
const RESTORE_INVOCATION_REPORT = '{"time":"2026-11-28T04:25:00.170Z","type":"platform.report","record":{"requestId":"9e8d7c6b-5a49-4382-a716-0f1e2d3c4b5a","metrics":{"durationMs":3.3,"billedDurationMs":4,"memorySizeMB":512,"maxMemoryUsedMB":41,"restoreDurationMs":161.09},"status":"success"}}';
// A restore whose report also carries the billed part of the restore (loading the runtime and
// after-restore hooks; "You are not charged for the time it takes to restore a snapshot",
// https://docs.aws.amazon.com/lambda/latest/dg/snapstart-monitoring.html), included in
// billedDurationMs: ceil(147.2) + 58 = 206. Shaped as the JSON reports that
// aws-lambda-power-tuning reads (`billedRestoreDurationMs`, its test/unit/test-utils.js).
const BILLED_RESTORE_REPORT = '{"time":"2026-11-28T04:28:00.000Z","type":"platform.report","record":{"requestId":"4d5e6f70-8192-43a4-b5c6-d7e8f90a1b2c","status":"success","metrics":{"durationMs":147.2,"billedDurationMs":206,"memorySizeMB":512,"maxMemoryUsedMB":93,"restoreDurationMs":497.3,"billedRestoreDurationMs":58}}}';
// A structured logger's line quoting a restore's metrics under `record`, with a `type` of its own.
const APPLICATION_RESTORE_RECORD = '{"timestamp":"2026-11-28T04:28:00.100Z","level":"INFO","message":"restored","type":"snapstart","record":{"metrics":{"restoreDurationMs":805.5,"maxMemoryUsedMB":805}}}';
// Lambda Managed Instances: a platform.report whose metrics are durationMs only.
const MANAGED_INSTANCE_REPORT = '{"time":"2026-11-28T04:26:00.000Z","type":"platform.report","record":{"requestId":"2b3c4d5e-6f70-4182-9394-a5b6c7d8e9f0","metrics":{"durationMs":4.4},"spans":[{"name":"responseLatency","start":"2026-11-28T04:25:59.996Z","durationMs":3.9},{"name":"responseDuration","start":"2026-11-28T04:26:00.000Z","durationMs":0.2}],"status":"success"}}';
// Application lines a structured logger wrote, with a `record` key: a report the function
// received (from a Telemetry API extension, say) and logged, without and with a `type` of its own.
const APPLICATION_RECORD = '{"timestamp":"2026-11-28T04:27:00.000Z","level":"INFO","requestId":"3c4d5e6f-7081-4293-a4b5-c6d7e8f90a1b","message":"telemetry received","record":{"requestId":"0b7e5d84-51c6-4c9e-8f2a-7d3b9e6a1c42","metrics":{"durationMs":801.1,"billedDurationMs":802,"memorySizeMB":512,"maxMemoryUsedMB":801,"initDurationMs":801.9},"status":"success"}}';
const APPLICATION_TYPED_RECORD = '{"timestamp":"2026-11-28T04:27:00.100Z","level":"INFO","requestId":"3c4d5e6f-7081-4293-a4b5-c6d7e8f90a1b","message":"cold start summary","type":"cold-start","record":{"metrics":{"durationMs":802.2,"initDurationMs":802.5,"maxMemoryUsedMB":802}}}';
// Function and extension log events as the Telemetry API delivers them with JSON logs (`type`
// function or extension, the application's JSON object as `record`), written to the log group
// by an extension that echoes its stream; here the application's object has a `metrics` member.
const FUNCTION_EVENT = '{"time":"2026-11-28T04:27:00.200Z","type":"function","record":{"timestamp":"2026-11-28T04:27:00.200Z","level":"INFO","requestId":"3c4d5e6f-7081-4293-a4b5-c6d7e8f90a1b","message":"Hello world, I am a function!","metrics":{"durationMs":803.3,"initDurationMs":803.7,"maxMemoryUsedMB":803}}}';
const EXTENSION_EVENT = '{"time":"2026-11-28T04:27:00.300Z","type":"extension","record":{"timestamp":"2026-11-28T04:27:00.300Z","level":"INFO","requestId":"3c4d5e6f-7081-4293-a4b5-c6d7e8f90a1b","message":"Hello world, I am an extension!","metrics":{"durationMs":804.4,"initDurationMs":804.1,"maxMemoryUsedMB":804}}}';
const TEXT_LINE = 'REPORT RequestId: 6f0c3c1e-2a8e-4d1b-9a53-0c1f6a2f7d11 Duration: 1.82 ms Billed Duration: 17 ms Memory Size: 512 MB Max Memory Used: 19 MB Init Duration: 14.37 ms';

/** Every line above, in log order. */
const ALL_LINES = [
  PROVISIONED_INIT_REPORT, INIT_START, INIT_RUNTIME_DONE, INIT_REPORT, START, APPLICATION, REPORT_QUOTED_IN_A_MESSAGE, RUNTIME_DONE, COLD_REPORT,
  WARM_RUNTIME_DONE, WARM_REPORT, COLD_TIMEOUT_REPORT, SUPPRESSED_INIT_REPORT, PROVISIONED_REPORT,
  RESTORE_START, RESTORE_RUNTIME_DONE, RESTORE_REPORT, RESTORE_INVOCATION_REPORT, MANAGED_INSTANCE_REPORT,
  APPLICATION_RECORD, APPLICATION_TYPED_RECORD, FUNCTION_EVENT, EXTENSION_EVENT, TEXT_LINE, BILLED_RESTORE_REPORT, APPLICATION_RESTORE_RECORD,
];

/** The lines that are not Lambda's platform.report records: no filter may publish anything for them. */
const NOT_REPORTS: Array<[string, string]> = Object.entries({
  INIT_START,
  INIT_RUNTIME_DONE,
  INIT_REPORT,
  START,
  APPLICATION,
  REPORT_QUOTED_IN_A_MESSAGE,
  RUNTIME_DONE,
  WARM_RUNTIME_DONE,
  SUPPRESSED_INIT_REPORT,
  PROVISIONED_INIT_REPORT,
  RESTORE_START,
  RESTORE_RUNTIME_DONE,
  RESTORE_REPORT,
  APPLICATION_RECORD,
  APPLICATION_TYPED_RECORD,
  FUNCTION_EVENT,
  EXTENSION_EVENT,
  TEXT_LINE,
  APPLICATION_RESTORE_RECORD,
});

interface DeployedFilter {
  readonly pattern: string;
  readonly value: string;
}

/**
 * The metric filters exactly as LatencySensitiveFunction deploys them, by metric name: its own,
 * and the restore filters of its SnapStart twin (a Rust function cannot restore, so has none).
 */
function deployedFilters(): { [metricName: string]: DeployedFilter } {
  const stack = stackWithoutBundling();
  new LatencySensitiveFunction(stack, 'Validate', {
    manifestPath: FIXTURES.hello,
    dashboard: { enabled: false },
    twins: [Twin.python({ entry: FIXTURES.pythonTwin, index: 'handler.py', snapStart: true })],
  });
  const filters: { [metricName: string]: DeployedFilter } = {};
  for (const resource of Object.values(Template.fromStack(stack).findResources('AWS::Logs::MetricFilter'))) {
    const [transformation] = resource.Properties.MetricTransformations;
    filters[transformation.MetricName] = { pattern: resource.Properties.FilterPattern, value: transformation.MetricValue };
  }
  return filters;
}

/** What one metric filter publishes for these log lines: one datum per matching line with a value. */
function published(filter: DeployedFilter, lines: string[]): number[] {
  return lines.filter((line) => matchesJsonPattern(filter.pattern, line))
    .map((line) => metricValue(filter.value, line))
    .filter((value): value is number => value !== undefined);
}

describe('platform.report records through the deployed metric filters', () => {
  const filters = deployedFilters();

  test('deploys the six filters this test reads', () => {
    expect(Object.keys(filters).sort()).toEqual(['BilledRestoreDuration', 'ColdStarts', 'InitDuration', 'MaxMemoryUsed', 'RestoreDuration', 'Restores']);
  });

  test('InitDuration publishes each cold start\'s init duration from its platform.report, and nothing else', () => {
    expect(published(filters.InitDuration, ALL_LINES)).toEqual([14.37, 212.5]);
    expect(published(filters.InitDuration, [WARM_REPORT, PROVISIONED_REPORT, MANAGED_INSTANCE_REPORT])).toEqual([]);
  });

  test('ColdStarts counts one per cold platform.report, never a warm, provisioned or restored one', () => {
    expect(published(filters.ColdStarts, ALL_LINES)).toEqual([1, 1]);
    expect(published(filters.ColdStarts, [WARM_REPORT, WARM_REPORT, PROVISIONED_REPORT, MANAGED_INSTANCE_REPORT])).toEqual([]);
  });

  test('a SnapStart restore is no init: its report has restoreDurationMs, no initDurationMs, and InitDuration and ColdStarts skip it', () => {
    expect(published(filters.InitDuration, [RESTORE_INVOCATION_REPORT, BILLED_RESTORE_REPORT])).toEqual([]);
    expect(published(filters.ColdStarts, [RESTORE_INVOCATION_REPORT, BILLED_RESTORE_REPORT])).toEqual([]);
    expect(published(filters.MaxMemoryUsed, [RESTORE_INVOCATION_REPORT])).toEqual([41]);
  });

  test('RestoreDuration publishes each restore\'s restoreDurationMs from its platform.report, and nothing else', () => {
    expect(published(filters.RestoreDuration, ALL_LINES)).toEqual([161.09, 497.3]);
    // Not platform.restoreReport's own durationMs (161.09 there too, but from the wrong record), nor the billed part.
    const notRestores = [RESTORE_REPORT, COLD_REPORT, WARM_REPORT, PROVISIONED_REPORT, MANAGED_INSTANCE_REPORT];
    expect(published(filters.RestoreDuration, notRestores)).toEqual([]);
  });

  test('BilledRestoreDuration publishes the billed part of a restore where the report has it, and nothing else', () => {
    expect(published(filters.BilledRestoreDuration, ALL_LINES)).toEqual([58]);
    const notBilledRestores = [RESTORE_INVOCATION_REPORT, RESTORE_REPORT, COLD_REPORT, WARM_REPORT, PROVISIONED_REPORT, MANAGED_INSTANCE_REPORT];
    expect(published(filters.BilledRestoreDuration, notBilledRestores)).toEqual([]);
  });

  test('Restores counts one per restored platform.report: the cold starts of a SnapStart function', () => {
    expect(published(filters.Restores, ALL_LINES)).toEqual([1, 1]);
    const notRestored = [COLD_REPORT, WARM_REPORT, PROVISIONED_REPORT, MANAGED_INSTANCE_REPORT, RESTORE_START, RESTORE_REPORT];
    expect(published(filters.Restores, notRestored)).toEqual([]);
  });

  test('inits and restores together: every cold invocation counted once, by exactly one of ColdStarts and Restores', () => {
    const cold = [COLD_REPORT, COLD_TIMEOUT_REPORT, RESTORE_INVOCATION_REPORT, BILLED_RESTORE_REPORT];
    for (const line of cold) {
      expect(published(filters.ColdStarts, [line]).length + published(filters.Restores, [line]).length).toBe(1);
    }
  });

  test('MaxMemoryUsed publishes every platform.report that has the figure, cold, warm, provisioned or restored', () => {
    expect(published(filters.MaxMemoryUsed, ALL_LINES)).toEqual([19, 19, 24, 22, 41, 93]);
    // Managed Instances report durationMs only: nothing to publish.
    expect(published(filters.MaxMemoryUsed, [MANAGED_INSTANCE_REPORT])).toEqual([]);
  });

  test.each(NOT_REPORTS)('%s: no filter publishes anything for it', (_name, line) => {
    for (const [metricName, filter] of Object.entries(filters)) {
      expect({ metricName, published: published(filter, [line]) }).toEqual({ metricName, published: [] });
    }
  });
});

describe('the JSON filter-pattern rules the test implements', () => {
  const event = '{"eventType":"UpdateTrail","latency":250,"user":{"id":1,"tags":["a","b"]},"error":false,"empty":null}';

  test.each([
    ['{ $.eventType = "UpdateTrail" }', true],
    ['{ $.eventType = Update* }', true],
    ['{ $.eventType != "UpdateTrail" }', false],
    ['{ $.eventType = * }', true],
    ['{ $.missing = * }', false],
    ['{ $.empty = * }', false],
    ['{ $.latency > 200 && $.latency <= 250 }', true],
    ['{ $.latency = "250" }', false],
    ['{ $.user.id = 2 || $.user.tags[1] = "b" }', true],
    ['{ ($.user.id = 2 || $.error IS FALSE) && $.empty IS NULL }', true],
    ['{ $.user.id = 1 && $.missing NOT EXISTS }', true],
    ['{ $.user.id = 2 || $.latency > 100 && $.error IS TRUE }', false],
  ])('%s -> %s', (pattern, expected) => {
    expect(matchesJsonPattern(pattern, event)).toBe(expected);
  });

  test('a message that is not a JSON object never matches', () => {
    expect(matchesJsonPattern('{ $.eventType = * }', 'eventType UpdateTrail')).toBe(false);
    expect(matchesJsonPattern('{ $.eventType = * }', '["UpdateTrail"]')).toBe(false);
  });
});
