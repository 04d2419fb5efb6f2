import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { BenchUsageError } from './bench-errors';
import { CargoManifestError, readCargoProject } from '../private/cargo-manifest';

/** What `lsf bench <folder>` expects, shown whenever the folder does not match it. */
const EXPECTED_LAYOUT = `Expected layout:
  <folder>/cases.jsonl             one {"name", "event", "expected"} object per line
  <folder>/rust/Cargo.toml         the Rust handler, one binary (lambda_runtime)
  <folder>/twin-python/handler.py  optional: handler(event, context), with requirements.txt
  <folder>/twin-node/handler.ts    optional: export async function handler(event)`;

/** An example folder that has the layout of examples/form-validation. */
export interface ExampleLayout {
  readonly root: string;
  /** The folder's name, which names its cache. */
  readonly name: string;
  readonly casesFile: string;
  readonly rustDir: string;
  readonly rustBinary: string;
  readonly pythonTwinDir?: string;
  readonly nodeTwinEntry?: string;
}

/** Checks the folder's layout before anything is built. */
export function readExampleLayout(folder: string): ExampleLayout {
  const root = path.resolve(folder);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new BenchUsageError(`<folder> ${folder} is not a folder. Give an example folder such as examples/form-validation.\n${EXPECTED_LAYOUT}`);
  }
  const casesFile = path.join(root, 'cases.jsonl');
  const rustDir = path.join(root, 'rust');
  const missing = [casesFile, path.join(rustDir, 'Cargo.toml')].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new BenchUsageError(`<folder> ${folder} has no ${missing.map((file) => path.relative(root, file)).join(' and no ')}.\n${EXPECTED_LAYOUT}`);
  }
  let binaries: string[];
  try {
    binaries = readCargoProject(rustDir).binaries;
  } catch (error) {
    if (error instanceof CargoManifestError) throw new BenchUsageError(`${folder}/rust/Cargo.toml: ${error.message}`);
    throw error;
  }
  if (binaries.length !== 1) {
    throw new BenchUsageError(`${folder}/rust/Cargo.toml must build exactly one binary (the bootstrap), found ${binaries.length}: ${binaries.join(', ') || 'none'}.`);
  }
  const pythonTwinDir = path.join(root, 'twin-python');
  const nodeTwinEntry = ['handler.ts', 'handler.js'].map((file) => path.join(root, 'twin-node', file)).find(existsSync);
  return {
    root,
    name: path.basename(root),
    casesFile,
    rustDir,
    rustBinary: binaries[0],
    pythonTwinDir: existsSync(path.join(pythonTwinDir, 'handler.py')) ? pythonTwinDir : undefined,
    nodeTwinEntry,
  };
}
