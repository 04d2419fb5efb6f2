import { answerDifferences, answerOf, comparisonFor, comparisonLabel } from '../../../src/lsf/events/answer-comparison';

const HTTP_EVENT = '{"version": "2.0", "rawPath": "/quote", "requestContext": {"http": {"method": "POST"}}}';
const RUST = '{"statusCode":200,"headers":{"content-type":"application/json"},"multiValueHeaders":{},"cookies":[],"isBase64Encoded":false,"body":"{\\"total_cents\\":2500}"}';
const TWIN = '{"total_cents": 2500}';

describe('the parity mode decides how answers are compared', () => {
  test('auto: an HTTP event\'s answers as the client receives them; any other event\'s as JSON values', () => {
    const http = comparisonFor('auto', HTTP_EVENT);
    expect(comparisonLabel(http)).toBe('HTTP API payload 2.0');
    expect(answerDifferences(http, answerOf(RUST), answerOf(TWIN))).toEqual([]);
    const direct = comparisonFor('auto', '{"name": "Ada"}');
    expect(comparisonLabel(direct)).toBe('JSON value');
    expect(answerDifferences(direct, answerOf('{"a": 1, "b": 2}'), answerOf('{"b":2,"a":1}'))).toEqual([]);
  });

  test('json: the proxy response itself as a JSON value, so lambda_http\'s extra fields differ', () => {
    const json = comparisonFor('json', HTTP_EVENT);
    expect(comparisonLabel(json)).toBe('JSON value');
    expect(answerDifferences(json, answerOf(RUST), answerOf(TWIN))).toContain('$.statusCode: missing (expected 200)');
  });

  test('strict: byte for byte, naming the first byte that differs', () => {
    const strict = comparisonFor('strict', '{"name": "Ada"}');
    expect(comparisonLabel(strict)).toBe('bytes');
    expect(answerDifferences(strict, answerOf('{"a":1}'), answerOf('{"a":1}'))).toEqual([]);
    expect(answerDifferences(strict, answerOf('{"a":1}'), answerOf('{"a": 1}'))).toEqual(['bytes: first difference at byte 5 (7 bytes expected, 8 got): expected {"a":1}, got {"a": 1}']);
    const long = `{"greeting":"${'a'.repeat(30)}!"}`;
    expect(answerDifferences(strict, answerOf(long), answerOf(long.replace('!', '?')))).toEqual([
      `bytes: first difference at byte 43 (46 bytes expected, 46 got): expected ...${'a'.repeat(20)}!"}, got ...${'a'.repeat(20)}?"}`,
    ]);
  });

  test('an answer that is not JSON equals only the same text', () => {
    const auto = comparisonFor('auto', HTTP_EVENT);
    expect(answerDifferences(auto, answerOf('ok'), answerOf('ok'))).toEqual([]);
    expect(answerDifferences(auto, answerOf(RUST), answerOf('ok'))[0]).toMatch(/^\$: expected \{"statusCode":200,.*, got a body that is not JSON: ok$/);
  });

  test('an event that is not JSON is compared as JSON values (the commands reject it before)', () => {
    expect(comparisonFor('auto', 'not json')).toEqual({ kind: 'json' });
  });
});
