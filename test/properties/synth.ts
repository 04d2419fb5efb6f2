import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { IConstruct } from 'constructs';
import { LatencySensitiveFunction, LatencySensitiveFunctionProps } from '../../src';
import { FIXTURES, stackWithoutBundling } from '../fixtures';

export interface Synthesized {
  readonly stack: Stack;
  readonly fn: LatencySensitiveFunction;
  readonly template: Template;
}

/** A LatencySensitiveFunction of the hello crate, bundling skipped, with `props` on top. */
export function synthFunction(props: Partial<LatencySensitiveFunctionProps>): Synthesized {
  const stack = stackWithoutBundling();
  const fn = new LatencySensitiveFunction(stack, 'Fn', { manifestPath: FIXTURES.hello, ...props });
  return { stack, fn, template: Template.fromStack(stack) };
}

/** The template properties of the resource behind `construct`. */
export function resourceOf(s: Synthesized, construct: IConstruct): any {
  const logicalId = s.stack.getLogicalId(construct.node.defaultChild as any);
  return s.template.toJSON().Resources[logicalId].Properties;
}

/** The template properties of an alarm, or undefined when it was not created. */
export function alarmOf(s: Synthesized, alarm: cloudwatch.Alarm | undefined): any {
  return alarm && resourceOf(s, alarm);
}
