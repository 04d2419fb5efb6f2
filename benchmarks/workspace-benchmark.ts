/**
 * Workspace synth benchmark (issue 18, item 2): how synth time grows with the number of
 * LatencySensitiveFunctions built from one Cargo workspace. Generates, in a temp folder, a
 * workspace of 8 tiny handler binaries that share the same dependencies (rust-hello's, with its
 * Cargo.lock), then for 1, 2, 4 and 8 functions times, each synth in a fresh process:
 *  - cold: a fresh target/ and an empty cdk.out (the cargo registry cache stays warm: no download);
 *  - warm: a second synth of unchanged sources into the same cdk.out;
 *  - warm target: an empty cdk.out with target/ kept, so cargo runs and finds nothing to do.
 * Each function after the first costs, as % of the first one's build (goal: at most 25%):
 *  - across runs: (cold N - cold 1) / (N - 1), against cold 1 - warm 1 (whole processes);
 *  - within the synth: the mean construction time of functions 2..N (each builds its asset when
 *    constructed) against function 1's, in the same cold process: immune to load that changes
 *    between runs, which on a shared 2-core machine moves the first figure by tens of seconds.
 *
 *   npx ts-node --transpile-only benchmarks/workspace-benchmark.ts [--functions 1,2,4,8] [--keep]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Table from 'cli-table3';

const { values } = parseArgs({
  options: {
    functions: { type: 'string', default: '1,2,4,8' },
    keep: { type: 'boolean', default: false },
  },
});
const counts = values.functions!.split(',').map(Number);
if (counts[0] !== 1 || counts.some((n) => !Number.isInteger(n) || n < 1 || n > 8)) {
  throw new Error(`--functions must start with 1 (the reference) and hold whole numbers up to 8, got ${values.functions}`);
}
const MAX = Math.max(...counts);
const HELLO = path.join(__dirname, '..', 'test', 'fixtures', 'rust-hello');

/** Writes the workspace: handler-1 .. handler-MAX, one crate each, the same deps as rust-hello. */
function writeWorkspace(dir: string): void {
  fs.writeFileSync(path.join(dir, 'Cargo.toml'), [
    '[workspace]', 'members = ["crates/*"]', 'resolver = "2"', '',
    '[workspace.dependencies]', 'lambda_runtime = "0.14"', 'serde_json = "1"', 'tokio = { version = "1", features = ["macros"] }', '',
  ].join('\n'));
  // rust-hello's lock pins every shared dependency, so no resolution or download happens here.
  fs.copyFileSync(path.join(HELLO, 'Cargo.lock'), path.join(dir, 'Cargo.lock'));
  for (let i = 1; i <= MAX; i++) {
    const crate = path.join(dir, 'crates', `handler-${i}`);
    fs.mkdirSync(path.join(crate, 'src'), { recursive: true });
    fs.writeFileSync(path.join(crate, 'Cargo.toml'), [
      '[package]', `name = "handler-${i}"`, 'version = "0.1.0"', 'edition = "2021"', 'publish = false', '',
      '[dependencies]', 'lambda_runtime = { workspace = true }', 'serde_json = { workspace = true }', 'tokio = { workspace = true }', '',
    ].join('\n'));
    // Each handler answers with its own number: eight different programs, not eight copies.
    fs.writeFileSync(path.join(crate, 'src', 'main.rs'), `use lambda_runtime::{service_fn, Error, LambdaEvent};
use serde_json::{json, Value};

async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(json!({ "handler": ${i}, "event": event.payload }))
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(handler)).await
}
`);
  }
}

interface Synth {
  readonly processS: number;
  /** Each function's construction (its build included), in s. */
  readonly constructS: number[];
  /** How many functions the CDK bundled (it prints "Bundling asset" for each build it runs). */
  readonly builds: number;
}

function synth(workspace: string, outdir: string, count: number): Synth {
  const start = performance.now();
  const child = spawnSync(process.execPath, [
    require.resolve('ts-node/dist/bin'), '--transpile-only', path.join(__dirname, 'workspace-app.ts'), workspace, outdir, String(count),
  ], { encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30 * 60 * 1000, maxBuffer: 64 * 1024 * 1024 });
  const processS = (performance.now() - start) / 1000;
  if (child.status !== 0) throw new Error(`synth of ${count} function(s) failed:\n${child.stderr}`);
  const { constructMs, assetDirs } = JSON.parse(child.stdout.trim().split('\n').pop()!);
  // One staged asset per binary: fewer would mean two functions deployed one build.
  if (assetDirs.length !== count) throw new Error(`${count} function(s) staged ${assetDirs.length} asset folder(s) in ${outdir}`);
  return { processS, constructS: constructMs.map((ms: number) => ms / 1000), builds: child.stderr.split('Bundling asset').length - 1 };
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lsf-workspace-bench-'));
const workspace = path.join(root, 'workspace');
fs.mkdirSync(workspace);
writeWorkspace(workspace);
// Let cargo settle Cargo.lock for the generated members now: a lock rewritten by the first
// build would change the sources' hash and make the warm synth build again.
const settle = spawnSync('cargo', ['metadata', '--format-version', '1', '--offline'], { cwd: workspace, stdio: ['ignore', 'ignore', 'inherit'] });
if (settle.status !== 0) throw new Error('cargo metadata failed in the generated workspace');

const loadAtStart = os.loadavg()[0];
const rows: Array<{ count: number; cold: Synth; warm: Synth; warmTarget: Synth }> = [];
for (const count of counts) {
  fs.rmSync(path.join(workspace, 'target'), { recursive: true, force: true });
  const outdir = path.join(root, `cdk.out-${count}`);
  const cold = synth(workspace, outdir, count);
  const warm = synth(workspace, outdir, count);
  const warmTarget = synth(workspace, path.join(root, `cdk.out-${count}-warm-target`), count);
  rows.push({ count, cold, warm, warmTarget });
  process.stderr.write(`${count} function(s): cold ${cold.processS.toFixed(1)} s, warm ${warm.processS.toFixed(1)} s, warm target ${warmTarget.processS.toFixed(1)} s\n`);
}

const [one] = rows;
const firstBuildS = one.cold.processS - one.warm.processS;
const s = (value: number) => `${value.toFixed(1)} s`;
const table = new Table({
  head: ['functions', 'cold synth', 'warm synth', 'warm target,\nempty cdk.out', 'each after the first,\nacross runs', 'each after the first,\nwithin the synth', 'builds\n(cold / warm)'],
  style: { head: [], border: [] },
});
const share = (seconds: number, of: number) => `${s(seconds)} (${((100 * seconds) / of).toFixed(1)}%)`;
for (const { count, cold, warm, warmTarget } of rows) {
  const [first, ...rest] = cold.constructS;
  table.push([count, s(cold.processS), s(warm.processS), s(warmTarget.processS),
    count > 1 ? share((cold.processS - one.cold.processS) / (count - 1), firstBuildS) : '-',
    count > 1 ? share(rest.reduce((a, b) => a + b, 0) / rest.length, first) : `first: ${s(first)}`,
    `${cold.builds} / ${warm.builds}`]);
}

console.log(`Workspace of ${MAX} handler binaries (lambda_runtime 0.14, tokio, serde_json), arm64 release builds; every synth a fresh process`);
console.log(`Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), load ${loadAtStart.toFixed(1)} at start; cargo registry cache warm (no download), target/ fresh for each cold synth\n`);
console.log(table.toString());
console.log(`first function's build across runs: ${s(firstBuildS)} (cold 1 - warm 1); within a synth: function 1's construction. Goal: each function after the first at most 25% of the first's build`);
if (!values.keep) fs.rmSync(root, { recursive: true, force: true });
