import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BenchUsageError } from './bench-errors';
import { FLOOR_CARGO_TOML, FLOOR_MAIN_RS } from './floor-source';
import { ToolMissingError, runBuild } from './run-command';
import { toolchainEnvironment } from '../private/rust-toolchain-environment';
import { RustToolchain } from '../rust-build';

const INSTALL_RUST = 'Install Rust with rustup (https://rustup.rs) and cargo-lambda with `pip install cargo-lambda`.';
const INSTALL_CARGO_LAMBDA = 'Install it with `pip install cargo-lambda` (see https://www.cargo-lambda.info).';

/** A built bootstrap. */
export interface Bootstrap {
  readonly path: string;
  readonly bytes: number;
}

/**
 * Builds a bootstrap the way the construct deploys it: `cargo lambda build --release`, which
 * adds strip, thin LTO, one codegen unit and panic=abort, with the same toolchain choice
 * (RustToolchain.AUTO). Cargo's own caching makes a second run quick.
 */
export async function buildBootstrap(options: {
  readonly projectDir: string;
  readonly binary: string;
  readonly architecture: lambda.Architecture;
  readonly cacheDir: string;
}): Promise<Bootstrap> {
  const lookup = toolchainEnvironment(RustToolchain.AUTO, options.architecture);
  if ('missing' in lookup) {
    throw new BenchUsageError(`Cannot build the ${options.architecture.name} bootstrap: ${lookup.missing} is missing. Install it with scripts/setup-toolchain.sh (Debian) or pass --no-arm64.`);
  }
  await runBuild({ command: 'cargo', args: ['lambda', '--version'], cwd: options.projectDir, what: 'build the Rust bootstrap', install: INSTALL_RUST })
    .catch((error: unknown) => {
      if (error instanceof ToolMissingError) throw error;
      throw new BenchUsageError(`Cannot build the Rust bootstrap: cargo-lambda is not installed. ${INSTALL_CARGO_LAMBDA}`);
    });
  const archFlag = options.architecture.name === lambda.Architecture.ARM_64.name ? '--arm64' : '--x86-64';
  const lambdaDir = path.join(options.cacheDir, `lambda-${options.architecture.name}`);
  await runBuild({
    command: 'cargo',
    args: ['lambda', 'build', '--release', archFlag, '--lambda-dir', lambdaDir, '--bin', options.binary, '--flatten', options.binary],
    cwd: options.projectDir,
    // A target folder of our own: no lock contention with the example's own builds.
    env: { ...lookup.environment, CARGO_TARGET_DIR: path.join(options.cacheDir, 'cargo-target') },
    what: `build the ${options.architecture.name} Rust bootstrap`,
    install: INSTALL_CARGO_LAMBDA,
  });
  const bootstrap = path.join(lambdaDir, 'bootstrap');
  if (!existsSync(bootstrap)) {
    throw new BenchUsageError(`cargo lambda build produced no ${bootstrap}: does ${options.projectDir}/Cargo.toml have a binary named ${options.binary}?`);
  }
  return { path: bootstrap, bytes: statSync(bootstrap).size };
}

/** Writes the std-only floor's sources to the cache and builds it for the host. */
export async function buildFloor(cacheRoot: string): Promise<Bootstrap> {
  const projectDir = path.join(cacheRoot, 'floor');
  mkdirSync(path.join(projectDir, 'src'), { recursive: true });
  writeIfChanged(path.join(projectDir, 'Cargo.toml'), FLOOR_CARGO_TOML);
  writeIfChanged(path.join(projectDir, 'src', 'main.rs'), FLOOR_MAIN_RS);
  return buildBootstrap({ projectDir, binary: 'lsf-floor', architecture: lambda.Architecture.X86_64, cacheDir: projectDir });
}

// Rewriting an unchanged file would make cargo rebuild it.
function writeIfChanged(file: string, text: string): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  writeFileSync(file, text);
}
