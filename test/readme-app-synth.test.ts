/**
 * The README's TypeScript app (the "Use it" sample), copied verbatim into a fresh app folder
 * and synthesized from there with real bundling, as `cdk synth` runs it: the Rust build, pip
 * for the Python twin, esbuild for the Node twin. The Python and Java apps do the same in the
 * consumer tests (test/consumers/readme_app.py).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, AssetStaging } from 'aws-cdk-lib';
import * as ts from 'typescript';
import { ELF_MACHINE, elfMachine } from './elf';
import { FIXTURES, stagedFunctionAsset } from './fixtures';

jest.setTimeout(15 * 60 * 1000);

const ROOT = path.join(__dirname, '..');

/** The README sample that defines the app's stack. */
function readmeApp(): string {
  const samples = [...fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').matchAll(/```ts nofixture\n([\s\S]*?)```/g)].map((m) => m[1]);
  const app = samples.filter((sample) => sample.includes('class SignupStack'));
  expect(app).toHaveLength(1);
  return app[0];
}

/** Runs the sample as the app's own module: its `cdk-latency-sensitive-function` import is this checkout's source. */
function loadStack(source: string): new (scope: App, id: string) => any {
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  const js = ts.transpileModule(source, { compilerOptions }).outputText;
  const module = { exports: {} as any };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const requireFromApp = (name: string) => require(name === 'cdk-latency-sensitive-function' ? '../src' : name);
  new Function('require', 'module', 'exports', js)(requireFromApp, module, module.exports);
  return module.exports.SignupStack;
}

/** rust/, twin-python/, twin-node/ with its esbuild installed (this checkout's, linked the way npm links it). */
function layOut(app: string): void {
  fs.cpSync(FIXTURES.hello, path.join(app, 'rust'), { recursive: true, filter: (src) => path.basename(src) !== 'target' });
  fs.cpSync(FIXTURES.pythonTwin, path.join(app, 'twin-python'), { recursive: true });
  fs.mkdirSync(path.join(app, 'twin-node', 'node_modules', '.bin'), { recursive: true });
  fs.copyFileSync(FIXTURES.nodeTwinEntry, path.join(app, 'twin-node', 'handler.ts'));
  fs.writeFileSync(path.join(app, 'twin-node', 'package.json'), JSON.stringify({ name: 'twin-node', private: true }));
  fs.writeFileSync(path.join(app, 'twin-node', 'package-lock.json'), JSON.stringify({ name: 'twin-node', lockfileVersion: 3, requires: true, packages: { '': { name: 'twin-node' } } }));
  fs.symlinkSync(path.dirname(require.resolve('esbuild/package.json')), path.join(app, 'twin-node', 'node_modules', 'esbuild'));
  fs.symlinkSync('../esbuild/bin/esbuild', path.join(app, 'twin-node', 'node_modules', '.bin', 'esbuild'));
}

describe('the README\'s TypeScript app, synthesized with real bundling from its own folder', () => {
  const appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsf-readme-app-'));
  const outdir = path.join(appDir, 'cdk.out');
  let stack: any;

  beforeAll(() => {
    layOut(appDir);
    const SignupStack = loadStack(readmeApp());
    const cwd = process.cwd();
    process.chdir(appDir);
    AssetStaging.clearAssetHashCache();
    // The sample is verbatim, so the shared build cache comes from the environment, as in the
    // consumer tests: the rust-build tests' target folder, which holds this crate's dependencies.
    const targetDir = process.env.CARGO_TARGET_DIR;
    process.env.CARGO_TARGET_DIR = path.join(FIXTURES.hello, 'target');
    try {
      const app = new App({ outdir });
      stack = new SignupStack(app, 'Signup');
      app.synth();
    } finally {
      process.chdir(cwd);
      if (targetDir === undefined) delete process.env.CARGO_TARGET_DIR;
      else process.env.CARGO_TARGET_DIR = targetDir;
    }
  });

  afterAll(() => fs.rmSync(appDir, { recursive: true, force: true }));

  test('the Rust function is an arm64 bootstrap', () => {
    expect(elfMachine(path.join(stagedFunctionAsset(stack, outdir, 'provided.al2023').dir, 'bootstrap'))).toBe(ELF_MACHINE.aarch64);
  });

  test('the Python twin is its folder with requirements.txt installed', () => {
    const { dir } = stagedFunctionAsset(stack, outdir, 'python3.13');
    expect(fs.readFileSync(path.join(dir, 'handler.py'), 'utf8')).toContain('def handler(');
    expect(fs.existsSync(path.join(dir, 'pydantic'))).toBe(true);
  });

  test('the Node twin is an esbuild bundle', () => {
    const bundle = fs.readFileSync(path.join(stagedFunctionAsset(stack, outdir, 'nodejs22.x').dir, 'index.js'), 'utf8');
    expect(bundle).toContain('handler');
    expect(bundle).not.toContain('Promise<');
  });
});
