import { CloudWatchLogsClient, GetQueryResultsCommand, StartQueryCommand, StopQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient, ListFunctionsCommand, paginateListFunctions } from '@aws-sdk/client-lambda';
import { LocalLambdaApi } from '../../dev/local-lambda/local-lambda-api';
import { LocalLogsApi } from '../../dev/local-logs/local-logs-api';
import { coldStartRankingQuery } from '../../src/private/fleet/cold-start-ranking-query';
import { RECORDED_FLEET } from '../fleet/recorded-fleet';
import { nodeFixture } from '../lsf/bench/fault-fixtures';

const CLIENT = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  // Retries would hide the throttles these tests provoke.
  maxAttempts: 1,
};
// The recorded lines are from 21 to 25 November 2026.
const RECORDED = { startTime: Date.parse('2026-11-20T00:00:00Z') / 1000, endTime: Date.parse('2026-11-26T00:00:00Z') / 1000 };
const QUERY = coldStartRankingQuery({ windowDays: 7, usdPerGbSecond: 0.0000133334 });

describe('LocalLogsApi: Logs Insights over recorded lines, for the real SDK client', () => {
  let api: LocalLogsApi;
  let logs: CloudWatchLogsClient;
  beforeEach(async () => {
    api = await LocalLogsApi.start({ events: RECORDED_FLEET, emptyLogGroups: ['/aws/lambda/empty'], runningPolls: 2 });
    logs = new CloudWatchLogsClient({ ...CLIENT, endpoint: api.endpoint });
  });
  afterEach(async () => {
    logs.destroy();
    await api.close();
  });

  async function start(logGroupNames: string[], range = RECORDED) {
    return (await logs.send(new StartQueryCommand({ logGroupNames, queryString: QUERY, ...range }))).queryId!;
  }

  test('Running, then Complete with the rows the query computes from the lines: strings, @log with the account', async () => {
    const queryId = await start(['/aws/lambda/checkout-python', '/aws/lambda/render-node', '/aws/lambda/empty']);
    const polls = [];
    for (let i = 0; i < 3; i++) polls.push(await logs.send(new GetQueryResultsCommand({ queryId })));
    expect(polls.map((p) => p.status)).toEqual(['Running', 'Running', 'Complete']);
    const [python, node] = polls[2].results!.map((row) => Object.fromEntries(row.map((f) => [f.field, f.value])));
    expect(python).toMatchObject({ '@log': '000000000000:/aws/lambda/checkout-python', 'coldStarts': '3', 'invocations': '6', 'initP95Ms': '455' });
    expect(node['@log']).toBe('000000000000:/aws/lambda/render-node');
    expect(polls[2].results).toHaveLength(2);
  });

  test('only the lines in [startTime, endTime]', async () => {
    const queryId = await start(['/aws/lambda/checkout-python'], { startTime: Date.parse('2026-11-23T00:00:00Z') / 1000, endTime: RECORDED.endTime });
    let answer;
    do answer = await logs.send(new GetQueryResultsCommand({ queryId })); while (answer.status !== 'Complete');
    expect(Object.fromEntries(answer.results![0].map((f) => [f.field, f.value]))).toMatchObject({ coldStarts: '1', invocations: '2' });
  });

  test('refuses what CloudWatch refuses: more than 50 log groups, a log group that does not exist', async () => {
    const many = Array.from({ length: 51 }, () => '/aws/lambda/checkout-python');
    await expect(start(many)).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(start(['/aws/lambda/checkout-python', '/aws/lambda/nope'])).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  test('throttles on demand, limits concurrent queries, stops a running query', async () => {
    api.throttleNext(1);
    await expect(start(['/aws/lambda/render-node'])).rejects.toMatchObject({ name: 'ThrottlingException' });
    await api.close();
    api = await LocalLogsApi.start({ events: RECORDED_FLEET, maxConcurrentQueries: 1 });
    logs = new CloudWatchLogsClient({ ...CLIENT, endpoint: api.endpoint });
    const queryId = await start(['/aws/lambda/render-node']);
    await expect(start(['/aws/lambda/render-node'])).rejects.toMatchObject({ name: 'LimitExceededException' });
    expect((await logs.send(new StopQueryCommand({ queryId }))).success).toBe(true);
    expect((await logs.send(new GetQueryResultsCommand({ queryId }))).status).toBe('Cancelled');
    expect(api.calls.map((c) => [c.operation, c.errorType])).toEqual([
      ['StartQuery', undefined], ['StartQuery', 'LimitExceededException'], ['StopQuery', undefined], ['GetQueryResults', undefined],
    ]);
  });
});

describe('LocalLambdaApi: ListFunctions', () => {
  let api: LocalLambdaApi;
  let lambda: LambdaClient;
  beforeEach(async () => {
    api = await LocalLambdaApi.start({
      functions: Array.from({ length: 12 }, (_, i) => ({ name: `fn-${i}`, spec: nodeFixture('echo.js'), runtime: 'python3.13', logFormat: 'JSON' as const })),
      functionsPageSize: 5,
    });
    lambda = new LambdaClient({ ...CLIENT, endpoint: api.endpoint });
  });
  afterEach(async () => {
    lambda.destroy();
    await api.close();
  });

  test('pages of at most the page size, Marker to NextMarker, every function once', async () => {
    const pages = [];
    for await (const page of paginateListFunctions({ client: lambda }, {})) pages.push(page.Functions!.map((f) => f.FunctionName));
    expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
    expect(pages.flat()).toEqual(Array.from({ length: 12 }, (_, i) => `fn-${i}`));
    const [first] = (await lambda.send(new ListFunctionsCommand({ MaxItems: 1 }))).Functions!;
    expect(first).toMatchObject({ FunctionName: 'fn-0', Runtime: 'python3.13', LoggingConfig: { LogFormat: 'JSON', LogGroup: '/aws/lambda/fn-0' } });
  });

  test('refuses a bad Marker or MaxItems, throttles on demand', async () => {
    await expect(lambda.send(new ListFunctionsCommand({ Marker: 'nope' }))).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    await expect(lambda.send(new ListFunctionsCommand({ MaxItems: 51 }))).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    api.throttleNextListFunctions(1);
    await expect(lambda.send(new ListFunctionsCommand({}))).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    expect((await lambda.send(new ListFunctionsCommand({}))).Functions).toHaveLength(5);
  });
});
