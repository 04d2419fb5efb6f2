import { Duration, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { propError } from './errors';
import { checkDuration, durationText, shown } from './type-checks';

/** A latency budget or threshold: a finite duration above zero. */
export function checkPositiveDuration(owner: IConstruct | string, prop: string, value: Duration): void {
  checkDuration(owner, prop, value, 'Duration.millis(100)');
  if (value.isUnresolved()) return;
  const ms = value.toMilliseconds({ integral: false });
  // An infinite threshold renders as null in the template, which CloudWatch rejects.
  if (!(ms > 0 && Number.isFinite(ms))) {
    throw propError(owner, prop, `must be a positive duration, got ${durationText(value)}`, 'Give a budget above zero, e.g. Duration.millis(100)');
  }
}

/** A share of invocations, in percent: above 0 and at most 100. */
export function checkRatePercent(owner: IConstruct | string, prop: string, value: number): void {
  if (Token.isUnresolved(value)) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 100) {
    throw propError(owner, prop, `must be a percentage above 0 and at most 100, got ${shown(value)}`, 'Give the largest acceptable share of cold starts, e.g. 5 for 5%');
  }
}
