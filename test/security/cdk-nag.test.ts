import { App, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { NO_BUNDLING, scannedStacks } from './scanned-stacks';
import { LatencySensitiveFunction } from '../../src';
import { FIXTURES, stackWithoutBundling } from '../fixtures';

// cdk-nag 3 is a policy-validation plugin, not an aspect, and reports through the cloud
// assembly's validation report rather than annotations; `validateScope` is its documented
// entry point for tests and returns the same violations, acknowledged ones left out.
const app = new App({ context: NO_BUNDLING });
const stacks = scannedStacks(app);
app.synth();

describe.each(stacks.map((s) => [s.stackName, s] as const))('cdk-nag AwsSolutions on %s', (_, stack) => {
  const { violations } = new AwsSolutionsChecks(stack, { verbose: true }).validateScope(stack);
  const listed = (severity: string) => violations.filter((v) => v.severity === severity)
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}: ${v.description}`));

  test('no unacknowledged error', () => {
    expect(listed('error')).toEqual([]);
  });
  test('no unacknowledged warning', () => {
    expect(listed('warning')).toEqual([]);
  });
});

test('the checks do find what they look for: lambda.Function\'s own default role is reported (AwsSolutions-IAM4)', () => {
  const plain = new App();
  const stack = new Stack(plain, 'Plain');
  new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.PYTHON_3_14, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c): pass') });
  const { violations } = new AwsSolutionsChecks(stack).validateScope(stack);
  expect(violations.map((v) => v.ruleName)).toContain('AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]');
});

test('in a VPC, the one finding on the function\'s role is the network-interface wildcard, and the README\'s acknowledgement clears it', () => {
  const stack = stackWithoutBundling();
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const fn = new LatencySensitiveFunction(stack, 'Validate', { manifestPath: FIXTURES.hello, vpc });
  const onRole = () => new AwsSolutionsChecks(stack).validateScope(stack).violations
    .filter((v) => v.violatingResources.some((r) => r.constructPath?.startsWith('Test/ValidateServiceRole')))
    .map((v) => v.ruleName);
  expect(onRole()).toEqual(['AwsSolutions-IAM5[Resource::*]']);
  Validations.of(fn.role!).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'Lambda creates and deletes the function\'s network interfaces in the VPC; these EC2 actions take no narrower resource.',
  });
  expect(onRole()).toEqual([]);
});
