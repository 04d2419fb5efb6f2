import { readFileSync } from 'node:fs';
import { CompareUsageError } from './compare-errors';
import { BenchUsageError } from '../local-bench/bench-errors';
import { readCases } from '../local-bench/cases';

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
  let text: string;
  try {
    text = readFileSync(eventFile!, 'utf8');
  } catch (error) {
    throw new CompareUsageError(`--event: cannot read ${eventFile} (${(error as Error).message}).`);
  }
  try {
    JSON.parse(text);
  } catch (error) {
    throw new CompareUsageError(`--event: ${eventFile} is not JSON (${(error as Error).message}). Lambda events are JSON documents.`);
  }
  return [{ name: 'event', payload: text.trim() }];
}
