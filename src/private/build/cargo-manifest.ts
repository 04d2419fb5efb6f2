import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };

// smol-toml is an ES module with a CommonJS build: its types from the one, its code from the other.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse: parseToml, TomlError } = require('smol-toml') as typeof SmolToml;

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
  /**
   * The Cargo profiles a build can use: Cargo's built-in ones and those declared in the
   * manifest that holds them (the workspace root's, for a member crate).
   */
  readonly profiles: ProfileDeclarations;
}

/** Where profiles are declared, and which. */
export interface ProfileDeclarations {
  readonly manifestFile: string;
  readonly names: string[];
}

/** Profiles every Cargo project has. */
const BUILT_IN_PROFILES = ['dev', 'release', 'test', 'bench'];

/** A problem with the manifest, reported by the caller against its own prop, with what to do. */
export class CargoManifestError extends Error {
  constructor(message: string, public readonly fix = 'Give the path of a Cargo.toml, or of the folder that holds it') {
    super(message);
  }
}

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
  const own = { file: manifestFile, manifest };
  const profiles = profileDeclarations(workspace ? own : workspaceRootOf(projectRoot) ?? own);
  return { manifestFile, projectRoot, isWorkspace: workspace !== undefined, binaries: [...binaries].sort(), profiles };
}

/** Cargo reads profiles from the workspace root only: the nearest ancestor manifest with a [workspace]. */
function workspaceRootOf(projectRoot: string): { file: string; manifest: Table } | undefined {
  for (let dir = path.dirname(projectRoot); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'Cargo.toml');
    if (!fs.existsSync(file)) continue;
    const manifest = parseManifest(file);
    if (asTable(manifest.workspace)) return { file, manifest };
  }
  return undefined;
}

function profileDeclarations(root: { file: string; manifest: Table }): ProfileDeclarations {
  return { manifestFile: root.file, names: [...new Set([...BUILT_IN_PROFILES, ...Object.keys(asTable(root.manifest.profile) ?? {})])] };
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
    throw new CargoManifestError(`'${file}' cannot be read (${(e as Error).message})`, 'Make the file readable by the user who runs cdk synth');
  }
  try {
    return parseToml(text) as Table;
  } catch (e) {
    throw tomlError(file, e as Error);
  }
}

/** smol-toml places every error, syntax or semantic (a table defined twice), at a line and column. */
function tomlError(file: string, error: Error): CargoManifestError {
  const how = `(\`cargo metadata --manifest-path ${file}\` shows how Cargo reads it)`;
  const problem = error.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
  if (error instanceof TomlError) {
    return new CargoManifestError(`${file}:${error.line}:${error.column} is not valid TOML: ${problem}`,
      `Fix line ${error.line}, column ${error.column} of that file ${how}`);
  }
  return new CargoManifestError(`${file} is not valid TOML: ${problem}`, `Fix that file ${how}`);
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
