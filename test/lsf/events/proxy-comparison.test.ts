import { HttpSource, detectHttpSource } from '../../../src/lsf/events/event-source';
import { proxyDifferences } from '../../../src/lsf/events/proxy-comparison';

function source(event: unknown): HttpSource {
  const found = detectHttpSource(event);
  if (!found) throw new Error('not an HTTP event');
  return found;
}

const REST = source({ resource: '/quote', path: '/quote', httpMethod: 'POST', requestContext: { stage: 'prod' } });
const HTTP_API = source({ version: '2.0', rawPath: '/quote', requestContext: { domainName: 'abc.execute-api.eu-west-1.amazonaws.com', http: { method: 'POST' } } });
const FUNCTION_URL = source({ version: '2.0', rawPath: '/', requestContext: { domainName: 'abc.lambda-url.eu-west-1.on.aws', http: { method: 'GET' } } });
const ELB = { elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/orders/6d0e' } };
const ALB = source({ requestContext: ELB, httpMethod: 'GET', path: '/', headers: {} });
const ALB_MULTI = source({ requestContext: ELB, httpMethod: 'GET', path: '/', multiValueHeaders: {} });
const LATTICE = source({ raw_path: '/', method: 'GET', headers: {}, is_base64_encoded: false });

/** What lambda_http answers to a REST event for a JSON quote (serde_json writes keys sorted, compact). */
const RUST_REST = {
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  multiValueHeaders: { 'content-type': ['application/json'] },
  body: '{"currency":"EUR","total_cents":2500}',
  isBase64Encoded: false,
};
/** The Python twin's answer: json.dumps, a Title-Case header, no multiValueHeaders or isBase64Encoded. */
const PYTHON_REST = { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{"total_cents": 2500, "currency": "EUR"}' };

describe('proxyDifferences: what the client receives counts, not how the answer spells it', () => {
  test('lambda_http\'s extra fields, header-name case and the body\'s key order and spacing do not count (REST)', () => {
    expect(proxyDifferences(REST, RUST_REST, PYTHON_REST)).toEqual([]);
    expect(proxyDifferences(REST, PYTHON_REST, RUST_REST)).toEqual([]);
  });

  test('isBase64Encoded absent equals false; a base64 body is decoded before it is compared', () => {
    expect(proxyDifferences(REST, { ...PYTHON_REST, isBase64Encoded: false }, PYTHON_REST)).toEqual([]);
    const encoded = { ...PYTHON_REST, isBase64Encoded: true, body: Buffer.from('{"currency":"EUR","total_cents":2500}').toString('base64') };
    expect(proxyDifferences(REST, encoded, PYTHON_REST)).toEqual([]);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff]).toString('base64');
    const image = { statusCode: 200, headers: { 'Content-Type': 'image/png' }, isBase64Encoded: true, body: png };
    expect(proxyDifferences(REST, image, { ...image, headers: { 'content-type': 'image/png' } })).toEqual([]);
    expect(proxyDifferences(REST, image, { ...image, body: Buffer.from([0x89, 0x50]).toString('base64') }))
      .toEqual(['$.body: expected 5 bytes of binary (base64 iVBOR/8=), got 2 bytes of binary (base64 iVA=)']);
  });

  test('REST: headers and multiValueHeaders merge, and multiValueHeaders wins for a name in both', () => {
    const both = { statusCode: 200, headers: { 'X-Trace': 'a', 'Content-Type': 'text/plain' }, multiValueHeaders: { 'x-trace': ['b', 'c'] }, body: 'ok' };
    expect(proxyDifferences(REST, both, { statusCode: 200, multiValueHeaders: { 'Content-Type': ['text/plain'], 'X-Trace': ['b', 'c'] }, body: 'ok' })).toEqual([]);
    expect(proxyDifferences(REST, both, { statusCode: 200, headers: { 'Content-Type': 'text/plain', 'X-Trace': 'a' }, body: 'ok' }))
      .toEqual(['header x-trace: expected ["b","c"], got "a"']);
  });

  test('payload 2.0: a bare object is a 200 with an application/json body; so is a string, as its JSON text', () => {
    const rust = { statusCode: 200, headers: { 'content-type': 'application/json' }, multiValueHeaders: {}, cookies: [], isBase64Encoded: false, body: '{"total_cents":2500}' };
    expect(proxyDifferences(HTTP_API, rust, { total_cents: 2500 })).toEqual([]);
    expect(proxyDifferences(FUNCTION_URL, { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '"Hello, world!"' }, 'Hello, world!')).toEqual([]);
    expect(proxyDifferences(HTTP_API, rust, { total_cents: 2499 })).toEqual(['$.body.total_cents: expected 2500, got 2499']);
    // Outside payload 2.0 a bare object is no proxy response: compared as JSON values, and said.
    expect(proxyDifferences(REST, RUST_REST, { total_cents: 2500 })[0]).toBe('the answer is not a REST API payload 1.0 proxy response (an object with a statusCode), so the answers are compared as JSON values');
  });

  test('payload 2.0: cookies are Set-Cookie headers, equal to one the answer sets itself; an empty cookies list is none', () => {
    const cookies = { statusCode: 201, cookies: ['cart=c-1; Path=/'], body: '' };
    expect(proxyDifferences(HTTP_API, cookies, { statusCode: 201, headers: { 'Set-Cookie': 'cart=c-1; Path=/' } })).toEqual([]);
    expect(proxyDifferences(HTTP_API, { statusCode: 204, cookies: [] }, { statusCode: 204 })).toEqual([]);
    expect(proxyDifferences(HTTP_API, cookies, { statusCode: 201, cookies: ['cart=c-2; Path=/'], body: '' }))
      .toEqual(['header set-cookie: expected "cart=c-1; Path=/", got "cart=c-2; Path=/"']);
  });

  test('ALB reads multiValueHeaders when the target group has multi-value headers on, headers otherwise', () => {
    const rust = { statusCode: 200, statusDescription: '200 OK', headers: { 'content-type': 'text/plain' }, multiValueHeaders: { 'content-type': ['text/plain'] }, isBase64Encoded: false, body: 'ok' };
    expect(proxyDifferences(ALB, rust, { statusCode: 200, statusDescription: '200 OK', headers: { 'Content-Type': 'text/plain' }, body: 'ok' })).toEqual([]);
    expect(proxyDifferences(ALB_MULTI, rust, { statusCode: 200, multiValueHeaders: { 'Content-Type': ['text/plain'] }, body: 'ok' })).toEqual([]);
    // With multi-value headers on, `headers` does not reach the client.
    expect(proxyDifferences(ALB_MULTI, rust, { statusCode: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' }))
      .toEqual(['header content-type: missing (expected "text/plain")']);
  });

  test('VPC Lattice: headers, the way the ALB reads them without multi-value headers', () => {
    expect(proxyDifferences(LATTICE, { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' },
      { isBase64Encoded: false, statusCode: 200, statusDescription: '200 OK', headers: { 'Content-Type': 'text/plain' }, body: 'ok' })).toEqual([]);
  });

  test('the source writes Content-Length and hop-by-hop headers itself: they do not count', () => {
    expect(proxyDifferences(REST, PYTHON_REST, { ...PYTHON_REST, headers: { ...PYTHON_REST.headers, 'Content-Length': 40, 'Connection': 'keep-alive' } })).toEqual([]);
  });

  test('a body compares as a JSON value when it parses as JSON, as text otherwise; no body is an empty one', () => {
    expect(proxyDifferences(REST, { statusCode: 200, body: '[1, 2.0]' }, { statusCode: 200, body: '[1,2]' })).toEqual([]);
    expect(proxyDifferences(REST, { statusCode: 204 }, { statusCode: 204, body: '' })).toEqual([]);
    expect(proxyDifferences(REST, { statusCode: 204 }, { statusCode: 204, body: null })).toEqual([]);
  });
});

describe('proxyDifferences: real differences still fail, each named by its field', () => {
  test('another status', () => {
    expect(proxyDifferences(REST, PYTHON_REST, { ...RUST_REST, statusCode: 400 })).toEqual(['statusCode: expected 200, got 400']);
  });

  test('another header value, a missing header, a header not expected', () => {
    expect(proxyDifferences(REST, { ...PYTHON_REST, headers: { 'Content-Type': 'text/plain' } }, RUST_REST))
      .toEqual(['header content-type: expected "text/plain", got "application/json"']);
    expect(proxyDifferences(REST, RUST_REST, { ...PYTHON_REST, headers: {} })).toEqual(['header content-type: missing (expected "application/json")']);
    expect(proxyDifferences(REST, PYTHON_REST, { ...PYTHON_REST, headers: { ...PYTHON_REST.headers, 'X-Cache': 'HIT' } })).toEqual(['header x-cache: not expected, got "HIT"']);
  });

  test('another body value, at its path under $.body', () => {
    expect(proxyDifferences(REST, RUST_REST, { ...PYTHON_REST, body: '{"total_cents": 2499, "currency": "EUR"}' })).toEqual(['$.body.total_cents: expected 2500, got 2499']);
  });

  test('text against JSON, and two texts', () => {
    expect(proxyDifferences(REST, { statusCode: 200, body: '{"ok":true}' }, { statusCode: 200, body: 'ok' })).toEqual(['$.body: expected JSON {"ok":true}, got text "ok"']);
    expect(proxyDifferences(REST, { statusCode: 200, body: 'ok' }, { statusCode: 200, body: 'OK' })).toEqual(['$.body: expected text "ok", got text "OK"']);
    // A payload 2.0 string is JSON text: "ok" with its quotes, not the text ok.
    expect(proxyDifferences(HTTP_API, 'ok', { statusCode: 200, headers: { 'content-type': 'application/json' }, body: 'ok' })).toEqual(['$.body: expected JSON "ok", got text "ok"']);
  });

  test('every difference of one answer, status first, up to the limit', () => {
    const other = { statusCode: 500, headers: { 'Content-Type': 'text/html' }, body: '{"total_cents": 1, "currency": "USD"}' };
    expect(proxyDifferences(REST, RUST_REST, other)).toEqual([
      'statusCode: expected 200, got 500',
      'header content-type: expected "application/json", got "text/html"',
      '$.body.currency: expected "EUR", got "USD"',
      '$.body.total_cents: expected 2500, got 1',
    ]);
    expect(proxyDifferences(REST, RUST_REST, other, 2)).toHaveLength(2);
  });
});
