import * as fc from 'fast-check';
import { jsonDifferences } from '../../../src/lsf/events/json-difference';
import { PROPERTY_TIMEOUT_MS, runs } from '../../properties/settings';

/** The differences between two JSON texts, parsed as the runtimes' answers are. */
function diff(expected: string, actual: string, limit?: number): string[] {
  return jsonDifferences(JSON.parse(expected), JSON.parse(actual), limit);
}

describe('jsonDifferences', () => {
  test('key order does not count, at any depth', () => {
    expect(diff('{"valid": false, "errors": [{"field": "email", "code": "format"}]}',
      '{"errors": [{"code": "format", "field": "email"}], "valid": false}')).toEqual([]);
  });

  test('numbers compare by value, spacing does not count', () => {
    expect(diff('{"age": 36.0, "ratio": 1e2}', '{ "age" : 36, "ratio" : 100.00 }')).toEqual([]);
  });

  test('a different value names its path and both values', () => {
    expect(diff('{"valid": false, "errors": [{"field": "email", "code": "format"}]}',
      '{"valid": false, "errors": [{"field": "mail", "code": "format"}]}')).toEqual(['$.errors[0].field: expected "email", got "mail"']);
  });

  test('a missing member and a member that is not expected', () => {
    expect(diff('{"a": 1, "missing": true}', '{"a": 1, "extra": 3}')).toEqual([
      '$.missing: missing (expected true)',
      '$.extra: not expected, got 3',
    ]);
  });

  test('null is a value: it differs from a missing member, both ways', () => {
    expect(diff('{"a": null}', '{}')).toEqual(['$.a: missing (expected null)']);
    expect(diff('{}', '{"a": null}')).toEqual(['$.a: not expected, got null']);
    expect(diff('{"a": null}', '{"a": false}')).toEqual(['$.a: expected null, got false']);
    expect(diff('null', 'null')).toEqual([]);
  });

  test('different types are named, containers by kind', () => {
    expect(diff('{}', '[]')).toEqual(['$: expected an object, got an array']);
    expect(diff('{"n": 3}', '{"n": "3"}')).toEqual(['$.n: expected 3, got "3"']);
    expect(diff('{"list": [1]}', '{"list": "1"}')).toEqual(['$.list: expected an array, got "1"']);
    expect(diff('[{"a": 1}]', '[null]')).toEqual(['$[0]: expected an object, got null']);
  });

  test('array order counts; different lengths still compare the common prefix', () => {
    expect(diff('[1, 2]', '[2, 1]')).toEqual(['$[0]: expected 1, got 2', '$[1]: expected 2, got 1']);
    expect(diff('{"items": [1, 2, 3]}', '{"items": [1, 5]}')).toEqual([
      '$.items: expected 3 elements, got 2',
      '$.items[1]: expected 2, got 5',
    ]);
    expect(diff('[]', '[true]')).toEqual(['$: expected 0 elements, got 1']);
    expect(diff('[true]', '[]')).toEqual(['$: expected 1 element, got 0']);
  });

  test('nested differences come in document order, with a path for keys that are not plain names', () => {
    expect(diff('{"a": {"b": [0, {"c d": 1, "": 2}]}, "z": 1}', '{"z": 2, "a": {"b": [0, {"c d": 9, "": 2, "e-f": 0}]}}')).toEqual([
      '$.a.b[1]["c d"]: expected 1, got 9',
      '$.a.b[1]["e-f"]: not expected, got 0',
      '$.z: expected 1, got 2',
    ]);
  });

  test('long values are clipped', () => {
    const [line] = diff(JSON.stringify({ s: 'x'.repeat(500) }), '{"s": "y"}');
    expect(line).toMatch(/^\$\.s: expected "x{59}\.\.\. \(502 characters\), got "y"$/);
  });

  test('stops at the limit', () => {
    const expected = JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ i })));
    const actual = JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ i: -i - 1 })));
    expect(diff(expected, actual)).toHaveLength(20);
    expect(diff(expected, actual, 3)).toEqual(['$[0].i: expected 0, got -1', '$[1].i: expected 1, got -2', '$[2].i: expected 2, got -3']);
    expect(diff('[1, 2]', '[3]', 1)).toEqual(['$: expected 2 elements, got 1']);
    expect(diff('1', '2', 0)).toEqual([]);
  });
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A copy of `value` whose objects list their keys in another order, drawn from `below(n)` (0 to n - 1). */
function shuffled(value: Json, below: (n: number) => number): Json {
  if (Array.isArray(value)) return value.map((v) => shuffled(v, below));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = below(i + 1);
    [entries[i], entries[j]] = [entries[j], entries[i]];
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffled(v, below)]));
}

/** Draws from fast-check's numbers in turn, so that a failing shuffle shrinks and replays with the seed. */
function drawing(numbers: readonly number[]): (n: number) => number {
  let next = 0;
  return (n) => numbers[next++ % numbers.length] % n;
}

const shuffleNumbers = fc.array(fc.nat(), { minLength: 1, maxLength: 50 });

/** Every leaf of `value` (a primitive, or an empty array or object), with its path. */
function leaves(value: Json, path: string[] = []): string[][] {
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length > 0) return keys.flatMap((k) => leaves((value as Record<string, Json>)[k], [...path, k]));
  }
  return [path];
}

/** A leaf changed into something else of the same kind. */
function mutatedLeaf(leaf: Json): Json {
  if (Array.isArray(leaf)) return [null];
  if (leaf === null) return false;
  switch (typeof leaf) {
    case 'boolean': return !leaf;
    case 'number': return leaf === 0 ? 1 : -leaf;
    case 'string': return `${leaf}x`;
    default: return { added: null };
  }
}

/** `value` with the leaf at `path` mutated. */
function withMutation(value: Json, path: string[]): Json {
  if (path.length === 0) return mutatedLeaf(value);
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (String(i) === head ? withMutation(v, rest) : v));
  const object = value as Record<string, Json>;
  return Object.fromEntries(Object.keys(object).map((k) => [k, k === head ? withMutation(object[k], rest) : object[k]]));
}

/** The path of `keys` as a difference line writes it. */
function written(value: Json, keys: string[]): string {
  let path = '$';
  let at = value;
  for (const key of keys) {
    if (Array.isArray(at)) {
      path += `[${key}]`;
      at = at[Number(key)];
    } else {
      path += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
      at = (at as Record<string, Json>)[key];
    }
  }
  return path;
}

// Parsed JSON, as the runtimes' answers arrive (no -0, no undefined).
const jsonValue = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as Json);

describe('jsonDifferences properties', () => {
  test('a value equals itself and any copy of it with its keys in another order', () => {
    fc.assert(fc.property(jsonValue, shuffleNumbers, (value, numbers) => {
      const copy = shuffled(value, drawing(numbers));
      expect(jsonDifferences(value, value)).toEqual([]);
      expect(jsonDifferences(value, copy)).toEqual([]);
      expect(jsonDifferences(copy, value)).toEqual([]);
    }), runs(1000));
  }, PROPERTY_TIMEOUT_MS);

  test('a value differs from any copy with one leaf changed, and the first line names that leaf', () => {
    fc.assert(fc.property(jsonValue, fc.nat(), shuffleNumbers, (value, pick, numbers) => {
      const all = leaves(value);
      const path = all[pick % all.length];
      const mutated = shuffled(withMutation(value, path), drawing(numbers));
      const where = written(value, path);
      for (const lines of [jsonDifferences(value, mutated), jsonDifferences(mutated, value)]) {
        expect(lines).toHaveLength(1);
        expect(lines[0].startsWith(where)).toBe(true);
        expect(['.', '[', ':']).toContain(lines[0][where.length]);
      }
    }), runs(1000));
  }, PROPERTY_TIMEOUT_MS);
});
