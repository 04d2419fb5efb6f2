import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, FileSystem } from 'aws-cdk-lib';
import { NO_BUNDLING, scannedStacks } from './scanned-stacks';

const REPO = path.join(__dirname, '..', '..');
const EXAMPLE = path.join(REPO, 'examples', 'form-validation');

/** The files of a cloud assembly that a deployment reads: templates and asset manifests, by name. */
function deployedFiles(outdir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(outdir)
    .filter((f) => f.endsWith('.template.json') || f.endsWith('.assets.json'))
    .map((f) => [f, fs.readFileSync(path.join(outdir, f), 'utf-8')]));
}

/** Every staged asset folder's name (its hash) with a fingerprint of what it holds. */
function stagedAssets(outdir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(outdir)
    .filter((f) => f.startsWith('asset.'))
    .map((f) => [f, FileSystem.fingerprint(path.join(outdir, f))]));
}

/** What a template must not hold: anything that differs between machines, checkouts or runs. */
function machineSpecifics(text: string, outdir: string): string[] {
  const forbidden = [REPO, process.cwd(), os.homedir(), os.tmpdir(), outdir, '/home/', '/root/', '/Users/', '/tmp/', 'C:\\\\'];
  const found = forbidden.filter((needle) => text.includes(needle)).map((needle) => `path ${needle}`);
  // ISO-8601 date-times and epoch milliseconds of this century.
  for (const m of text.matchAll(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\b1[6-9]\d{11}\b/g)) found.push(`timestamp ${m[0]}`);
  return found;
}

function withTempDirs<T>(count: number, body: (dirs: string[]) => T): T {
  const dirs = Array.from({ length: count }, () => fs.mkdtempSync(path.join(os.tmpdir(), 'determinism-')));
  try {
    return body(dirs);
  } finally {
    dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
  }
}

test('two synths without bundling (every scanned stack) write byte-identical templates and asset manifests; the templates hold no machine path or timestamp', () => {
  withTempDirs(2, (outdirs) => {
    const [first, second] = outdirs.map((outdir) => {
      const app = new App({ outdir, context: NO_BUNDLING });
      scannedStacks(app);
      app.synth();
      return deployedFiles(outdir);
    });
    expect(Object.keys(first)).toHaveLength(6);
    expect(second).toEqual(first);
    // Only the templates: with bundling skipped nothing is staged, so the asset manifests
    // point at the sources where they are (the real-build test below checks those too).
    const templates = Object.entries(first).filter(([name]) => name.endsWith('.template.json')).map(([, text]) => text);
    expect(templates.flatMap((text) => machineSpecifics(text, outdirs[0]))).toEqual([]);
  });
});

test('two `cdk synth` runs of the example with real builds write byte-identical templates, asset manifests and assets, with no machine path or timestamp', () => {
  withTempDirs(2, (outdirs) => {
    const [first, second] = outdirs.map((outdir) => {
      const run = spawnSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', outdir], { cwd: EXAMPLE, encoding: 'utf-8', timeout: 600_000 });
      if (run.error) throw run.error;
      if (run.status !== 0) throw new Error(`cdk synth exited ${run.status}: ${run.stderr}`);
      return { files: deployedFiles(outdir), assets: stagedAssets(outdir) };
    });
    // The Rust bootstrap, the Python twin's bundle (pydantic for aarch64) and the Node twin's index.js.
    expect(Object.keys(first.assets)).toHaveLength(3);
    expect(second).toEqual(first);
    expect(Object.values(first.files).flatMap((text) => machineSpecifics(text, outdirs[0]))).toEqual([]);
  });
}, 900_000);
