import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { CompareUsageError } from './compare-errors';

/** Where to connect: the user's normal chain for credentials, and an optional region and endpoint. */
export interface AwsConnection {
  /** @default the SDK's chain: AWS_REGION, then the profile's region */
  readonly region?: string;
  /** An endpoint override for both services (a local Lambda API in the tests). */
  readonly endpoint?: string;
}

/** The two clients lsf compare uses, and the region they resolved. */
export interface AwsClients {
  readonly lambda: LambdaClient;
  readonly cloudFormation: CloudFormationClient;
  readonly region: string;
  /** The endpoint override, if any. */
  readonly endpoint?: string;
}

/**
 * Creates the clients and resolves region and credentials before any call, so that a missing
 * one is named up front rather than in the middle of a run. The SDK's own retries are off:
 * throttling is retried by withBackoff, which counts it for the report.
 */
export async function connect(connection: AwsConnection): Promise<AwsClients> {
  const config = { region: connection.region, endpoint: connection.endpoint, maxAttempts: 1 };
  const lambda = new LambdaClient(config);
  const cloudFormation = new CloudFormationClient(config);
  let region: string;
  try {
    region = await lambda.config.region();
  } catch (error) {
    throw new CompareUsageError(`No usable AWS region (${(error as Error).message}): pass --region, or set AWS_REGION, or give your AWS profile a region (aws configure).`);
  }
  try {
    await lambda.config.credentials();
  } catch (error) {
    throw new CompareUsageError(`No AWS credentials (${(error as Error).message}). Configure them as for the AWS CLI: aws configure, aws sso login, AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.`);
  }
  return { lambda, cloudFormation, region, endpoint: connection.endpoint };
}
