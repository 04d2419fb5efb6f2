import { LocalLambdaApi, LocalFunctionOptions } from '../../../dev/local-lambda/local-lambda-api';
import { EndpointRouter, isLogsRequest } from '../../../dev/local-logs/endpoint-router';
import { LocalLogsApi, LogEvent } from '../../../dev/local-logs/local-logs-api';
import { RECORDED_FLEET } from '../../fleet/recorded-fleet';
import { nodeFixture } from '../bench/fault-fixtures';

const HOUR_MS = 3_600_000;

/** How many generated functions join the recorded ones: with them, one architecture has more than 50 log groups. */
export const GENERATED = 52;
/** Functions per ListFunctions page in the tests: several pages. */
export const PAGE_SIZE = 7;

/**
 * The recorded fleet, moved in time so that its newest line was logged an hour ago: the
 * `--since` window is counted back from now, and the recording is from November 2026.
 */
export function recordedFleetNow(now = Date.now()): LogEvent[] {
  const newest = Math.max(...RECORDED_FLEET.map(timeOf).filter((t): t is number => t !== undefined));
  return RECORDED_FLEET.map((event) => shifted(event, now - HOUR_MS - newest));
}

/**
 * Generated functions beside the recorded ones, each a copy of render-node's lines under its
 * own log group, with init durations of `initOf(i)` ms (small: the recorded functions rank first).
 */
export function generatedFleet(events: readonly LogEvent[]): LogEvent[] {
  const template = events.filter((e) => e.logGroup === '/aws/lambda/render-node');
  return Array.from({ length: GENERATED }, (_, i) => template.map((event) => {
    const message = JSON.parse(event.message);
    if (message.record?.metrics?.initDurationMs !== undefined) message.record.metrics.initDurationMs = generatedInitMs(i);
    return { logGroup: `/aws/lambda/${generatedName(i)}`, message: JSON.stringify(message) };
  })).flat();
}

export function generatedName(i: number): string {
  return `gen-${String(i).padStart(2, '0')}-${i % 2 === 0 ? 'python' : 'node'}`;
}

export function generatedInitMs(i: number): number {
  return 20 + i;
}

/** The deployed fleet: configurations as ListFunctions shows them. The runtime process never starts (nothing is invoked). */
export function fleetFunctions(): LocalFunctionOptions[] {
  const fn = (name: string, runtime: string, memorySize: number, logFormat: 'JSON' | 'Text', architecture: 'arm64' | 'x86_64' = 'arm64'): LocalFunctionOptions =>
    ({ name, runtime, memorySize, logFormat, architecture, spec: nodeFixture('echo.js') });
  return [
    fn('checkout-python', 'python3.13', 1024, 'JSON'),
    fn('render-node', 'nodejs22.x', 512, 'JSON'),
    fn('validate-rust', 'provided.al2023', 10240, 'JSON'),
    fn('legacy-text', 'python3.12', 256, 'Text', 'x86_64'),
    // JSON logs, a log group, nothing in it; and no log group at all (it never ran).
    fn('quiet-node', 'nodejs20.x', 128, 'JSON', 'x86_64'),
    fn('never-ran', 'python3.13', 128, 'JSON'),
    ...Array.from({ length: GENERATED }, (_, i) => fn(generatedName(i), i % 2 === 0 ? 'python3.13' : 'nodejs22.x', 512, 'JSON')),
  ];
}

/** Both loopback APIs with the recorded fleet, behind one endpoint (the CLI takes one --endpoint-url). */
export interface LocalFleet {
  readonly lambda: LocalLambdaApi;
  readonly logs: LocalLogsApi;
  readonly events: LogEvent[];
  readonly endpoint: string;
  close(): Promise<void>;
}

export async function startFleet(options: { runningPolls?: number; maxConcurrentQueries?: number } = {}): Promise<LocalFleet> {
  const recorded = recordedFleetNow();
  const events = [...recorded, ...generatedFleet(recorded)];
  const lambda = await LocalLambdaApi.start({
    functions: fleetFunctions(),
    stacks: [
      {
        name: 'Checkout',
        resources: [
          { logicalId: 'CheckoutFn', physicalId: 'checkout-python', type: 'AWS::Lambda::Function' },
          { logicalId: 'CheckoutRole', physicalId: 'checkout-role', type: 'AWS::IAM::Role' },
          { logicalId: 'ValidateFn', physicalId: 'validate-rust', type: 'AWS::Lambda::Function' },
        ],
      },
      { name: 'Buckets', resources: [{ logicalId: 'Bucket', physicalId: 'my-bucket', type: 'AWS::S3::Bucket' }] },
    ],
    functionsPageSize: PAGE_SIZE,
  });
  const logs = await LocalLogsApi.start({ events, emptyLogGroups: ['/aws/lambda/quiet-node'], ...options });
  const router = await EndpointRouter.start([{ endpoint: logs.endpoint, accepts: isLogsRequest }], lambda.endpoint);
  return {
    lambda,
    logs,
    events,
    endpoint: router.endpoint,
    close: async () => {
      await router.close();
      await lambda.close();
      await logs.close();
    },
  };
}

/** The arguments every test run needs: the local endpoint and short waits. */
export function fleetArgs(fleet: LocalFleet): string[] {
  return ['--endpoint-url', fleet.endpoint, '--poll-ms', '5', '--backoff-ms', '5'];
}

function timeOf(event: LogEvent): number | undefined {
  try {
    const message = JSON.parse(event.message);
    return Date.parse(message.time ?? message.timestamp);
  } catch {
    return undefined;
  }
}

function shifted(event: LogEvent, byMs: number): LogEvent {
  let message;
  try {
    message = JSON.parse(event.message);
  } catch {
    return event;
  }
  for (const key of ['time', 'timestamp']) {
    if (typeof message[key] === 'string') message[key] = new Date(Date.parse(message[key]) + byMs).toISOString();
  }
  return { ...event, message: JSON.stringify(message) };
}
