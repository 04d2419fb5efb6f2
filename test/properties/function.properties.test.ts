import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as fc from 'fast-check';
import { badFunctionProps, functionProps } from './arbitraries';
import { expectPropError, PROPERTY_TIMEOUT_MS, runs } from './settings';
import { alarmOf, resourceOf, Synthesized, synthFunction } from './synth';
import { LatencyAlarmOptions, DurationAlarmOptions, LatencyProfile } from '../../src';
import { LAMBDA_MEMORY_MB, LAMBDA_TIMEOUT_SECONDS } from '../../src/private/checks/lambda-limits';

/** CloudWatch's percentile statistics: p0 to p100 with at most ten decimals. */
const EXTENDED_STATISTIC = /^p(\d{1,2}(\.\d{1,10})?|100)$/;

describe('LatencySensitiveFunction properties', () => {
  test('valid props synthesize on arm64 (unless asked), inside Lambda\'s limits, with the profile or the explicit size', () => {
    fc.assert(fc.property(functionProps, (props) => {
      const s = synthFunction(props);
      const profile = props.profile ?? LatencyProfile.USER_FACING_VALIDATION;
      const fn = resourceOf(s, s.fn);
      expect(fn.Architectures).toEqual([props.architecture?.name ?? 'arm64']);
      expect(fn.MemorySize).toBe(props.memorySize ?? profile.memorySize);
      expect(fn.Timeout).toBe((props.timeout ?? profile.timeout).toSeconds());
      expect(Number.isInteger(fn.MemorySize) && fn.MemorySize >= LAMBDA_MEMORY_MB.min && fn.MemorySize <= LAMBDA_MEMORY_MB.max).toBe(true);
      expect(Number.isInteger(fn.Timeout) && fn.Timeout >= LAMBDA_TIMEOUT_SECONDS.min && fn.Timeout <= LAMBDA_TIMEOUT_SECONDS.max).toBe(true);
      expect(fn.Environment?.Variables ?? {}).toEqual(props.environment ?? {});

      const retention = props.logGroupRetention ?? logs.RetentionDays.ONE_MONTH;
      s.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: retention === logs.RetentionDays.INFINITE ? Match.absent() : retention });
      const dashboards = s.template.findResources('AWS::CloudWatch::Dashboard');
      expect(Object.keys(dashboards)).toHaveLength(props.dashboard?.enabled === false ? 0 : 1);
      Object.values(dashboards).forEach((d: any) => expect(d.Properties.DashboardName).toBe(props.dashboard?.dashboardName));

      checkAlarms(s, profile, props.alarms ?? {});
    }), runs(150));
  }, PROPERTY_TIMEOUT_MS);

  test('any one broken prop is our error naming it, never a TypeError or a template CloudFormation rejects', () => {
    fc.assert(fc.property(badFunctionProps, ({ props, broken }) => {
      expectPropError(() => synthFunction(props), /LatencySensitiveFunction 'Test\/Fn'/, broken.prop);
    }), runs(400));
  }, PROPERTY_TIMEOUT_MS);
});

/** Every alarm holds the effective budget (the override or the profile's), as CloudWatch accepts it. */
function checkAlarms(s: Synthesized, profile: LatencyProfile, options: LatencyAlarmOptions): void {
  const alarms = s.fn.alarms;
  const latency = (alarm: unknown, o: DurationAlarmOptions | undefined, budget: Duration) => {
    const expected = o?.enabled === false ? undefined : (o?.threshold ?? budget).toMilliseconds({ integral: false });
    expect(alarmOf(s, alarm as any)?.Threshold).toBe(expected);
  };
  latency(alarms.coldStartInitAlarm, options.coldStartInit, profile.coldStartBudget);
  latency(alarms.warmLatencyAlarm, options.warmLatency, profile.warmLatencyBudget);
  const rate = options.coldStartRate;
  expect(alarmOf(s, alarms.coldStartRateAlarm)?.Threshold)
    .toBe(rate?.enabled === false ? undefined : rate?.thresholdPercent ?? profile.maxColdStartRatePercent);
  expect(alarmOf(s, alarms.errorsAlarm)?.Threshold).toBe(options.errors?.enabled === false ? undefined : options.errors?.threshold ?? 0);
  expect(alarmOf(s, alarms.throttlesAlarm)?.Threshold).toBe(options.throttles?.enabled === false ? undefined : options.throttles?.threshold ?? 0);

  for (const alarm of alarms.alarms.map((a) => alarmOf(s, a))) {
    expect(Number.isFinite(alarm.Threshold)).toBe(true);
    const period = alarm.Period ?? alarm.Metrics.find((m: any) => m.MetricStat)?.MetricStat.Period;
    expect(period % 60).toBe(0);
    expect(period * alarm.EvaluationPeriods).toBeLessThanOrEqual(period < 3600 ? 86_400 : 604_800);
    expect(alarm.DatapointsToAlarm).toBeLessThanOrEqual(alarm.EvaluationPeriods);
    if (alarm.ExtendedStatistic !== undefined) expect(alarm.ExtendedStatistic).toMatch(EXTENDED_STATISTIC);
  }
}
