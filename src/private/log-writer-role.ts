import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * The execution role of a function that the construct creates when the user gives none:
 * it may create streams in and write to the function's own log group, and nothing else.
 * (lambda.Function's default role carries AWSLambdaBasicExecutionRole, which allows writing
 * to every log group of the account.)
 */
export function logWriterRole(scope: Construct, id: string, logGroup: logs.ILogGroupRef): iam.Role {
  const role = new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  role.addToPolicy(new iam.PolicyStatement({
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [logGroup.logGroupRef.logGroupArn],
  }));
  return role;
}
