import { Stack, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/**
 * Whether a function's `platform.report` records may carry `restoreDurationMs`: only SnapStart
 * restores do ("When a new execution environment is created, the REPORT includes the Restore
 * Duration and Billed Restore Duration fields",
 * https://docs.aws.amazon.com/lambda/latest/dg/snapstart-monitoring.html). A function defined
 * in this app says so in its SnapStart configuration; an imported one, or one whose
 * configuration is a token, may.
 *
 * Graphs draw restore lines only where this is true, so that a function that can never
 * restore (a Rust one on `provided.al2023`: OS-only runtimes have no SnapStart) shows no
 * always-empty series.
 */
export function mayRestore(fn: lambda.IFunction): boolean {
  if (!(fn instanceof lambda.Function)) return true;
  const snapStart = Stack.of(fn).resolve((fn.node.defaultChild as lambda.CfnFunction).snapStart);
  if (snapStart === undefined) return false;
  const applyOn = snapStart.applyOn;
  return Token.isUnresolved(applyOn) || applyOn !== 'None';
}
