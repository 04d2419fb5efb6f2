#!/usr/bin/env bash
# How long the wheel's `lsf --help` takes: its first run (which unpacks lsf and its peer
# dependencies into a fresh cache) and five later runs, beside node on the same unpacked copy.
# Usage: bash benchmarks/wheel-lsf-startup.sh [path of a venv's lsf]  (default: lsf on PATH)
set -euo pipefail

LSF=${1:-$(command -v lsf)}
CACHE=$(mktemp -d)
trap 'rm -rf "$CACHE"' EXIT
export XDG_CACHE_HOME=$CACHE

# seconds CMD...: wall time of one run, output discarded.
seconds() {
  local start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1
  echo "$EPOCHREALTIME - $start" | bc
}

echo "lsf: $LSF; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
echo "first run (unpacks): $(seconds "$LSF" --help) s"
for i in 1 2 3 4 5; do echo "later run $i: $(seconds "$LSF" --help) s"; done
LSF_JS=$(ls "$CACHE"/cdk-latency-sensitive-function/lsf-*/node_modules/cdk-latency-sensitive-function/lib/lsf/cli/lsf.js)
for i in 1 2 3; do echo "node on the unpacked copy $i: $(seconds node "$LSF_JS" --help) s"; done
