import * as net from 'node:net';
import { FUNCTION_ENV, TWIN_ENV, closeApi, localArgs, startPair, useScratch, useTestCredentials } from './compare-harness';
import { LocalLambdaApi } from '../../../dev/local-lambda/local-lambda-api';
import { lsf } from '../bench/cli-harness';

useTestCredentials();
const scratch = useScratch();
let api: LocalLambdaApi;
beforeEach(async () => { api = await startPair(); });
afterEach(async () => {
  // Bad input is refused before anything changes: no update, both environments as they were.
  expect(api.calls.filter((c) => c.operation === 'UpdateFunctionConfiguration')).toEqual([]);
  expect(api.configuration('fn').Environment?.Variables).toEqual(FUNCTION_ENV);
  expect(api.configuration('twin').Environment?.Variables).toEqual(TWIN_ENV);
  await closeApi(api);
});

/** Runs lsf compare against the local API with a valid event unless `args` brings its own. */
async function compare(...args: string[]) {
  const event = args.includes('--event') || args.includes('--cases') ? [] : ['--event', scratch('event.json', '{}')];
  return lsf('compare', ...args, ...event, ...localArgs(api));
}

/** A loopback port that was just free: nothing listens on it. */
async function closedLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs `work` with environment variables removed, as on a machine without them. */
async function without<T>(names: string[], work: () => Promise<T>): Promise<T> {
  const saved = names.map((name) => [name, process.env[name]] as const);
  names.forEach((name) => delete process.env[name]);
  try {
    return await work();
  } finally {
    saved.forEach(([name, value]) => { if (value !== undefined) process.env[name] = value; });
  }
}

describe('lsf compare refuses bad input with exit code 2 and a message that names the fix', () => {
  test.each([
    ['an unknown stack', ['--stack', 'Nope'], 'There is no stack "Nope" in us-east-1 (Stack with id Nope does not exist). Check --stack and --region.'],
    ['a stack without the outputs', ['--stack', 'NoOutputs'], 'Stack NoOutputs has no output FunctionName or TwinFunctionName (it has no outputs).'],
    ['a stack output key that is not there', ['--stack', 'PairStack', '--twin-output', 'Twin'], 'Stack PairStack has no output Twin (it has FunctionName, TwinFunctionName).'],
    ['an unknown function', ['--function', 'nope', '--twin', 'twin'], 'There is no function "nope" in us-east-1.'],
    ['no functions at all', [], 'Say which functions to compare: --stack NAME (from your CDK app\'s folder after cdk synth, or with its outputs), or both --function NAME and --twin NAME.'],
    ['only --function', ['--function', 'fn'], 'or both --function NAME and --twin NAME.'],
    ['the same function twice', ['--function', 'fn', '--twin', 'fn'], '--function and --twin are the same function (fn).'],
    ['--cold 0', ['--stack', 'PairStack', '--cold', '0'], '--cold N must be a whole number from 1 to 200'],
    ['a region that is not a region name', ['--stack', 'PairStack', '--region', 'us east'], '--region must be a region name such as us-east-1 or eu-west-1, got "us east".'],
    ['an endpoint that is not a URL', ['--stack', 'PairStack', '--endpoint-url', '127.0.0.1:4566'], '--endpoint-url must be a URL such as http://127.0.0.1:4566, got "127.0.0.1:4566".'],
    ['--rps 0', ['--stack', 'PairStack', '--rps', '0'], '--rps must be a number of requests per second above 0, as a decimal such as 10 or 0.5, got "0".'],
    ['--rps that is not a number', ['--stack', 'PairStack', '--rps', 'lots'], '--rps must be a number of requests per second above 0, as a decimal such as 10 or 0.5, got "lots".'],
    ['an endpoint that is not http', ['--stack', 'PairStack', '--endpoint-url', 'ftp://127.0.0.1/'], '--endpoint-url must be an http:// or https:// URL, got "ftp://127.0.0.1/".'],
  ])('%s', async (_, args, message) => {
    const run = await compare(...args);
    expect(run.stderr).toContain(message);
    expect(run.code).toBe(2);
  });

  test('two functions with different memory are not a twin pair', async () => {
    await api.close();
    api = await startPair('echo.js', { twinMemorySize: 512 });
    const run = await compare('--stack', 'PairStack');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('fn and twin are not a twin pair: memory 1024 MB vs 512 MB. A fair comparison runs both on the same architecture and memory');
  });

  test('an event file that is not JSON', async () => {
    const run = await compare('--stack', 'PairStack', '--event', scratch('event.json', '{"email": '));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--event: .*event\.json is not JSON \(.*\)\. Lambda events are JSON documents\./);
  });

  test('an event file that does not exist', async () => {
    const run = await compare('--stack', 'PairStack', '--event', '/nonexistent/event.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--event: cannot read /nonexistent/event.json');
  });

  test('a cases file with a malformed line names the file and line', async () => {
    const run = await compare('--stack', 'PairStack', '--cases', scratch('cases.jsonl', '{"name": "a", "event": {}, "expected": {}}\nnot json\n'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--cases: .*cases\.jsonl:2: not a JSON object/);
  });

  test('both --cases and --event, or neither', async () => {
    const both = await compare('--stack', 'PairStack', '--event', scratch('event.json', '{}'), '--cases', scratch('cases.jsonl', '{}'));
    expect(both.stderr).toContain('Give the events to send: --cases FILE (JSON lines {"name", "event", "expected"?}) or --event FILE (one JSON event), not both.');
    expect(both.code).toBe(2);
    const neither = await lsf('compare', '--stack', 'PairStack', ...localArgs(api));
    expect(neither.stderr).toContain('Give the events to send: --cases FILE');
    expect(neither.code).toBe(2);
  });

  test('no region anywhere', async () => {
    const run = await without(['AWS_REGION', 'AWS_DEFAULT_REGION'], () => compare('--stack', 'PairStack'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No usable AWS region (Region is missing): pass --region, or set AWS_REGION, or give your AWS profile a region (aws configure).');
  });

  test('an endpoint nobody answers on: exit 1, naming it', async () => {
    const closed = await closedLoopbackPort();
    const run = await lsf('compare', '--stack', 'PairStack', '--event', scratch('event.json', '{}'), '--endpoint-url', `http://127.0.0.1:${closed}`);
    expect(run.stderr).toContain(`lsf compare: could not reach http://127.0.0.1:${closed} (`);
    expect(run.stderr).toContain('Check the network, --region and --endpoint-url.');
    expect(run.code).toBe(1);
  });

  test('no credentials anywhere (and no instance metadata service asked)', async () => {
    const run = await without(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'], () => compare('--stack', 'PairStack'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No AWS credentials (Could not load credentials from any providers). Configure them as for the AWS CLI');
    expect(api.calls).toEqual([]);
  });
});
