import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { installEsbuildInApp, installLsfOutsideApp } from './lsf-outside-app';
import { LatencySensitiveFunction, Twin } from '../../../../src';
import { TEST_CACHE, synthApp } from '../bench-apps';

const RUST = path.resolve(__dirname, '..', '..', '..', 'fixtures', 'bench-app', 'rust');
const COMPILED = path.resolve(__dirname, '..', '..', '..', '..', 'lib', 'lsf', 'bench', 'prepare', 'prerequisites.js');

let dir: string;
let lsfJs: string;

/**
 * A user's app outside this repository: the bench fixture's Rust workspace (binary `shout`),
 * a TypeScript Node twin in src/handlers/loud.ts and a Python twin in py/loud.py.
 */
function userApp(options: { python?: boolean } = {}): { app: string; assembly: string } {
  const app = mkdtempSync(path.join(dir, 'app-'));
  mkdirSync(path.join(app, 'src', 'handlers'), { recursive: true });
  writeFileSync(path.join(app, 'src', 'handlers', 'loud.ts'),
    'export const loud = async (event: { name?: string }) => ({ shout: `HELLO ${String(event.name ?? \'\').toUpperCase()}!` });\n');
  mkdirSync(path.join(app, 'py'));
  writeFileSync(path.join(app, 'py', 'loud.py'), 'def loud(event, context):\n    return {"shout": "HELLO %s!" % str(event.get("name", "")).upper()}\n');
  writeFileSync(path.join(app, 'event.json'), '{"name": "Ada"}\n');
  writeFileSync(path.join(app, 'package.json'), '{"name": "loud-app", "private": true}\n');
  writeFileSync(path.join(app, 'package-lock.json'), '{"name": "loud-app", "lockfileVersion": 3, "requires": true, "packages": {}}\n');
  // NodejsFunction takes the app's root from the lock file it finds above the working folder, as `cdk synth` in the app does.
  const cwd = process.cwd();
  process.chdir(app);
  try {
    return { app, assembly: synthLoudApp(app, options) };
  } finally {
    process.chdir(cwd);
  }
}

function synthLoudApp(app: string, options: { python?: boolean }): string {
  return synthApp(path.join(app, 'cdk.out'), (cdk) => new LatencySensitiveFunction(new Stack(cdk, 'Loud'), 'Shout', {
    manifestPath: RUST,
    binaryName: 'shout',
    architecture: lambda.Architecture.X86_64,
    twins: [
      Twin.node({ entry: path.join(app, 'src', 'handlers', 'loud.ts'), handler: 'loud' }),
      ...(options.python ? [Twin.python({ entry: path.join(app, 'py'), index: 'loud.py', handler: 'loud' })] : []),
    ],
  }));
}

/** The copied lsf, run with node in the app's folder, as `npx lsf` or the wheel's `lsf` run it. */
async function lsfInApp(app: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const options = { cwd: app, timeout: 900_000, maxBuffer: 16 * 1024 * 1024 };
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [lsfJs, ...args], options);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout: string; stderr: string };
    return { code: failed.code ?? -1, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(() => {
  if (!existsSync(COMPILED)) throw new Error(`${COMPILED} is missing: these tests run the compiled lsf; run \`npx projen compile\` first.`);
  dir = mkdtempSync(path.join(os.tmpdir(), 'lsf-prerequisites-'));
  lsfJs = installLsfOutsideApp(path.join(dir, 'lsf'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a Node twin without esbuild anywhere, and a Python without venv: both named, exit 2, before any build', async () => {
  const { app, assembly } = userApp({ python: true });
  const run = await lsfInApp(app, 'bench', '--app', assembly, '--event', 'event.json', '--cold', '1', '--warm', '1',
    '--python', '/nonexistent/python3', '--cache-dir', path.join(dir, 'empty-cache'));

  expect(run.code).toBe(2);
  // Two at least: the runtime client's build tools may be missing on this machine too.
  expect(run.stderr).toMatch(/lsf bench: Nothing was built: \d prerequisites are missing\./);
  expect(run.stderr).toContain(`Cannot bundle the Node twin ${path.join(app, 'src', 'handlers', 'loud.ts')}: esbuild is not installed where lsf looks for it`);
  expect(run.stderr).toContain('Install it in your app with `npm install --save-dev esbuild`');
  expect(run.stderr).toContain('Cannot run the python twin: `/nonexistent/python3` is not installed.');
  expect(run.stderr).not.toMatch(/Building|Preparing/);
  // Nothing was prepared either: the cache folder was never made.
  expect(existsSync(path.join(dir, 'empty-cache'))).toBe(false);
}, 120_000);

test('with esbuild only in the app\'s node_modules, the copy of lsf outside the app bundles and measures the Node twin', async () => {
  const { app, assembly } = userApp();
  installEsbuildInApp(app);
  const run = await lsfInApp(app, 'bench', '--app', assembly, '--event', 'event.json', '--cold', '1', '--warm', '2', '--no-arm64', '--cache-dir', TEST_CACHE);

  expect(run.stderr).not.toContain('esbuild is not installed');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Shout: 1 cold starts and 2 warm invocations per runtime, interleaved; parity 1 cases x rust, node: all equal');
  expect(run.stdout).toMatch(/│ node /);
}, 900_000);
