import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { FleetColdStarts, LatencyProfile, LatencySensitiveFunction } from '../../src';
import { logWriterRole } from '../../src/private/observability/log-writer-role';
import { FIXTURES } from '../fixtures';

const ENV = { account: '123456789012', region: 'us-east-1' };
const PYTHON = lambda.Code.fromInline('def handler(event, context):\n    return event\n');
const NODE = lambda.Code.fromInline('exports.handler = async (event) => event;\n');

/** The functions of the fleet app that log text: FleetColdStarts warns on each. */
export const TEXT_LOGGING = ['Fleet/LegacyReports', 'Fleet/LegacyExport', 'Fleet/Thumbnails'];

/**
 * A fleet as a platform team finds it: ten functions of mixed runtimes and log formats, each
 * with its own log group (one month) and a role that writes only there, watched by
 * FleetColdStarts. Seven log JSON (one a LatencySensitiveFunction with metrics of its own, one
 * on x86_64), three log text.
 */
export function addFleetStack(app: App): Stack {
  const stack = new Stack(app, 'Fleet', { env: ENV });
  new LatencySensitiveFunction(stack, 'ValidateSignup', { manifestPath: FIXTURES.hello, profile: LatencyProfile.REAL_TIME_API, dashboard: { enabled: false } });
  const fn = (id: string, props: Omit<lambda.FunctionProps, 'role' | 'logGroup'>) => {
    const logGroup = new logs.LogGroup(stack, `${id}Logs`, { retention: logs.RetentionDays.ONE_MONTH });
    return new lambda.Function(stack, id, { ...props, logGroup, role: logWriterRole(stack, `${id}Role`, logGroup, { inVpc: false }) });
  };
  const python = { runtime: lambda.Runtime.PYTHON_3_14, handler: 'index.handler', code: PYTHON, architecture: lambda.Architecture.ARM_64 };
  const node = { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: NODE, architecture: lambda.Architecture.ARM_64 };
  fn('Checkout', { ...python, memorySize: 1024, loggingFormat: lambda.LoggingFormat.JSON });
  fn('Search', { ...python, loggingFormat: lambda.LoggingFormat.JSON });
  fn('Pricing', { ...python, architecture: lambda.Architecture.X86_64, loggingFormat: lambda.LoggingFormat.JSON });
  fn('LegacyReports', { ...python, loggingFormat: lambda.LoggingFormat.TEXT });
  fn('LegacyExport', python);
  fn('Render', { ...node, memorySize: 512, loggingFormat: lambda.LoggingFormat.JSON });
  fn('Notify', { ...node, loggingFormat: lambda.LoggingFormat.JSON });
  fn('Thumbnails', { ...node, loggingFormat: lambda.LoggingFormat.TEXT });
  const webhookLogs = new logs.LogGroup(stack, 'WebhookLogs', { retention: logs.RetentionDays.ONE_MONTH });
  new nodejs.NodejsFunction(stack, 'Webhook', {
    entry: FIXTURES.nodeTwinEntry,
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    loggingFormat: lambda.LoggingFormat.JSON,
    logGroup: webhookLogs,
    role: logWriterRole(stack, 'WebhookRole', webhookLogs, { inVpc: false }),
  });
  FleetColdStarts.of(stack);
  return stack;
}
