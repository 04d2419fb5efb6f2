import { LocalFleet, fleetArgs, startFleet } from './fleet-harness';
import { lsf } from '../bench/cli-harness';
import { useTestCredentials } from '../compare/compare-harness';

useTestCredentials();
let fleet: LocalFleet | undefined;
afterEach(async () => fleet?.close());

describe('throttling is retried with backoff and counted, as lsf compare does', () => {
  test('ListFunctions (429 TooManyRequestsException) and Logs Insights (ThrottlingException): the same ranking, the retries counted', async () => {
    fleet = await startFleet();
    const quiet = JSON.parse((await lsf('fleet', '--json', ...fleetArgs(fleet))).stdout);
    fleet.lambda.throttleNextListFunctions(2);
    fleet.logs.throttleNext(3);
    const run = await lsf('fleet', '--json', ...fleetArgs(fleet));
    expect(run.code).toBe(0);
    const throttled = JSON.parse(run.stdout);
    expect(throttled.retries).toEqual({ TooManyRequestsException: 2, ThrottlingException: 3 });
    expect(throttled.functions).toEqual(quiet.functions);
  });

  test('the table says so', async () => {
    fleet = await startFleet();
    fleet.logs.throttleNext(1);
    const run = await lsf('fleet', ...fleetArgs(fleet));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Retried after ThrottlingException x1 (with backoff)');
  });

  test('more queries than the account runs at once (LimitExceededException): retried, and the ranking completes', async () => {
    fleet = await startFleet({ maxConcurrentQueries: 1, runningPolls: 3 });
    const run = await lsf('fleet', '--json', '--concurrency', '3', ...fleetArgs(fleet));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).retries.LimitExceededException).toBeGreaterThan(0);
    expect(fleet.logs.maxRunning).toBe(1);
  });

  test('throttling that does not end: exit 1, what was refused and what to do', async () => {
    fleet = await startFleet();
    fleet.logs.throttleNext(100);
    const run = await lsf('fleet', '--max-retries', '2', ...fleetArgs(fleet));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/lsf fleet: Starting a Logs Insights query over .*: still refused with ThrottlingException after 2 retries \(Rate exceeded\)\. /);
    expect(run.stderr).toContain('Wait until other Logs Insights queries or API traffic of the account end, lower --concurrency, or retry with more --max-retries.');
  });
});

describe('bounded time', () => {
  test('a query that does not complete in --query-timeout is stopped: exit 1', async () => {
    fleet = await startFleet({ runningPolls: 1_000_000 });
    const run = await lsf('fleet', '--query-timeout', '100', ...fleetArgs(fleet));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/did not complete within 100 ms and was stopped \(query [0-9a-f-]+\)\. Retry with a longer --query-timeout, or a shorter --since\./);
    expect(fleet.logs.calls.some((c) => c.operation === 'StopQuery')).toBe(true);
  });

  test('an endpoint that does not answer: exit 1, check the network', async () => {
    const run = await lsf('fleet', '--endpoint-url', 'http://127.0.0.1:9', '--max-retries', '0');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('lsf fleet: could not reach http://127.0.0.1:9');
  });
});
