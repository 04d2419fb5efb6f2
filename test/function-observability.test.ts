import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { FIXTURES, stackWithoutBundling } from './fixtures';
import { LatencyProfile, LatencySensitiveFunction, LatencySensitiveFunctionProps } from '../src';

function synth(props: Partial<LatencySensitiveFunctionProps> = {}): { stack: Stack; fn: LatencySensitiveFunction; template: Template } {
  const stack = stackWithoutBundling();
  const fn = new LatencySensitiveFunction(stack, 'Validate', { manifestPath: FIXTURES.hello, ...props });
  return { stack, fn, template: Template.fromStack(stack) };
}

const OWNER = "LatencySensitiveFunction 'Test/Validate'";

describe('LatencySensitiveFunction observability', () => {
  test('reads cold starts from its own log group', () => {
    const { stack, fn, template } = synth();
    const logGroupId = Object.keys(template.findResources('AWS::Logs::LogGroup'))[0];
    // No restore filters: a Rust function on provided.al2023 has no SnapStart.
    template.resourceCountIs('AWS::Logs::MetricFilter', 3);
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: logGroupId },
      FilterPattern: '{ $.type = "platform.report" && $.record.metrics.initDurationMs = * }',
      MetricTransformations: [{ MetricName: 'InitDuration', MetricValue: '$.record.metrics.initDurationMs', Unit: 'Milliseconds', MetricNamespace: stack.resolve(fn.coldStartMetrics.metricNamespace) }],
    });
    expect(fn.coldStartMetrics.memorySize).toBe(512);
    expect(fn.coldStartMetrics.label).toBe('Validate');
  });

  test('alarms on the profile\'s budgets by default', () => {
    const { fn, template } = synth({ profile: LatencyProfile.HIGH_FREQUENCY });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 5);
    expect(fn.alarms.alarms).toHaveLength(5);
    const thresholds = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties.Threshold).sort((a, b) => a - b);
    expect(thresholds).toEqual([0, 0, 1, 20, 200]);
  });

  test('exposes the cold-start metrics on the function', () => {
    const { fn } = synth();
    expect(fn.metricInitDuration()).toMatchObject({ metricName: 'InitDuration', statistic: 'p99' });
    expect(fn.metricColdStarts()).toMatchObject({ metricName: 'ColdStarts', statistic: 'Sum' });
    expect(fn.metricColdStartRate().expression).toBe('100 * FILL(coldStarts, 0) / invocations');
    expect(fn.metricMaxMemoryUsed()).toMatchObject({ metricName: 'MaxMemoryUsed', statistic: 'Maximum' });
  });

  test('passes alarm options and actions through', () => {
    const action: cloudwatch.IAlarmAction = { bind: () => ({ alarmActionArn: 'arn:aws:sns:us-east-1:123456789012:alerts' }) };
    const { template } = synth({
      alarms: { coldStartInit: { threshold: Duration.millis(80) }, errors: { enabled: false }, alarmNamePrefix: 'validate' },
      alarmActions: [action],
    });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'validate-cold-start-init', Threshold: 80, AlarmActions: ['arn:aws:sns:us-east-1:123456789012:alerts'] });
  });

  test('draws a dashboard by default, named on request, or none', () => {
    expect(synth().fn.latencyDashboard).toBeDefined();
    synth().template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    synth({ dashboard: { dashboardName: 'validate-latency' } }).template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'validate-latency' });
    const off = synth({ dashboard: { enabled: false } });
    off.template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    expect(off.fn.latencyDashboard).toBeUndefined();
  });

  test('keeps a single function and log group', () => {
    const { template } = synth();
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.resourceCountIs('Custom::LogRetention', 0);
  });
});

describe('LatencySensitiveFunction observability bad input', () => {
  test.each<[string, Partial<LatencySensitiveFunctionProps>, string]>([
    ['a zero cold-start threshold', { alarms: { coldStartInit: { threshold: Duration.millis(0) } } },
      `${OWNER}: invalid \`alarms.coldStartInit.threshold\`: must be a positive duration, got 0 millis. Give a budget above zero, e.g. Duration.millis(100)`],
    ['a cold-start rate above 100%', { alarms: { coldStartRate: { thresholdPercent: 150 } } },
      `${OWNER}: invalid \`alarms.coldStartRate.thresholdPercent\`: must be a percentage above 0 and at most 100, got 150. Give the largest acceptable share of cold starts, e.g. 5 for 5%`],
    ['a negative cold-start rate', { alarms: { coldStartRate: { thresholdPercent: -1 } } },
      `${OWNER}: invalid \`alarms.coldStartRate.thresholdPercent\`: must be a percentage above 0 and at most 100, got -1. Give the largest acceptable share of cold starts, e.g. 5 for 5%`],
    ['a dashboard name CloudWatch rejects', { dashboard: { dashboardName: 'validate latency!' } },
      `${OWNER}: invalid \`dashboard.dashboardName\`: 'validate latency!' is not 1-255 letters, digits, '-' or '_', which CloudWatch requires of a dashboard name. Use a name such as 'checkout-latency'`],
  ])('rejects %s', (_, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  test('text logging is still refused before any metric is attached', () => {
    expect(() => synth({ loggingFormat: lambda.LoggingFormat.TEXT } as any)).toThrow(`${OWNER}: invalid \`loggingFormat\``);
  });
});
