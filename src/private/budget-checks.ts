import { Duration, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { propError } from './errors';

/** A latency budget or threshold: a duration above zero. */
export function checkPositiveDuration(owner: IConstruct | string, prop: string, value: Duration): void {
  if (value.isUnresolved()) return;
  if (!(value.toMilliseconds({ integral: false }) > 0)) {
    throw propError(owner, prop, `must be a positive duration, got ${value.toHumanString()}`, 'Give a budget above zero, e.g. Duration.millis(100)');
  }
}

/** A share of invocations, in percent: above 0 and at most 100. */
export function checkRatePercent(owner: IConstruct | string, prop: string, value: number): void {
  if (Token.isUnresolved(value)) return;
  if (!Number.isFinite(value) || value <= 0 || value > 100) {
    throw propError(owner, prop, `must be a percentage above 0 and at most 100, got ${value}`, 'Give the largest acceptable share of cold starts, e.g. 5 for 5%');
  }
}
