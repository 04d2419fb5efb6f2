import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { checkPositiveDuration, checkRatePercent } from './budget-checks';
import { propError } from './errors';
import { checkDuration, checkStruct, durationText, given, shown } from './type-checks';
import type { AlarmTuning, LatencyAlarmOptions, CountAlarmOptions, DurationAlarmOptions } from '../../latency-alarm-options';

/** Defaults of every alarm: 5-minute periods, the last 3 evaluated. */
export const DEFAULT_PERIOD_MINUTES = 5;
export const DEFAULT_EVALUATION_PERIODS = 3;

/** CloudWatch evaluates at most a day of periods shorter than an hour, and at most a week of longer ones. */
const MAX_EVALUATED_SECONDS = { belowAnHour: 86_400, otherwise: 604_800 };

/** Longest prefix that leaves room for the longest suffix within CloudWatch's 255 characters. */
const MAX_ALARM_NAME_PREFIX = 200;

/**
 * Checks every alarm option at synth time. `prefix` is how the caller's props reach these
 * options (`alarms.` on a LatencySensitiveFunction, nothing on LatencyAlarms).
 */
export function checkLatencyAlarmOptions(owner: IConstruct | string, prefix: string, options: LatencyAlarmOptions): void {
  checkLatency(owner, `${prefix}coldStartInit`, options.coldStartInit);
  checkLatency(owner, `${prefix}warmLatency`, options.warmLatency);
  if (given(options.coldStartRate)) {
    checkTuning(owner, `${prefix}coldStartRate`, options.coldStartRate);
    if (given(options.coldStartRate.thresholdPercent)) {
      checkRatePercent(owner, `${prefix}coldStartRate.thresholdPercent`, options.coldStartRate.thresholdPercent);
    }
  }
  checkCount(owner, `${prefix}errors`, options.errors);
  checkCount(owner, `${prefix}throttles`, options.throttles);
  const namePrefix = options.alarmNamePrefix;
  if (given(namePrefix) && !Token.isUnresolved(namePrefix)
    && !(typeof namePrefix === 'string' && namePrefix.length >= 1 && namePrefix.length <= MAX_ALARM_NAME_PREFIX && /^[\x20-\x7E]+$/.test(namePrefix))) {
    throw propError(owner, `${prefix}alarmNamePrefix`, `${shown(namePrefix)} is not 1-${MAX_ALARM_NAME_PREFIX} printable ASCII characters`,
      'Use a short readable name such as \'checkout-validate\'');
  }
}

function checkLatency(owner: IConstruct | string, prop: string, options: DurationAlarmOptions | undefined): void {
  if (!given(options)) return;
  checkTuning(owner, prop, options);
  if (given(options.threshold)) checkPositiveDuration(owner, `${prop}.threshold`, options.threshold);
  const percentile = options.percentile;
  if (given(percentile) && !Token.isUnresolved(percentile)) {
    if (!(typeof percentile === 'number' && percentile > 0 && percentile < 100)) {
      throw propError(owner, `${prop}.percentile`, `must be above 0 and below 100, got ${shown(percentile)}`, 'Use e.g. 95 or 99');
    }
    if (!/^\d{1,2}(\.\d{1,10})?$/.test(String(percentile))) {
      throw propError(owner, `${prop}.percentile`, `${percentile} makes the statistic p${percentile}, and CloudWatch takes at most ten decimals and no exponent`, 'Round it, e.g. 99.9');
    }
  }
}

function checkCount(owner: IConstruct | string, prop: string, options: CountAlarmOptions | undefined): void {
  if (!given(options)) return;
  checkTuning(owner, prop, options);
  const threshold = options.threshold;
  if (given(threshold) && !Token.isUnresolved(threshold) && !(Number.isFinite(threshold) && threshold >= 0)) {
    throw propError(owner, `${prop}.threshold`, `must be a count of 0 or more, got ${shown(threshold)}`, 'Use 0 to alarm on any occurrence');
  }
}

function checkTuning(owner: IConstruct | string, prop: string, tuning: AlarmTuning): void {
  checkStruct(owner, prop, tuning);
  const period = tuning.period;
  let periodSeconds = DEFAULT_PERIOD_MINUTES * 60;
  if (given(period)) {
    checkDuration(owner, `${prop}.period`, period, 'Duration.minutes(5)');
    if (!period.isUnresolved()) {
      periodSeconds = period.toSeconds({ integral: false });
      if (!(periodSeconds >= 60 && periodSeconds % 60 === 0)) {
        throw propError(owner, `${prop}.period`, `metrics from log filters have one-minute resolution, got ${durationText(period)}`,
          'Use whole minutes, e.g. Duration.minutes(5)');
      }
    }
  }
  const evaluationPeriods = tuning.evaluationPeriods;
  if (given(evaluationPeriods) && !Token.isUnresolved(evaluationPeriods)) {
    if (!(Number.isInteger(evaluationPeriods) && evaluationPeriods >= 1)) {
      throw propError(owner, `${prop}.evaluationPeriods`, `must be a whole number of 1 or more, got ${shown(evaluationPeriods)}`, 'Use e.g. 3');
    }
    const most = periodSeconds < 3600 ? MAX_EVALUATED_SECONDS.belowAnHour : MAX_EVALUATED_SECONDS.otherwise;
    if (evaluationPeriods * periodSeconds > most) {
      throw propError(owner, `${prop}.evaluationPeriods`, `${evaluationPeriods} periods of ${periodSeconds} s are more than the ${most} s CloudWatch evaluates`,
        'Lower evaluationPeriods, or lengthen period');
    }
  }
  const datapoints = tuning.datapointsToAlarm;
  if (given(datapoints) && !Token.isUnresolved(datapoints)) {
    const most = evaluationPeriods ?? DEFAULT_EVALUATION_PERIODS;
    if (!(Number.isInteger(datapoints) && datapoints >= 1 && datapoints <= most)) {
      throw propError(owner, `${prop}.datapointsToAlarm`, `must be a whole number from 1 to evaluationPeriods (${most}), got ${shown(datapoints)}`,
        'Lower it, or raise evaluationPeriods');
    }
  }
}
