import { checkAnswers } from '../../../src/lsf/compare/answer-check';
import { FunctionFacts } from '../../../src/lsf/compare/function-facts';
import { RunFailure } from '../../../src/lsf/errors';
import { Case } from '../../../src/lsf/events/cases';

function facts(name: string): FunctionFacts {
  return { name, arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`, runtime: 'provided.al2023', architecture: 'arm64', memorySize: 1024, codeSize: 1 };
}

const FN = facts('fn');
const TWIN = facts('twin');

/** The message checkAnswers throws, or undefined when the answers pass. */
function failure(event: Case, fnBody: string, twinBody: string): string | undefined {
  try {
    checkAnswers(event, [{ fn: FN, body: fnBody }, { fn: TWIN, body: twinBody }]);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(RunFailure);
    return (error as Error).message;
  }
}

describe('checkAnswers compares JSON values', () => {
  test('key order, spacing and the way numbers are written do not count, with or without an expected answer', () => {
    const expected = { valid: false, errors: [{ field: 'email', code: 'format' }], age: 36 };
    const rust = '{"errors":[{"code":"format","field":"email"}],"age":36,"valid":false}';
    const python = '{"valid": false, "errors": [{"field": "email", "code": "format"}], "age": 36.0}';
    expect(failure({ name: 'e', event: '{}', expected }, rust, python)).toBeUndefined();
    expect(failure({ name: 'e', event: '{}' }, rust, python)).toBeUndefined();
  });

  test('null is an expected answer, not a missing one', () => {
    expect(failure({ name: 'e', event: '{}', expected: null }, 'null', 'null')).toBeUndefined();
    expect(failure({ name: 'e', event: '{}', expected: null }, 'null', '{}')).toBe('Event "e": answers differ from the expected one, '
      + 'so the timings would compare different work.\n  twin:\n    $: expected null, got an object');
  });

  test('against the expected answer, each function that differs is named with the differing paths', () => {
    const event = { name: 'bad email', event: '{}', expected: { valid: false, errors: [{ field: 'email' }] } };
    expect(failure(event, '{"valid": false, "errors": [{"field": "mail"}]}', '{"errors": [], "valid": true, "extra": 1}')).toBe(
      'Event "bad email": answers differ from the expected one, so the timings would compare different work.\n'
      + '  fn:\n'
      + '    $.errors[0].field: expected "email", got "mail"\n'
      + '  twin:\n'
      + '    $.valid: expected false, got true\n'
      + '    $.errors: expected 1 element, got 0\n'
      + '    $.extra: not expected, got 1');
  });

  test('without an expected answer, the twin must answer as the function does', () => {
    expect(failure({ name: 'event', event: '{}' }, '{"a": [1, 2]}', '{"a": [2, 1]}')).toBe(
      'Event "event": twin answered differently from fn, so the timings would compare different work.\n'
      + '  twin (expected: what fn answered):\n'
      + '    $.a[0]: expected 1, got 2\n'
      + '    $.a[1]: expected 2, got 1');
  });

  test('at most five differences per function, then says there are more', () => {
    const message = failure({ name: 'e', event: '{}' }, '[1, 2, 3, 4, 5, 6, 7]', '[0, 0, 0, 0, 0, 0, 0]')!;
    expect(message).toContain('    $[4]: expected 5, got 0\n    ... and more differences');
    expect(message).not.toContain('$[5]');
  });

  test('a body that is not JSON is compared as text, and named when it differs', () => {
    expect(failure({ name: 'e', event: '{}' }, 'plain text', 'plain text')).toBeUndefined();
    expect(failure({ name: 'e', event: '{}', expected: { ok: true } }, '{"ok": true}', 'Internal error')).toBe(
      'Event "e": answers differ from the expected one, so the timings would compare different work.\n'
      + '  twin:\n    $: expected {"ok":true}, got a body that is not JSON: Internal error');
  });
});

describe('checkAnswers compares the answers to an HTTP event as its client receives them', () => {
  const event: Case = { name: 'quote', event: '{"version": "2.0", "rawPath": "/quote", "requestContext": {"http": {"method": "POST"}}}' };
  const rust = JSON.stringify({ statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [], isBase64Encoded: false, body: '{"total_cents":2500}' });

  test('lambda_http\'s proxy response equals a payload 2.0 twin\'s bare object', () => {
    expect(failure(event, rust, '{"total_cents": 2500}')).toBeUndefined();
  });

  test('a difference names the source and the field', () => {
    expect(failure(event, rust, '{"total_cents": 2499}')).toBe(
      'Event "quote" (HTTP API payload 2.0: compared as its client receives them): twin answered differently from fn, so the timings would compare different work.\n'
      + '  twin (expected: what fn answered):\n    $.body.total_cents: expected 2500, got 2499');
  });

  test('--parity json compares the proxy responses themselves', () => {
    expect(() => checkAnswers(event, [{ fn: FN, body: rust }, { fn: TWIN, body: '{"total_cents": 2500}' }], 'json')).toThrow('$.statusCode: missing (expected 200)');
  });
});
