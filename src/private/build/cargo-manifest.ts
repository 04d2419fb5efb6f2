import * as fs from 'node:fs';
import * as path from 'node:path';
import { load as parseToml } from 'js-toml';

/** What the construct needs to know about a Cargo project before building it. */
export interface CargoProject {
  /** Absolute path of the `Cargo.toml`. */
  readonly manifestFile: string;
  /** The folder of the `Cargo.toml`: the build's working directory and the asset's source. */
  readonly projectRoot: string;
  /** Whether the manifest declares a `[workspace]`. */
  readonly isWorkspace: boolean;
  /** Every binary target of the package, or of all workspace members. */
  readonly binaries: string[];
}

/** A problem with the manifest, reported by the caller against its own prop. */
export class CargoManifestError extends Error {}

type Table = { [key: string]: unknown };

/**
 * Reads a `Cargo.toml` (or the folder holding one) and lists its binary targets the way
 * Cargo discovers them: `[[bin]]` entries, `src/main.rs` and `src/bin/*` (unless
 * `autobins = false`), across workspace members.
 */
export function readCargoProject(manifestPath: string): CargoProject {
  const manifestFile = resolveManifestFile(manifestPath);
  const manifest = parseManifest(manifestFile);
  const projectRoot = path.dirname(manifestFile);
  const workspace = asTable(manifest.workspace);

  const binaries = new Set<string>(packageBinaries(manifest, projectRoot));
  if (workspace) {
    for (const member of workspaceMembers(workspace, projectRoot)) {
      const memberManifest = path.join(member, 'Cargo.toml');
      for (const bin of packageBinaries(parseManifest(memberManifest), member)) binaries.add(bin);
    }
  }
  return { manifestFile, projectRoot, isWorkspace: workspace !== undefined, binaries: [...binaries].sort() };
}

function resolveManifestFile(manifestPath: string): string {
  const absolute = path.resolve(manifestPath);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    throw new CargoManifestError(`'${absolute}' does not exist`);
  }
  const file = stat.isDirectory() ? path.join(absolute, 'Cargo.toml') : absolute;
  if (path.basename(file) !== 'Cargo.toml') {
    throw new CargoManifestError(`'${absolute}' is neither a Cargo.toml file nor a folder holding one`);
  }
  if (!fs.existsSync(file)) {
    throw new CargoManifestError(`the folder '${absolute}' holds no Cargo.toml`);
  }
  return file;
}

function parseManifest(file: string): Table {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf-8');
  } catch (e) {
    throw new CargoManifestError(`'${file}' cannot be read (${(e as Error).message})`);
  }
  try {
    return parseToml(text) as Table;
  } catch (e) {
    throw new CargoManifestError(`'${file}' is not valid TOML (${(e as Error).message.split('\n')[0]})`);
  }
}

function packageBinaries(manifest: Table, root: string): string[] {
  const pkg = asTable(manifest.package);
  if (!pkg) return [];
  const names = new Set<string>();
  for (const bin of asArray(manifest.bin)) {
    const name = asTable(bin)?.name;
    if (typeof name === 'string') names.add(name);
  }
  if (pkg.autobins !== false) {
    if (typeof pkg.name === 'string' && fs.existsSync(path.join(root, 'src', 'main.rs'))) names.add(pkg.name);
    for (const name of discoveredBinFiles(path.join(root, 'src', 'bin'))) names.add(name);
  }
  return [...names];
}

function discoveredBinFiles(binDir: string): string[] {
  if (!fs.existsSync(binDir)) return [];
  return fs.readdirSync(binDir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile() && entry.name.endsWith('.rs')) return [entry.name.slice(0, -'.rs'.length)];
    if (entry.isDirectory() && fs.existsSync(path.join(binDir, entry.name, 'main.rs'))) return [entry.name];
    return [];
  });
}

/** Workspace members, with Cargo's `dir/*` globs expanded and `exclude` applied. */
function workspaceMembers(workspace: Table, root: string): string[] {
  const excluded = new Set(asArray(workspace.exclude).filter(isString).map((e) => path.resolve(root, e)));
  return asArray(workspace.members).filter(isString).flatMap((pattern) => expandMember(root, pattern))
    .filter((dir) => !excluded.has(dir) && fs.existsSync(path.join(dir, 'Cargo.toml')));
}

function expandMember(root: string, pattern: string): string[] {
  const star = pattern.indexOf('*');
  if (star < 0) return [path.resolve(root, pattern)];
  const parent = path.resolve(root, pattern.slice(0, pattern.lastIndexOf('/', star) + 1));
  const matcher = new RegExp(`^${path.basename(pattern).split('*').map(escapeRegExp).join('.*')}$`);
  if (!fs.existsSync(parent)) return [];
  return fs.readdirSync(parent, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && matcher.test(entry.name))
    .map((entry) => path.join(parent, entry.name));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

function asTable(value: unknown): Table | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Table : undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
