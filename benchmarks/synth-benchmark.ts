/**
 * Synth benchmark for LatencySensitiveFunction. Prints:
 *  1. synth time of a stack with one LatencySensitiveFunction (with its defaults, and with
 *     alarms and dashboard off) against the same stack with a bare cargo-lambda-cdk
 *     RustFunction, bundling skipped (median of in-process synths after a warm-up, in fresh
 *     processes), and the ratios;
 *  2. a first synth with a real arm64 build into an empty cdk.out, then a second synth of
 *     unchanged sources into the same cdk.out (fresh process each, as two `cdk synth` runs);
 *  3. the bootstrap's size, raw and deflated (what the zip upload carries).
 *
 *   npx ts-node --transpile-only benchmarks/synth-benchmark.ts [--runs N] [--manifest PATH]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as zlib from 'node:zlib';
import Table from 'cli-table3';
import { median, quantile } from 'simple-statistics';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    iterations: { type: 'string', default: '10' },
    manifest: { type: 'string', default: path.join(__dirname, '..', 'test', 'fixtures', 'rust-hello') },
  },
});
const runs = Number(values.runs);
const iterations = Number(values.iterations);
const manifest = path.resolve(values.manifest!);
if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error(`--runs must be 1-50, got ${values.runs}`);
if (!Number.isInteger(iterations) || iterations < 2 || iterations > 100) throw new Error(`--iterations must be 2-100, got ${values.iterations}`);

interface SynthRun {
  readonly synthMs: number[];
  readonly assetDirs: string[];
  readonly processMs: number;
  /** Whether the CDK ran the bundling (it prints "Bundling asset" when it does). */
  readonly bundled: boolean;
}

function synthProcess(kind: string, outdir: string, mode: string, count: number): SynthRun {
  const start = performance.now();
  const child = spawnSync(process.execPath, [
    require.resolve('ts-node/dist/bin'), '--transpile-only', path.join(__dirname, 'synth-app.ts'),
    kind, manifest, outdir, mode, String(count),
  ], {
    encoding: 'utf-8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 15 * 60 * 1000,
  });
  const processMs = performance.now() - start;
  if (child.status !== 0) throw new Error(`synth of ${kind} failed:\n${child.stderr}`);
  const lastLine = child.stdout.trim().split('\n').pop()!;
  return { ...JSON.parse(lastLine), processMs, bundled: child.stderr.includes('Bundling asset') };
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'lsf-bench-'));
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const PLAIN = { head: [], border: [] };

// 1. Construct overhead, bundling skipped: interleave the two kinds so drift hits both.
const warmSynths: { [kind: string]: number[] } = { 'lsf': [], 'lsf-no-watch': [], 'rust-function': [] };
const KIND_LABELS: { [kind: string]: string } = {
  'lsf': 'LatencySensitiveFunction (defaults)',
  'lsf-no-watch': 'LatencySensitiveFunction, alarms and dashboard off',
  'rust-function': 'RustFunction (cargo-lambda-cdk)',
};
for (let run = 0; run < runs; run++) {
  for (const kind of Object.keys(warmSynths)) {
    const { synthMs } = synthProcess(kind, tempDir(), 'skip-bundling', iterations);
    warmSynths[kind].push(...synthMs.slice(1)); // the first synth of a process warms module caches
  }
}
const overhead = new Table({ head: ['synth, bundling skipped', 'p50', 'p90', 'samples'], style: PLAIN });
for (const [kind, samples] of Object.entries(warmSynths)) {
  overhead.push([KIND_LABELS[kind], fmt(median(samples)), fmt(quantile(samples, 0.9)), samples.length]);
}
const ratio = (kind: string) => (median(warmSynths[kind]) / median(warmSynths['rust-function'])).toFixed(2);

// 2. Real build, then an unchanged second synth into the same cdk.out.
const outdir = tempDir();
const first = synthProcess('lsf', outdir, 'build', 1);
const second = synthProcess('lsf', outdir, 'build', 1);
const builds = new Table({ head: ['synth with a real arm64 build', 'in-process', 'whole process', 'ran the build', 'asset dirs'], style: PLAIN });
builds.push(['first (empty cdk.out)', fmt(first.synthMs[0]), fmt(first.processMs), yesNo(first.bundled), first.assetDirs.length]);
builds.push(['second (unchanged sources)', fmt(second.synthMs[0]), fmt(second.processMs), yesNo(second.bundled), second.assetDirs.length]);

// 3. Bootstrap size.
const bootstrap = path.join(outdir, second.assetDirs[0], 'bootstrap');
const raw = fs.statSync(bootstrap).size;
const deflated = zlib.deflateRawSync(fs.readFileSync(bootstrap), { level: 9 }).length;

console.log(`manifest: ${manifest}`);
console.log(`${runs} processes x ${iterations - 1} warm synths per kind (after one warm-up synth each); Node ${process.version}, ${os.cpus().length} CPUs\n`);
console.log(overhead.toString());
console.log(`synth time (p50) against RustFunction: defaults ${ratio('lsf')}x, alarms and dashboard off ${ratio('lsf-no-watch')}x\n`);
console.log(builds.toString());
console.log('(cargo\'s target/ is kept between runs, so the first build is incremental)\n');
console.log(`bootstrap: ${(raw / 1024).toFixed(0)} KiB raw, ${(deflated / 1024).toFixed(0)} KiB deflated (zip, level 9)`);
