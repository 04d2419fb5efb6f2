/**
 * lsf bench checks, before it builds anything, that the sources are those the last synth
 * recorded: an app synthesized with real bundling (path-deps-app, copied), then edited.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AssetStaging, Stack } from 'aws-cdk-lib';
import { TEST_CACHE, synthApp } from './bench-apps';
import { lsf } from './cli-harness';
import { LatencySensitiveFunction } from '../../../src';
import { copyPathDepsApp, synthPathDepsApp } from '../../fixtures/path-deps-app/app';

// The synth builds the bootstrap; a first bench prepares a venv, aws-lambda-ric and the floor.
const FIRST_BUILD_MS = 20 * 60_000;

let root: string;
let assembly: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'lsf-freshness-'));
  copyPathDepsApp(root);
  AssetStaging.clearAssetHashCache();
  synthPathDepsApp(root, path.join(root, 'cdk.out'));
  assembly = path.join(root, 'cdk.out');
}, FIRST_BUILD_MS);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function bench(cacheDir: string, ...args: string[]) {
  return lsf('bench', '--app', assembly, '--cache-dir', cacheDir, '--event', path.join(root, 'event.json'), '--cold', '1', '--warm', '2', ...args);
}

/** Runs `check` with `file` (relative to the app) changed by `change`, then puts it back. */
async function withEdit(file: string, change: (text: string) => string | undefined, check: () => Promise<void>): Promise<void> {
  const full = path.join(root, file);
  const before = existsSync(full) ? readFileSync(full) : undefined;
  const after = change(before?.toString('utf8') ?? '');
  if (after === undefined) unlinkSync(full);
  else writeFileSync(full, after);
  try {
    await check();
  } finally {
    if (before === undefined) unlinkSync(full);
    else writeFileSync(full, before);
  }
}

describe('sources edited after cdk synth: exit 2 naming the files and `cdk synth`, before any build', () => {
  test.each<[string, string, (text: string) => string | undefined, RegExp]>([
    ['the Rust crate', 'handlers/orders/src/main.rs', (t) => t.replace('pricing::quote', 'pricing::quote /* edited */'), /changed: handlers\/orders\/src\/main\.rs$/m],
    ['a workspace path dependency beside the crate', 'handlers/pricing/src/lib.rs', (t) => t.replace('* 125', '* 150'), /changed: handlers\/pricing\/src\/lib\.rs$/m],
    ['a path dependency outside the workspace', 'shared/greeter/src/lib.rs', (t) => `${t}\n// edited\n`, /changed: shared\/greeter\/src\/lib\.rs$/m],
    ['Cargo.lock', 'handlers/Cargo.lock', (t) => `${t}\n`, /changed: handlers\/Cargo\.lock$/m],
    ['a new file in the crate', 'handlers/orders/src/extra.rs', () => 'pub fn extra() {}\n', /added: handlers\/orders\/src\/extra\.rs$/m],
    ['a file of the Python twin', 'twins/python/quote.py', (t) => t.replace('* 125', '* 150'), /changed: twins\/python\/quote\.py$/m],
    ['a requirements.txt added to the Python twin', 'twins/python/requirements.txt', () => 'six==1.16.0\n', /added: twins\/python\/requirements\.txt$/m],
    ['a module the Node twin imports', 'twins/node/cents.mjs', (t) => t.replace('125', '150'), /changed: twins\/node\/cents\.mjs$/m],
    ['a removed module of the Node twin', 'twins/node/cents.mjs', () => undefined, /removed: twins\/node\/cents\.mjs$/m],
  ])('%s', async (_, file, change, named) => {
    const cache = mkdtempSync(path.join(os.tmpdir(), 'lsf-freshness-cache-'));
    rmSync(cache, { recursive: true });
    await withEdit(file, change, async () => {
      const run = await bench(cache);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('lsf bench: The sources changed since the last `cdk synth`');
      expect(run.stderr).toMatch(named);
      expect(run.stderr).toContain('Run `cdk synth` again, then lsf bench.');
      // Nothing was built or prepared: the cache was not even made.
      expect(existsSync(cache)).toBe(false);
      expect(run.stderr).not.toContain('Building');
    });
  });

  test('a skipped twin is not checked: --no-python-twin benches past an edited Python twin', async () => {
    await withEdit('twins/python/quote.py', (t) => `${t}\n# edited\n`, async () => {
      const run = await bench(TEST_CACHE, '--no-python-twin', '--no-node-twin');
      expect(run.stderr).not.toContain('lsf bench:');
      expect(run.code).toBe(0);
    });
  }, FIRST_BUILD_MS);
});

test('an unchanged app benches, and cargo reuses the synth\'s build: the bootstrap is not compiled again', async () => {
  // What rustc wrote for the binary (cargo-lambda moves the linked copy out of release/).
  const deps = path.join(root, 'handlers', 'target', 'x86_64-unknown-linux-gnu', 'release', 'deps');
  const built = path.join(deps, readdirSync(deps).find((file) => /^orders-[0-9a-f]+$/.test(file))!);
  const compiledAt = statSync(built).mtimeMs;
  const run = await bench(TEST_CACHE);
  expect(run.stderr).not.toContain('lsf bench:');
  expect(run.stderr).not.toContain('Sources not checked');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^Orders: 1 cold starts and 2 warm invocations per runtime, interleaved; parity 1 cases x rust, python, node/m);
  expect(statSync(built).mtimeMs).toBe(compiledAt);
}, FIRST_BUILD_MS);

test('a record without a fingerprint (bundling skipped at synth) is benched, with one line saying it was not checked', async () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'lsf-freshness-skipped-'));
  try {
    const skipped = synthApp(path.join(out, 'cdk.out'), (app) => {
      new LatencySensitiveFunction(new Stack(app, 'OrdersStack'), 'Orders', { manifestPath: path.join(root, 'handlers', 'orders') });
    });
    const run = await lsf('bench', '--app', skipped, '--cache-dir', TEST_CACHE, '--event', path.join(root, 'event.json'), '--cold', '1', '--warm', '1', '--no-arm64');
    expect(run.code).toBe(0);
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('Sources not checked'));
    expect(lines).toEqual(['Sources not checked against the synthesized assets of OrdersStack/Orders: their records hold no source fingerprint '
      + '(bundling was skipped at synth, or the library that synthesized them predates it). A plain `cdk synth` records one.']);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, FIRST_BUILD_MS);
