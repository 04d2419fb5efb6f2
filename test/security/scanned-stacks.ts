import { App, Stack } from 'aws-cdk-lib';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { addFormValidationStacks } from '../../examples/form-validation/app';
import { LatencyProfile, LatencySensitiveFunction, Twin } from '../../src';
import { FIXTURES } from '../fixtures';

const ENV = { account: '123456789012', region: 'us-east-1' };

/** Context that skips asset bundling: no Rust, pip or esbuild build in the scans. */
export const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

/**
 * Every feature of the library switched on: alarms with actions to an encrypted topic, named
 * dashboards, a Python and a Node twin (on the newest runtimes, as cdk-nag asks), an x86_64
 * function.
 */
export function addEveryFeatureStack(app: App): Stack {
  const stack = new Stack(app, 'EveryFeature', { env: ENV });
  const key = new kms.Key(stack, 'AlarmTopicKey', { enableKeyRotation: true, description: 'Encrypts the alarm topic' });
  // CloudWatch alarms publish to an encrypted topic only if they may use its key.
  key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
  const topic = new sns.Topic(stack, 'AlarmTopic', { masterKey: key, enforceSSL: true });
  const alarmActions = [new SnsAction(topic)];
  new LatencySensitiveFunction(stack, 'Validate', {
    manifestPath: FIXTURES.hello,
    profile: LatencyProfile.REAL_TIME_API,
    alarms: { warmLatency: { percentile: 95 } },
    alarmActions,
    dashboard: { dashboardName: 'validate-rust-vs-python' },
    twins: [Twin.python({ entry: FIXTURES.pythonTwin, index: 'handler.py', runtime: lambda.Runtime.PYTHON_3_14 })],
  });
  new LatencySensitiveFunction(stack, 'Render', {
    manifestPath: FIXTURES.hello,
    profile: LatencyProfile.HIGH_FREQUENCY,
    architecture: lambda.Architecture.X86_64,
    alarmActions,
    dashboard: { dashboardName: 'render-rust-vs-node' },
    twins: [Twin.node({ entry: FIXTURES.nodeTwinEntry, runtime: lambda.Runtime.NODEJS_24_X })],
  });
  return stack;
}

/**
 * The stacks the scanners check, in one app: the example's, as deployed by default and with its
 * SnapStart twin (`-c snapStart=true`: a version and an alias more), and the every-feature stack.
 */
export function scannedStacks(app: App): Stack[] {
  return [...addFormValidationStacks(app), ...addFormValidationStacks(app, { snapStart: true }, 'FormValidationSnapStart'), addEveryFeatureStack(app)];
}
