#!/usr/bin/env bash
# Installs AWS's Lambda Runtime Interface Emulator (aws-lambda-rie), pinned, into this
# checkout's .tools/bin, built from the Go module proxy (no Docker). The tests use it as an
# independent oracle for lsf bench's loopback harness (test/oracle/).
# Idempotent: does nothing when .tools/bin/aws-lambda-rie already is that version.
#   RIE_VERSION  another module version (default: the pinned one below)
#   GO           the go command (default: go on PATH, else /usr/local/go/bin/go)
set -euo pipefail
cd "$(dirname "$0")/.."

MODULE=github.com/aws/aws-lambda-runtime-interface-emulator
RIE_VERSION="${RIE_VERSION:-v0.0.0-20261030222936-bef5c4ba774d}"
TOOLS_BIN="$PWD/.tools/bin"
RIE="$TOOLS_BIN/aws-lambda-rie"

log() { printf '[setup-rie] %s\n' "$*" >&2; }

find_go() {
  if [ -n "${GO:-}" ]; then
    command -v "$GO"
  elif command -v go >/dev/null 2>&1; then
    command -v go
  elif [ -x /usr/local/go/bin/go ]; then
    echo /usr/local/go/bin/go
  else
    return 1
  fi
}

# The module version built into the binary (Go records it: `go version -m`). Without go,
# the version string is still in the binary's build information.
installed_version_is_pinned() {
  [ -x "$RIE" ] || return 1
  if [ -n "${go_cmd:-}" ]; then
    "$go_cmd" version -m "$RIE" 2>/dev/null | awk -v m="$MODULE" '$1 == "mod" && $2 == m { print $3 }' | grep -qxF "$RIE_VERSION"
  else
    grep -qaF "$RIE_VERSION" "$RIE"
  fi
}

go_cmd=$(find_go || true)

if installed_version_is_pinned; then
  log "aws-lambda-rie $RIE_VERSION already installed in .tools/bin"
  exit 0
fi

if [ -z "$go_cmd" ]; then
  if [ -n "${GO:-}" ]; then
    log "error: GO=$GO is not a go command."
  else
    log "error: go is not installed (looked on PATH and in /usr/local/go/bin)."
  fi
  log "Install Go (https://go.dev/doc/install): the module asks for Go 1.26.6, which Go 1.21 or later downloads by itself"
  log "(Debian 12's golang-go is 1.19: too old). Or set GO=/path/to/go. Then run scripts/setup-rie.sh again."
  exit 1
fi

log "installing aws-lambda-rie $RIE_VERSION into .tools/bin with $("$go_cmd" version)"
mkdir -p "$TOOLS_BIN"
# As AWS's own release build (Makefile compile-lambda-linux): static, without debug symbols.
GOBIN="$TOOLS_BIN" CGO_ENABLED=0 GOFLAGS=-buildvcs=false \
  "$go_cmd" install -ldflags '-s -w' "$MODULE/cmd/aws-lambda-rie@$RIE_VERSION"

if ! installed_version_is_pinned; then
  log "error: $RIE was installed but does not report $RIE_VERSION"
  exit 1
fi
log "installed $RIE"
