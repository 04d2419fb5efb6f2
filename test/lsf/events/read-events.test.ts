import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageError } from '../../../src/lsf/errors';
import { readEvents } from '../../../src/lsf/events/read-events';

const NEITHER_OR_BOTH = 'Give the events to send: --cases FILE (JSON lines {"name", "event", "expected"?}) or --event FILE (one JSON event), not both.';

describe('readEvents', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'lsf-read-events-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, text: string): string {
    const at = path.join(dir, name);
    writeFileSync(at, text);
    return at;
  }

  test('--cases: every case of the file, with its expected answer', () => {
    const cases = file('cases.jsonl', '{"name": "a", "event": {"n": 1}, "expected": {"ok": true}}\n{"name": "b", "event": [ ]}\n');
    expect(readEvents(cases, undefined)).toEqual([
      { name: 'a', event: '{"n": 1}', expected: { ok: true }, expectedText: '{"ok": true}' },
      { name: 'b', event: '[ ]' },
    ]);
  });

  test('--event: the one event, named "event", as written but trimmed, with no expected answer', () => {
    const event = file('event.json', '\n  {"email": "a@example.com",  "age": 36.0}\n\n');
    expect(readEvents(undefined, event)).toEqual([{ name: 'event', event: '{"email": "a@example.com",  "age": 36.0}' }]);
  });

  test.each([
    ['neither', undefined, undefined],
    ['both', 'cases.jsonl', 'event.json'],
  ])('%s is a UsageError saying which to give', (_, cases, event) => {
    expect(() => readEvents(cases, event)).toThrow(UsageError);
    expect(() => readEvents(cases, event)).toThrow(NEITHER_OR_BOTH);
  });

  test('an event file that is not JSON, or cannot be read, is a UsageError naming the file', () => {
    const bad = file('event.json', '{"email": ');
    expect(() => readEvents(undefined, bad)).toThrow(UsageError);
    expect(() => readEvents(undefined, bad)).toThrow(new RegExp(`^--event: ${bad} is not JSON \\(.*\\)\\. Lambda events are JSON documents\\.$`));
    const missing = path.join(dir, 'missing.json');
    expect(() => readEvents(undefined, missing)).toThrow(new RegExp(`^--event: cannot read ${missing} \\(ENOENT`));
  });

  test('a cases file that cannot be read is a UsageError from --cases', () => {
    const missing = path.join(dir, 'missing.jsonl');
    expect(() => readEvents(missing, undefined)).toThrow(UsageError);
    expect(() => readEvents(missing, undefined)).toThrow(new RegExp(`^--cases: cannot read ${missing} \\(ENOENT`));
  });
});
