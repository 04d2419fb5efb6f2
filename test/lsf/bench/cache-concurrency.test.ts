import { mkdtempSync, readdirSync, readlinkSync, rmSync, statSync, truncateSync, unlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliProcess, CliRun, lsfProcess } from './cli-harness';
import { MANIFEST, verifyEntry } from '../../../src/lsf/bench/prepare/cache-entry';
import { synthBenchApp } from '../../fixtures/bench-app/app';
import { until } from '../../support/until';

const APP = path.join(__dirname, '..', '..', 'fixtures', 'bench-app');
// Each test starts from an empty cache: a venv, the floor and the fixture's bootstrap are built (minutes on 2 shared cores).
const FRESH_CACHE_MS = 15 * 60_000;
/** The five entries of the fixture's Greet function: its bootstrap, the floor, and the Python twin's venv, requirements and task folder. */
const ENTRY_KINDS = [/\/floor-x86_64-[0-9a-f]{16}$/, /\/lambda-x86_64\/[0-9a-f]{16}$/, /\/python-3\.\d+\.\d+-venv-[0-9a-f]{16}$/, /\/python-deps-[0-9a-f]{16}$/, /\/python-task-[0-9a-f]{16}$/];

let out: string;
let assembly: string;
const caches: string[] = [];
beforeAll(() => {
  out = mkdtempSync(path.join(os.tmpdir(), 'lsf-cache-concurrency-'));
  assembly = synthBenchApp(path.join(out, 'cdk.out'));
});
afterAll(() => {
  for (const cache of caches) killBuildsIn(cache);
  rmSync(out, { recursive: true, force: true });
});

function freshCache(): string {
  const cache = mkdtempSync(path.join(out, 'cache-'));
  caches.push(cache);
  return cache;
}

/** The Greet function of the bench-app fixture, without arm64 under qemu: small counts. */
function bench(cache: string): CliProcess {
  return lsfProcess('bench', '--app', assembly, '--stack', 'GreetStack', '--cases', path.join(APP, 'greet-cases.jsonl'), '--cache-dir', cache,
    '--no-arm64', '--no-node-twin', '--cold', '2', '--warm', '5', '--json');
}

/** Each entry a run published ("Cached ... in DIR"), with how many times, over all the runs. */
function publications(runs: readonly CliRun[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const run of runs) {
    for (const [, dir] of run.stderr.matchAll(/^Cached .* in (\S+)$/gm)) counts.set(dir, (counts.get(dir) ?? 0) + 1);
  }
  return counts;
}

/** Everything in the cache that is neither an entry nor a working folder: locks, scratch, entries moved aside. */
function leftovers(cache: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (/\.(lock|new-|stale-|released-|corrupt-)/.test(entry.name)) found.push(path.relative(cache, path.join(dir, entry.name)));
      else if (entry.isDirectory() && entry.name !== 'target' && !entry.name.startsWith('python-')) walk(path.join(dir, entry.name));
    }
  };
  walk(cache);
  return found;
}

function expectAllSucceeded(runs: readonly CliRun[]): void {
  for (const run of runs) {
    expect(run.stderr).not.toContain('Text file busy');
    expect(run.stderr).not.toContain('lsf bench:');
    expect(run.stderr).not.toContain('unexpected error');
    expect(run.code).toBe(0);
    const { results } = JSON.parse(run.stdout) as { results: Array<{ runtimes: Array<{ name: string }> }> };
    expect(results[0].runtimes.map((r) => r.name)).toEqual(['rust', 'python', 'floor']);
  }
}

/** Each of the five entries published exactly once, whichever run built it. */
function expectEachEntryBuiltOnce(runs: readonly CliRun[]): string[] {
  const counts = publications(runs);
  expect([...counts.values()]).toEqual([1, 1, 1, 1, 1]);
  const dirs = [...counts.keys()];
  for (const kind of ENTRY_KINDS) expect(dirs.filter((dir) => kind.test(dir))).toHaveLength(1);
  for (const dir of dirs) expect(verifyEntry(dir)).toBeUndefined();
  return dirs;
}

/** Build steps (pip, cargo) still working in `cache`: none once a run is done, or has been interrupted. */
function buildsIn(cache: string): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number).filter((pid) => {
    try {
      return readlinkSync(`/proc/${pid}/cwd`).startsWith(cache);
    } catch {
      // Gone, or not ours.
      return false;
    }
  });
}

/** What a SIGKILLed run left building. */
function killBuildsIn(cache: string): void {
  for (const pid of buildsIn(cache)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Ended meanwhile.
    }
  }
}

describe('one cache shared by lsf bench runs at once', () => {
  test('two runs started together on a fresh cache both succeed and build each entry once; a truncated bootstrap and a half-written venv are then rebuilt, never run', async () => {
    const cache = freshCache();
    const runs = await Promise.all([bench(cache), bench(cache)].map((run) => run.done));
    expectAllSucceeded(runs);
    const entries = expectEachEntryBuiltOnce(runs);
    // The run that did not build waited, and said for whom.
    expect(runs.map((run) => run.stderr).join('')).toMatch(/Waiting for lsf bench \(pid \d+\) to finish /);
    expect(leftovers(cache)).toEqual([]);

    const [floor, rust, venv] = ENTRY_KINDS.slice(0, 3).map((kind) => entries.find((dir) => kind.test(dir))!);
    const floorBytes = statSync(path.join(floor, 'bootstrap')).size;
    truncateSync(path.join(floor, 'bootstrap'), 4096);
    truncateSync(path.join(rust, 'bootstrap'), 0);
    // A venv whose build was killed before its manifest: not whole, even if most files are there.
    unlinkSync(path.join(venv, MANIFEST));
    const again = await bench(cache).done;
    expectAllSucceeded([again]);
    expect(again.stderr).toContain(`Cache entry ${floor} (the std-only floor) is not whole (bootstrap is 4096 bytes, was ${floorBytes} bytes): rebuilt.`);
    expect(again.stderr).toMatch(new RegExp(`Cache entry ${rust} \\(the x86_64 bootstrap of greet\\) is not whole \\(bootstrap is 0 bytes, was \\d+ bytes\\): rebuilt\\.`));
    expect(again.stderr).toContain(`Cache entry ${venv} (a Python `);
    expect(again.stderr).toContain(`is not whole (no ${MANIFEST} manifest: its build never finished): rebuilt.`);
    for (const dir of [floor, rust, venv]) expect(verifyEntry(dir, dir === venv ? undefined : 'bootstrap')).toBeUndefined();
    expect(statSync(path.join(floor, 'bootstrap')).size).toBe(floorBytes);
  }, FRESH_CACHE_MS);

  test('four runs started together on a fresh cache all succeed and build each entry once', async () => {
    const cache = freshCache();
    const runs = await Promise.all([1, 2, 3, 4].map(() => bench(cache).done));
    expectAllSucceeded(runs);
    expectEachEntryBuiltOnce(runs);
    expect(leftovers(cache)).toEqual([]);
  }, FRESH_CACHE_MS);

  test('a run killed with SIGKILL while it builds the venv leaves nothing that breaks the next run: its lock is recovered, with a message', async () => {
    const cache = freshCache();
    const killed = bench(cache);
    const lock = await until('the run to be installing the venv', FRESH_CACHE_MS / 2, () => venvLockIn(cache));
    process.kill(killed.pid, 'SIGKILL');
    expect((await killed.done).code).toBe(137);

    const next = await bench(cache).done;
    expectAllSucceeded([next]);
    expect(next.stderr).toContain('Recovered the lock on building a Python ');
    expect(next.stderr).toContain(` at ${lock}: lsf bench pid ${killed.pid}, which held it, is gone (killed?); its unfinished build was removed.`);
    expect(leftovers(cache)).toEqual([]);
  }, FRESH_CACHE_MS);

  test('Ctrl-C while a run builds the venv: exit 130, its build steps killed, its lock and scratch folder gone', async () => {
    const cache = freshCache();
    const interrupted = bench(cache);
    await until('the run to be installing the venv', FRESH_CACHE_MS / 2, () => venvLockIn(cache));
    process.kill(interrupted.pid, 'SIGINT');
    expect((await interrupted.done).code).toBe(130);
    // Killed as lsf exits; reaped by init a moment later.
    const left = await until('the build steps to be gone', 5000, () => (buildsIn(cache).length === 0 ? [] : undefined)).catch(() => buildsIn(cache));
    expect(left).toEqual([]);
    expect(leftovers(cache)).toEqual([]);
  }, FRESH_CACHE_MS);
});

/** The lock of the twin's venv, once a run holds it. */
function venvLockIn(cache: string): string | undefined {
  const functions = path.join(cache, 'functions');
  try {
    for (const fn of readdirSync(functions)) {
      const twin = path.join(functions, fn, 'python');
      const lock = readdirSync(twin).find((name) => /^python-.*-venv-[0-9a-f]+\.lock$/.test(name));
      if (lock) return path.join(twin, lock);
    }
  } catch {
    // Not there yet.
  }
  return undefined;
}
