import { Duration } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { propError } from './errors';

/**
 * Checks of the JavaScript type of a prop. jsii's TypeScript types do not reach a JavaScript
 * caller (nor every Python or Java value), and a wrong type must fail as our error naming
 * the prop, not as a TypeError deep inside, nor as a template that CloudFormation rejects.
 */

/** A value as an error message shows it: a string quoted, any other type named. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') {
    return value.constructor && value.constructor !== Object ? `a ${value.constructor.name}` : 'an object';
  }
  return String(value);
}

/** Durations by shape, not `instanceof`: an app may load a second copy of aws-cdk-lib. */
export function isDuration(value: unknown): value is Duration {
  return value !== null && typeof value === 'object'
    && typeof (value as Duration).toMilliseconds === 'function' && typeof (value as Duration).isUnresolved === 'function';
}

/** A duration as an error message shows it (`toHumanString` is empty for NaN). */
export function durationText(value: Duration): string {
  return value.toHumanString() || `${value.toMilliseconds({ integral: false })} ms`;
}

export function checkDuration(owner: IConstruct | string, prop: string, value: unknown, example: string): asserts value is Duration {
  if (!isDuration(value)) {
    throw propError(owner, prop, `must be a Duration, got ${shown(value)}`, `Use e.g. ${example}`);
  }
}

/** An options struct: a plain object, not a string, number or array. */
export function checkStruct(owner: IConstruct | string, prop: string, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw propError(owner, prop, `must be an object, got ${shown(value)}`, 'Pass an object, or leave it out');
  }
}

export function checkString(owner: IConstruct | string, prop: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') {
    throw propError(owner, prop, `must be a string, got ${shown(value)}`, 'Pass a string, or leave it out');
  }
}

/** Whether an optional prop is given: `null`, like Python's `None`, means it is not. */
export function given<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}

/** A construct with `member`, e.g. a lambda.IFunction (`functionArn`), by shape: interfaces have no class. */
export function isConstructWith(value: unknown, member: string): boolean {
  return Construct.isConstruct(value) && member in value;
}
