import * as path from 'node:path';
import { AssetHashType } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Bundling, cargoLambdaVersion } from 'cargo-lambda-cdk/lib/bundling';
import { CargoProject } from './cargo-manifest';
import { targetOf, toolchainEnvironment } from './rust-toolchain-environment';
import type { RustBuildOptions, RustToolchain } from '../../rust-build';
import { propError } from '../checks/errors';

export interface RustCodeOptions {
  readonly owner: string;
  readonly project: CargoProject;
  readonly binaryName: string;
  readonly architecture: lambda.Architecture;
  readonly build: RustBuildOptions;
  /** False when the stack's bundling is skipped (tests, `cdk synth --exclusively` elsewhere). */
  readonly bundlingRequired: boolean;
  /**
   * The digest of what the binary is built from (cargoSources): the crate, its local path
   * dependencies, the workspace's Cargo.toml and Cargo.lock. Set when bundling is required.
   */
  readonly sourceDigest?: string;
}

/** Flags that this library sets from typed options; giving them as raw flags would fight those. */
const OWNED_FLAGS: { [flag: string]: string } = {
  '--arm64': 'set `architecture` instead',
  '--x86-64': 'set `architecture` instead',
  '--release': 'set `rustBuild.cargoProfile` instead',
  '--profile': 'set `rustBuild.cargoProfile` instead',
  '--bin': 'set `binaryName` instead',
  '--flatten': 'the construct flattens the chosen binary itself',
  '--lambda-dir': 'the asset staging decides the output folder',
};

/**
 * The Lambda code of a Rust handler, built by cargo-lambda through cargo-lambda-cdk.
 *
 * The asset hash is the sources' digest (path dependencies included, `target/` left out) plus
 * the build configuration, so a synth with unchanged sources finds its staged bundle and skips
 * the build; cargo-lambda-cdk's default (hash of the output) would rebuild on every synth.
 */
export function rustCode(options: RustCodeOptions): lambda.Code {
  const { owner, project, build } = options;
  const flags = normaliseFlags(owner, build.cargoLambdaFlags ?? [], options.architecture);
  // Checked before the build by checkCargoProfile.
  const profile = build.cargoProfile ?? 'release';
  checkEnvironment(owner, build.environment ?? {});

  // cargo-lambda-cdk's Bundling.bundle, composed here so that a failed build ends with a line
  // naming the binary and the manifest instead of "bash exited with status 101".
  const bundling = new Bundling(project.projectRoot, {
    manifestPath: project.manifestFile,
    binaryName: options.binaryName,
    architecture: options.architecture,
    cargoLambdaFlags: flags,
    profile,
    forcedDockerBundling: build.forceDockerBundling ?? false,
    environment: { ...rustToolchainEnvironment(options), ...build.environment },
  });
  return lambda.Code.fromAsset(project.projectRoot, {
    assetHashType: AssetHashType.CUSTOM,
    assetHash: options.sourceDigest
      // Bundling is skipped: nothing is built or deployed, so do not read the sources. Relative,
      // so that every checkout of the app gets the same hash.
      ?? `skipped:${path.relative(process.cwd(), project.manifestFile)}:${options.binaryName}`,
    bundling: {
      image: bundling.image,
      command: bundling.command,
      environment: bundling.environment,
      local: bundling.local && {
        tryBundle(outputDir, bundlingOptions) {
          try {
            return bundling.local!.tryBundle(outputDir, bundlingOptions);
          } catch (error) {
            throw new Error(`${owner}: the Rust build of binary '${options.binaryName}' from ${project.manifestFile} failed `
              + `(${(error as Error).message}); the compiler's messages are above.`);
          }
        },
      },
    },
  });
}

/** What the build needs from the machine's toolchain: the environment cargo-lambda runs in. */
export interface ToolchainEnvironmentOptions {
  readonly owner: string;
  readonly architecture: lambda.Architecture;
  readonly build: RustBuildOptions;
  readonly bundlingRequired: boolean;
}

export function rustToolchainEnvironment(options: ToolchainEnvironmentOptions): { [key: string]: string } {
  if (!options.bundlingRequired || options.build.forceDockerBundling) return {};
  const toolchain: Pick<RustToolchain, 'name'> = options.build.toolchain ?? { name: 'auto' };
  const lookup = toolchainEnvironment(toolchain, options.architecture);
  if ('missing' in lookup) {
    throw propError(options.owner, 'rustBuild.toolchain', `RustToolchain.${constantName(toolchain)} needs ${lookup.missing}, which is not installed`,
      'Run scripts/setup-toolchain.sh from this package (Debian/Ubuntu), or choose RustToolchain.CARGO_ZIGBUILD or forceDockerBundling');
  }
  // The toolchain is this machine's (/usr/bin/rustc, the GNU cross linker): when cargo-lambda
  // is not installed the build falls back to Docker, whose image has neither.
  return cargoLambdaRunsLocally() ? lookup.environment : {};
}

/** Whether the build runs in Docker, where this machine's Rust (if any) plays no part. */
export function buildsInDocker(build: RustBuildOptions): boolean {
  return build.forceDockerBundling === true || !cargoLambdaRunsLocally();
}

/**
 * Whether cargo-lambda-cdk builds locally: its own answer, cached where it keeps it, so that
 * this decision and the one its Bundling makes are the same `cargo lambda --version` check.
 */
function cargoLambdaRunsLocally(): boolean {
  const cache = Bundling as unknown as { runsLocally?: boolean };
  cache.runsLocally = cache.runsLocally ?? cargoLambdaVersion() ?? false;
  return cache.runsLocally;
}

function constantName(toolchain: Pick<RustToolchain, 'name'>): string {
  return toolchain.name.toUpperCase().replace(/-/g, '_');
}

/** Splits `--target=x` into two words and checks each flag against the typed options. */
function normaliseFlags(owner: string, flags: string[], architecture: lambda.Architecture): string[] {
  const words = flags.flatMap((flag) => (flag.startsWith('--target=') ? ['--target', flag.slice('--target='.length)] : [flag]));
  words.forEach((word, index) => {
    if (!/^[A-Za-z0-9_.,:=+/@%-]+$/.test(word)) {
      throw propError(owner, 'rustBuild.cargoLambdaFlags', `flag ${JSON.stringify(word)} holds spaces or shell characters`,
        'Give each flag and each value as its own array element, without quotes or shell syntax');
    }
    const owned = OWNED_FLAGS[word.split('=')[0]];
    if (owned) {
      throw propError(owner, 'rustBuild.cargoLambdaFlags', `flag '${word}' is set by the construct`, owned.charAt(0).toUpperCase() + owned.slice(1));
    }
    if (word === '--target') {
      const target = words[index + 1];
      const expected = targetOf(architecture).triple.split('-')[0];
      if (target === undefined || !target.startsWith(`${expected}-`)) {
        throw propError(owner, 'architecture', `it is ${architecture.name}, but rustBuild.cargoLambdaFlags builds for --target ${target ?? '(missing)'}`,
          `Use a ${expected} target in the flags, or set architecture to match the target`);
      }
    }
  });
  return words;
}

function checkEnvironment(owner: string, environment: { [key: string]: string }): void {
  for (const [key, value] of Object.entries(environment)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) || typeof value !== 'string') {
      throw propError(owner, 'rustBuild.environment', `entry ${JSON.stringify(key)} is not a NAME=string variable`,
        'Use variable names of letters, digits and underscores, with string values');
    }
  }
}
