import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { FLOOR_CARGO_TOML, FLOOR_MAIN_RS } from '../floor-source';
import { cachedEntry, publishEntry, sha256File } from './cache-entry';
import { withEntryLock } from './cache-lock';
import { ToolMissingError, runBuild } from './run-command';
import { toolchainEnvironment } from '../../../private/build/rust-toolchain-environment';
import { RustToolchain } from '../../../rust-build';
import { UsageError } from '../../errors';

const INSTALL_RUST = 'Install Rust with rustup (https://rustup.rs) and cargo-lambda with `pip install cargo-lambda`.';
const INSTALL_CARGO_LAMBDA = 'Install it with `pip install cargo-lambda` (see https://www.cargo-lambda.info).';

/** A built bootstrap. */
export interface Bootstrap {
  readonly path: string;
  readonly bytes: number;
}

/** How to build one bootstrap: the recorded build settings, for one architecture. */
export interface BootstrapBuild {
  /** The folder of the Cargo.toml (a package or a workspace). */
  readonly projectDir: string;
  readonly binary: string;
  readonly architecture: lambda.Architecture;
  /** The built bootstrap goes under this folder. */
  readonly cacheDir: string;
  /** @default 'release' */
  readonly cargoProfile?: string;
  /** The function's `rustBuild.cargoLambdaFlags` (a `--target` for another architecture is left out). */
  readonly cargoLambdaFlags?: readonly string[];
  /** The function's `rustBuild.environment`. */
  readonly buildEnvironment?: Readonly<Record<string, string>>;
  /** @default RustToolchain.AUTO */
  readonly toolchain?: RustToolchain;
  /** Waits for another run's build, and recovered locks. */
  readonly log: (line: string) => void;
}

/**
 * Builds a bootstrap the way the construct deploys it: `cargo lambda build` with the
 * function's Cargo profile, flags, build environment and toolchain (`--release` adds strip,
 * thin LTO, one codegen unit and panic=abort). Cargo's own caching makes a second run quick.
 * Every run builds (the sources may have changed), one at a time per architecture, into a scratch
 * folder; the bootstrap is published under its own SHA-256, so a new build never overwrites one
 * that another run is executing.
 */
export async function buildBootstrap(options: BootstrapBuild): Promise<Bootstrap> {
  const what = `building the ${options.architecture.name} bootstrap of ${options.binary}`;
  return withEntryLock(path.join(options.cacheDir, `lambda-${options.architecture.name}.lock`), what, options.log, async (scratch) => {
    const built = await cargoLambdaBuild(options, path.join(scratch, 'lambda'));
    const dir = path.join(options.cacheDir, `lambda-${options.architecture.name}`, sha256File(built).slice(0, 16));
    publishEntry(path.dirname(built), { dir, what: `the ${options.architecture.name} bootstrap of ${options.binary}`, main: 'bootstrap', log: options.log });
    return bootstrapIn(dir);
  });
}

/** Runs `cargo lambda build` into `lambdaDir` and returns the bootstrap it made. */
async function cargoLambdaBuild(options: Omit<BootstrapBuild, 'cacheDir' | 'log'>, lambdaDir: string): Promise<string> {
  const lookup = toolchainEnvironment(options.toolchain ?? RustToolchain.AUTO, options.architecture);
  if ('missing' in lookup) {
    throw new UsageError(`Cannot build the ${options.architecture.name} bootstrap: ${lookup.missing} is missing. Install it with scripts/setup-toolchain.sh (Debian) or pass --no-arm64.`);
  }
  await runBuild({ command: 'cargo', args: ['lambda', '--version'], cwd: options.projectDir, what: 'build the Rust bootstrap', install: INSTALL_RUST })
    .catch((error: unknown) => {
      if (error instanceof ToolMissingError) throw error;
      throw new UsageError(`Cannot build the Rust bootstrap: cargo-lambda is not installed. ${INSTALL_CARGO_LAMBDA}`);
    });
  const archFlag = options.architecture.name === lambda.Architecture.ARM_64.name ? '--arm64' : '--x86-64';
  const profile = options.cargoProfile ?? 'release';
  await runBuild({
    command: 'cargo',
    args: ['lambda', 'build', ...(profile === 'release' ? ['--release'] : ['--profile', profile]), archFlag,
      ...withoutTarget(options.cargoLambdaFlags ?? []), '--lambda-dir', lambdaDir, '--bin', options.binary, '--flatten', options.binary],
    cwd: options.projectDir,
    // Cargo's own target folder, as `cdk synth` builds: the deployed build that the synth made
    // is reused, not built again (same command, environment and toolchain). Cargo locks it itself.
    env: { ...lookup.environment, ...options.buildEnvironment },
    what: `build the ${options.architecture.name} Rust bootstrap`,
    install: INSTALL_CARGO_LAMBDA,
  });
  const bootstrap = path.join(lambdaDir, 'bootstrap');
  if (!existsSync(bootstrap)) {
    throw new UsageError(`cargo lambda build produced no bootstrap: does ${options.projectDir}/Cargo.toml have a binary named ${options.binary}?`);
  }
  return bootstrap;
}

function bootstrapIn(dir: string): Bootstrap {
  const bootstrap = path.join(dir, 'bootstrap');
  return { path: bootstrap, bytes: statSync(bootstrap).size };
}

/** The architecture flag decides the target here; a recorded `--target` would fight it. */
function withoutTarget(flags: readonly string[]): string[] {
  return flags.filter((flag, i) => flag !== '--target' && flags[i - 1] !== '--target' && !flag.startsWith('--target='));
}

/** The architecture of this machine, as Lambda names them. */
export function hostArchitecture(): lambda.Architecture {
  return process.arch === 'arm64' ? lambda.Architecture.ARM_64 : lambda.Architecture.X86_64;
}

/**
 * The std-only floor for the host, built once per cache and floor source: its sources are
 * written into a scratch folder and built there, and the entry is named after their hash.
 */
export async function buildFloor(cacheRoot: string, log: (line: string) => void): Promise<Bootstrap> {
  const architecture = hostArchitecture();
  const key = createHash('sha256').update([FLOOR_CARGO_TOML, FLOOR_MAIN_RS, architecture.name].join('\n')).digest('hex').slice(0, 16);
  const dir = await cachedEntry({ dir: path.join(cacheRoot, `floor-${architecture.name}-${key}`), what: 'the std-only floor', main: 'bootstrap', log }, async (scratch) => {
    const projectDir = path.join(scratch, 'floor');
    mkdirSync(path.join(projectDir, 'src'), { recursive: true });
    writeFileSync(path.join(projectDir, 'Cargo.toml'), FLOOR_CARGO_TOML);
    writeFileSync(path.join(projectDir, 'src', 'main.rs'), FLOOR_MAIN_RS);
    log('Building the std-only floor (once per cache)...');
    const built = await cargoLambdaBuild({ projectDir, binary: 'lsf-floor', architecture }, path.join(scratch, 'lambda'));
    return path.dirname(built);
  });
  return bootstrapIn(dir);
}
