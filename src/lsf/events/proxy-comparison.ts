import { HttpSource } from './event-source';
import { jsonDifferences, shown } from './json-difference';
import { ClientBody, ClientResponse, readClientResponse } from './proxy-response';
import { clipped } from '../../private/observability/clipped';

/** Longest body text a difference line shows. */
const BODY_CHARS = 80;

/**
 * Where two answers to an HTTP event differ in what the source's client receives: the status
 * code, each header (case-insensitive names, see readClientResponse for which fields count),
 * and the body (`$.body.total_cents: expected 2500, got 2499` for JSON bodies). When either
 * answer is no proxy response the source would take, both are compared as JSON values.
 * @param limit the most lines returned
 * @returns no lines when the client would receive the same response
 */
export function proxyDifferences(source: HttpSource, expected: unknown, actual: unknown, limit = Number.POSITIVE_INFINITY): string[] {
  const e = readClientResponse(source, expected);
  const a = readClientResponse(source, actual);
  if ('notProxy' in e || 'notProxy' in a) {
    const differences = jsonDifferences(expected, actual, limit);
    if (differences.length === 0) return [];
    const why = 'notProxy' in e ? `the expected answer is ${e.notProxy}` : `the answer is ${(a as { notProxy: string }).notProxy}`;
    return [`${why}, so the answers are compared as JSON values`, ...differences].slice(0, limit);
  }
  return responseDifferences(e.response, a.response, limit);
}

function responseDifferences(expected: ClientResponse, actual: ClientResponse, limit: number): string[] {
  const lines: string[] = [];
  if (expected.statusCode !== actual.statusCode) lines.push(`statusCode: expected ${shown(expected.statusCode)}, got ${shown(actual.statusCode)}`);
  const names = [...new Set([...expected.headers.keys(), ...actual.headers.keys()])];
  for (const name of names) {
    const e = expected.headers.get(name);
    const a = actual.headers.get(name);
    if (a === undefined) lines.push(`header ${name}: missing (expected ${values(e!)})`);
    else if (e === undefined) lines.push(`header ${name}: not expected, got ${values(a)}`);
    else if (values(e) !== values(a)) lines.push(`header ${name}: expected ${values(e)}, got ${values(a)}`);
  }
  lines.push(...bodyDifferences(expected.body, actual.body, Math.max(0, limit - lines.length)));
  return lines.slice(0, limit);
}

/** One value as its JSON string, several as a JSON array. */
function values(list: readonly string[]): string {
  return list.length === 1 ? JSON.stringify(list[0]) : JSON.stringify(list);
}

function bodyDifferences(expected: ClientBody, actual: ClientBody, limit: number): string[] {
  if (expected.kind === 'json' && actual.kind === 'json') return jsonDifferences(expected.value, actual.value, limit, '$.body');
  if (expected.kind === 'text' && actual.kind === 'text' && expected.text === actual.text) return [];
  if (expected.kind === 'binary' && actual.kind === 'binary' && expected.base64 === actual.base64) return [];
  return limit > 0 ? [`$.body: expected ${bodyShown(expected)}, got ${bodyShown(actual)}`] : [];
}

function bodyShown(body: ClientBody): string {
  switch (body.kind) {
    case 'json':
      return `JSON ${clipped(JSON.stringify(body.value), BODY_CHARS)}`;
    case 'text':
      return `text ${clipped(JSON.stringify(body.text), BODY_CHARS)}`;
    default:
      return `${Buffer.from(body.base64, 'base64').length} bytes of binary (base64 ${clipped(body.base64, BODY_CHARS)})`;
  }
}
