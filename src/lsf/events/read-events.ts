import { Case, readCases } from './cases';
import { readEventFile } from './event-file';
import { UsageError } from '../errors';

/**
 * The events of a run, for every command that sends events: each case of a cases file (with
 * the expected answers its lines give), or the one event of an event file.
 * @throws UsageError when neither or both are given, or a file is unreadable or not JSON
 */
export function readEvents(casesFile: string | undefined, eventFile: string | undefined): Case[] {
  if ((casesFile === undefined) === (eventFile === undefined)) {
    throw new UsageError('Give the events to send: --cases FILE (JSON lines {"name", "event", "expected"?}) or --event FILE (one JSON event), not both.');
  }
  return casesFile !== undefined ? readCases(casesFile) : [readEventFile(eventFile!)];
}
