import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { esbuildMissing, findEsbuild } from './app-module';
import { MANIFEST, cachedEntry, publishEntry, sha256File } from './cache-entry';
import { withEntryLock } from './cache-lock';
import { ToolMissingError, runBuild } from './run-command';
import { UsageError } from '../../errors';
import { TwinNode } from '../runtime/node-runtime';

/**
 * The runtime interface client for a Node major: 4.x needs Node 22 and is what Lambda's Node 22+
 * images use; 3.3.0 is the last without an engines constraint, for older majors.
 */
function ricFor(major: number): string {
  return major >= 22 ? 'aws-lambda-ric@4.0.2' : 'aws-lambda-ric@3.3.0';
}

const RIC_PACKAGE = path.join('node_modules', 'aws-lambda-ric');

export const INSTALL_RIC_TOOLS = 'Its install compiles curl and the runtime client: Debian needs `apt-get install autoconf automake libtool cmake make g++`.';

/** A Node twin ready to run under the official runtime interface client. */
export interface NodeTwin {
  /** The runtime interface client's entry (its package's `bin`). */
  readonly ric: string;
  /** e.g. `aws-lambda-ric@4.0.2`. */
  readonly ricVersion: string;
  /** The deployment package: the bundled index.js, as Lambda's /var/task. */
  readonly taskRoot: string;
  readonly packageBytes: number;
}

/**
 * Bundles the twin with esbuild the way NodejsFunction does (one CommonJS file, no minify,
 * for the twin's Node major) and installs the runtime client for that major once per cache,
 * compiled by that Node: its native addon is built at install (a minute or more on 2 cores).
 * The bundle is published under its own hash and the client under its version and Node's, each
 * built in a scratch folder and renamed into place: no run rewrites what another runs.
 */
export async function prepareNodeTwin(
  entry: string, cacheDir: string, cacheRoot: string, node: TwinNode, log: (line: string) => void,
): Promise<NodeTwin> {
  const esbuild = loadEsbuild(entry);
  const taskRoot = await withEntryLock(path.join(cacheDir, 'node-task.lock'), `bundling ${entry}`, log, async (scratch) => {
    const outfile = path.join(scratch, 'task', 'index.js');
    try {
      await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: `node${node.major}`, format: 'cjs', logLevel: 'silent' });
    } catch (error) {
      throw new UsageError(`Cannot bundle ${entry} with esbuild: ${(error as Error).message}\nInstall the twin's dependencies (npm install) where esbuild can resolve them.`);
    }
    const dir = path.join(cacheDir, 'node-task', sha256File(outfile).slice(0, 16));
    publishEntry(path.dirname(outfile), { dir, what: `the bundle of ${entry}`, main: 'index.js', log });
    return dir;
  });

  const ricVersion = ricFor(node.major);
  const key = createHash('sha256').update(`${ricVersion} ${node.version}`).digest('hex').slice(0, 16);
  const ricDir = await cachedEntry({ dir: path.join(cacheRoot, `${ricPrefix(node.major)}${key}`), what: `${ricVersion} for Node ${node.version}`, log }, async (scratch) => {
    log(`Installing ${ricVersion} for Node ${node.version} (once; it compiles native code, a minute or more on 2 cores)...`);
    const built = path.join(scratch, 'ric');
    mkdirSync(built);
    // No "name": jest's module map would see it in every copy of a project that holds the cache.
    writeFileSync(path.join(built, 'package.json'), '{"private":true}\n');
    await runBuild({
      command: 'npm',
      args: ['install', '--no-audit', '--no-fund', ricVersion],
      cwd: built,
      // node-gyp builds the addon for the Node that runs npm: the twin's.
      env: { PATH: `${path.dirname(node.node)}${path.delimiter}${process.env.PATH ?? ''}` },
      what: `install ${ricVersion}`,
      install: INSTALL_RIC_TOOLS,
    });
    if (!existsSync(path.join(built, RIC_PACKAGE))) throw new UsageError(`npm installed ${ricVersion} without ${RIC_PACKAGE}. ${INSTALL_RIC_TOOLS}`);
    return built;
  });
  const ricPackage = path.join(ricDir, RIC_PACKAGE);
  const bin = JSON.parse(readFileSync(path.join(ricPackage, 'package.json'), 'utf8')).bin as string | Record<string, string>;
  const ric = path.join(ricPackage, typeof bin === 'string' ? bin : bin['aws-lambda-ric']);
  return { ric, ricVersion, taskRoot, packageBytes: statSync(path.join(taskRoot, 'index.js')).size };
}

/**
 * esbuild is loaded only when there is a Node twin to bundle: CDK apps with Node functions
 * have it already (NodejsFunction bundles with it), and it is a native, per-platform package.
 * The app's own comes first: from the wheel or npx, lsf's folder is not in the app.
 */
function loadEsbuild(entry: string): typeof import('esbuild') {
  const found = findEsbuild(entry);
  if (found === undefined) throw new ToolMissingError(esbuildMissing(entry));
  // Not a dependency on purpose (see above): the user's own esbuild, or a clear error.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(found);
}

/** Runtime-client entries of a Node major are named this, then a key of its version and Node's. */
function ricPrefix(major: number | string): string {
  return `node-ric-${major}-`;
}

/** Whether a runtime client for this Node major is cached already (the check before any build cannot know Node's exact version yet). */
export function ricCached(cacheRoot: string, major: string): boolean {
  const prefix = ricPrefix(major);
  return existsSync(cacheRoot) && readdirSync(cacheRoot).some((name) => name.startsWith(prefix) && existsSync(path.join(cacheRoot, name, MANIFEST)));
}
