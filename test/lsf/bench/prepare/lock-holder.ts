/**
 * A process that takes an entry lock, for the lock's tests:
 *   lock-holder.ts LOCK EVENTS MS [exit]
 * appends "<pid> start" and "<pid> end" to EVENTS around holding LOCK for MS ms (forever when MS
 * is 0), writes a file into its scratch folder, and with `exit` leaves through process.exit in
 * the middle, as a Ctrl-C does.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { withEntryLock } from '../../../../src/lsf/bench/prepare/cache-lock';

const [lock, events, ms, how] = process.argv.slice(2);
void withEntryLock(lock, 'a test entry', (line) => appendFileSync(events, `${process.pid} log ${line}\n`), async (scratch) => {
  writeFileSync(path.join(scratch, 'half-built'), 'x');
  appendFileSync(events, `${process.pid} start\n`);
  if (how === 'exit') process.exit(130);
  await new Promise((resolve) => (Number(ms) > 0 ? setTimeout(resolve, Number(ms)) : setInterval(() => undefined, 1000)));
  appendFileSync(events, `${process.pid} end\n`);
});
