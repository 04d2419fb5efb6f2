#!/usr/bin/env bash
# From a fresh clone to the answer: the example app synthesized with real builds, scanned, and
# its Rust function measured against its Python and Node twins on this machine, without Docker.
# Installs what is missing (Rust toolchain and cargo-lambda, npm packages, the Python tools
# the tests use) and is safe to run again: every step skips what is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[quickstart] %s\n' "$*" >&2; }

# Each step's wall time, printed at the end: where a first run spends its minutes.
timings=()
step() {
  local name=$1 started=$SECONDS
  shift
  "$@"
  timings+=("$name $((SECONDS - started)) s")
}

install_npm() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm packages (npm ci)"
    npm ci --no-audit --no-fund
  else
    log "npm packages up to date"
  fi
}

# Python tools for the tests (cfn-lint, checkov, pytest, the twin's packages), isolated from the system Python.
install_python_tools() {
  if [ ! -x .venv/bin/python ]; then
    log "creating .venv"
    python3 -m venv .venv
  fi
  log "installing Python test tools into .venv (pip skips what is already there)"
  .venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
}

# The library and the lsf command (lib/lsf/cli/lsf.js, which the bench step runs).
compile() {
  if [ -f .jsii ] && [ -z "$(find src .projenrc.ts -newer .jsii -print -quit)" ]; then
    log "lib/ up to date"
  else
    log "compiling the library and the lsf command (jsii)"
    npx projen compile
  fi
}

synth() {
  log "synthesizing examples/form-validation with real builds"
  (cd examples/form-validation && npx cdk synth --quiet --no-notices)
}

scan() {
  log "linting the synthesized templates with cfn-lint"
  # W3005 (a redundant DependsOn) comes from aws-cdk-lib's own lambda.Function.
  .venv/bin/cfn-lint --ignore-checks W3005 -- examples/form-validation/cdk.out/*.template.json
  log "scanning the synthesized templates with checkov"
  # The accepted findings, each with its reason, are listed in test/security/accepted-findings.ts.
  local accepted templates=() template
  accepted=$(grep -o 'CKV_AWS_[0-9]*' test/security/accepted-findings.ts | paste -sd, -)
  for template in examples/form-validation/cdk.out/*.template.json; do templates+=(-f "$template"); done
  .venv/bin/checkov "${templates[@]}" --framework cloudformation --quiet --compact --skip-download --skip-check "$accepted"
}

# What a user runs in their own app's folder after `cdk synth`; counts small enough for a minute.
# --check-budgets: the Rust function must meet its profile's budgets at its own memory's CPU share.
bench() {
  log "measuring the example with lsf bench (10 cold starts, 100 warm invocations per runtime; the full run: npx projen example:bench)"
  # node on the file, not `npx lsf`: npm 12's npx installs this checkout into its cache, and an
  # entry made before lib/ existed keeps no bin link ("lsf: not found" from then on).
  (cd examples/form-validation && node ../../lib/lsf/cli/lsf.js bench --cases cases.jsonl --cold 10 --warm 100 --check-budgets)
}

step toolchain bash scripts/setup-toolchain.sh
step node bash scripts/setup-node.sh
# The project's own Node 22 when the machine's is older: for every step below, lsf included.
PATH=$(bash scripts/node-path.sh)
export PATH
log "Node $(node --version) ($(command -v node))"
step rie bash scripts/setup-rie.sh
step npm install_npm
step python-tools install_python_tools
step compile compile
step synth synth
step scanners scan
step bench bench
log "done in ${SECONDS} s ($(IFS=,; echo "${timings[*]}" | sed 's/,/, /g')); templates and built assets in examples/form-validation/cdk.out"
