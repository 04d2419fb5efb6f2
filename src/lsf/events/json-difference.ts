import { clipped } from '../../private/observability/clipped';

/** Longest value text a difference line shows. */
const VALUE_CHARS = 60;

/**
 * The differences between two parsed JSON values, one readable line each, naming the path
 * where it is (`$.errors[0].field: expected "email", got "mail"`), in document order.
 *
 * Object key order does not count, array order does; numbers compare by value (1 and 1.0
 * are one number once parsed). A member that is absent differs from one that is `null`.
 * Arrays of different lengths get one line for the lengths, and their common prefix is still
 * compared element by element.
 *
 * @param limit the most lines returned (the comparison stops there)
 * @param root the path of the values themselves (`$.body` for a proxy response's body)
 * @returns no lines when the values are equal
 */
export function jsonDifferences(expected: unknown, actual: unknown, limit = Number.POSITIVE_INFINITY, root = '$'): string[] {
  const lines: string[] = [];
  compare(expected, actual, root, lines, limit);
  return lines;
}

type Kind = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'other';

function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'boolean':
    case 'number':
    case 'string':
    case 'object':
      return typeof value as Kind;
    default:
      return 'other';
  }
}

/** Adds the differences under `path` to `lines`, stopping at `limit` lines. */
function compare(expected: unknown, actual: unknown, path: string, lines: string[], limit: number): void {
  if (lines.length >= limit) return;
  const kind = kindOf(expected);
  if (kind !== kindOf(actual)) {
    lines.push(`${path}: expected ${shown(expected)}, got ${shown(actual)}`);
    return;
  }
  if (kind === 'array') {
    compareArrays(expected as unknown[], actual as unknown[], path, lines, limit);
  } else if (kind === 'object') {
    compareObjects(expected as Record<string, unknown>, actual as Record<string, unknown>, path, lines, limit);
  } else if (expected !== actual) {
    lines.push(`${path}: expected ${shown(expected)}, got ${shown(actual)}`);
  }
}

function compareArrays(expected: unknown[], actual: unknown[], path: string, lines: string[], limit: number): void {
  if (expected.length !== actual.length) {
    lines.push(`${path}: expected ${elements(expected.length)}, got ${actual.length}`);
  }
  const common = Math.min(expected.length, actual.length);
  for (let i = 0; i < common && lines.length < limit; i++) {
    compare(expected[i], actual[i], `${path}[${i}]`, lines, limit);
  }
}

function compareObjects(expected: Record<string, unknown>, actual: Record<string, unknown>, path: string, lines: string[], limit: number): void {
  for (const key of Object.keys(expected)) {
    if (lines.length >= limit) return;
    const at = member(path, key);
    if (!hasOwn(actual, key)) lines.push(`${at}: missing (expected ${shown(expected[key])})`);
    else compare(expected[key], actual[key], at, lines, limit);
  }
  for (const key of Object.keys(actual)) {
    if (lines.length >= limit) return;
    if (!hasOwn(expected, key)) lines.push(`${member(path, key)}: not expected, got ${shown(actual[key])}`);
  }
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** `$.field` for a plain name, `$["a key"]` for any other. */
function member(path: string, key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function elements(count: number): string {
  return count === 1 ? '1 element' : `${count} elements`;
}

/** A value as a difference line shows it: containers by kind, the rest as short JSON. */
export function shown(value: unknown): string {
  switch (kindOf(value)) {
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    case 'other':
      return value === undefined ? 'nothing' : `a ${typeof value}`;
    default:
      return clipped(JSON.stringify(value), VALUE_CHARS);
  }
}
