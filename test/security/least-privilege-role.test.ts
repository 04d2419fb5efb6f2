import { CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { LatencySensitiveFunction, Twin } from '../../src';
import { FIXTURES, stackWithoutBundling } from '../fixtures';

function withTwin(twin: Twin): { stack: Stack; fn: LatencySensitiveFunction; twinFunction: lambda.Function; template: Template } {
  const stack = stackWithoutBundling();
  const fn = new LatencySensitiveFunction(stack, 'Validate', { manifestPath: FIXTURES.hello, twins: [twin] });
  return { stack, fn, twinFunction: fn.twins[0].lambdaFunction as lambda.Function, template: Template.fromStack(stack) };
}

function logicalIdOf(construct: IConstruct | undefined): string {
  return Stack.of(construct!).getLogicalId(construct!.node.defaultChild as CfnElement);
}

/** Every statement of the template's IAM policies, by the logical ID of the role it is attached to. */
function statementsByRole(template: Template): Record<string, unknown[]> {
  const byRole: Record<string, unknown[]> = {};
  for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
    for (const role of policy.Properties.Roles as Array<{ Ref: string }>) {
      byRole[role.Ref] = [...byRole[role.Ref] ?? [], ...policy.Properties.PolicyDocument.Statement];
    }
  }
  return byRole;
}

/** The only statement a default role holds: streams and events in one log group. */
function writesTo(logGroup: IConstruct | undefined): unknown[] {
  return [{
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Effect: 'Allow',
    Resource: { 'Fn::GetAtt': [logicalIdOf(logGroup), 'Arn'] },
  }];
}

describe.each([
  ['python', () => Twin.python({ entry: FIXTURES.pythonTwin, index: 'handler.py' })],
  ['node', () => Twin.node({ entry: FIXTURES.nodeTwinEntry })],
])('the default roles of the function and its %s twin', (_, twin) => {
  test('carry no managed policy (AWSLambdaBasicExecutionRole allows writing to every log group)', () => {
    const { template } = withTwin(twin());
    const roles = template.findResources('AWS::IAM::Role');
    expect(Object.keys(roles)).toHaveLength(2);
    for (const role of Object.values(roles)) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
      ]);
    }
  });

  test('may each write to their own log group only, not to each other\'s', () => {
    const { fn, twinFunction, template } = withTwin(twin());
    expect(logicalIdOf(fn.logGroup)).not.toEqual(logicalIdOf(twinFunction.logGroup));
    expect(statementsByRole(template)).toEqual({
      [logicalIdOf(fn.role)]: writesTo(fn.logGroup),
      [logicalIdOf(twinFunction.role)]: writesTo(twinFunction.logGroup),
    });
  });
});

test('a role the user gives is used as is: nothing is added to it and no other role is created', () => {
  const stack = stackWithoutBundling();
  const role = new iam.Role(stack, 'MyRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
  });
  new LatencySensitiveFunction(stack, 'Validate', { manifestPath: FIXTURES.hello, role });
  const template = Template.fromStack(stack);
  template.resourceCountIs('AWS::IAM::Role', 1);
  template.resourceCountIs('AWS::IAM::Policy', 0);
  template.hasResourceProperties('AWS::Lambda::Function', { Role: { 'Fn::GetAtt': [logicalIdOf(role), 'Arn'] } });
  const [userRole] = Object.values(template.findResources('AWS::IAM::Role'));
  expect(JSON.stringify(userRole.Properties.ManagedPolicyArns)).toContain('service-role/AWSLambdaBasicExecutionRole');
});

test('with a log group the user gives, the default role may write to that group only', () => {
  const stack = stackWithoutBundling();
  const logGroup = logs.LogGroup.fromLogGroupName(stack, 'Shared', '/team/validate');
  new LatencySensitiveFunction(stack, 'Validate', { manifestPath: FIXTURES.hello, logGroup });
  expect(Object.values(statementsByRole(Template.fromStack(stack)))).toEqual([[{
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Effect: 'Allow',
    Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:123456789012:log-group:/team/validate:*']] },
  }]]);
});

test('in a VPC, the default role may also manage the function\'s network interfaces, as lambda.Function\'s own role would', () => {
  const stack = stackWithoutBundling();
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const fn = new LatencySensitiveFunction(stack, 'Validate', { manifestPath: FIXTURES.hello, vpc });
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::Lambda::Function', { VpcConfig: { SubnetIds: Match.anyValue() } });
  expect(statementsByRole(template)[logicalIdOf(fn.role)]).toEqual([
    ...writesTo(fn.logGroup),
    {
      Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
      Effect: 'Allow',
      Resource: '*',
    },
  ]);
  for (const role of Object.values(template.findResources('AWS::IAM::Role'))) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
});
