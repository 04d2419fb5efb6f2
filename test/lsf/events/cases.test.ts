import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCases } from '../../../src/lsf/events/cases';
import { memberSource } from '../../../src/lsf/events/json-member-source';

describe('memberSource', () => {
  test.each([
    ['{"event": {"age": 36.0}, "expected": 1}', '{"age": 36.0}'],
    ['{ "name" : "x" , "event" : [1, "]", {"a": "}"}] }', '[1, "]", {"a": "}"}]'],
    ['{"expected": {}, "event": "caf\\u00e9 \\"quoted\\""}', '"caf\\u00e9 \\"quoted\\""'],
    ['{"event": -1.5e3}', '-1.5e3'],
    ['{"event": null, "expected": true}', 'null'],
    ['{"event": 1, "event": {"last": true}}', '{"last": true}'],
    ['{"eventual": 1}', undefined],
  ])('%s', (json, source) => {
    expect(memberSource(json, 'event')).toBe(source);
  });
});

describe('readCases', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'lsf-cases-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function casesFile(...lines: string[]): string {
    const file = path.join(dir, 'cases.jsonl');
    writeFileSync(file, lines.join('\n'));
    return file;
  }

  test('sends each event exactly as written and keeps the expected answer as parsed JSON, and as written', () => {
    const file = casesFile(
      '{"name": "age written as 36.0", "event": {"age": 36.0, "name": "Zo\\u00eb"}, "expected": {"valid": true, "errors": []}}',
      '',
      '{"expected": {"errors": [{"field": "", "code": "wrong_type"}], "valid": false}, "event": [], "name": "an array"}',
    );
    expect(readCases(file)).toEqual([
      { name: 'age written as 36.0', event: '{"age": 36.0, "name": "Zo\\u00eb"}', expected: { valid: true, errors: [] }, expectedText: '{"valid": true, "errors": []}' },
      { name: 'an array', event: '[]', expected: { errors: [{ field: '', code: 'wrong_type' }], valid: false }, expectedText: '{"errors": [{"field": "", "code": "wrong_type"}], "valid": false}' },
    ]);
  });

  test('a line with only a name and an event is a case without expected answer; null is an expected answer', () => {
    const [without, nullAnswer, falseAnswer] = readCases(casesFile(
      '{"name": "no answer", "event": {"a": 1}}',
      '{"name": "null answer", "event": {}, "expected": null}',
      '{"name": "false answer", "event": {}, "expected": false}',
    ));
    expect(without).toStrictEqual({ name: 'no answer', event: '{"a": 1}' });
    expect('expected' in without).toBe(false);
    expect(nullAnswer).toStrictEqual({ name: 'null answer', event: '{}', expected: null, expectedText: 'null' });
    expect('expected' in nullAnswer).toBe(true);
    expect(falseAnswer.expected).toBe(false);
  });

  test.each([
    ['not JSON', '{"name": "ok", "event": {}}\n{"name": "x", "event": ', ':2: not a JSON object'],
    ['not an object', '[1]', ':1: not a JSON object. Each line is {"name": ..., "event": ..., "expected": ...}.'],
    ['no name', '{"event": {}}', ':1: "name" must be a non-empty string.'],
    ['no event', '{"name": "ok", "event": {}}\n\n{"name": "no event", "expected": {}}', ':3: case "no event" needs "event" (the event to send; "expected", the answer, is optional).'],
    ['a name used twice', '{"name": "ok", "event": {}}\n{"name": "ok", "event": 1}', ':2: case name "ok" is used twice'],
  ])('a bad line is reported with file and line number: %s', (_what, text, message) => {
    const file = casesFile(text);
    expect(() => readCases(file)).toThrow(`${file}${message}`);
  });

  test('a file without cases says what a line looks like', () => {
    const file = casesFile('', '  ');
    expect(() => readCases(file)).toThrow(`--cases: ${file} has no cases. Add one {"name", "event", "expected"} object per line.`);
  });
});
