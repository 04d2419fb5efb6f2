import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/** Fixture projects used across the tests: Rust crates and the hello fixture's twins. */
export const FIXTURES = {
  hello: path.join(__dirname, 'fixtures', 'rust-hello'),
  workspace: path.join(__dirname, 'fixtures', 'rust-workspace'),
  multiBin: path.join(__dirname, 'fixtures', 'rust-multi-bin'),
  pythonTwin: path.join(__dirname, 'fixtures', 'python-twin'),
  nodeTwinEntry: path.join(__dirname, 'fixtures', 'node-twin', 'handler.ts'),
};

/** A stack whose asset bundling is skipped: template tests never build Rust. */
export function stackWithoutBundling(): Stack {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  return new Stack(app, 'Test', { env: { account: '123456789012', region: 'us-east-1' } });
}

/** A synthesized function's asset: its hash and the folder CDK staged it in under `outdir`. */
export function stagedFunctionAsset(stack: Stack, outdir: string, runtime: string): { hash: string; dir: string } {
  const fn = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'))
    .find((resource: any) => resource.Properties.Runtime === runtime);
  if (!fn) throw new Error(`no ${runtime} function in ${stack.node.path}`);
  const hash = (fn.Properties.Code.S3Key as string).replace(/\.zip$/, '');
  return { hash, dir: path.join(outdir, `asset.${hash}`) };
}

/** A plain Python function that logs JSON: what ColdStartMetrics, alarms and twins can watch besides our own. */
export function jsonLoggingFunction(scope: Construct, id: string, props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.PYTHON_3_13,
    handler: 'index.handler',
    code: lambda.Code.fromInline('def handler(event, context):\n    return event\n'),
    loggingFormat: lambda.LoggingFormat.JSON,
    ...props,
  });
}
