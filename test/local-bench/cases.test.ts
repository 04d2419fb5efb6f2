import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCases } from '../../src/local-bench/cases';
import { memberSource } from '../../src/local-bench/json-member-source';

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

  test('sends each event exactly as written and compares answers with key order, not spacing', () => {
    const file = path.join(dir, 'cases.jsonl');
    writeFileSync(file, [
      '{"name": "age written as 36.0", "event": {"age": 36.0, "name": "Zo\\u00eb"}, "expected": {"valid": true, "errors": []}}',
      '',
      '{"expected": {"errors": [{"field": "", "code": "wrong_type"}], "valid": false}, "event": [], "name": "an array"}',
    ].join('\n'));
    expect(readCases(file)).toEqual([
      { name: 'age written as 36.0', event: '{"age": 36.0, "name": "Zo\\u00eb"}', expected: '{"valid":true,"errors":[]}' },
      { name: 'an array', event: '[]', expected: '{"errors":[{"field":"","code":"wrong_type"}],"valid":false}' },
    ]);
  });
});
