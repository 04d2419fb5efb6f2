import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { ColdStartMetrics } from '../../cold-start-metrics';

/**
 * The ColdStartMetrics already watching `fn`, wherever in the app they were created: a
 * LatencySensitiveFunction makes its own as a child, a user may make them beside the function
 * (or for a twin, under another construct). Searched by what they watch, not by where they
 * sit, so that no function gets two sets of metric filters.
 */
export function existingColdStartMetrics(fn: lambda.Function): ColdStartMetrics | undefined {
  return allColdStartMetrics(fn.node.root).find((m) => m.lambdaFunction === fn);
}

function allColdStartMetrics(root: IConstruct): ColdStartMetrics[] {
  return root.node.findAll().filter((c): c is ColdStartMetrics => c instanceof ColdStartMetrics);
}
