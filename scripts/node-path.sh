#!/usr/bin/env bash
# Prints PATH with the project's own Node (scripts/setup-node.sh) first, when there is one: every
# projen task runs with it (see .projenrc.ts), so `npm test` runs on Node 22 on any machine.
bin=$(cd "$(dirname "$0")/.." && pwd)/.tools/node/node_modules/.bin
if [ -x "$bin/node" ]; then printf '%s:%s' "$bin" "$PATH"; else printf '%s' "$PATH"; fi
