/**
 * A process that takes an entry lock, for the lock's tests:
 *   lock-holder.ts LOCK EVENTS RELEASE [exit]
 * appends "<pid> start" and "<pid> end" to EVENTS around holding LOCK until the file RELEASE
 * exists, writes a file into its scratch folder, and with `exit` leaves through process.exit in
 * the middle, as a Ctrl-C does.
 */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { withEntryLock } from '../../../../src/lsf/bench/prepare/cache-lock';

const [lock, events, release, how] = process.argv.slice(2);
void withEntryLock(lock, 'a test entry', (line) => appendFileSync(events, `${process.pid} log ${line}\n`), async (scratch) => {
  writeFileSync(path.join(scratch, 'half-built'), 'x');
  appendFileSync(events, `${process.pid} start\n`);
  if (how === 'exit') process.exit(130);
  while (!existsSync(release)) await new Promise((resolve) => setTimeout(resolve, 20));
  appendFileSync(events, `${process.pid} end\n`);
});
