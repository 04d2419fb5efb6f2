// What the release uploads: the npm tarball, the wheel and the jar, with the names and version
// the registries expect, and only what users need. Reads the artifacts the consumers step of
// `npm test` has just built (test/consumers/run.sh: dist/js, dist/python, the jar of its Maven
// build), or those of `npx projen package-all`; it does not package a second time.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const TARBALL = `cdk-latency-sensitive-function@${VERSION}.jsii.tgz`;
// Listings of some 14,000 files: more than execFileSync's default 1 MB of output.
const MAX_BUFFER = 64 * 1024 * 1024;

/** Our own files that are for development only: none may ship. */
const DEV_ONLY = /^(src|test|examples|dev|benchmarks|build-tools|api-baseline|projenrc|\.ci|\.github|\.projen|\.tools|\.venv|\.test-cache|coverage)\/|^(requirements-dev\.txt|\.projenrc\.ts|tsconfig\.json)$|^scripts\/(?!setup-toolchain\.sh$)/;
/** Build output and caches, anywhere (also in a bundled dependency). */
const CACHES = /(^|\/)(\.test-cache|cdk\.out|target|__pycache__|\.pytest_cache)\//;

function find(candidates: string[]): string {
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`none of ${candidates.map((f) => path.relative(ROOT, f)).join(', ')}: run \`npx projen consumers\` (or \`npx projen package-all\`) first`);
  return found;
}

function zipEntries(file: string): string[] {
  return execFileSync('unzip', ['-Z1', file], { encoding: 'utf8', maxBuffer: MAX_BUFFER }).split('\n').filter(Boolean);
}

/** The npm tarball's files, without tar's `package/` prefix. */
function tarballEntries(file: string): string[] {
  return execFileSync('tar', ['-tzf', file], { encoding: 'utf8', maxBuffer: MAX_BUFFER }).split('\n').filter(Boolean).map((e) => e.replace(/^package\//, ''));
}

/** The npm tarball that a wheel or jar carries, for the same checks. */
function embeddedTarball(archive: string, entry: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'artifact-'));
  try {
    execFileSync('unzip', ['-q', '-j', archive, entry, '-d', dir]);
    return tarballEntries(path.join(dir, path.basename(entry)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The npm package, wherever it travels: what users need, nothing for development. */
function expectUserContents(entries: string[]) {
  const own = entries.filter((e) => !e.startsWith('node_modules/'));
  expect(own.filter((e) => DEV_ONLY.test(e))).toEqual([]);
  expect(entries.filter((e) => CACHES.test(e))).toEqual([]);
  // The build toolchain script users run, the lsf command, the library and its assembly.
  expect(own).toEqual(expect.arrayContaining(['scripts/setup-toolchain.sh', 'lib/index.js', 'lib/lsf/cli/lsf.js', '.jsii', 'package.json', 'README.md', 'LICENSE']));
  // The bundled dependencies travel inside: cargo-lambda-cdk has no Java artifact on Maven Central.
  expect(entries).toEqual(expect.arrayContaining(['node_modules/cargo-lambda-cdk/package.json', 'node_modules/@aws-cdk/aws-lambda-python-alpha/package.json']));
}

test('the npm tarball', () => {
  const tarball = find([path.join(DIST, 'js', TARBALL)]);
  expectUserContents(tarballEntries(tarball));
});

test('the wheel', () => {
  const wheel = find([path.join(DIST, 'python', `cdk_latency_sensitive_function-${VERSION}-py3-none-any.whl`)]);
  const entries = zipEntries(wheel);
  const embedded = `cdk_latency_sensitive_function/_jsii/${TARBALL}`;
  // Python users run lsf from the wheel's script (test/consumers/python/test_lsf_cli.py).
  expect(entries).toEqual(expect.arrayContaining([embedded, 'cdk_latency_sensitive_function/__init__.py', `cdk_latency_sensitive_function-${VERSION}.data/scripts/lsf`]));
  expectUserContents(embeddedTarball(wheel, embedded));
});

test('the jar', () => {
  const name = `cdk-latency-sensitive-function-${VERSION}.jar`;
  // The consumers' Maven build (dist/java/target), or package-all's Maven repository layout.
  const jar = find([path.join(DIST, 'java', 'target', name), path.join(DIST, 'java', 'io/github/cdk-latency-sensitive-function/cdk-latency-sensitive-function', VERSION, name)]);
  const entries = zipEntries(jar);
  const embedded = `io/github/cdklatencysensitivefunction/${TARBALL}`;
  expect(entries).toEqual(expect.arrayContaining([embedded, 'io/github/cdklatencysensitivefunction/LatencySensitiveFunction.class']));
  expectUserContents(embeddedTarball(jar, embedded));
});
