import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { checkPositiveDuration, checkRatePercent } from './budget-checks';
import { propError } from './errors';
import { AlarmTuning, ColdStartAlarmOptions, CountAlarmOptions, LatencyAlarmOptions } from '../cold-start-alarm-options';

/** Defaults of every alarm: 5-minute periods, the last 3 evaluated. */
export const DEFAULT_PERIOD_MINUTES = 5;
export const DEFAULT_EVALUATION_PERIODS = 3;

/** Longest prefix that leaves room for the longest suffix within CloudWatch's 255 characters. */
const MAX_ALARM_NAME_PREFIX = 200;

/**
 * Checks every alarm option at synth time. `prefix` is how the caller's props reach these
 * options (`alarms.` on a LatencySensitiveFunction, nothing on ColdStartAlarms).
 */
export function checkColdStartAlarmOptions(owner: IConstruct | string, prefix: string, options: ColdStartAlarmOptions): void {
  checkLatency(owner, `${prefix}initDuration`, options.initDuration);
  checkLatency(owner, `${prefix}warmLatency`, options.warmLatency);
  if (options.coldStartRate) {
    checkTuning(owner, `${prefix}coldStartRate`, options.coldStartRate);
    if (options.coldStartRate.thresholdPercent !== undefined) {
      checkRatePercent(owner, `${prefix}coldStartRate.thresholdPercent`, options.coldStartRate.thresholdPercent);
    }
  }
  checkCount(owner, `${prefix}errors`, options.errors);
  checkCount(owner, `${prefix}throttles`, options.throttles);
  const namePrefix = options.alarmNamePrefix;
  if (namePrefix !== undefined && !Token.isUnresolved(namePrefix)
    && !(namePrefix.length >= 1 && namePrefix.length <= MAX_ALARM_NAME_PREFIX && /^[\x20-\x7E]+$/.test(namePrefix))) {
    throw propError(owner, `${prefix}alarmNamePrefix`, `'${namePrefix}' is not 1-${MAX_ALARM_NAME_PREFIX} printable ASCII characters`,
      'Use a short readable name such as \'checkout-validate\'');
  }
}

function checkLatency(owner: IConstruct | string, prop: string, options: LatencyAlarmOptions | undefined): void {
  if (!options) return;
  checkTuning(owner, prop, options);
  if (options.threshold !== undefined) checkPositiveDuration(owner, `${prop}.threshold`, options.threshold);
  const percentile = options.percentile;
  if (percentile !== undefined && !Token.isUnresolved(percentile) && !(percentile > 0 && percentile < 100)) {
    throw propError(owner, `${prop}.percentile`, `must be above 0 and below 100, got ${percentile}`, 'Use e.g. 95 or 99');
  }
}

function checkCount(owner: IConstruct | string, prop: string, options: CountAlarmOptions | undefined): void {
  if (!options) return;
  checkTuning(owner, prop, options);
  const threshold = options.threshold;
  if (threshold !== undefined && !Token.isUnresolved(threshold) && !(Number.isFinite(threshold) && threshold >= 0)) {
    throw propError(owner, `${prop}.threshold`, `must be a count of 0 or more, got ${threshold}`, 'Use 0 to alarm on any occurrence');
  }
}

function checkTuning(owner: IConstruct | string, prop: string, tuning: AlarmTuning): void {
  const period = tuning.period;
  if (period !== undefined && !period.isUnresolved()) {
    const seconds = period.toSeconds({ integral: false });
    if (!(seconds >= 60 && seconds % 60 === 0)) {
      throw propError(owner, `${prop}.period`, `metrics from log filters have one-minute resolution, got ${period.toHumanString()}`,
        'Use whole minutes, e.g. Duration.minutes(5)');
    }
  }
  const evaluationPeriods = tuning.evaluationPeriods;
  if (evaluationPeriods !== undefined && !Token.isUnresolved(evaluationPeriods) && !(Number.isInteger(evaluationPeriods) && evaluationPeriods >= 1)) {
    throw propError(owner, `${prop}.evaluationPeriods`, `must be a whole number of 1 or more, got ${evaluationPeriods}`, 'Use e.g. 3');
  }
  const datapoints = tuning.datapointsToAlarm;
  if (datapoints !== undefined && !Token.isUnresolved(datapoints)) {
    const most = evaluationPeriods ?? DEFAULT_EVALUATION_PERIODS;
    if (!(Number.isInteger(datapoints) && datapoints >= 1 && datapoints <= most)) {
      throw propError(owner, `${prop}.datapointsToAlarm`, `must be a whole number from 1 to evaluationPeriods (${most}), got ${datapoints}`,
        'Lower it, or raise evaluationPeriods');
    }
  }
}
