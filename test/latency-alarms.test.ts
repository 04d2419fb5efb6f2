import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { jsonLoggingFunction, stackWithoutBundling } from './fixtures';
import { LatencyAlarms, LatencyAlarmsProps, ColdStartMetrics, LatencyProfile } from '../src';

function setup(options: Partial<LatencyAlarmsProps> = {}): { stack: Stack; alarms: LatencyAlarms; template: Template; fnRef: unknown } {
  const stack = stackWithoutBundling();
  const fn = jsonLoggingFunction(stack, 'Legacy');
  const metrics = new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: fn });
  const alarms = new LatencyAlarms(stack, 'Alarms', { metrics, profile: LatencyProfile.REAL_TIME_API, ...options });
  return { stack, alarms, template: Template.fromStack(stack), fnRef: { Ref: stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction) } };
}

function alarmNamed(fnRef: unknown, suffix: string): unknown {
  return { 'Fn::Join': ['', [fnRef, suffix]] };
}

describe('LatencyAlarms defaults', () => {
  test('creates five alarms, none of which breaches on missing data', () => {
    const { alarms, template } = setup();
    template.resourceCountIs('AWS::CloudWatch::Alarm', 5);
    expect(alarms.alarms).toHaveLength(5);
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties).toMatchObject({ TreatMissingData: 'notBreaching', ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 3 });
    }
  });

  test('init duration p99 over the profile\'s cold-start budget, from the filter metric', () => {
    const { template, fnRef } = setup();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: alarmNamed(fnRef, '-cold-start-init'),
      Threshold: 100,
      DatapointsToAlarm: 2,
      Metrics: [{ MetricStat: { Metric: { MetricName: 'InitDuration', Namespace: { 'Fn::Join': ['', ['ColdStartMetrics/', fnRef]] } }, Stat: 'p99', Period: 300 } }],
    });
  });

  test('cold-start rate (inits; restores too where SnapStart is on) over the profile\'s maximum, as metric math on Invocations', () => {
    const { template, fnRef } = setup();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: alarmNamed(fnRef, '-cold-start-rate'),
      Threshold: 1,
      DatapointsToAlarm: 2,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: '100 * FILL(coldStarts, 0) / invocations', ReturnData: true }),
        Match.objectLike({ Id: 'invocations', MetricStat: Match.objectLike({ Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: [{ Name: 'FunctionName', Value: fnRef }] }, Stat: 'Sum' }) }),
      ]),
    });
  });

  test('warm latency: AWS/Lambda Duration p99 over the profile\'s warm budget', () => {
    const { template, fnRef } = setup();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: alarmNamed(fnRef, '-warm-latency'),
      Threshold: 50,
      Metrics: [{ MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Duration', Dimensions: [{ Name: 'FunctionName', Value: fnRef }] }, Stat: 'p99' } }],
      AlarmDescription: 'Legacy: AWS/Lambda Duration (init excluded) p99 is over 50 ms (budget of the real-time-api profile).',
    });
  });

  test.each([['errors', 'Errors'], ['throttles', 'Throttles']])('%s: any in one 5-minute period', (suffix, metricName) => {
    const { template, fnRef } = setup();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: alarmNamed(fnRef, `-${suffix}`),
      Namespace: 'AWS/Lambda',
      MetricName: metricName,
      Statistic: 'Sum',
      Period: 300,
      Threshold: 0,
      DatapointsToAlarm: 1,
    });
  });

  test('sends every alarm to every action', () => {
    const alerts = 'arn:aws:sns:us-east-1:123456789012:alerts';
    const pager = 'arn:aws:sns:us-east-1:123456789012:pager';
    const action = (arn: string): cloudwatch.IAlarmAction => ({ bind: () => ({ alarmActionArn: arn }) });
    const { template } = setup({ alarmActions: [action(alerts), action(pager)] });
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toEqual([alerts, pager]);
    }
  });
});

describe('LatencyAlarms overrides', () => {
  test('thresholds, percentile, tuning and name prefix', () => {
    const { alarms, template } = setup({
      alarmNamePrefix: 'checkout-validate',
      coldStartInit: { threshold: Duration.millis(250), percentile: 95, period: Duration.minutes(1), evaluationPeriods: 5, datapointsToAlarm: 4 },
      coldStartRate: { thresholdPercent: 12.5 },
      warmLatency: { threshold: Duration.seconds(1) },
      errors: { threshold: 10 },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'checkout-validate-cold-start-init',
      Threshold: 250,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 4,
      Metrics: [{ Label: 'Legacy init p95', MetricStat: Match.objectLike({ Stat: 'p95', Period: 60 }) }],
      AlarmDescription: 'Legacy: cold-start init duration (from platform.report) p95 is over 250 ms.',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'checkout-validate-cold-start-rate', Threshold: 12.5 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'checkout-validate-warm-latency', Threshold: 1000 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'checkout-validate-errors', Threshold: 10 });
    expect(alarms.coldStartInitAlarm).toBeInstanceOf(cloudwatch.Alarm);
  });

  test('each alarm can be switched off', () => {
    const { alarms, template } = setup({
      coldStartInit: { enabled: false },
      coldStartRate: { enabled: false },
      warmLatency: { enabled: false },
      errors: { enabled: false },
    });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
    expect(alarms.alarms).toEqual([alarms.throttlesAlarm]);
    expect(alarms.coldStartInitAlarm).toBeUndefined();
  });

  test('one evaluation period lowers the default datapoints to one', () => {
    const { template, fnRef } = setup({ warmLatency: { evaluationPeriods: 1 } });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: alarmNamed(fnRef, '-warm-latency'), EvaluationPeriods: 1, DatapointsToAlarm: 1 });
  });
});

describe('LatencyAlarms bad input', () => {
  const owner = "LatencyAlarms 'Test/Alarms'";
  test.each<[string, Partial<LatencyAlarmsProps>, string]>([
    ['a zero init budget', { coldStartInit: { threshold: Duration.millis(0) } },
      `${owner}: invalid \`coldStartInit.threshold\`: must be a positive duration, got 0 millis. Give a budget above zero, e.g. Duration.millis(100)`],
    // A negative Duration cannot be built: aws-cdk-lib throws on Duration.millis(-5) itself.
    ['a zero warm budget', { warmLatency: { threshold: Duration.seconds(0) } },
      `${owner}: invalid \`warmLatency.threshold\`: must be a positive duration, got 0 seconds. Give a budget above zero, e.g. Duration.millis(100)`],
    ['a zero rate', { coldStartRate: { thresholdPercent: 0 } },
      `${owner}: invalid \`coldStartRate.thresholdPercent\`: must be a percentage above 0 and at most 100, got 0. Give the largest acceptable share of cold starts, e.g. 5 for 5%`],
    ['a rate above 100', { coldStartRate: { thresholdPercent: 101 } },
      `${owner}: invalid \`coldStartRate.thresholdPercent\`: must be a percentage above 0 and at most 100, got 101. Give the largest acceptable share of cold starts, e.g. 5 for 5%`],
    ['a percentile of 100', { coldStartInit: { percentile: 100 } },
      `${owner}: invalid \`coldStartInit.percentile\`: must be above 0 and below 100, got 100. Use e.g. 95 or 99`],
    ['a negative error count', { errors: { threshold: -1 } },
      `${owner}: invalid \`errors.threshold\`: must be a count of 0 or more, got -1. Use 0 to alarm on any occurrence`],
    ['a period in seconds', { throttles: { period: Duration.seconds(30) } },
      `${owner}: invalid \`throttles.period\`: metrics from log filters have one-minute resolution, got 30 seconds. Use whole minutes, e.g. Duration.minutes(5)`],
    ['zero evaluation periods', { errors: { evaluationPeriods: 0 } },
      `${owner}: invalid \`errors.evaluationPeriods\`: must be a whole number of 1 or more, got 0. Use e.g. 3`],
    ['more datapoints than periods', { coldStartRate: { evaluationPeriods: 2, datapointsToAlarm: 3 } },
      `${owner}: invalid \`coldStartRate.datapointsToAlarm\`: must be a whole number from 1 to evaluationPeriods (2), got 3. Lower it, or raise evaluationPeriods`],
    ['a percentile CloudWatch cannot name', { warmLatency: { percentile: 99.12345678901 } },
      `${owner}: invalid \`warmLatency.percentile\`: 99.12345678901 makes the statistic p99.12345678901, and CloudWatch takes at most ten decimals and no exponent. Round it, e.g. 99.9`],
    ['an hour of periods evaluated for more than a week', { errors: { period: Duration.hours(2), evaluationPeriods: 85 } },
      `${owner}: invalid \`errors.evaluationPeriods\`: 85 periods of 7200 s are more than the 604800 s CloudWatch evaluates. Lower evaluationPeriods, or lengthen period`],
    ['a non-ASCII name prefix', { alarmNamePrefix: 'checkout—validate' },
      `${owner}: invalid \`alarmNamePrefix\`: 'checkout—validate' is not 1-200 printable ASCII characters. Use a short readable name such as 'checkout-validate'`],
  ])('rejects %s', (_, options, message) => {
    expect(() => setup(options)).toThrow(message);
  });
});
