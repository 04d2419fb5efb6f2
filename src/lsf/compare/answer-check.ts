import { FunctionFacts } from './function-facts';
import { RunFailure } from '../errors';
import { ParityMode, answerDifferences, answerOf, comparisonFor, expectedAnswer } from '../events/answer-comparison';
import { Case } from '../events/cases';

/** What one function answered to an event. */
export interface Answer {
  readonly fn: FunctionFacts;
  readonly body: string;
}

const SHOWN_PER_ANSWER = 5;

/**
 * Both answers must equal the expected one from the cases file, or, without one, each other,
 * under the parity mode: by default an HTTP event's answers as its client receives them
 * (status, headers, body by JSON value), any other as JSON values (key order and spacing do
 * not count, array order does). Otherwise the timings would compare different work.
 * @throws RunFailure naming the event and, for each function that differs, where
 */
export function checkAnswers(event: Case, answers: readonly Answer[], mode: ParityMode = 'auto'): void {
  const fromCases = event.expected !== undefined;
  const expected = expectedAnswer(event) ?? answerOf(answers[0].body);
  const checked = fromCases ? answers : answers.slice(1);
  const comparison = comparisonFor(mode, event.event);
  const wrong = checked
    // One more line than shown, to say there are more.
    .map((a) => ({ fn: a.fn, differences: answerDifferences(comparison, expected, answerOf(a.body), SHOWN_PER_ANSWER + 1) }))
    .filter((w) => w.differences.length > 0);
  if (wrong.length === 0) return;
  const how = comparison.kind === 'client' ? ` (${comparison.source.label}: compared as its client receives them)` : '';
  const what = fromCases ? 'answers differ from the expected one' : `${wrong[0].fn.name} answered differently from ${answers[0].fn.name}`;
  const details = wrong.map((w) => {
    const title = fromCases ? `  ${w.fn.name}:` : `  ${w.fn.name} (expected: what ${answers[0].fn.name} answered):`;
    const lines = w.differences.slice(0, SHOWN_PER_ANSWER).map((d) => `    ${d}`);
    const more = w.differences.length > SHOWN_PER_ANSWER ? ['    ... and more differences'] : [];
    return [title, ...lines, ...more].join('\n');
  });
  throw new RunFailure(`Event "${event.name}"${how}: ${what}, so the timings would compare different work.\n${details.join('\n')}`);
}
