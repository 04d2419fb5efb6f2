import { Duration } from 'aws-cdk-lib';

/**
 * When an alarm is created and how long a breach must last before it fires.
 */
export interface AlarmTuning {
  /**
   * Whether to create the alarm.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Length of one evaluated period (whole minutes).
   *
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;

  /**
   * Number of most recent periods that are evaluated.
   *
   * @default 3
   */
  readonly evaluationPeriods?: number;

  /**
   * Number of breaching periods, among those evaluated, that fire the alarm.
   *
   * @default - 2 for latency and cold-start rate (one bad period is noise), 1 for errors and throttles
   */
  readonly datapointsToAlarm?: number;
}

/**
 * An alarm on a latency percentile.
 */
export interface DurationAlarmOptions extends AlarmTuning {
  /**
   * The alarm fires when the percentile is above this.
   *
   * @default - the latency profile's budget
   */
  readonly threshold?: Duration;

  /**
   * The percentile that is compared with the threshold, e.g. 95 or 99.
   *
   * @default 99
   */
  readonly percentile?: number;
}

/**
 * An alarm on the cold-start rate.
 *
 * With little traffic a single cold start is a large share of a period's invocations: for a
 * function invoked a few times an hour, lengthen `period`, or switch this alarm off.
 */
export interface ColdStartRateAlarmOptions extends AlarmTuning {
  /**
   * The alarm fires when more than this share of invocations are cold starts, in percent
   * (above 0, at most 100).
   *
   * @default - the latency profile's `maxColdStartRatePercent`
   */
  readonly thresholdPercent?: number;
}

/**
 * An alarm on a count per period (errors, throttles).
 */
export interface CountAlarmOptions extends AlarmTuning {
  /**
   * The alarm fires when the count in a period is above this.
   *
   * @default 0 - any error or throttle on a latency-sensitive path is user-visible
   */
  readonly threshold?: number;
}

/**
 * The alarms of a latency-sensitive function. Each is on by default, with its threshold from
 * the latency profile, and can be tuned or switched off.
 */
export interface LatencyAlarmOptions {
  /**
   * Cold-start init duration (from `platform.report`) over the profile's `coldStartBudget`.
   *
   * @default - p99 over the profile's cold-start budget
   */
  readonly coldStartInit?: DurationAlarmOptions;

  /**
   * Cold starts per invocation over the profile's `maxColdStartRatePercent`.
   *
   * @default - over the profile's maximum cold-start rate
   */
  readonly coldStartRate?: ColdStartRateAlarmOptions;

  /**
   * `AWS/Lambda` `Duration` (which excludes init) over the profile's `warmLatencyBudget`.
   *
   * @default - p99 over the profile's warm-latency budget
   */
  readonly warmLatency?: DurationAlarmOptions;

  /**
   * `AWS/Lambda` `Errors`.
   *
   * @default - any error
   */
  readonly errors?: CountAlarmOptions;

  /**
   * `AWS/Lambda` `Throttles`.
   *
   * @default - any throttle
   */
  readonly throttles?: CountAlarmOptions;

  /**
   * Start of every alarm name, e.g. `checkout-validate` gives `checkout-validate-cold-start-init`.
   *
   * @default - the function's name
   */
  readonly alarmNamePrefix?: string;
}
