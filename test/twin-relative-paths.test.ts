/**
 * The README's paths are relative to the app's folder ('rust/Cargo.toml', 'twin-python',
 * 'twin-node/handler.ts'): an app laid out that way, synthesized from its own folder the way
 * `cdk synth` runs it, with real bundling of the Rust function and both twins.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, AssetStaging, Stack } from 'aws-cdk-lib';
import { stagedFunctionAsset, FIXTURES } from './fixtures';
import { LatencySensitiveFunction, Twin } from '../src';

jest.setTimeout(15 * 60 * 1000);

/** An app folder of the README's shape: rust/, twin-python/ (with a package beside the handler), twin-node/ (an npm project of its own). */
function appFolder(): string {
  const app = fs.mkdtempSync(path.join(os.tmpdir(), 'lsf-relative-app-'));
  fs.cpSync(FIXTURES.hello, path.join(app, 'rust'), { recursive: true, filter: (src) => path.basename(src) !== 'target' });
  fs.mkdirSync(path.join(app, 'twin-python', 'orders'), { recursive: true });
  fs.writeFileSync(path.join(app, 'twin-python', 'orders', '__init__.py'), '');
  fs.writeFileSync(path.join(app, 'twin-python', 'orders', 'totals.py'), 'def total(items):\n    return sum(i["price"] * i["qty"] for i in items)\n');
  fs.writeFileSync(path.join(app, 'twin-python', 'handler.py'),
    'from orders.totals import total\n\n\ndef order_total(event, context):\n    return {"total": total(event["items"])}\n');
  fs.mkdirSync(path.join(app, 'twin-node'));
  fs.writeFileSync(path.join(app, 'twin-node', 'handler.ts'),
    'export const orderTotal = async (event: { items: { price: number; qty: number }[] }) =>\n'
    + '  ({ total: event.items.reduce((sum, i) => sum + i.price * i.qty, 0) });\n');
  fs.writeFileSync(path.join(app, 'twin-node', 'package.json'), JSON.stringify({ name: 'twin-node', version: '1.0.0', private: true }));
  fs.writeFileSync(path.join(app, 'twin-node', 'package-lock.json'),
    JSON.stringify({ name: 'twin-node', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'twin-node', version: '1.0.0' } } }));
  // `npm install --save-dev esbuild` there, as the README says, without the download: this checkout's esbuild, linked the way npm links it.
  fs.mkdirSync(path.join(app, 'twin-node', 'node_modules', '.bin'), { recursive: true });
  fs.symlinkSync(path.dirname(require.resolve('esbuild/package.json')), path.join(app, 'twin-node', 'node_modules', 'esbuild'));
  fs.symlinkSync('../esbuild/bin/esbuild', path.join(app, 'twin-node', 'node_modules', '.bin', 'esbuild'));
  return app;
}

describe('an app whose paths are relative to its folder, synthesized from that folder', () => {
  const app = appFolder();
  const outdir = path.join(app, 'cdk.out');
  const cwd = process.cwd();
  let stack: Stack;

  beforeAll(() => {
    process.chdir(app);
    AssetStaging.clearAssetHashCache();
    try {
      const cdkApp = new App({ outdir });
      stack = new Stack(cdkApp, 'Orders');
      new LatencySensitiveFunction(stack, 'OrderTotals', {
        manifestPath: 'rust/Cargo.toml',
        // The rust-build tests' cache: this crate's build is theirs.
        rustBuild: { environment: { CARGO_TARGET_DIR: path.join(FIXTURES.hello, 'target') } },
        twins: [
          Twin.python({ entry: 'twin-python', index: 'handler.py', handler: 'order_total' }),
          Twin.node({ entry: 'twin-node/handler.ts', handler: 'orderTotal' }),
        ],
      });
      cdkApp.synth();
    } finally {
      process.chdir(cwd);
    }
  });

  afterAll(() => fs.rmSync(app, { recursive: true, force: true }));

  test('the Python twin is bundled from its folder: the handler and its package, without the app around it', () => {
    const { dir } = stagedFunctionAsset(stack, outdir, 'python3.13');
    expect(fs.readFileSync(path.join(dir, 'handler.py'), 'utf8')).toContain('def order_total(');
    expect(fs.existsSync(path.join(dir, 'orders', 'totals.py'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'rust'))).toBe(false);
  });

  test('the Node twin is bundled by esbuild into one index.js that exports the handler', () => {
    const { dir } = stagedFunctionAsset(stack, outdir, 'nodejs22.x');
    const bundle = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
    expect(bundle).toContain('orderTotal');
    expect(bundle).not.toContain(': number');
  });

  test('the Rust function is built from rust/Cargo.toml', () => {
    const { dir } = stagedFunctionAsset(stack, outdir, 'provided.al2023');
    expect(fs.statSync(path.join(dir, 'bootstrap')).size).toBeGreaterThan(100_000);
  });
});
