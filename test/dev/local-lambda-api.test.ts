import { CloudFormationClient, DescribeStacksCommand, ListStackResourcesCommand, paginateListStackResources } from '@aws-sdk/client-cloudformation';
import {
  GetFunctionConfigurationCommand,
  InvokeCommand,
  InvokeCommandOutput,
  LambdaClient,
  ResourceConflictException,
  ResourceNotFoundException,
  ServiceException,
  TooManyRequestsException,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { InvocationNumber, LocalLambdaApi } from '../../dev/local-lambda/local-lambda-api';
import { liveProcessGroups } from '../../src/lsf/bench/runtime/runtime-process';
import { nodeFixture } from '../lsf/bench/fault-fixtures';
import { processesInGroups } from '../lsf/bench/process-groups';

const CLIENT = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  // Retries would hide the throttles and failures these tests provoke.
  maxAttempts: 1,
};

let api: LocalLambdaApi;
let lambda: LambdaClient;
let cloudFormation: CloudFormationClient;

beforeEach(async () => {
  api = await LocalLambdaApi.start({
    functions: [
      { name: 'echo-json', spec: nodeFixture('echo.js'), memorySize: 1024, architecture: 'arm64', logFormat: 'JSON' },
      { name: 'echo-text', spec: nodeFixture('echo.js'), memorySize: 512, logFormat: 'Text' },
      { name: 'throws', spec: nodeFixture('throws.js') },
      { name: 'introspect', spec: nodeFixture('introspect.js'), environment: { MODE: 'warm' } },
    ],
    stacks: [{ name: 'MyStack', outputs: { FunctionName: 'echo-json', TwinFunctionName: 'echo-text' } }],
    updateDelayMs: 300,
  });
  lambda = new LambdaClient({ ...CLIENT, endpoint: api.endpoint });
  cloudFormation = new CloudFormationClient({ ...CLIENT, endpoint: api.endpoint });
});

afterEach(async () => {
  lambda.destroy();
  cloudFormation.destroy();
  await api.close();
  expect(liveProcessGroups()).toEqual([]);
});

async function invoke(name: string, event: unknown): Promise<InvokeCommandOutput & { log: string; json: unknown }> {
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(event), LogType: 'Tail' }));
  return { ...out, log: Buffer.from(out.LogResult ?? '', 'base64').toString('utf8'), json: JSON.parse(Buffer.from(out.Payload!).toString('utf8')) };
}

function platformReport(log: string): { requestId: string; metrics: Record<string, number>; status: string; errorType?: string } {
  const events = log.trim().split('\n').map((line) => JSON.parse(line));
  expect(events.map((e) => e.type)).toEqual(['platform.start', 'platform.report']);
  return events[1].record;
}

async function rejection(work: Promise<unknown>): Promise<Error> {
  try {
    await work;
  } catch (error) {
    return error as Error;
  }
  throw new Error('the call did not fail');
}

describe('LocalLambdaApi behind the real SDK v3 clients', () => {
  test('Invoke with Tail, JSON log format: the handler answer and a platform.report, Init Duration only when cold', async () => {
    const first = await invoke('echo-json', { n: 1 });
    expect(first.StatusCode).toBe(200);
    expect(first.ExecutedVersion).toBe('$LATEST');
    expect(first.FunctionError).toBeUndefined();
    expect(first.json).toEqual({ n: 1 });
    const cold = platformReport(first.log);
    expect(cold.status).toBe('success');
    expect(cold.metrics).toEqual({
      durationMs: expect.any(Number),
      billedDurationMs: Math.ceil(cold.metrics.durationMs + cold.metrics.initDurationMs),
      memorySizeMB: 1024,
      maxMemoryUsedMB: expect.any(Number),
      initDurationMs: expect.any(Number),
    });
    expect(cold.metrics.initDurationMs).toBeGreaterThan(0);
    expect(cold.metrics.maxMemoryUsedMB).toBeGreaterThan(1);

    const warm = platformReport((await invoke('echo-json', { n: 2 })).log);
    expect(warm.metrics.initDurationMs).toBeUndefined();
    expect(warm.metrics.billedDurationMs).toBe(Math.ceil(warm.metrics.durationMs));
    expect(warm.requestId).not.toBe(cold.requestId);
    expect(api.calls.map((c) => [c.operation, c.functionName, c.cold])).toEqual([['Invoke', 'echo-json', true], ['Invoke', 'echo-json', false]]);
  });

  test('Invoke with Tail, Text log format: START, END and a tab-separated REPORT line; by ARN too', async () => {
    const first = await invoke('echo-text', { n: 1 });
    const lines = first.log.split('\n');
    expect(lines[0]).toMatch(/^START RequestId: [0-9a-f-]{36} Version: \$LATEST$/);
    expect(lines[1]).toMatch(/^END RequestId: [0-9a-f-]{36}$/);
    expect(lines[2]).toMatch(
      /^REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 512 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms\t$/,
    );
    const second = await invoke('arn:aws:lambda:us-east-1:000000000000:function:echo-text', { n: 2 });
    expect(second.json).toEqual({ n: 2 });
    expect(second.log).toMatch(/\tMax Memory Used: \d+ MB\t\n$/);
    expect(second.log).not.toContain('Init Duration');

    api.omitReportLines('echo-text');
    expect((await invoke('echo-text', {})).log).toMatch(/^START [^\n]+\nEND [^\n]+\n$/);
    api.omitReportLines('echo-text', false);
    expect((await invoke('echo-text', {})).log).toContain('REPORT RequestId');
  });

  test('reportFigures puts the given figures into the reports of both formats; what it leaves out stays measured', async () => {
    const asked: Array<[number, boolean]> = [];
    const figures = ({ index, cold }: InvocationNumber) => {
      asked.push([index, cold]);
      if (index === 2) return undefined;
      return { durationMs: 1234.25, ...(cold ? { initDurationMs: 987.5, maxMemoryUsedMB: 77 } : { billedDurationMs: 4000 }) };
    };
    api.reportFigures('echo-json', figures);
    api.reportFigures('echo-text', figures);

    const cold = platformReport((await invoke('echo-json', {})).log);
    expect(cold.metrics).toEqual({ durationMs: 1234.25, billedDurationMs: 2222, memorySizeMB: 1024, maxMemoryUsedMB: 77, initDurationMs: 987.5 });
    const warm = platformReport((await invoke('echo-json', {})).log);
    expect(warm.metrics).toEqual({ durationMs: 1234.25, billedDurationMs: 4000, memorySizeMB: 1024, maxMemoryUsedMB: expect.any(Number) });
    expect(warm.metrics.maxMemoryUsedMB).not.toBe(77);
    const measured = platformReport((await invoke('echo-json', {})).log);
    expect(measured.metrics.durationMs).toBeLessThan(1000);

    expect((await invoke('echo-text', {})).log).toMatch(
      /\tDuration: 1234\.25 ms\tBilled Duration: 2222 ms\tMemory Size: 512 MB\tMax Memory Used: 77 MB\tInit Duration: 987\.50 ms\t\n$/,
    );
    expect((await invoke('echo-text', {})).log).toMatch(/\tDuration: 1234\.25 ms\tBilled Duration: 4000 ms\tMemory Size: 512 MB\tMax Memory Used: \d+ MB\t\n$/);
    expect(asked).toEqual([[0, true], [1, false], [2, false], [0, true], [1, false]]);
  });

  test('a handler error is FunctionError Unhandled with the error body, and resets the environment', async () => {
    const out = await invoke('throws', {});
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    expect(out.json).toEqual({ errorType: 'TypeError', errorMessage: 'form is undefined' });
    expect(out.log).toMatch(/\tInit Duration: /);
    expect((await invoke('throws', {})).log).toMatch(/\tInit Duration: /);
  });

  test('a timeout and a runtime that exits are Unhandled platform errors with a Status in the report', async () => {
    const faults = await LocalLambdaApi.start({
      functions: [
        { name: 'hangs', spec: nodeFixture('hangs.js'), timeoutSeconds: 1, logFormat: 'JSON' },
        { name: 'exits', spec: nodeFixture('exits-during-init.js') },
      ],
    });
    const client = new LambdaClient({ ...CLIENT, endpoint: faults.endpoint });
    try {
      const hung = await client.send(new InvokeCommand({ FunctionName: 'hangs', LogType: 'Tail' }));
      expect(hung.FunctionError).toBe('Unhandled');
      expect(JSON.parse(Buffer.from(hung.Payload!).toString())).toEqual({
        errorType: 'Sandbox.Timedout',
        errorMessage: expect.stringMatching(/^RequestId: \S+ Error: Task timed out after 1\.00 seconds$/),
      });
      const report = platformReport(Buffer.from(hung.LogResult!, 'base64').toString());
      expect(report).toMatchObject({ status: 'timeout', errorType: 'Sandbox.Timedout' });
      expect(report.metrics.durationMs).toBeGreaterThanOrEqual(1000);

      const exited = await client.send(new InvokeCommand({ FunctionName: 'exits', LogType: 'Tail' }));
      expect(exited.FunctionError).toBe('Unhandled');
      expect(JSON.parse(Buffer.from(exited.Payload!).toString()).errorType).toBe('Runtime.ExitError');
      expect(Buffer.from(exited.LogResult!, 'base64').toString()).toMatch(/\tStatus: error\tError Type: Runtime.ExitError\t\n$/);
    } finally {
      client.destroy();
      await faults.close();
    }
  });

  test('Event invocations answer 202 and run later; DryRun answers 204 and runs nothing', async () => {
    const event = await lambda.send(new InvokeCommand({ FunctionName: 'echo-text', InvocationType: 'Event', Payload: '{}' }));
    expect(event.StatusCode).toBe(202);
    const dryRun = await lambda.send(new InvokeCommand({ FunctionName: 'echo-json', InvocationType: 'DryRun' }));
    expect(dryRun.StatusCode).toBe(204);
    // Queued behind the Event invocation, so that one has run (cold) when this one answers.
    expect((await invoke('echo-text', {})).log).not.toContain('Init Duration');
    expect(api.calls.map((c) => [c.functionName, c.status])).toEqual([['echo-text', 202], ['echo-json', 204], ['echo-text', 200]]);
  });

  test('an update is InProgress, then Successful; the next invoke is cold and sees the new variables', async () => {
    const warm = await invoke('introspect', {});
    expect((warm.json as any).env.MODE).toBe('warm');
    const before = api.configuration('introspect');

    const updated = await lambda.send(new UpdateFunctionConfigurationCommand({
      FunctionName: 'introspect', Environment: { Variables: { MODE: 'cold', EXTRA: '1' } }, MemorySize: 256,
    }));
    expect(updated.LastUpdateStatus).toBe('InProgress');
    expect(updated.RevisionId).not.toBe(before.RevisionId);
    const during = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'introspect' }));
    expect(during).toMatchObject({ LastUpdateStatus: 'InProgress', State: 'Active', MemorySize: 256, Environment: { Variables: { MODE: 'cold', EXTRA: '1' } } });
    // The previous configuration serves invocations until the update completes, as in Lambda.
    expect(((await invoke('introspect', {})).json as any).env.MODE).toBe('warm');

    await new Promise((resolve) => setTimeout(resolve, 400));
    const after = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'introspect' }));
    expect(after).toMatchObject({
      FunctionName: 'introspect',
      FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:introspect',
      LastUpdateStatus: 'Successful',
      Timeout: 3,
      Architectures: ['x86_64'],
      LoggingConfig: { LogFormat: 'Text', LogGroup: '/aws/lambda/introspect' },
    });
    const cold = await invoke('introspect', {});
    expect(cold.log).toContain('Init Duration');
    expect(cold.log).toContain('Memory Size: 256 MB');
    expect((cold.json as any).env).toMatchObject({ MODE: 'cold', EXTRA: '1', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256' });

    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'introspect', Environment: { Variables: { MODE: 'warm' } }, MemorySize: 128 }));
    expect(api.configuration('introspect')).toMatchObject({ MemorySize: 128, Environment: { Variables: { MODE: 'warm' } } });
  });

  test('a second update while one is in progress is a ResourceConflictException', async () => {
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'echo-text', Environment: { Variables: { A: '1' } } }));
    const error = await rejection(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'echo-text', Environment: { Variables: { A: '2' } } })));
    expect(error).toBeInstanceOf(ResourceConflictException);
    expect(error.message).toMatch(/An update is in progress for resource: arn:aws:lambda:us-east-1:000000000000:function:echo-text/);
    expect(api.configuration('echo-text').Environment).toEqual({ Variables: { A: '1' } });
  });

  test('injected update failures are ServiceExceptions, then updates work again', async () => {
    api.failNextUpdates('echo-text', 1);
    const error = await rejection(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'echo-text', Timeout: 5 })));
    expect(error).toBeInstanceOf(ServiceException);
    expect((error as ServiceException).$metadata.httpStatusCode).toBe(500);
    expect(api.configuration('echo-text').Timeout).toBe(3);
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'echo-text', Timeout: 5 }));
    expect(api.configuration('echo-text').Timeout).toBe(5);
  });

  test('throttled invokes are TooManyRequestsExceptions, and the SDK retries them unless told not to', async () => {
    api.throttleNextInvokes('echo-json', 1);
    const error = await rejection(invoke('echo-json', {}));
    expect(error).toBeInstanceOf(TooManyRequestsException);
    expect(error.message).toBe('Rate Exceeded.');
    expect((error as TooManyRequestsException).Reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    expect((error as TooManyRequestsException).$metadata.httpStatusCode).toBe(429);

    api.throttleNextInvokes('echo-json', 1);
    const retrying = new LambdaClient({ ...CLIENT, maxAttempts: 2, endpoint: api.endpoint });
    const out = await retrying.send(new InvokeCommand({ FunctionName: 'echo-json', Payload: '{"ok":true}' }));
    retrying.destroy();
    expect(Buffer.from(out.Payload!).toString()).toBe('{"ok":true}');
    expect(api.calls.map((c) => c.status)).toEqual([429, 429, 200]);
  });

  test('an unknown function is a ResourceNotFoundException naming its ARN', async () => {
    const error = await rejection(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'nope' })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.message).toBe('Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope');
    expect(await rejection(invoke('nope', {}))).toBeInstanceOf(ResourceNotFoundException);
  });

  test('DescribeStacks answers the outputs; an unknown stack is a ValidationError', async () => {
    const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: 'MyStack' }));
    expect(Stacks).toHaveLength(1);
    expect(Stacks![0]).toMatchObject({ StackName: 'MyStack', StackStatus: 'CREATE_COMPLETE' });
    expect(Stacks![0].Outputs).toEqual([
      { OutputKey: 'FunctionName', OutputValue: 'echo-json' },
      { OutputKey: 'TwinFunctionName', OutputValue: 'echo-text' },
    ]);
    const error = await rejection(cloudFormation.send(new DescribeStacksCommand({ StackName: 'Missing' })));
    expect(error.name).toBe('ValidationError');
    expect(error.message).toBe('Stack with id Missing does not exist');
    expect(api.calls).toEqual([
      { operation: 'DescribeStacks', stackName: 'MyStack', status: 200 },
      { operation: 'DescribeStacks', stackName: 'Missing', status: 400, errorType: 'ValidationError' },
    ]);
  });

  test('ListStackResources answers a page of resources and a NextToken until the last page; an unknown stack is a ValidationError', async () => {
    const resources = Array.from({ length: 5 }, (_, i) => ({ logicalId: `Role${i}`, physicalId: `MyStack-Role${i}-ABC`, type: 'AWS::IAM::Role' }));
    const stacks = await LocalLambdaApi.start({
      functions: [],
      stacks: [
        { name: 'Big', resources: [...resources, { logicalId: 'Fn1234', physicalId: 'Big-Fn1234-XYZ', type: 'AWS::Lambda::Function', status: 'UPDATE_COMPLETE' }] },
        { name: 'Empty' },
      ],
      stackResourcesPageSize: 4,
    });
    const client = new CloudFormationClient({ ...CLIENT, endpoint: stacks.endpoint });
    try {
      const first = await client.send(new ListStackResourcesCommand({ StackName: 'Big' }));
      expect(first.StackResourceSummaries).toHaveLength(4);
      expect(first.StackResourceSummaries![0]).toEqual({
        LogicalResourceId: 'Role0',
        PhysicalResourceId: 'MyStack-Role0-ABC',
        ResourceType: 'AWS::IAM::Role',
        LastUpdatedTimestamp: expect.any(Date),
        ResourceStatus: 'CREATE_COMPLETE',
        DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
      });
      expect(first.NextToken).toEqual(expect.any(String));
      const last = await client.send(new ListStackResourcesCommand({ StackName: 'Big', NextToken: first.NextToken }));
      expect(last.StackResourceSummaries!.map((r) => [r.LogicalResourceId, r.PhysicalResourceId, r.ResourceType, r.ResourceStatus])).toEqual([
        ['Role4', 'MyStack-Role4-ABC', 'AWS::IAM::Role', 'CREATE_COMPLETE'],
        ['Fn1234', 'Big-Fn1234-XYZ', 'AWS::Lambda::Function', 'UPDATE_COMPLETE'],
      ]);
      expect(last.NextToken).toBeUndefined();

      // The SDK's own paginator follows the tokens to the end.
      const all: string[] = [];
      for await (const page of paginateListStackResources({ client }, { StackName: 'Big' })) {
        all.push(...page.StackResourceSummaries!.map((r) => r.LogicalResourceId!));
      }
      expect(all).toEqual(['Role0', 'Role1', 'Role2', 'Role3', 'Role4', 'Fn1234']);

      const empty = await client.send(new ListStackResourcesCommand({ StackName: 'Empty' }));
      expect(empty.StackResourceSummaries).toEqual([]);
      expect(empty.NextToken).toBeUndefined();

      const missing = await rejection(client.send(new ListStackResourcesCommand({ StackName: 'Missing' })));
      expect(missing.name).toBe('ValidationError');
      expect(missing.message).toBe('Stack with id Missing does not exist');
      const badToken = await rejection(client.send(new ListStackResourcesCommand({ StackName: 'Empty', NextToken: first.NextToken })));
      expect(badToken.name).toBe('ValidationError');
      expect(stacks.calls.map((c) => [c.operation, c.stackName, c.status])).toEqual([
        ['ListStackResources', 'Big', 200],
        ['ListStackResources', 'Big', 200],
        ['ListStackResources', 'Big', 200],
        ['ListStackResources', 'Big', 200],
        ['ListStackResources', 'Empty', 200],
        ['ListStackResources', 'Missing', 400],
        ['ListStackResources', 'Empty', 400],
      ]);
    } finally {
      client.destroy();
      await stacks.close();
    }
  });

  test('an unsigned request is refused', async () => {
    const res = await fetch(`${api.endpoint}/2015-03-31/functions/echo-json/configuration`);
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });

  test('close() stops every runtime process, those it forked included', async () => {
    const forking = await LocalLambdaApi.start({ functions: [{ name: 'f', spec: nodeFixture('echo.js', { FORK_SLEEPER: '1' }) }] });
    const client = new LambdaClient({ ...CLIENT, endpoint: forking.endpoint });
    await client.send(new InvokeCommand({ FunctionName: 'f' }));
    client.destroy();
    const groups = liveProcessGroups();
    expect(groups).toHaveLength(1);
    expect(processesInGroups(groups).length).toBeGreaterThanOrEqual(2);
    await forking.close();
    expect(processesInGroups(groups)).toEqual([]);
  });
});
