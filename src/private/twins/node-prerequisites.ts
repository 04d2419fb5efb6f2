import * as fs from 'node:fs';
import * as path from 'node:path';
import { onPath } from '../build/rust-toolchain-environment';
import { propError } from '../checks/errors';
import { shown } from '../checks/type-checks';

/** The lock files NodejsFunction reads, in its own order of preference. */
const LOCK_FILES = ['pnpm-lock.yaml', 'yarn.lock', 'bun.lockb', 'bun.lock', 'package-lock.json'];

/**
 * The Node twin's lock file: the one given, or the nearest in the entry's folder or above it.
 * NodejsFunction itself looks upwards from the app's folder only, which misses a twin that is
 * an npm project of its own (`twin-node/package-lock.json`), the usual shape in a Python or
 * Java app.
 */
export function findLockFile(owner: string, entry: string, given: string | undefined): string {
  if (given !== undefined) {
    if (typeof given !== 'string' || !fs.existsSync(given) || !fs.statSync(given).isFile()) {
      throw propError(owner, 'depsLockFilePath', `${shown(given)} is not a file`, 'Give the twin\'s package-lock.json (or yarn.lock, pnpm-lock.yaml, bun.lock)');
    }
    return given;
  }
  for (let dir = path.dirname(entry); ; dir = path.dirname(dir)) {
    const found = LOCK_FILES.map((name) => path.join(dir, name)).filter((file) => fs.existsSync(file));
    if (found.length > 1) {
      throw propError(owner, 'depsLockFilePath', `it is not set, and ${dir} has several lock files (${found.map((f) => path.basename(f)).join(', ')})`,
        'Set depsLockFilePath to the one the twin\'s dependencies are installed from');
    }
    if (found.length === 1) return found[0];
    if (dir === path.dirname(dir)) break;
  }
  throw propError(owner, 'depsLockFilePath', `it is not set, and there is no lock file in ${path.dirname(entry)} or above it`,
    `Run \`npm install\` in ${path.dirname(entry)} (it writes package-lock.json), or set depsLockFilePath`);
}

/** The twin's files must be inside the folder esbuild bundles from. */
export function checkUnderProjectRoot(owner: string, projectRoot: string, files: { [prop: string]: string }): void {
  if (!fs.existsSync(projectRoot) || !fs.statSync(projectRoot).isDirectory()) {
    throw propError(owner, 'projectRoot', `${projectRoot} is not a folder`, 'Give the folder of the twin\'s npm project, or leave it out');
  }
  for (const [prop, file] of Object.entries(files)) {
    const relative = path.relative(projectRoot, file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw propError(owner, prop, `${file} is outside projectRoot (${projectRoot}), which esbuild bundles from`,
        'Set projectRoot to a folder that holds both entry and depsLockFilePath');
    }
  }
}

/** Where esbuild is for NodejsFunction's local bundling. */
export type EsbuildLookup =
  /**
   * A module aws-cdk-lib can require: NodejsFunction then runs it through the package manager
   * (`npx --no-install esbuild`) in the project root, which finds only the `node_modules/.bin`
   * of the project root's own npm project.
   */
  | { readonly module: true }
  /** A command on the PATH, or only in an app's `node_modules/.bin` (which NodejsFunction does not look in). */
  | { readonly onPath: true } | { readonly binFolder: string }
  /** Nowhere: NodejsFunction would bundle in Docker. */
  | { readonly missing: string[] };

/**
 * Finds esbuild the way aws-cdk-lib's NodejsFunction does (it requires `esbuild/package.json`
 * from aws-cdk-lib's own folder, then runs `esbuild --version` from the PATH), then in the
 * `node_modules/.bin` of the twin's project and of the app. Under a Python or Java app,
 * aws-cdk-lib sits in jsii's runtime cache, far from the app's node_modules, and a global
 * `cdk synth` does not put them on the PATH.
 */
export function findEsbuild(projectRoot: string): EsbuildLookup {
  try {
    require.resolve('esbuild/package.json', { paths: [path.dirname(require.resolve('aws-cdk-lib/package.json'))] });
    return { module: true };
  } catch {
    // Not a module aws-cdk-lib sees: the PATH next.
  }
  if (onPath('esbuild')) return { onPath: true };
  const looked: string[] = [];
  for (const start of [projectRoot, process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const bin = path.join(dir, 'node_modules', '.bin');
      if (!looked.includes(bin)) looked.push(bin);
      if (fs.existsSync(path.join(bin, 'esbuild'))) return { binFolder: bin };
      if (dir === path.dirname(dir)) break;
    }
  }
  return { missing: looked };
}

/** The npm project a package manager runs a bin of when started in `dir`: the nearest folder with a package.json or node_modules. */
function npmProjectOf(dir: string): string {
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json')) || fs.existsSync(path.join(d, 'node_modules'))) return d;
  }
  return dir;
}

/**
 * NodejsFunction's esbuild must be there when it bundles, or it fails only after the Rust
 * build: without esbuild it bundles in Docker (which fails without a Docker engine, even when
 * bundling is skipped: it builds its image at once), and with esbuild as a module of the app
 * it runs `npx --no-install esbuild` in the project root, which fails when the twin is an npm
 * project of its own without esbuild in it. Say so before, with what to install.
 */
export function checkEsbuild(owner: string, projectRoot: string, bundlingRequired: boolean): void {
  const lookup = findEsbuild(projectRoot);
  if ('missing' in lookup && !onPath('docker')) {
    throw propError(owner, 'entry', `esbuild, which bundles the Node twin, is not installed: not on the PATH nor in ${lookup.missing.slice(0, 3).join(', ')}, and there is no Docker to bundle in instead`,
      `Run \`npm install --save-dev esbuild@0\` in ${projectRoot}`);
  }
  const project = npmProjectOf(projectRoot);
  if ('module' in lookup && bundlingRequired && !fs.existsSync(path.join(project, 'node_modules', '.bin', 'esbuild'))) {
    throw propError(owner, 'projectRoot', `NodejsFunction runs esbuild with \`npx --no-install esbuild\` in ${projectRoot}, and the npm project there (${project}) has no esbuild installed`,
      `Run \`npm install --save-dev esbuild@0\` in ${project}, or set projectRoot to the folder whose node_modules has it`);
  }
}

/**
 * Runs `create` with esbuild findable by NodejsFunction. When it is only in an app's
 * `node_modules/.bin`, that folder is appended to the PATH, and stays there: aws-cdk-lib
 * remembers for the rest of the process that esbuild is a command on the PATH, so every later
 * NodejsFunction must find it there too. Appended, not prepended, so that it changes nothing
 * that the PATH already finds.
 */
export function withEsbuild<T>(projectRoot: string, create: () => T): T {
  const lookup = findEsbuild(projectRoot);
  if ('binFolder' in lookup) process.env.PATH = [process.env.PATH, lookup.binFolder].filter((p) => p).join(path.delimiter);
  return create();
}
