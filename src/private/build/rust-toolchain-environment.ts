import * as fs from 'node:fs';
import * as path from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { RustToolchain } from '../../rust-build';

/** Where Debian's `rustc-web` installs the compiler; its sysroot is `/usr`. */
const DEBIAN_RUSTC = '/usr/bin/rustc';
const DEBIAN_SYSROOT = '/usr';

/** What one CPU architecture means to the Rust and GNU toolchains. */
interface ArchitectureTarget {
  readonly triple: string;
  readonly gnuPrefix: string;
  readonly nodeArch: string;
}

const ARM_64: ArchitectureTarget = { triple: 'aarch64-unknown-linux-gnu', gnuPrefix: 'aarch64-linux-gnu', nodeArch: 'arm64' };
const X86_64: ArchitectureTarget = { triple: 'x86_64-unknown-linux-gnu', gnuPrefix: 'x86_64-linux-gnu', nodeArch: 'x64' };

export function targetOf(architecture: lambda.Architecture): ArchitectureTarget {
  return architecture.name === lambda.Architecture.ARM_64.name ? ARM_64 : X86_64;
}

/** The result of looking for a toolchain: the build environment, or what is missing. */
export type ToolchainLookup = { readonly environment: { [key: string]: string } } | { readonly missing: string };

/**
 * The environment that points cargo-lambda at the chosen toolchain for this architecture.
 * Looked up with file checks only (no process spawned), and only when a build will run.
 */
export function toolchainEnvironment(toolchain: Pick<RustToolchain, 'name'>, architecture: lambda.Architecture): ToolchainLookup {
  // By name: private modules take only types from the public ones.
  if (toolchain.name === 'cargo-zigbuild') return { environment: {} };
  const debian = debianCrossEnvironment(targetOf(architecture));
  if (toolchain.name === 'debian-cross' || 'environment' in debian) return debian;
  return { environment: {} };
}

function debianCrossEnvironment(target: ArchitectureTarget): ToolchainLookup {
  if (!fs.existsSync(DEBIAN_RUSTC)) {
    return { missing: `Debian's Rust compiler (${DEBIAN_RUSTC}, package rustc-web)` };
  }
  const std = path.join(DEBIAN_SYSROOT, 'lib', 'rustlib', target.triple, 'lib');
  if (!fs.existsSync(std)) {
    return { missing: `the Rust standard library for ${target.triple} (${std}, package libstd-rust-web-dev:${target.nodeArch === 'x64' ? 'amd64' : 'arm64'})` };
  }
  // cargo-lambda's `cargo` compiler runs plain `cargo build` with Debian's rustc.
  const environment: { [key: string]: string } = { CARGO_LAMBDA_COMPILER: 'cargo', RUSTC: DEBIAN_RUSTC };
  if (process.arch !== target.nodeArch) {
    const linker = `${target.gnuPrefix}-gcc`;
    if (!onPath(linker)) {
      return { missing: `the ${target.gnuPrefix} linker (${linker}, package gcc-${target.gnuPrefix})` };
    }
    environment[`CARGO_TARGET_${target.triple.toUpperCase().replace(/-/g, '_')}_LINKER`] = linker;
  }
  return { environment };
}

/** Whether `command` is an executable file in a folder of PATH. */
export function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && fs.existsSync(path.join(dir, command)));
}
