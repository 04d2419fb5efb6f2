import { ParityError } from './bench-errors';
import { Case } from './cases';
import { InstanceLimits, RuntimeInstance } from './runtime-instance';
import { RuntimeSpec } from './runtime-spec';

/** One answer that differs from the expected one. */
export interface Mismatch {
  readonly runtime: string;
  readonly caseName: string;
  readonly expected: string;
  readonly actual: string;
}

const SHOWN_PER_RUNTIME = 5;

/**
 * Sends every case through one instance of the runtime and lists the answers that differ
 * from `expected`, key order included (the contract's JSON is compared as text after
 * re-serialisation, so spacing does not count).
 */
export async function checkParity(spec: RuntimeSpec, cases: readonly Case[], limits: InstanceLimits, onCase: () => void): Promise<Mismatch[]> {
  const instance = await RuntimeInstance.start(spec, limits);
  const mismatches: Mismatch[] = [];
  try {
    for (const c of cases) {
      const answer = await instance.invoke(c.event);
      const actual = JSON.stringify(answer.json);
      if (actual !== c.expected) mismatches.push({ runtime: spec.name, caseName: c.name, expected: c.expected, actual });
      onCase();
    }
  } finally {
    await instance.stop();
  }
  return mismatches;
}

/** A readable diff of the mismatches, a few per runtime. */
export function parityError(mismatches: readonly Mismatch[], caseCount: number): ParityError {
  const byRuntime = new Map<string, Mismatch[]>();
  for (const m of mismatches) byRuntime.set(m.runtime, [...(byRuntime.get(m.runtime) ?? []), m]);
  const sections = [...byRuntime].map(([runtime, list]) => {
    const shown = list.slice(0, SHOWN_PER_RUNTIME).map((m) => `  case "${m.caseName}"\n    - expected ${m.expected}\n    + ${runtime.padEnd(8)} ${m.actual}`);
    const more = list.length > SHOWN_PER_RUNTIME ? [`  ... and ${list.length - SHOWN_PER_RUNTIME} more`] : [];
    return [`${runtime}: ${list.length} of ${caseCount} cases differ`, ...shown, ...more].join('\n');
  });
  return new ParityError(`Parity failed: the runtimes do not give the expected answers, so their timings would not compare the same work.\n${sections.join('\n')}`);
}
