import * as http from 'node:http';
import { RuntimeApiFailure, RuntimeApiServer } from '../../../../src/lsf/bench/runtime/runtime-api-server';
import { RuntimeInstance } from '../../../../src/lsf/bench/runtime/runtime-instance';
import { liveProcessGroups } from '../../../../src/lsf/bench/runtime/runtime-process';
import { nodeFixture } from '../fault-fixtures';

const LIMITS = { initTimeoutMs: 5000, invocationTimeoutMs: 2000 };

afterEach(() => {
  expect(liveProcessGroups()).toEqual([]);
});

function get(api: string, path: string): { reply: Promise<http.IncomingMessage>; request: http.ClientRequest } {
  let request!: http.ClientRequest;
  const reply = new Promise<http.IncomingMessage>((resolve, reject) => {
    request = http.get(`http://${api}${path}`, { agent: false }, resolve);
    request.on('error', reject);
  });
  return { reply, request };
}

/** Posts `body` to the server and returns the status and the failure the server reported. */
async function postAndFail(path: string, body: string | Buffer): Promise<{ status?: number; failure: RuntimeApiFailure }> {
  const server = new RuntimeApiServer();
  const api = await server.listen();
  const failure = new Promise<RuntimeApiFailure>((resolve) => server.onFailure(resolve));
  const status = await new Promise<number | undefined>((resolve, reject) => {
    const request = http.request(`http://${api}${path}`, { method: 'POST', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    request.on('error', reject);
    request.end(body);
  });
  const result = { status, failure: await failure };
  await server.close();
  return result;
}

describe('RuntimeApiServer, the loopback Lambda Runtime API', () => {
  test('an unknown endpoint is a 404 and a protocol failure naming it', async () => {
    const { status, failure } = await postAndFail('/2018-06-01/runtime/invocation/x/reply', '{}');
    expect(status).toBe(404);
    expect(failure).toEqual({ kind: 'protocol', message: 'called an unknown Runtime API endpoint: POST /2018-06-01/runtime/invocation/x/reply' });
  });

  test('an answer for a request id that was never sent is a protocol failure', async () => {
    const { status, failure } = await postAndFail('/2018-06-01/runtime/invocation/not-sent/response', '{}');
    expect(status).toBe(400);
    expect(failure).toEqual({ kind: 'protocol', message: 'answered an unknown request id not-sent' });
  });

  test('an answer over Lambda\'s 6 MB payload limit is a 413 and a protocol failure', async () => {
    const { status, failure } = await postAndFail('/2018-06-01/runtime/invocation/any/response', Buffer.alloc(6 * 1024 * 1024 + 1, 0x20));
    expect(status).toBe(413);
    expect(failure.message).toBe(`sent ${6 * 1024 * 1024 + 1} bytes, over Lambda's 6 MB payload limit`);
  });

  test('/next long-polls until an event is queued: never a 204', async () => {
    const server = new RuntimeApiServer();
    const api = await server.listen();
    let answered = false;
    const next = get(api, '/2018-06-01/runtime/invocation/next');
    next.reply.then(() => { answered = true; }, () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(false);
    void server.invoke('{"a":1}', 1000);
    const reply = await next.reply;
    expect(reply.statusCode).toBe(200);
    reply.resume();
    await server.close();
  });

  test('each server listens on a fresh loopback port', async () => {
    const servers = [new RuntimeApiServer(), new RuntimeApiServer()];
    const apis = await Promise.all(servers.map((s) => s.listen()));
    expect(apis[0]).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(apis[0]).not.toBe(apis[1]);
    await Promise.all(servers.map((s) => s.close()));
  });

  test('the event carries every header a runtime client needs, with a Content-Length', async () => {
    const instance = await RuntimeInstance.start(nodeFixture('introspect.js'), LIMITS);
    const before = Date.now();
    const { json } = await instance.invoke('{"email":"ada@example.com"}');
    await instance.stop();
    const { headers, event } = json as { headers: Record<string, string>; event: string };
    expect(event).toBe('{"email":"ada@example.com"}');
    expect(headers['content-length']).toBe(String(event.length));
    expect(headers['transfer-encoding']).toBeUndefined();
    expect(headers['lambda-runtime-aws-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers['lambda-runtime-deadline-ms']).toMatch(/^\d+$/);
    expect(Number(headers['lambda-runtime-deadline-ms'])).toBeGreaterThanOrEqual(before + LIMITS.invocationTimeoutMs - 1000);
    expect(headers['lambda-runtime-invoked-function-arn']).toMatch(/^arn:aws:lambda:us-east-1:\d{12}:function:/);
    expect(headers['lambda-runtime-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Sampled=0$/);
  });

  test('a runtime sees the Lambda variables and nothing of the caller\'s environment', async () => {
    process.env.LSF_CALLER_ONLY = 'must not leak';
    try {
      const instance = await RuntimeInstance.start(nodeFixture('introspect.js'), LIMITS);
      const { json } = await instance.invoke('{}');
      await instance.stop();
      const env = (json as { env: Record<string, string> }).env;
      expect(env.LSF_CALLER_ONLY).toBeUndefined();
      expect(env.HOME).toBeUndefined();
      expect(env.AWS_LAMBDA_RUNTIME_API).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(env).toMatchObject({
        AWS_LAMBDA_FUNCTION_NAME: 'fixture',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_REGION: 'us-east-1',
        _HANDLER: 'introspect.js',
      });
      expect(env.LAMBDA_TASK_ROOT).toContain('faults');
      expect(env.AWS_LAMBDA_MAX_CONCURRENCY).toBeUndefined();
    } finally {
      delete process.env.LSF_CALLER_ONLY;
    }
  });
});
