import { createHash, randomUUID } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { withEntryLock } from './cache-lock';

/** The manifest of a published entry, written last: an entry without it was never finished. */
export const MANIFEST = '.complete';

/** What a manifest records: every file's size (a symlink's target), and the main file's hash. */
interface Manifest {
  readonly files: Record<string, number | { readonly link: string }>;
  /** The file that runs (a bootstrap, node), hashed whole: a truncated or altered one is caught. */
  readonly main?: { readonly file: string; readonly sha256: string };
}

/** One cache entry: where it is published, and what to call it in messages. */
export interface EntrySpec {
  /** The entry's folder. Its name holds what it is built from: a new build goes to a new entry. */
  readonly dir: string;
  /** `the std-only floor`, for messages. */
  readonly what: string;
  /** The entry's main file, relative to it: hashed in the manifest. */
  readonly main?: string;
  readonly log: (line: string) => void;
}

/**
 * The entry at `spec.dir`, built once by `build` (given a scratch folder, it returns the folder to
 * publish) under the entry's own lock, when no whole entry is there. Runs that come later, or
 * waited for the lock, use the published entry; a corrupt one is rebuilt, never run.
 */
export async function cachedEntry(spec: EntrySpec, build: (scratch: string) => Promise<string>): Promise<string> {
  if (verifyEntry(spec.dir, spec.main) === undefined) return spec.dir;
  return withEntryLock(`${spec.dir}.lock`, `building ${spec.what}`, spec.log, async (scratch) => {
    if (verifyEntry(spec.dir, spec.main) === undefined) return spec.dir;
    publishEntry(await build(scratch), spec);
    return spec.dir;
  });
}

/**
 * Publishes `folder` as the entry: its manifest goes in last, then the folder is renamed into
 * place, so readers see no entry or a whole one. A whole entry already there (same name, same
 * content) is kept and `folder` dropped; a corrupt one is moved aside first. Never rewrites a file
 * in place: a run may be executing it (`Text file busy`).
 */
export function publishEntry(folder: string, spec: EntrySpec): void {
  const problem = existsSync(spec.dir) ? verifyEntry(spec.dir, spec.main) : undefined;
  if (existsSync(spec.dir) && problem === undefined) {
    rmSync(folder, { recursive: true, force: true });
    return;
  }
  writeFileSync(path.join(folder, MANIFEST), JSON.stringify(manifestOf(folder, spec.main)));
  if (problem !== undefined) {
    spec.log(`Cache entry ${spec.dir} (${spec.what}) is not whole (${problem}): rebuilt.`);
    const aside = `${spec.dir}.corrupt-${process.pid}-${randomUUID()}`;
    renameSync(spec.dir, aside);
    rmSync(aside, { recursive: true, force: true });
  }
  mkdirSync(path.dirname(spec.dir), { recursive: true });
  renameSync(folder, spec.dir);
  spec.log(`Cached ${spec.what} in ${spec.dir}`);
}

/** Why the entry at `dir` cannot be used (missing, unfinished, a file changed), or undefined when it is whole. */
export function verifyEntry(dir: string, main?: string): string | undefined {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return existsSync(dir) ? `no ${MANIFEST} manifest: its build never finished` : 'not built';
  }
  for (const [file, expected] of Object.entries(manifest.files ?? {})) {
    const found = describe(path.join(dir, file));
    if (found === undefined) return `${file} is missing`;
    if (JSON.stringify(found) !== JSON.stringify(expected)) return `${file} is ${sizeOrLink(found)}, was ${sizeOrLink(expected)}`;
  }
  if (main !== undefined) {
    if (manifest.main?.file !== main) return `its manifest does not hash ${main}`;
    if (sha256File(path.join(dir, main)) !== manifest.main.sha256) return `${main} does not match its sha256`;
  }
  return undefined;
}

/** The SHA-256 of a file's bytes, hex. */
export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function manifestOf(folder: string, main: string | undefined): Manifest {
  const files: Record<string, number | { link: string }> = {};
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(folder, relative), { withFileTypes: true })) {
      const name = path.join(relative, entry.name);
      // Python writes __pycache__ into the venv as it runs: not part of what was built.
      if (entry.isDirectory()) {
        if (entry.name !== '__pycache__') walk(name);
      } else if (name !== MANIFEST) {
        files[name] = describe(path.join(folder, name))!;
      }
    }
  };
  walk('');
  return { files, main: main === undefined ? undefined : { file: main, sha256: sha256File(path.join(folder, main)) } };
}

function describe(file: string): number | { link: string } | undefined {
  try {
    const stat = lstatSync(file);
    return stat.isSymbolicLink() ? { link: readlinkSync(file) } : stat.size;
  } catch {
    return undefined;
  }
}

function sizeOrLink(found: number | { link: string }): string {
  return typeof found === 'number' ? `${found} bytes` : `a link to ${found.link}`;
}
