import { Template } from 'aws-cdk-lib/assertions';
import { FIXTURES, stackWithoutBundling } from './fixtures';
import { LatencySensitiveFunction } from '../src';
import { matchesJsonPattern, metricValue } from './support/json-filter-pattern';

/**
 * One invocation's log lines, as Lambda writes them with `loggingFormat: JSON` (one JSON
 * object per line; system records have `type` and `record`, application records do not).
 */
const COLD_REPORT = '{"time":"2026-11-28T04:21:07.412Z","type":"platform.report","record":{"requestId":"6f0c3c1e-2a8e-4d1b-9a53-0c1f6a2f7d11","metrics":{"durationMs":1.82,"billedDurationMs":17,"memorySizeMB":512,"maxMemoryUsedMB":19,"initDurationMs":14.37},"status":"success"}}';
const WARM_REPORT = '{"time":"2026-11-28T04:21:08.019Z","type":"platform.report","record":{"requestId":"0b7e5d84-51c6-4c9e-8f2a-7d3b9e6a1c42","metrics":{"durationMs":1.11,"billedDurationMs":2,"memorySizeMB":512,"maxMemoryUsedMB":19},"status":"success"}}';
const COLD_TIMEOUT_REPORT = '{"time":"2026-11-28T04:22:10.000Z","type":"platform.report","record":{"requestId":"c3a1e2f4-7b6d-4e8a-9c0b-1d2e3f4a5b6c","metrics":{"durationMs":3000.0,"billedDurationMs":3000,"memorySizeMB":512,"maxMemoryUsedMB":24,"initDurationMs":212.5},"status":"timeout"}}';
const INIT_START = '{"time":"2026-11-28T04:21:07.380Z","type":"platform.initStart","record":{"initializationType":"on-demand","phase":"init","runtimeVersion":"provided:al2023.v105","runtimeVersionArn":"arn:aws:lambda:us-east-1::runtime:0c1d8f5e3a6b","functionName":"validate-signup","functionVersion":"$LATEST"}}';
const START = '{"time":"2026-11-28T04:21:07.395Z","type":"platform.start","record":{"requestId":"6f0c3c1e-2a8e-4d1b-9a53-0c1f6a2f7d11","version":"$LATEST"}}';
const APPLICATION = '{"timestamp":"2026-11-28T04:21:07.401Z","level":"INFO","requestId":"6f0c3c1e-2a8e-4d1b-9a53-0c1f6a2f7d11","message":"signup valid"}';
const REPORT_QUOTED_IN_A_MESSAGE = '{"timestamp":"2026-11-28T04:21:07.402Z","level":"WARN","message":"{\\"type\\":\\"platform.report\\",\\"record\\":{\\"metrics\\":{\\"initDurationMs\\":999}}}"}';
const TEXT_LINE = 'REPORT RequestId: 6f0c3c1e-2a8e-4d1b-9a53-0c1f6a2f7d11 Duration: 1.82 ms Billed Duration: 17 ms Memory Size: 512 MB Max Memory Used: 19 MB Init Duration: 14.37 ms';

const ALL_LINES = [INIT_START, START, APPLICATION, REPORT_QUOTED_IN_A_MESSAGE, COLD_REPORT, WARM_REPORT, COLD_TIMEOUT_REPORT, TEXT_LINE];

interface DeployedFilter {
  readonly pattern: string;
  readonly value: string;
}

/** The metric filters exactly as LatencySensitiveFunction deploys them, by metric name. */
function deployedFilters(): { [metricName: string]: DeployedFilter } {
  const stack = stackWithoutBundling();
  new LatencySensitiveFunction(stack, 'Validate', { manifestPath: FIXTURES.hello, dashboard: { enabled: false } });
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

  test('deploys the three filters this test reads', () => {
    expect(Object.keys(filters).sort()).toEqual(['ColdStarts', 'InitDuration', 'MaxMemoryUsed']);
  });

  test('InitDuration publishes each cold start\'s init duration, and nothing for warm reports or other lines', () => {
    expect(published(filters.InitDuration, ALL_LINES)).toEqual([14.37, 212.5]);
    expect(published(filters.InitDuration, [WARM_REPORT])).toEqual([]);
  });

  test('ColdStarts counts one per cold report, never a warm one', () => {
    expect(published(filters.ColdStarts, ALL_LINES)).toEqual([1, 1]);
    expect(published(filters.ColdStarts, [WARM_REPORT, WARM_REPORT, WARM_REPORT])).toEqual([]);
  });

  test('MaxMemoryUsed publishes every report, cold or warm', () => {
    expect(published(filters.MaxMemoryUsed, ALL_LINES)).toEqual([19, 19, 24]);
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
