import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FIXTURES, stackWithoutBundling } from './fixtures';
import { LatencyProfile, LatencySensitiveFunction, LatencySensitiveFunctionProps, Twin } from '../src';

/**
 * Resources whose replacement loses history (log events, metric data, alarm state and
 * history, the function's versions), with the properties whose change replaces them or
 * starts a new metric. Everything else (roles, dashboards) holds none.
 */
const HISTORY: Record<string, (properties: any) => unknown> = {
  'AWS::Logs::LogGroup': (p) => ({ LogGroupName: p.LogGroupName }),
  'AWS::Logs::MetricFilter': (p) => ({
    FilterName: p.FilterName,
    LogGroupName: p.LogGroupName,
    metrics: (p.MetricTransformations as any[]).map((t) => ({ MetricName: t.MetricName, MetricNamespace: t.MetricNamespace })),
  }),
  'AWS::CloudWatch::Alarm': (p) => ({ AlarmName: p.AlarmName }),
  'AWS::Lambda::Function': (p) => ({ FunctionName: p.FunctionName }),
};

const BASE: Omit<LatencySensitiveFunctionProps, 'twin'> = { manifestPath: FIXTURES.hello };

/** The history holders of a stack with one function, by logical ID. */
function historyHolders(props: LatencySensitiveFunctionProps): Record<string, { type: string; identity: unknown }> {
  const stack = stackWithoutBundling();
  new LatencySensitiveFunction(stack, 'Validate', props);
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string; Properties: unknown }>;
  return Object.fromEntries(Object.entries(resources)
    .filter(([, r]) => r.Type in HISTORY)
    .map(([id, r]) => [id, { type: r.Type, identity: HISTORY[r.Type](r.Properties) }]));
}

const pythonTwin = () => Twin.python({ entry: FIXTURES.pythonTwin, index: 'handler.py' });

describe('updates that keep every log group, metric filter, alarm and the function (same logical ID, same name, same metric)', () => {
  test.each<[string, LatencySensitiveFunctionProps, LatencySensitiveFunctionProps]>([
    ['changing the profile', { ...BASE, profile: LatencyProfile.USER_FACING_VALIDATION }, { ...BASE, profile: LatencyProfile.REAL_TIME_API }],
    ['changing to a custom profile', { ...BASE }, { ...BASE, profile: LatencyProfile.custom({ memorySize: 1024, coldStartBudget: Duration.millis(50) }) }],
    ['renaming the dashboard', { ...BASE, dashboard: { dashboardName: 'validate-a' } }, { ...BASE, dashboard: { dashboardName: 'validate-b' } }],
    ['naming the dashboard', { ...BASE }, { ...BASE, dashboard: { dashboardName: 'validate' } }],
    ['switching the dashboard off', { ...BASE }, { ...BASE, dashboard: { enabled: false } }],
    ['tuning the alarms', { ...BASE }, {
      ...BASE,
      alarms: {
        coldStartInit: { threshold: Duration.millis(80), percentile: 95 },
        coldStartRate: { thresholdPercent: 10, period: Duration.minutes(15) },
        warmLatency: { evaluationPeriods: 5, datapointsToAlarm: 3 },
        errors: { threshold: 2 },
      },
    }],
    ['changing the twin\'s kind', { ...BASE, twins: [pythonTwin()] }, { ...BASE, twins: [Twin.node({ entry: FIXTURES.nodeTwinEntry })] }],
  ])('%s', (_, before, after) => {
    expect(historyHolders(after)).toEqual(historyHolders(before));
  });
});

test('adding or removing the twin adds or removes only the twin\'s own log group, metric filters and function', () => {
  const without = historyHolders({ ...BASE });
  const withTwin = historyHolders({ ...BASE, twins: [pythonTwin()] });
  const twinOnly = Object.keys(withTwin).filter((id) => !(id in without));
  expect(twinOnly.length).toBeGreaterThan(0);
  expect(twinOnly.filter((id) => !id.startsWith('ValidateTwin'))).toEqual([]);
  expect(Object.fromEntries(Object.entries(withTwin).filter(([id]) => !twinOnly.includes(id)))).toEqual(without);
});

test('switching one alarm off removes that alarm only', () => {
  const all = historyHolders({ ...BASE });
  const fewer = historyHolders({ ...BASE, alarms: { coldStartRate: { enabled: false } } });
  const removed = Object.keys(all).filter((id) => !(id in fewer));
  expect(removed).toHaveLength(1);
  expect(all[removed[0]].type).toBe('AWS::CloudWatch::Alarm');
  expect(Object.fromEntries(Object.entries(all).filter(([id]) => id !== removed[0]))).toEqual(fewer);
});
