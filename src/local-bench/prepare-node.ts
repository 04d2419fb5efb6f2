import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { BenchUsageError } from './bench-errors';
import { ToolMissingError, runBuild } from './run-command';

// The last aws-lambda-ric without an engines constraint: 4.x needs Node 22.
const AWS_LAMBDA_RIC = 'aws-lambda-ric@3.3.0';
const INSTALL_RIC_TOOLS = 'Its install compiles curl and the runtime client: Debian needs `apt-get install autoconf automake libtool cmake make g++`.';

/** A Node twin ready to run under the official runtime interface client. */
export interface NodeTwin {
  /** The runtime interface client's entry (bin/index.mjs of aws-lambda-ric). */
  readonly ric: string;
  /** The deployment package: the bundled index.js, as Lambda's /var/task. */
  readonly taskRoot: string;
  readonly packageBytes: number;
}

/**
 * Bundles the twin with esbuild the way NodejsFunction does (one CommonJS file, no minify)
 * and installs aws-lambda-ric once per cache: it compiles native code, minutes on 2 cores.
 */
export async function prepareNodeTwin(entry: string, cacheDir: string, cacheRoot: string, log: (line: string) => void): Promise<NodeTwin> {
  const taskRoot = path.join(cacheDir, 'node-task');
  mkdirSync(taskRoot, { recursive: true });
  const outfile = path.join(taskRoot, 'index.js');
  const esbuild = loadEsbuild();
  try {
    await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent' });
  } catch (error) {
    throw new BenchUsageError(`Cannot bundle ${entry} with esbuild: ${(error as Error).message}\nInstall the twin's dependencies (npm install) where esbuild can resolve them.`);
  }

  const ricDir = path.join(cacheRoot, 'node-ric');
  const ric = path.join(ricDir, 'node_modules', 'aws-lambda-ric', 'bin', 'index.mjs');
  if (!existsSync(path.join(ricDir, '.ready'))) {
    log(`Installing ${AWS_LAMBDA_RIC} into ${ricDir} (once; it compiles native code, a few minutes on 2 cores)...`);
    mkdirSync(ricDir, { recursive: true });
    // No "name": jest's module map would see it in every copy of a project that holds .bench.
    writeFileSync(path.join(ricDir, 'package.json'), '{"private":true}\n');
    await runBuild({
      command: 'npm',
      args: ['install', '--no-audit', '--no-fund', AWS_LAMBDA_RIC],
      cwd: ricDir,
      what: `install ${AWS_LAMBDA_RIC}`,
      install: INSTALL_RIC_TOOLS,
    });
    if (!existsSync(ric)) throw new BenchUsageError(`npm installed ${AWS_LAMBDA_RIC} without ${ric}. ${INSTALL_RIC_TOOLS}`);
    writeFileSync(path.join(ricDir, '.ready'), AWS_LAMBDA_RIC);
  }
  return { ric, taskRoot, packageBytes: statSync(outfile).size };
}

/**
 * esbuild is loaded only when there is a Node twin to bundle: CDK apps with Node functions
 * have it already (NodejsFunction bundles with it), and it is a native, per-platform package.
 */
function loadEsbuild(): typeof import('esbuild') {
  try {
    // Not a dependency on purpose (see above): the user's own esbuild, or a clear error.
    // eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-extraneous-dependencies
    return require('esbuild');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new ToolMissingError('Cannot bundle the Node twin: esbuild is not installed. Install it with `npm install --save-dev esbuild`, or pass --no-node-twin.');
  }
}
