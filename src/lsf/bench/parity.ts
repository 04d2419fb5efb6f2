import { RunFailure } from '../errors';
import { ComparedAnswer, Comparison, ParityMode, answerDifferences, comparisonFor, expectedAnswer } from '../events/answer-comparison';
import { Case } from '../events/cases';
import { InstanceLimits, RuntimeInstance } from './runtime/runtime-instance';
import { RuntimeSpec } from './runtime/runtime-spec';

/** One answer that differs from the one it must equal. */
export interface Mismatch {
  readonly runtime: string;
  readonly caseName: string;
  /**
   * The runtime whose answer this one had to equal, for a case without `expected`;
   * absent when it was compared with the case's `expected`.
   */
  readonly reference?: string;
  /** The HTTP event source whose client's view was compared (`HTTP API payload 2.0`); absent for other comparisons. */
  readonly source?: string;
  /** Where the answers differ, one line each (`$.errors[0].field: expected "email", got "mail"`), the first few only. */
  readonly differences: readonly string[];
}

/** The answers of the reference runtime, the first one checked: cases without `expected` must get the same. */
export interface ReferenceAnswers {
  readonly runtime: string;
  /** The answer to each case, by case name. */
  readonly answers: ReadonlyMap<string, ComparedAnswer>;
}

/** What one runtime answered, and where it differed. */
export interface ParityCheck {
  readonly mismatches: Mismatch[];
  /** This runtime's answers: the reference for the runtimes checked after it. */
  readonly answers: ReferenceAnswers;
}

const SHOWN_PER_RUNTIME = 5;
const SHOWN_PER_CASE = 5;

/**
 * Sends every case through one instance of the runtime and compares each answer under the
 * parity mode (auto: an HTTP event's answer as its client receives it, any other as a JSON
 * value): with the case's `expected`, or, for a case without one, with the reference
 * runtime's answer. Without a reference (the first runtime checked), cases without `expected`
 * are not compared: its answers are the reference.
 */
export async function checkParity(spec: RuntimeSpec, cases: readonly Case[], limits: InstanceLimits, onCase: () => void,
  mode: ParityMode, reference?: ReferenceAnswers): Promise<ParityCheck> {
  const instance = await RuntimeInstance.start(spec, limits);
  const mismatches: Mismatch[] = [];
  const answers = new Map<string, ComparedAnswer>();
  try {
    for (const c of cases) {
      const invocation = await instance.invoke(c.event);
      const actual: ComparedAnswer = { text: invocation.body, json: { value: invocation.json } };
      answers.set(c.name, actual);
      const comparison = comparisonFor(mode, c.event);
      // One more line than shown, so that the report can say there are more.
      const expected = expectedAnswer(c);
      if (expected !== undefined) {
        const differences = answerDifferences(comparison, expected, actual, SHOWN_PER_CASE + 1);
        if (differences.length > 0) mismatches.push({ runtime: spec.name, caseName: c.name, ...sourceOf(comparison), differences });
      } else if (reference !== undefined) {
        const differences = answerDifferences(comparison, reference.answers.get(c.name)!, actual, SHOWN_PER_CASE + 1);
        if (differences.length > 0) {
          mismatches.push({ runtime: spec.name, caseName: c.name, reference: reference.runtime, ...sourceOf(comparison), differences });
        }
      }
      onCase();
    }
  } finally {
    await instance.stop();
  }
  return { mismatches, answers: { runtime: spec.name, answers } };
}

function sourceOf(comparison: Comparison): { source?: string } {
  return comparison.kind === 'client' ? { source: comparison.source.label } : {};
}

/** A readable report of the mismatches: a few cases per runtime, a few differing paths per case. */
export function parityError(mismatches: readonly Mismatch[], caseCount: number): ParityError {
  const byRuntime = new Map<string, Mismatch[]>();
  for (const m of mismatches) byRuntime.set(m.runtime, [...(byRuntime.get(m.runtime) ?? []), m]);
  const sections = [...byRuntime].map(([runtime, list]) => {
    const shown = list.slice(0, SHOWN_PER_RUNTIME).map(caseReport);
    const more = list.length > SHOWN_PER_RUNTIME ? [`  ... and ${list.length - SHOWN_PER_RUNTIME} more cases`] : [];
    return [`${runtime}: ${list.length} of ${caseCount} cases differ`, ...shown, ...more].join('\n');
  });
  return new ParityError('Parity failed: the runtimes do not give the expected answers, so their timings would not compare the same work.\n'
    + `${sections.join('\n')}`);
}

function caseReport(m: Mismatch): string {
  const how = m.source === undefined ? '' : ` (${m.source}: compared as its client receives it)`;
  const title = m.reference === undefined ? `  case "${m.caseName}"${how}`
    : `  case "${m.caseName}"${how} differs from ${m.reference} (the case has no "expected": ${m.reference}'s answer is the expected one)`;
  const paths = m.differences.slice(0, SHOWN_PER_CASE).map((d) => `    ${d}`);
  const more = m.differences.length > SHOWN_PER_CASE ? ['    ... and more differences'] : [];
  return [title, ...paths, ...more].join('\n');
}

/** The runtimes disagree with the expected answers: timings would compare different work. */
export class ParityError extends RunFailure {
  constructor(message: string) {
    super(message);
    this.name = 'ParityError';
  }
}
