import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TEST_CACHE } from './bench-apps';
import { lsf } from './cli-harness';
import { liveProcessGroups } from '../../../src/lsf/bench/runtime/runtime-process';
import { synthBenchApp } from '../../fixtures/bench-app/app';

const APP = path.join(__dirname, '..', '..', 'fixtures', 'bench-app');
// A first run builds two std-only binaries for two architectures, a venv and aws-lambda-ric.
const FIRST_BUILD_MS = 20 * 60_000;
const ON_X86_64 = process.arch === 'x64';

let out: string;
let assembly: string;
beforeAll(() => {
  out = mkdtempSync(path.join(os.tmpdir(), 'lsf-app-bench-'));
  assembly = synthBenchApp(path.join(out, 'cdk.out'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));
afterEach(() => expect(liveProcessGroups()).toEqual([]));

function bench(...args: string[]) {
  return lsf('bench', '--app', assembly, '--cache-dir', TEST_CACHE, '--cold', '2', '--warm', '5', ...args);
}

interface Result {
  function: string;
  constructPaths: string[];
  parity: { caseCount: number; runtimes: string[]; mode: string; comparedAs: Array<{ as: string; caseCount: number }> };
  assumptions: { profile: string; memorySize: number; architecture: string };
  runtimes: Array<{ name: string; description: string; packageBytes: number }>;
  samples: Record<string, { initMs: number[]; warmMs: number[] }>;
}

describe('lsf bench on a user app of another shape (workspace, two binaries, two stacks, other file names)', () => {
  test('the arm64 function with a custom profile and a Python twin in greeting.py: parity by JSON value, then timings', async () => {
    const chart = path.join(out, 'greet.svg');
    const run = await bench('--function', 'Greet', '--cases', path.join(APP, 'greet-cases.jsonl'), '--json', '--chart', chart);
    expect(run.stderr).not.toContain('lsf bench:');
    expect(run.code).toBe(0);
    const { results } = JSON.parse(run.stdout) as { results: Result[] };
    expect(results).toHaveLength(1);
    const [greet] = results;
    expect(greet.function).toBe('Greet');
    expect(greet.constructPaths).toEqual(['GreetStack/Greet']);
    // The Rust answer orders its keys unlike the twin's: the values are equal, so parity holds.
    expect(greet.parity).toEqual({
      caseCount: 2,
      runtimes: ON_X86_64 ? ['rust', 'python', 'rust-arm64'] : ['rust', 'python'],
      mode: 'auto',
      comparedAs: [{ as: 'JSON value', caseCount: 2 }],
    });
    expect(greet.runtimes.map((r) => r.name)).toEqual(['rust', 'python', 'floor']);
    // The function's own profile and memory, not a preset.
    expect(greet.assumptions).toMatchObject({ profile: 'greeter', memorySize: 256, architecture: 'arm64' });
    expect(greet.runtimes[0].description).toContain('Rust bootstrap (greet)');
    expect(greet.runtimes[1].description).toMatch(/^Python 3\.\d+\.\d+ twin under awslambdaric \(deploys on python3\.13(: no Python 3\.13 here, ran 3\.\d+\.\d+ instead)?\)$/);
    for (const r of greet.runtimes) {
      expect(greet.samples[r.name].initMs).toHaveLength(2);
      expect(greet.samples[r.name].warmMs).toHaveLength(5);
    }
    expect(run.stderr).toContain('DEPLOY_REGION: known only at deploy time, so not set in the local runs');
    expect(readFileSync(chart, 'utf8')).toContain('Greet: 2 cold starts');
  }, FIRST_BUILD_MS);

  test('the x86_64 function with a Node twin in shout.js, by stack, with cases that have no expected answers', async () => {
    const run = await bench('--stack', 'ShoutStack', '--cases', path.join(APP, 'shout-cases.jsonl'), '--json', '--chart', path.join(out, 'shout.svg'));
    expect(run.stderr).not.toContain('lsf bench:');
    expect(run.code).toBe(0);
    const [shout] = (JSON.parse(run.stdout) as { results: Result[] }).results;
    expect(shout.parity.runtimes).toEqual(['rust', 'node']);
    expect(shout.runtimes.map((r) => r.name)).toEqual(['rust', 'node', 'floor']);
    expect(shout.assumptions.architecture).toBe('x86_64');
    if (ON_X86_64) expect(shout.runtimes[0].description).toContain('x86_64 build as deployed');
    expect(shout.runtimes[1].description).toContain('(deploys on nodejs22.x)');
  }, FIRST_BUILD_MS);

  test('the whole app with one event: one table per function, charts named after each', async () => {
    const chart = path.join(out, 'all.svg');
    const run = await bench('--event', path.join(APP, 'event.json'), '--chart', chart);
    expect(run.stderr).not.toContain('lsf bench:');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Greet: 2 cold starts and 5 warm invocations per runtime, interleaved; parity 1 cases x rust, python/m);
    expect(run.stdout).toMatch(/^Shout: 2 cold starts and 5 warm invocations per runtime, interleaved; parity 1 cases x rust, node/m);
    expect(run.stdout).toContain('cost per 1M     LambdaCost, us-east-1 x86_64 prices, 512 MB (profile user-facing-validation)');
    expect(run.stdout).toContain('cost per 1M     LambdaCost, us-east-1 arm64 prices, 256 MB (profile greeter)');
    const charts = run.stderr.match(/^Chart: .*$/gm)!.map((line) => line.slice('Chart: '.length));
    expect(charts).toHaveLength(2);
    expect(charts.every(existsSync)).toBe(true);
    expect(charts[0]).toMatch(/all-Greet-[0-9a-f]{6}\.svg$/);
  }, FIRST_BUILD_MS);

  test('a twin that answers differently fails the run with the differing path, before any timing', async () => {
    const run = await bench('--function', 'Greet', '--cases', path.join(APP, 'greet-any.jsonl'), '--no-arm64');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('case "empty"');
    expect(run.stderr).toContain('$.greeting');
    expect(run.stderr).toContain('"hello stranger"');
    expect(run.stderr).not.toContain('case "ada"');
  }, FIRST_BUILD_MS);

  test('the CPU share of the function\'s memory is stated; a sweep adds every size with its share, a table and a chart', async () => {
    const chart = path.join(out, 'sweep.svg');
    const run = await bench('--stack', 'ShoutStack', '--event', path.join(APP, 'event.json'), '--memory', '128,1769', '--json', '--chart', chart);
    expect(run.stderr).not.toContain('lsf bench:');
    const [shout] = JSON.parse(run.stdout).results;
    expect(shout.cpuShare).toMatchObject({ applied: true, throttleInit: false, vcpus: 512 / 1769 });
    expect(shout.sweep.points.map((p: { memorySize: number }) => p.memorySize)).toEqual([128, 512, 1769]);
    for (const point of shout.sweep.points) {
      expect(point.runtimes.map((r: { name: string }) => r.name)).toEqual(['rust', 'node', 'floor']);
      expect(point.samples.rust.warmMs).toHaveLength(5);
    }
    expect(shout.sweep.choices.map((c: { runtime: string }) => c.runtime)).toEqual(['rust', 'node', 'floor']);
    expect(readFileSync(path.join(out, 'sweep.sweep.svg'), 'utf8')).toContain('Cost per 1M invocations');
    const table = await bench('--stack', 'ShoutStack', '--event', path.join(APP, 'event.json'), '--memory', '128');
    expect(table.stdout).toContain('512 MB, CPU limited to 0.289 vCPU (memory / 1,769 MB, cgroup-v');
    expect(table.stdout).toMatch(/│ node +│ 128 MB +│ 0\.072 vCPU │/);
  }, FIRST_BUILD_MS);

  test('where no cgroup can be made it says so once and labels the figures unthrottled; --no-cpu-share says that', async () => {
    const empty = mkdtempSync(path.join(out, 'no-cgroups-'));
    process.env.LSF_CGROUP_ROOT = empty;
    try {
      const run = await bench('--stack', 'ShoutStack', '--event', path.join(APP, 'event.json'), '--memory', '128');
      expect(run.code).toBe(0);
      expect(run.stderr.match(/CPU share not applied: .*--no-cpu-share/g)).toHaveLength(1);
      expect(run.stdout).toContain("512 MB, CPU NOT limited to the memory's share (all of this machine's)");
      expect(run.stdout).toContain('CPU             unthrottled: no cgroup file system under');
    } finally {
      delete process.env.LSF_CGROUP_ROOT;
    }
    const off = await bench('--stack', 'ShoutStack', '--event', path.join(APP, 'event.json'), '--no-cpu-share');
    expect(off.stdout).toContain("CPU             unthrottled: --no-cpu-share: every runtime had all of this machine's CPU");
    expect(readdirSync('/sys/fs/cgroup/cpu').filter((name) => name.startsWith(`lsf-${process.pid}-`))).toEqual([]);
  }, FIRST_BUILD_MS);

  test('--check-budgets: exit 1 naming the budget the Rust function exceeds, after the table; met budgets pass', async () => {
    const failing = await bench('--function', 'Greet', '--event', path.join(APP, 'event.json'), '--no-arm64', '--check-budgets');
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/Budget: rust cold-start budget \(init p99\) of profile greeter: EXCEEDED \([\d.]+ ms, budget 0\.50 ms\)/);
    expect(failing.stdout).toContain('Budget: rust warm-latency budget (warm p99) of profile greeter: met');
    expect(failing.stderr).toMatch(/lsf bench: latency budgets exceeded:\n  Greet: rust cold-start budget \(init p99\) of profile greeter is 0\.5 ms, measured [\d.]+ ms/);
    const passing = await bench('--function', 'Shout', '--event', path.join(APP, 'event.json'), '--check-budgets', '--json');
    expect(passing.code).toBe(0);
    expect(JSON.parse(passing.stdout).results[0].budgets.map((b: { met: boolean }) => b.met)).toEqual([true, true]);
  }, FIRST_BUILD_MS);

  test('each twin runs on its Lambda runtime\'s version where this machine can have it, and says which ran', async () => {
    const run = await bench('--event', path.join(APP, 'event.json'), '--no-arm64', '--json');
    expect(run.code).toBe(0);
    const [greet, shout] = JSON.parse(run.stdout).results;
    const node = shout.runtimes.find((r: { name: string }) => r.name === 'node');
    // nodejs22.x: Node 22 from the npm registry when this process is another major, with aws-lambda-ric 4.
    expect(node.runtimeVersion).toEqual({ lambda: 'nodejs22.x', local: expect.stringMatching(/^Node v22\./), matches: true });
    expect(node.description).toMatch(/^Node v22\.\d+\.\d+ twin under aws-lambda-ric@4\.\d+\.\d+ \(deploys on nodejs22\.x\)$/);
    // Greet deploys on arm64; with --no-arm64 its package size is the x86_64 build's, and the row says so.
    expect(greet.runtimes.find((r: { name: string }) => r.name === 'rust').description)
      .toBe('Rust bootstrap (greet), x86_64 host build, release profile; package: this x86_64 build, not the deployed arm64 one (skipped with --no-arm64)');
    expect(shout.runtimes.find((r: { name: string }) => r.name === 'rust').description).toBe('Rust bootstrap (shout), x86_64 build as deployed, release profile');
    const python = greet.runtimes.find((r: { name: string }) => r.name === 'python');
    expect(python.runtimeVersion.lambda).toBe('python3.13');
    if (python.runtimeVersion.matches) {
      expect(python.description).toMatch(/^Python 3\.13\.\d+ twin under awslambdaric \(deploys on python3\.13\)$/);
    } else {
      expect(python.description).toMatch(/^Python (\d+\.\d+\.\d+) twin under awslambdaric \(deploys on python3\.13: no Python 3\.13 here, ran \1 instead\)$/);
    }
  }, FIRST_BUILD_MS);

  test('--node runs the Node twin on the node given, and the row says it is not Lambda\'s major; a --node that is not Node is refused', async () => {
    const run = await bench('--stack', 'ShoutStack', '--event', path.join(APP, 'event.json'), '--node', process.execPath, '--json');
    expect(run.code).toBe(0);
    const node = JSON.parse(run.stdout).results[0].runtimes.find((r: { name: string }) => r.name === 'node');
    const major = process.versions.node.split('.')[0];
    expect(node.runtimeVersion).toEqual({ lambda: 'nodejs22.x', local: `Node ${process.version}`, matches: major === '22' });
    if (major !== '22') expect(node.description).toContain(`(deploys on nodejs22.x: ran Node ${major} instead)`);
    const notNode = await bench('--stack', 'ShoutStack', '--event', path.join(APP, 'event.json'), '--node', '/bin/true');
    expect(notNode.code).toBe(2);
    expect(notNode.stderr).toContain('lsf bench: --node /bin/true is not a Node executable');
  }, FIRST_BUILD_MS);
});
