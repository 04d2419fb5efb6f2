/**
 * Which Rust compiler and linker a local build uses.
 *
 * A local arm64 build needs a Rust standard library for `aarch64-unknown-linux-gnu` and a
 * linker for it. rustup and zig provide them on machines that can download rustup targets;
 * Debian's own Rust provides them from Debian packages (see `scripts/setup-toolchain.sh`).
 */
export class RustToolchain {
  /**
   * Debian's toolchain when its compiler, the target's standard library and linker are
   * installed; cargo-lambda's default (cargo-zigbuild) otherwise.
   */
  public static readonly AUTO = new RustToolchain('auto');

  /**
   * cargo-lambda's default compiler, cargo-zigbuild: the target's standard library comes
   * from rustup (`rustup target add aarch64-unknown-linux-gnu`) and linking from zig.
   */
  public static readonly CARGO_ZIGBUILD = new RustToolchain('cargo-zigbuild');

  /**
   * Debian's (or Ubuntu's) Rust: `/usr/bin/rustc` from `rustc-web`, the target's standard
   * library from `libstd-rust-web-dev:arm64` (or `:amd64`) and the GNU cross linker
   * (`gcc-aarch64-linux-gnu`). Works without rustup targets and without Docker.
   */
  public static readonly DEBIAN_CROSS = new RustToolchain('debian-cross');

  private constructor(
    /** The toolchain's name. */
    public readonly name: string,
  ) {}
}

/**
 * How the Rust handler is built. These are this library's own options: they map onto
 * cargo-lambda, whatever wraps it.
 */
export interface RustBuildOptions {
  /**
   * Extra flags for `cargo lambda build`, e.g. `['--features', 'fast-json']`.
   *
   * `--release`/`--profile`, `--arm64`/`--x86-64`, `--bin` and `--flatten` are set from the
   * other options; a `--target` here must agree with the function's `architecture`.
   *
   * @default []
   */
  readonly cargoLambdaFlags?: string[];

  /**
   * Environment variables for the build (they win over the toolchain's own).
   *
   * @default {}
   */
  readonly environment?: { [key: string]: string };

  /**
   * The Cargo profile to build with.
   *
   * @default 'release'
   */
  readonly cargoProfile?: string;

  /**
   * Build in Docker (the `ghcr.io/cargo-lambda/cargo-lambda` image) even when cargo-lambda is
   * installed locally.
   *
   * @default false - build locally when `cargo lambda --version` works, in Docker otherwise
   */
  readonly forceDockerBundling?: boolean;

  /**
   * The compiler and linker for a local build.
   *
   * @default RustToolchain.AUTO
   */
  readonly toolchain?: RustToolchain;
}
