import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** What else the function needs its role for. */
export interface LogWriterRoleOptions {
  /** The function runs in a VPC: Lambda manages its network interfaces through the role. */
  readonly inVpc: boolean;
}

/**
 * The execution role of a function that the construct creates when the user gives none:
 * it may create streams in and write to the function's own log group, and nothing else.
 * (lambda.Function's default role carries AWSLambdaBasicExecutionRole, which allows writing
 * to every log group of the account.)
 */
export function logWriterRole(scope: Construct, id: string, logGroup: logs.ILogGroupRef, options: LogWriterRoleOptions): iam.Role {
  const role = new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  role.addToPolicy(new iam.PolicyStatement({
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [logGroup.logGroupRef.logGroupArn],
  }));
  if (options.inVpc) {
    // lambda.Function adds AWSLambdaVPCAccessExecutionRole only to a role it creates itself. These
    // are its network-interface actions (without its logs:* on every group); they take no narrower resource.
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
      resources: ['*'],
    }));
  }
  return role;
}
