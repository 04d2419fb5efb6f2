import { CompareUsageError } from './compare-errors';
import { BenchUsageError } from '../local-bench/bench-errors';
import { readCases } from '../local-bench/cases';
import { readEventFile } from '../local-bench/event-file';

/** One event both functions receive, and the answer both must give when it is known. */
export interface CompareEvent {
  readonly name: string;
  /** The payload as sent. */
  readonly payload: string;
  /**
   * The expected answer as parsed JSON, from a cases file line that has one (compared by value:
   * key order does not count). Absent otherwise: then the two answers must equal each other.
   */
  readonly expected?: unknown;
}

/**
 * The events of a run: every case of a cases file (the local benchmark's cases.jsonl, with
 * the expected answers its lines give), or the one event in an event file.
 * @throws CompareUsageError when neither or both are given, or a file is unreadable or not JSON
 */
export function readCompareEvents(casesFile: string | undefined, eventFile: string | undefined): CompareEvent[] {
  if ((casesFile === undefined) === (eventFile === undefined)) {
    throw new CompareUsageError('Give the events to send: --cases FILE (a cases.jsonl, as lsf bench uses) or --event FILE (one JSON event), not both.');
  }
  if (casesFile !== undefined) {
    try {
      return readCases(casesFile).map((c) => ({ name: c.name, payload: c.event, ...(c.expected === undefined ? {} : { expected: c.expected }) }));
    } catch (error) {
      if (error instanceof BenchUsageError) throw new CompareUsageError(`--cases: ${error.message}`);
      throw new CompareUsageError(`--cases: cannot read ${casesFile} (${(error as Error).message}).`);
    }
  }
  try {
    const event = readEventFile(eventFile!);
    return [{ name: event.name, payload: event.event }];
  } catch (error) {
    // The same messages as lsf bench's, under this command's exit code.
    if (error instanceof BenchUsageError) throw new CompareUsageError(error.message);
    throw error;
  }
}
