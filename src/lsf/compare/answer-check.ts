import { FunctionFacts } from './function-facts';
import { clipped } from '../../private/observability/clipped';
import { RunFailure } from '../errors';
import { Case } from '../events/cases';
import { jsonDifferences } from '../events/json-difference';

/** What one function answered to an event. */
export interface Answer {
  readonly fn: FunctionFacts;
  readonly body: string;
}

const SHOWN_PER_ANSWER = 5;

/** A body parsed as JSON, or its text when it is not JSON. */
type Parsed = { readonly json: true; readonly value: unknown } | { readonly json: false; readonly text: string };

/**
 * Both answers must equal the expected one from the cases file, or, without one, each other.
 * They are compared as JSON values: key order and spacing do not count, array order does.
 * Otherwise the timings would compare different work.
 * @throws RunFailure naming the event and, for each function that differs, where
 */
export function checkAnswers(event: Case, answers: readonly Answer[]): void {
  const fromCases = event.expected !== undefined;
  const expected: Parsed = fromCases ? { json: true, value: event.expected } : parsed(answers[0].body);
  const checked = fromCases ? answers : answers.slice(1);
  const wrong = checked
    .map((a) => ({ fn: a.fn, differences: differences(expected, parsed(a.body)) }))
    .filter((w) => w.differences.length > 0);
  if (wrong.length === 0) return;
  const what = fromCases ? 'answers differ from the expected one' : `${wrong[0].fn.name} answered differently from ${answers[0].fn.name}`;
  const details = wrong.map((w) => {
    const title = fromCases ? `  ${w.fn.name}:` : `  ${w.fn.name} (expected: what ${answers[0].fn.name} answered):`;
    const lines = w.differences.slice(0, SHOWN_PER_ANSWER).map((d) => `    ${d}`);
    const more = w.differences.length > SHOWN_PER_ANSWER ? ['    ... and more differences'] : [];
    return [title, ...lines, ...more].join('\n');
  });
  throw new RunFailure(`Event "${event.name}": ${what}, so the timings would compare different work.\n${details.join('\n')}`);
}

function parsed(body: string): Parsed {
  try {
    return { json: true, value: JSON.parse(body) };
  } catch {
    return { json: false, text: body };
  }
}

/** Where `actual` differs from `expected` (one more line than shown, to say there are more). */
function differences(expected: Parsed, actual: Parsed): string[] {
  if (expected.json && actual.json) return jsonDifferences(expected.value, actual.value, SHOWN_PER_ANSWER + 1);
  if (!expected.json && !actual.json && expected.text === actual.text) return [];
  return [`$: expected ${bodyText(expected)}, got ${bodyText(actual)}`];
}

function bodyText(answer: Parsed): string {
  return answer.json ? clipped(JSON.stringify(answer.value), 200) : `a body that is not JSON: ${clipped(answer.text, 200)}`;
}
