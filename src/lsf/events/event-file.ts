import { readFileSync } from 'node:fs';
import { UsageError } from '../errors';

/** One event to send, as written in its file (with no expected answer: the runtimes must agree). */
export interface EventFile {
  readonly name: string;
  readonly event: string;
}

/**
 * Reads a file holding one JSON event.
 * @throws UsageError when it cannot be read or is not JSON
 */
export function readEventFile(file: string): EventFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--event: cannot read ${file} (${(error as Error).message}).`);
  }
  try {
    JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--event: ${file} is not JSON (${(error as Error).message}). Lambda events are JSON documents.`);
  }
  return { name: 'event', event: text.trim() };
}
