/**
 * lsf bench's harness in a process of its own, the size of `npx lsf bench`'s (it loads the lsf
 * command's modules and runs bundled on plain node), driven one cold start at a time over
 * stdin/stdout by harness-process.ts.
 *
 * The harness times a cold start from just before it spawns the runtime, so the fork of the
 * measuring process is in every sample, and it costs more the more memory that process holds:
 * from a jest worker holding a synthesized CDK app a Rust init reads several times higher.
 *
 * To show where that time goes, the worker also times the harness's spawn() call (Node's fork
 * of this process and the exec of the runtime; libuv returns once the exec succeeded), without
 * changing what the harness measures.
 *
 *   stdin:  one JSON line per cold start: {"spec": RuntimeSpec, "event": string, "limits": InstanceLimits}
 *   stdout: one JSON line each: {"initMs", "firstResponseMs", "spawnMs", "rssMb"} or {"error"};
 *           at the end of stdin: {"done": true, "liveGroups": [...]}
 */
import { performance } from 'node:perf_hooks';
import * as readline from 'node:readline';
import { Samples, measureColdStarts } from '../../src/lsf/bench/measure';
import { liveProcessGroups } from '../../src/lsf/bench/runtime/runtime-process';
import { main } from '../../src/lsf/cli/lsf';

// Held, not called: the process holds what lsf holds.
void main;

// The module object itself (RuntimeProcess calls its spawn property), not an import's copy.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const childProcess = require('node:child_process') as typeof import('node:child_process');
const originalSpawn = childProcess.spawn;
let spawnMs = Number.NaN;
(childProcess as { spawn: unknown }).spawn = (...args: unknown[]) => {
  const started = performance.now();
  try {
    return (originalSpawn as (...a: unknown[]) => unknown)(...args);
  } finally {
    spawnMs = performance.now() - started;
  }
};
// Exit handlers (RuntimeProcess's kills every runtime still running) run on SIGTERM too.
process.on('SIGTERM', () => process.exit(143));

function reply(message: object): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function serve(): Promise<void> {
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line.trim() === '') continue;
    try {
      const { spec, event, limits } = JSON.parse(line);
      spawnMs = Number.NaN;
      const samples = new Map<string, Samples>([[spec.name, { initMs: [], firstResponseMs: [], warmMs: [] }]]);
      await measureColdStarts([spec], 1, event, limits, samples, () => undefined);
      const [initMs] = samples.get(spec.name)!.initMs;
      const [firstResponseMs] = samples.get(spec.name)!.firstResponseMs;
      reply({ initMs, firstResponseMs, spawnMs, rssMb: process.memoryUsage().rss / 2 ** 20 });
    } catch (error) {
      reply({ error: error instanceof Error ? error.message : String(error) });
    }
  }
  reply({ done: true, liveGroups: liveProcessGroups() });
}

void serve();
