import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CargoProject } from './cargo-manifest';
import { buildsInDocker, rustToolchainEnvironment } from './rust-bundling';
import { targetOf } from './rust-toolchain-environment';
import type { RustBuildOptions } from '../../rust-build';
import { propError } from '../checks/errors';
import { SourceSet, digestOf, hashSources } from '../measurement/source-fingerprint';

/** Build output and editor/VCS folders: never part of what decides a rebuild. */
export const NOT_SOURCE = ['target', '.git', 'cdk.out', 'node_modules'];

export interface CargoSourcesOptions {
  readonly owner: string;
  readonly project: CargoProject;
  readonly binaryName: string;
  readonly architecture: lambda.Architecture;
  readonly build: RustBuildOptions;
}

/** What the bootstrap is built from, each file's sha256, and their digest: the asset hash's source part. */
export interface CargoSources {
  readonly set: SourceSet;
  readonly hashes: Map<string, string>;
  /** Paths relative to the folder of the given Cargo.toml, so that every checkout gets the same digest. */
  readonly digest: string;
  /** Set when the path dependencies could not be listed (no cargo here, the build runs in Docker). */
  readonly incomplete?: string;
}

/** What cargo metadata needs: the build's environment (CARGO_HOME, RUSTC...), and whether cargo may be absent. */
interface MetadataOptions extends CargoSourcesOptions {
  readonly environment: { [key: string]: string };
  readonly buildsInDocker: boolean;
}

/** The parts of `cargo metadata --format-version 1` read here. */
interface CargoMetadata {
  readonly packages: Array<{ id: string; source: string | null; manifest_path: string; targets: Array<{ kind: string[]; name: string }> }>;
  readonly workspace_members: string[];
  readonly workspace_root: string;
  readonly resolve: { nodes: Array<{ id: string; deps: Array<{ pkg: string; dep_kinds: Array<{ kind: string | null }> }> }> } | null;
}

/**
 * The sources of one binary, as Cargo resolves them: the folder of the given Cargo.toml, the
 * folder of the binary's package and of every local package (path dependency, `[patch]` with
 * a path) it depends on, transitively, for normal and build dependencies on the target
 * platform; plus the workspace's Cargo.toml and Cargo.lock, which decide profiles and versions.
 */
export function cargoSources(options: CargoSourcesOptions): CargoSources {
  const { project, build } = options;
  const environment = { ...rustToolchainEnvironment({ ...options, bundlingRequired: true }), ...build.environment };
  const metadata = readMetadata({ ...options, environment, buildsInDocker: buildsInDocker(build) }, targetOf(options.architecture).triple);
  const set: SourceSet = metadata ? sourceSetOf(options, metadata) : { folders: [project.projectRoot], files: [], exclude: NOT_SOURCE };
  const hashes = hashSources(set);
  return {
    set,
    hashes,
    digest: digestOf(hashes, project.projectRoot),
    incomplete: metadata ? undefined : `cargo is not installed here, so the asset hash covers ${project.projectRoot} only, not the crate's path dependencies outside it: `
      + 'an edit there deploys the old bootstrap. Install Rust (cargo) on this machine to have them covered.',
  };
}

/**
 * `cargo metadata` without the network first (what a build left in Cargo's cache is enough),
 * then with it: a fresh checkout has not downloaded the dependencies' manifests yet, and the
 * build will need them anyway. `--filter-platform`: only what the target platform builds, so
 * that crates of other platforms need not be downloaded.
 * @returns undefined when cargo is not installed and the build runs in Docker
 */
function readMetadata(options: MetadataOptions, triple: string): CargoMetadata | undefined {
  const { owner, project } = options;
  const args = ['metadata', '--format-version', '1', '--filter-platform', triple, '--manifest-path', project.manifestFile];
  const env = { ...process.env, ...options.environment };
  let run = spawnSync('cargo', [...args, '--offline'], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
    if (options.buildsInDocker) return undefined;
    throw propError(owner, 'manifestPath', `cargo is not installed, so the sources of ${project.manifestFile} (its local path dependencies included) cannot be listed for the asset hash`,
      'Install Rust (scripts/setup-toolchain.sh from this package, or rustup), or set rustBuild.forceDockerBundling');
  }
  if (run.status !== 0) run = spawnSync('cargo', args, { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error || run.status !== 0) {
    // Cargo's causes come last, one a line: all of them, on one line.
    const said = (run.stderr || run.error?.message || '').split('\n').map((line) => line.trim()).filter((line) => line !== '').join(' ');
    throw propError(owner, 'manifestPath', `\`cargo metadata --manifest-path ${project.manifestFile}\` failed, so the sources of binary '${options.binaryName}' cannot be listed for the asset hash (${said})`,
      'Fix what cargo says (run that command in the crate\'s folder to see it), then synthesize again');
  }
  return JSON.parse(run.stdout) as CargoMetadata;
}

function sourceSetOf(options: CargoSourcesOptions, metadata: CargoMetadata): SourceSet {
  const { project, binaryName } = options;
  const members = new Set(metadata.workspace_members);
  const own = metadata.packages.find((p) => members.has(p.id) && p.targets.some((t) => t.kind.includes('bin') && t.name === binaryName));
  // chooseBinary found the binary in the manifests; cargo disagreeing means they changed meanwhile.
  if (!own) {
    throw propError(options.owner, 'binaryName', `cargo metadata lists no binary '${binaryName}' in the workspace of ${project.manifestFile}`,
      'Check the binary\'s [[bin]] name or src/bin file name with `cargo metadata`');
  }
  const local = new Map(metadata.packages.filter((p) => p.source === null).map((p) => [p.id, p]));
  const nodes = new Map((metadata.resolve?.nodes ?? []).map((n) => [n.id, n]));
  const reached = new Set<string>([own.id]);
  const pending = [own.id];
  while (pending.length > 0) {
    for (const dep of nodes.get(pending.pop()!)?.deps ?? []) {
      // Dev-dependencies build tests and examples, never the binary.
      if (!local.has(dep.pkg) || reached.has(dep.pkg) || dep.dep_kinds.every((k) => k.kind === 'dev')) continue;
      reached.add(dep.pkg);
      pending.push(dep.pkg);
    }
  }
  const folders = outermost([project.projectRoot, ...[...reached].map((id) => path.dirname(local.get(id)!.manifest_path))]);
  const root = metadata.workspace_root;
  return { folders, files: [path.join(root, 'Cargo.toml'), path.join(root, 'Cargo.lock')], exclude: NOT_SOURCE };
}

/** The folders, sorted, without any that lies inside another: each file is read once. */
function outermost(folders: string[]): string[] {
  const unique = [...new Set(folders.map((f) => path.resolve(f)))].sort();
  return unique.filter((folder) => !unique.some((other) => other !== folder && folder.startsWith(`${other}${path.sep}`)));
}
