import { CompareFailure } from './compare-errors';
import { CompareEvent } from './compare-events';
import { FunctionFacts } from './function-facts';
import { clipped } from '../private/clipped';

/** What one function answered to an event. */
export interface Answer {
  readonly fn: FunctionFacts;
  readonly body: string;
}

/**
 * Both answers must equal the expected one from the cases file, or, without one, each other;
 * key order counts, spacing does not. Otherwise the timings would compare different work.
 * @throws CompareFailure naming the event and what each function answered
 */
export function checkAnswers(event: CompareEvent, answers: readonly Answer[]): void {
  const expected = event.expected ?? canonical(answers[0].body);
  const wrong = answers.filter((a) => canonical(a.body) !== expected);
  if (wrong.length === 0) return;
  const what = event.expected === undefined ? `${answers[1].fn.name} answered differently from ${answers[0].fn.name}` : 'answers differ from the expected one';
  throw new CompareFailure(`Event "${event.name}": ${what}, so the timings would compare different work. `
    + `Expected ${clipped(expected, 200)}; ${wrong.map((a) => `${a.fn.name} answered ${clipped(a.body, 200)}`).join('; ')}.`);
}

function canonical(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body));
  } catch {
    return body;
  }
}
