import { Case } from './cases';
import { HttpSource, detectHttpSource } from './event-source';
import { jsonDifferences } from './json-difference';
import { proxyDifferences } from './proxy-comparison';
import { clipped } from '../../private/observability/clipped';

/**
 * How answers are compared (`--parity`):
 * - `auto`: an answer to an HTTP event (API Gateway, ALB, function URL, VPC Lattice) as the
 *   client of that source receives it; any other answer as a JSON value;
 * - `json`: every answer as a JSON value (key order and spacing do not count);
 * - `strict`: every answer byte for byte, as the function sent it.
 */
export type ParityMode = 'auto' | 'json' | 'strict';

export const PARITY_MODES: readonly ParityMode[] = ['auto', 'json', 'strict'];

/** How the answers to one event are compared. */
export type Comparison =
  | { readonly kind: 'client'; readonly source: HttpSource }
  | { readonly kind: 'json' }
  | { readonly kind: 'strict' };

/** The comparison for an event (its text, as sent) under a mode. */
export function comparisonFor(mode: ParityMode, event: string): Comparison {
  if (mode !== 'auto') return { kind: mode };
  let parsed: unknown;
  try {
    parsed = JSON.parse(event);
  } catch {
    return { kind: 'json' };
  }
  const source = detectHttpSource(parsed);
  return source ? { kind: 'client', source } : { kind: 'json' };
}

/** How a report names a comparison: `HTTP API payload 2.0`, `JSON value`, `bytes`. */
export function comparisonLabel(comparison: Comparison): string {
  switch (comparison.kind) {
    case 'client':
      return comparison.source.label;
    case 'json':
      return 'JSON value';
    default:
      return 'bytes';
  }
}

/** One answer: its text as sent (the source text of a cases file's `expected`), and its value when it is JSON. */
export interface ComparedAnswer {
  readonly text: string;
  readonly json?: { readonly value: unknown };
}

/** A case's `expected` as an answer, as its line writes it; undefined when the case has none. */
export function expectedAnswer(c: Case): ComparedAnswer | undefined {
  return c.expected === undefined ? undefined : { text: c.expectedText ?? JSON.stringify(c.expected), json: { value: c.expected } };
}

/** An answer from its text: parsed when it is JSON. */
export function answerOf(text: string): ComparedAnswer {
  try {
    return { text, json: { value: JSON.parse(text) } };
  } catch {
    return { text };
  }
}

/**
 * Where `actual` differs from `expected` under a comparison, one readable line each naming
 * the field (`$.body.total_cents: expected 2500, got 2499`, `statusCode: expected 200, got 400`).
 * @param limit the most lines returned
 * @returns no lines when they count as equal
 */
export function answerDifferences(comparison: Comparison, expected: ComparedAnswer, actual: ComparedAnswer,
  limit = Number.POSITIVE_INFINITY): string[] {
  if (comparison.kind === 'strict') return byteDifference(expected.text, actual.text);
  if (expected.json && actual.json) {
    return comparison.kind === 'client'
      ? proxyDifferences(comparison.source, expected.json.value, actual.json.value, limit)
      : jsonDifferences(expected.json.value, actual.json.value, limit);
  }
  if (!expected.json && !actual.json && expected.text === actual.text) return [];
  return [`$: expected ${answerShown(expected)}, got ${answerShown(actual)}`];
}

function answerShown(answer: ComparedAnswer): string {
  return answer.json ? clipped(JSON.stringify(answer.json.value), 200) : `a body that is not JSON: ${clipped(answer.text, 200)}`;
}

function byteDifference(expected: string, actual: string): string[] {
  if (expected === actual) return [];
  const e = Buffer.from(expected);
  const a = Buffer.from(actual);
  let at = 0;
  while (at < e.length && at < a.length && e[at] === a[at]) at++;
  // The bytes around the first difference, as text.
  const from = Math.max(0, at - 20);
  const around = (bytes: Buffer) => `${from > 0 ? '...' : ''}${bytes.subarray(from, at + 40).toString()}${bytes.length > at + 40 ? '...' : ''}`;
  return [`bytes: first difference at byte ${at} (${e.length} bytes expected, ${a.length} got): expected ${around(e)}, got ${around(a)}`];
}
