import { TagManager } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';

/**
 * The lambda.Function whose CloudFormation resource `node` is, if it is one. The fleet's
 * aspects visit the resource rather than the Function: an aspect visits a parent before its
 * children, and tags (`Tags.of(...).add`, themselves an aspect) reach the resource only when
 * it is visited, before any aspect of a later priority.
 */
export function functionOfResource(node: IConstruct): lambda.Function | undefined {
  if (!(node instanceof lambda.CfnFunction)) return undefined;
  const parent = node.node.scope;
  return parent instanceof lambda.Function && parent.node.defaultChild === node ? parent : undefined;
}

/** The value of a tag on the function's resource, or undefined when it has no such tag. */
export function tagValueOf(fn: lambda.Function, key: string): string | undefined {
  return TagManager.of(fn.node.defaultChild)?.tagValues()[key];
}
