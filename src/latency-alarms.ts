import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { ColdStartMetrics } from './cold-start-metrics';
import { AlarmTuning, LatencyAlarmOptions, CountAlarmOptions, DurationAlarmOptions } from './latency-alarm-options';
import { LatencyProfile } from './latency-profile';
import { checkLatencyAlarmOptions, DEFAULT_EVALUATION_PERIODS, DEFAULT_PERIOD_MINUTES } from './private/checks/alarm-option-checks';

/**
 * Properties of {@link LatencyAlarms}.
 */
export interface LatencyAlarmsProps extends LatencyAlarmOptions {
  /** The cold-start metrics of the function to watch. */
  readonly metrics: ColdStartMetrics;

  /** The latency profile whose budgets are the default thresholds. */
  readonly profile: LatencyProfile;

  /**
   * Actions of every alarm when it fires, e.g. `new SnsAction(topic)`.
   *
   * @default - no actions
   */
  readonly alarmActions?: cloudwatch.IAlarmAction[];
}

/**
 * Alarms on a function's cold starts, warm latency, errors and throttles, with thresholds from
 * a latency profile. Missing data never breaches: an idle function never alarms.
 */
export class LatencyAlarms extends Construct {
  /** Cold-start init duration percentile over budget, unless switched off. */
  public readonly coldStartInitAlarm?: cloudwatch.Alarm;

  /** Cold-start rate over budget, unless switched off. */
  public readonly coldStartRateAlarm?: cloudwatch.Alarm;

  /** Warm `Duration` percentile over budget, unless switched off. */
  public readonly warmLatencyAlarm?: cloudwatch.Alarm;

  /** Errors over threshold, unless switched off. */
  public readonly errorsAlarm?: cloudwatch.Alarm;

  /** Throttles over threshold, unless switched off. */
  public readonly throttlesAlarm?: cloudwatch.Alarm;

  /** Every alarm created. */
  public readonly alarms: cloudwatch.Alarm[] = [];

  private readonly namePrefix: string;
  private readonly actions: cloudwatch.IAlarmAction[];

  /**
   * @param scope the construct that holds the alarms
   * @param id the alarms' construct ID, unique within `scope`
   * @param props the metrics to alarm on, the profile whose budgets they hold, and the alarms' options
   */
  constructor(scope: Construct, id: string, props: LatencyAlarmsProps) {
    super(scope, id);
    checkLatencyAlarmOptions(this, '', props);
    const { metrics, profile } = props;
    const fn = metrics.lambdaFunction;
    this.namePrefix = props.alarmNamePrefix ?? fn.functionName;
    this.actions = props.alarmActions ?? [];
    const budgetOf = `budget of the ${profile.name} profile`;

    this.coldStartInitAlarm = this.latencyAlarm('InitDuration', 'cold-start-init', props.coldStartInit, profile.coldStartBudget,
      (statistic, period) => metrics.metricInitDuration({ statistic, period }),
      `${metrics.label}: cold-start init duration (from platform.report)`, budgetOf);

    this.warmLatencyAlarm = this.latencyAlarm('WarmLatency', 'warm-latency', props.warmLatency, profile.warmLatencyBudget,
      (statistic, period) => fn.metricDuration({ statistic, period, label: `${metrics.label} duration ${statistic}` }),
      `${metrics.label}: AWS/Lambda Duration (init excluded)`, budgetOf);

    const rate = props.coldStartRate ?? {};
    if (rate.enabled !== false) {
      const thresholdPercent = rate.thresholdPercent ?? profile.maxColdStartRatePercent;
      this.coldStartRateAlarm = this.alarm('ColdStartRate', 'cold-start-rate', rate, 2, {
        metric: metrics.metricColdStartRate({ period: periodOf(rate) }),
        threshold: thresholdPercent,
        alarmDescription: `${metrics.label}: more than ${thresholdPercent}% of invocations are cold starts${rate.thresholdPercent === undefined ? ` (${budgetOf})` : ''}.`,
      });
    }

    this.errorsAlarm = this.countAlarm('Errors', 'errors', props.errors, (period) => fn.metricErrors({ statistic: 'Sum', period }),
      `${metrics.label}: errors`);
    this.throttlesAlarm = this.countAlarm('Throttles', 'throttles', props.throttles, (period) => fn.metricThrottles({ statistic: 'Sum', period }),
      `${metrics.label}: throttles`);
  }

  private latencyAlarm(id: string, name: string, options: DurationAlarmOptions | undefined, budget: Duration,
    metric: (statistic: string, period: Duration) => cloudwatch.IMetric, what: string, budgetOf: string): cloudwatch.Alarm | undefined {
    const tuning = options ?? {};
    if (tuning.enabled === false) return undefined;
    const statistic = `p${tuning.percentile ?? 99}`;
    const threshold = tuning.threshold ?? budget;
    // The name leaves the percentile out: tuning it must not replace the alarm and lose its history.
    return this.alarm(id, name, tuning, 2, {
      metric: metric(statistic, periodOf(tuning)),
      threshold: threshold.toMilliseconds({ integral: false }),
      alarmDescription: `${what} ${statistic} is over ${threshold.toMilliseconds({ integral: false })} ms${tuning.threshold === undefined ? ` (${budgetOf})` : ''}.`,
    });
  }

  private countAlarm(id: string, name: string, options: CountAlarmOptions | undefined,
    metric: (period: Duration) => cloudwatch.IMetric, what: string): cloudwatch.Alarm | undefined {
    const tuning = options ?? {};
    if (tuning.enabled === false) return undefined;
    const threshold = tuning.threshold ?? 0;
    return this.alarm(id, name, tuning, 1, {
      metric: metric(periodOf(tuning)),
      threshold,
      alarmDescription: `${what} are above ${threshold} in a period.`,
    });
  }

  private alarm(id: string, name: string, tuning: AlarmTuning, defaultDatapoints: number,
    spec: { metric: cloudwatch.IMetric; threshold: number; alarmDescription: string }): cloudwatch.Alarm {
    const evaluationPeriods = tuning.evaluationPeriods ?? DEFAULT_EVALUATION_PERIODS;
    const alarm = new cloudwatch.Alarm(this, id, {
      ...spec,
      alarmName: `${this.namePrefix}-${name}`,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods,
      datapointsToAlarm: tuning.datapointsToAlarm ?? Math.min(defaultDatapoints, evaluationPeriods),
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(...this.actions);
    this.alarms.push(alarm);
    return alarm;
  }
}

function periodOf(tuning: AlarmTuning): Duration {
  return tuning.period ?? Duration.minutes(DEFAULT_PERIOD_MINUTES);
}
