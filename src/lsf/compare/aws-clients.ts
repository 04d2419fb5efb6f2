import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { UsageError } from '../errors';

/** Where to connect: the user's normal chain for credentials, and an optional region and endpoint. */
export interface AwsConnection {
  /** @default the SDK's chain: AWS_REGION, then the profile's region */
  readonly region?: string;
  /** An endpoint override for both services (a local Lambda API in the tests). */
  readonly endpoint?: string;
  /** Hears the SDK's notices, one line each (instead of the process's warnings). */
  readonly log: (line: string) => void;
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
  const [lambda, cloudFormation] = withNodeNoticeInOneLine(connection.log,
    () => [new LambdaClient(config), new CloudFormationClient(config)] as const);
  let region: string;
  try {
    region = await lambda.config.region();
  } catch (error) {
    throw new UsageError(`No usable AWS region (${(error as Error).message}): pass --region, or set AWS_REGION, or give your AWS profile a region (aws configure).`);
  }
  try {
    await lambda.config.credentials();
  } catch (error) {
    throw new UsageError(`No AWS credentials (${(error as Error).message}). Configure them as for the AWS CLI: aws configure, aws sso login, AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.`);
  }
  return { lambda, cloudFormation, region, endpoint: connection.endpoint };
}

const NODE_NOTICE = 'NodeVersionSupportWarning';

/**
 * Runs `make` (which creates SDK clients) with the SDK's notice that it will need a newer Node
 * said in one line through `log`. The SDK's first client in a process calls
 * `process.emitWarning` with a nine-line text (AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
 * silences it); every other warning goes through as it would.
 */
function withNodeNoticeInOneLine<T>(log: (line: string) => void, make: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (text.startsWith(NODE_NOTICE)) return log(oneLine(text));
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return make();
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** `Note: ... need Node >=22 ... (this is v20.20.2; ...): https://...` from the SDK's text, or the text on one line if it is worded otherwise. */
export function oneLine(text: string): string {
  const flat = text.slice(NODE_NOTICE.length).replace(/^:\s*/, '').replace(/\s+/g, ' ').trim();
  const when = /versions published after (.+?) will require node >=(\d+)\. You are running node (v\d+(?:\.\d+)*)/i.exec(flat);
  const link = /https?:\/\/\S+/.exec(flat);
  if (!when) return `Note: ${flat}`;
  return `Note: AWS SDK for JavaScript v3 versions published after ${when[1]} need Node >=${when[2]}; lsf runs on Node ${when[3]}${link ? ` (${link[0]})` : ''}.`;
}
