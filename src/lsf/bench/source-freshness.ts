import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { SourceFingerprint, hashSources } from '../../private/measurement/source-fingerprint';
import { RecordedFunction, recordedPath } from '../assembly/recorded-functions';
import { UsageError } from '../errors';

/** How many files of each kind a message names before it says how many more. */
const NAMED = 10;

/** The files that differ from what a synth recorded, by absolute path. */
interface Drift {
  readonly changed: Set<string>;
  readonly added: Set<string>;
  readonly removed: Set<string>;
}

/** The twins a run measures: a twin it skips may differ from its asset without harm. */
export interface TwinKinds {
  readonly python: boolean;
  readonly node: boolean;
}

/**
 * Checks, before anything is built, that the sources of the functions and their twins are
 * those the last `cdk synth` recorded: lsf bench builds from the sources as they are, while
 * cdk.out holds (and a deploy ships) the asset built from them then.
 * @throws UsageError naming the changed, added and removed files, relative to the app
 */
export function checkSourcesUnchanged(functions: readonly RecordedFunction[], twins: TwinKinds, log: (line: string) => void): void {
  const drift: Drift = { changed: new Set(), added: new Set(), removed: new Set() };
  const unchecked: string[] = [];
  let app = '';
  for (const fn of functions) {
    app = appFolderOf(fn.assemblyDir);
    if (fn.record.rust.sources === undefined) unchecked.push(fn.record.constructPath);
    const measured = fn.record.twins.filter((twin) => (twin.kind === 'python' && twins.python) || (twin.kind === 'node' && twins.node));
    const fingerprints = [fn.record.rust.sources, ...measured.map((twin) => ('sources' in twin ? twin.sources : undefined))];
    for (const fingerprint of fingerprints) if (fingerprint) compare(fn, fingerprint, drift);
  }
  if (unchecked.length > 0) {
    log(`Sources not checked against the synthesized assets of ${unchecked.join(', ')}: their records hold no source fingerprint `
      + '(bundling was skipped at synth, or the library that synthesized them predates it). A plain `cdk synth` records one.');
  }
  const lines = (['changed', 'added', 'removed'] as const).filter((kind) => drift[kind].size > 0).map((kind) => `  ${kind}: ${named(drift[kind], app)}`);
  if (lines.length === 0) return;
  throw new UsageError('The sources changed since the last `cdk synth`: the cloud assembly holds the build of the sources as they were then (what a deploy ships), '
    + `and lsf bench would measure a build of them as they are now.\n${lines.join('\n')}\nRun \`cdk synth\` again, then lsf bench.`);
}

function compare(fn: RecordedFunction, fingerprint: SourceFingerprint, drift: Drift): void {
  const recorded = new Map(Object.entries(fingerprint.files).map(([file, hash]) => [recordedPath(fn, file), hash]));
  const folders = fingerprint.folders.map((folder) => recordedPath(fn, folder));
  const inFolders = (file: string) => folders.some((folder) => file.startsWith(`${folder}${path.sep}`));
  // Single files that did not exist at synth (a Cargo.lock written since) are not in the record to compare.
  const now = hashSources({ folders, files: [...recorded.keys()].filter((file) => !inFolders(file)), exclude: fingerprint.exclude });
  for (const [file, hash] of recorded) {
    const current = now.get(file);
    if (current === undefined) drift.removed.add(file);
    else if (current !== hash) drift.changed.add(file);
  }
  for (const file of now.keys()) if (!recorded.has(file)) drift.added.add(file);
}

/** The folder of the app: the one that holds the (root) cloud assembly. */
function appFolderOf(assemblyDir: string): string {
  let dir = assemblyDir;
  while (existsSync(path.join(path.dirname(dir), 'manifest.json'))) dir = path.dirname(dir);
  return path.dirname(dir);
}

function named(files: Set<string>, app: string): string {
  const shown = [...files].sort().map((file) => path.relative(app, file).split(path.sep).join('/'));
  return shown.length > NAMED ? `${shown.slice(0, NAMED).join(', ')} and ${shown.length - NAMED} more` : shown.join(', ');
}
