#!/usr/bin/env bash
# Installs what a local arm64 (and x86_64) Rust Lambda build needs on Debian/Ubuntu,
# without Docker and without rustup targets:
#   - Debian's Rust (rustc-web/cargo-web) with the aarch64 standard library,
#   - the aarch64 GNU linker and C library (gcc-aarch64-linux-gnu, libc6-dev-arm64-cross),
#     with the aarch64 binutils for checks,
#   - qemu-user-static, to run the arm64 bootstrap on x86_64 for parity checks,
#   - cargo-lambda (from PyPI, pinned) in its own virtual environment,
#   - the build tools that `lsf bench` needs for the official Node runtime interface client
#     (aws-lambda-ric compiles curl when it installs).
# Idempotent: every step checks first and does nothing when already done.
set -euo pipefail

CARGO_LAMBDA_VERSION="${CARGO_LAMBDA_VERSION:-1.9.2}"
CARGO_LAMBDA_HOME="${CARGO_LAMBDA_HOME:-$HOME/.local/share/cargo-lambda}"

log() { printf '[setup-toolchain] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_packages=(rustc-web cargo-web "libstd-rust-web-dev:arm64" gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu qemu-user-static python3-venv
  autoconf automake libtool cmake make g++)

missing_packages() {
  local pkg
  for pkg in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || printf '%s\n' "$pkg"
  done
}

install_debian_rust() {
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    log "adding the arm64 dpkg architecture (for the aarch64 Rust standard library)"
    as_root dpkg --add-architecture arm64
    as_root apt-get update -qq
  fi
  local missing
  missing=$(missing_packages)
  if [ -z "$missing" ]; then
    log "Debian Rust toolchain and aarch64 cross tools already installed"
    return
  fi
  log "installing: $(echo $missing)"
  as_root apt-get update -qq
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# A directory on PATH for the cargo-lambda link: rustup's bin when present (always on a Rust user's PATH).
link_dir() {
  if [ -d "$HOME/.cargo/bin" ]; then echo "$HOME/.cargo/bin"
  elif [ "$(id -u)" -eq 0 ]; then echo /usr/local/bin
  else echo "$HOME/.local/bin"
  fi
}

install_cargo_lambda() {
  local venv_bin="$CARGO_LAMBDA_HOME/bin"
  if [ -x "$venv_bin/cargo-lambda" ] && "$venv_bin/cargo-lambda" lambda --version 2>/dev/null | grep -q "$CARGO_LAMBDA_VERSION"; then
    log "cargo-lambda $CARGO_LAMBDA_VERSION already installed in $CARGO_LAMBDA_HOME"
  else
    log "installing cargo-lambda $CARGO_LAMBDA_VERSION into $CARGO_LAMBDA_HOME"
    /usr/bin/python3 -m venv "$CARGO_LAMBDA_HOME"
    "$venv_bin/pip" install -q --disable-pip-version-check "cargo-lambda==$CARGO_LAMBDA_VERSION"
  fi
  local dir
  dir=$(link_dir)
  mkdir -p "$dir"
  ln -sf "$venv_bin/cargo-lambda" "$dir/cargo-lambda"
  case ":$PATH:" in
    *":$dir:"*) ;;
    *) log "add $dir to your PATH so that 'cargo lambda' finds cargo-lambda" ;;
  esac
}

install_debian_rust
install_cargo_lambda

log "rustc: $(/usr/bin/rustc --version)"
log "aarch64 std: $(ls -d "$(/usr/bin/rustc --print sysroot)/lib/rustlib/aarch64-unknown-linux-gnu")"
log "linker: $(aarch64-linux-gnu-gcc --version | head -1)"
log "cargo-lambda: $("$CARGO_LAMBDA_HOME/bin/cargo-lambda" lambda --version)"
