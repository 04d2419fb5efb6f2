/**
 * Cache concurrency benchmark (issue 28, part 3): the wall time of one first `lsf bench` run on a
 * fresh cache, against two first runs started together on one fresh cache. Both on the
 * bench-app fixture's Greet function (a workspace binary and a Python twin), --no-arm64, small
 * counts, each scenario with a fresh cache and a fresh Cargo target folder (CARGO_TARGET_DIR), so
 * that both build everything: the bootstrap, the floor, the venv. Two runs that share a cache
 * build each entry once: the second waits for the first's builds, then benches on its own.
 *
 *   npx ts-node --transpile-only benchmarks/cache-concurrency-benchmark.ts [--keep]
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { synthBenchApp } from '../test/fixtures/bench-app/app';

const { values } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });
const ROOT = path.join(__dirname, '..');
const APP = path.join(ROOT, 'test', 'fixtures', 'bench-app');

/** One `lsf bench` process; resolves with its wall time, or fails with its output. */
function benchRun(assembly: string, cache: string, targetDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join('src', 'lsf', 'cli', 'lsf.ts'), 'bench',
    '--app', assembly, '--stack', 'GreetStack', '--cases', path.join(APP, 'greet-cases.jsonl'), '--cache-dir', cache,
    '--no-arm64', '--no-node-twin', '--cold', '2', '--warm', '5'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CARGO_TARGET_DIR: targetDir } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
  return new Promise((resolve, reject) => child.once('close', (code) => {
    if (code === 0) resolve((performance.now() - started) / 1000);
    else reject(new Error(`lsf bench exited with ${code}:\n${stderr}`));
  }));
}

async function scenario(work: string, assembly: string, name: string, runs: number): Promise<number[]> {
  const cache = path.join(work, `${name}-cache`);
  const target = path.join(work, `${name}-target`);
  return Promise.all(Array.from({ length: runs }, () => benchRun(assembly, cache, target)));
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lsf-cache-concurrency-'));
  try {
    const assembly = synthBenchApp(path.join(work, 'cdk.out'));
    const [alone] = await scenario(work, assembly, 'alone', 1);
    const together = await scenario(work, assembly, 'together', 2);
    console.log(`one first run alone:          ${alone.toFixed(1)} s`);
    console.log(`two first runs together:      ${together.map((s) => `${s.toFixed(1)} s`).join(', ')} (the last done after ${Math.max(...together).toFixed(1)} s, ${(Math.max(...together) / alone).toFixed(2)}x the run alone)`);
    console.log(`on ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)} at the end`);
  } finally {
    if (values.keep) console.log(`kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

void main();
