#!/usr/bin/env bash
# From a fresh clone to `cdk synth` of the example app with real builds, without Docker.
# Installs what is missing (Rust toolchain and cargo-lambda, npm packages, the Python tools
# the tests use) and is safe to run again: every step skips what is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[quickstart] %s\n' "$*" >&2; }

bash scripts/setup-toolchain.sh

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
else
  log "npm packages up to date"
fi

# Python tools for the tests (cfn-lint, pytest, the twin's packages), isolated from the system Python.
if [ -f requirements-dev.txt ]; then
  if [ ! -x .venv/bin/python ]; then
    log "creating .venv"
    python3 -m venv .venv
  fi
  log "installing Python test tools into .venv (pip skips what is already there)"
  .venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
fi

log "synthesizing examples/form-validation with real builds"
(cd examples/form-validation && npx cdk synth --quiet --no-notices)
log "linting the synthesized templates with cfn-lint"
# W3005 (a redundant DependsOn) comes from aws-cdk-lib's own lambda.Function.
.venv/bin/cfn-lint --ignore-checks W3005 -- examples/form-validation/cdk.out/*.template.json
log "scanning the synthesized templates with checkov"
# The accepted findings, each with its reason, are listed in test/security/accepted-findings.ts.
accepted=$(grep -o 'CKV_AWS_[0-9]*' test/security/accepted-findings.ts | paste -sd, -)
templates=()
for template in examples/form-validation/cdk.out/*.template.json; do templates+=(-f "$template"); done
.venv/bin/checkov "${templates[@]}" --framework cloudformation --quiet --compact --skip-download --skip-check "$accepted"
log "done: the templates and the built assets are in examples/form-validation/cdk.out"
