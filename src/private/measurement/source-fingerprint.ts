import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IgnoreStrategy } from 'aws-cdk-lib';

/**
 * The files a build reads, each with the sha256 of its content, recorded at synth so that
 * `lsf bench` can tell, before it builds anything, whether the sources are still those of the
 * synthesized asset, and name the files that are not. Paths are relative to the cloud
 * assembly's folder and `/`-separated, like every path of a record.
 */
export interface SourceFingerprint {
  /** Folders read whole: a file added under one of them is a change too. */
  readonly folders: string[];
  /** Globs left out of those folders (build outputs, caches, tests), as CDK's asset `exclude`. */
  readonly exclude: string[];
  /** Every file read, folders' and single ones, with the sha256 (hex) of its content. */
  readonly files: { readonly [path: string]: string };
}

/** What a build reads, with absolute paths: whole folders (minus `exclude`) and single files. */
export interface SourceSet {
  readonly folders: string[];
  readonly files: string[];
  readonly exclude: string[];
}

/** The sha256 of every file of the set, by absolute path; a single file that does not exist is left out. */
export function hashSources(set: SourceSet): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const folder of set.folders) {
    const ignore = IgnoreStrategy.glob(folder, set.exclude);
    for (const file of listFiles(folder, ignore)) hashes.set(file, hashFile(file));
  }
  for (const file of set.files) {
    if (!hashes.has(file) && isFile(file)) hashes.set(file, hashFile(file));
  }
  return new Map([...hashes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The set and its hashes as a record holds them, with paths made relative by `relative`. */
export function sourceFingerprint(set: SourceSet, hashes: Map<string, string>, relative: (file: string) => string): SourceFingerprint {
  return {
    folders: set.folders.map(relative),
    exclude: set.exclude,
    files: Object.fromEntries([...hashes].map(([file, hash]) => [relative(file), hash])),
  };
}

/** One digest of paths (relative to `base`, so every checkout gets the same) and contents. */
export function digestOf(hashes: Map<string, string>, base: string): string {
  const digest = createHash('sha256');
  for (const [file, hash] of hashes) digest.update(`${path.relative(base, file).split(path.sep).join('/')}\0${hash}\n`);
  return digest.digest('hex');
}

/** The files of a folder, recursively, without those `ignore` leaves out; symlinked folders are not followed. */
function listFiles(folder: string, ignore: IgnoreStrategy): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (ignore.ignores(full)) return [];
    if (entry.isDirectory()) return listFiles(full, ignore);
    return entry.isFile() || (entry.isSymbolicLink() && isFile(full)) ? [full] : [];
  });
}

export function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function hashFile(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
