/**
 * The guarded public API: api-baseline/assembly.json is the jsii assembly that Python and Java users
 * build against, reduced to what their code sees (types, members, targets, dependencies; no
 * docs, source locations or version). `check` compares the freshly compiled .jsii with it and
 * fails naming every member that differs; `accept` rewrites it. Breaking changes are jsii-diff's
 * findings (the same tool projen's `compat` task runs against the npm registry, which has no
 * release of this package yet); additions are listed too, so that the baseline always holds
 * the whole API and a later removal of a new member is caught.
 *
 *   ts-node --transpile-only build-tools/api-baseline.ts check|accept
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..');
// Not named `.jsii`: jsii-docgen takes every `**/.jsii` under the project for an assembly, and
// this one (same name and version, no docs) would replace the compiled one: an API reference
// with no descriptions.
export const BASELINE_FILE = path.join(ROOT, 'api-baseline', 'assembly.json');
export const ACCEPT_COMMAND = 'npx projen api:accept';

type Json = any;

/** Keys that change with every edit of a comment or a release, not with the API. */
const NOISE_KEYS = new Set(['readme', 'locationInModule', 'symbolId']);
/** Of each `docs`, what users' code depends on: whether the member may change or go away. */
const KEPT_DOCS = ['stability', 'deprecated'];

/** The assembly without docs, locations and version: what the baseline file holds. */
export function normalize(assembly: Json): Json {
  const { name, schema, targets, dependencies, types } = assembly;
  // jsii-reflect loads only assemblies with these fields; the fixed values keep the file stable.
  return strip({ schema, name, version: '0.0.0', fingerprint: 'api-baseline', jsiiVersion: assembly.jsiiVersion, targets, dependencies, types });
}

function strip(value: Json): Json {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    if (NOISE_KEYS.has(key)) continue;
    if (key === 'docs') {
      const docs = Object.fromEntries(KEPT_DOCS.filter((k) => (item as Json)[k] !== undefined).map((k) => [k, (item as Json)[k]]));
      if (Object.keys(docs).length > 0) out.docs = docs;
      continue;
    }
    out[key] = strip(item);
  }
  return out;
}

/** Every public member by name (`Type`, `Type.prop`, `Type.method()`, `Type.constructor`), with its signature. */
function members(assembly: Json): Map<string, string> {
  const out = new Map<string, string>([
    ['(assembly targets)', JSON.stringify(assembly.targets)],
    ['(assembly dependencies)', JSON.stringify(assembly.dependencies)],
  ]);
  for (const type of Object.values<Json>(assembly.types ?? {})) {
    const { properties, methods, members: enumMembers, initializer, ...shape } = type;
    out.set(type.fqn, JSON.stringify(shape));
    for (const p of properties ?? []) out.set(`${type.fqn}.${p.name}`, JSON.stringify(p));
    for (const m of methods ?? []) out.set(`${type.fqn}.${m.name}()`, JSON.stringify(m));
    for (const m of enumMembers ?? []) out.set(`${type.fqn}.${m.name}`, JSON.stringify(m));
    if (initializer) out.set(`${type.fqn}.constructor`, JSON.stringify(initializer));
  }
  return out;
}

export interface ApiDiff {
  /** jsii-diff's error lines: changes that break existing Python, Java or TypeScript code. */
  readonly breaking: string[];
  readonly added: string[];
  readonly removed: string[];
  readonly changed: string[];
}

export function isClean(diff: ApiDiff): boolean {
  return diff.breaking.length + diff.added.length + diff.removed.length + diff.changed.length === 0;
}

/** Compares two (normalized or full) assemblies; both are normalized first. */
export function compare(baseline: Json, current: Json): ApiDiff {
  const [before, after] = [normalize(baseline), normalize(current)];
  const [old, now] = [members(before), members(after)];
  const added = [...now.keys()].filter((k) => !old.has(k));
  const removed = [...old.keys()].filter((k) => !now.has(k));
  const changed = [...now.keys()].filter((k) => old.has(k) && old.get(k) !== now.get(k));
  // jsii-diff only when something differs: it loads aws-cdk-lib's assembly, a few seconds.
  const breaking = added.length + removed.length + changed.length === 0 ? [] : jsiiDiff(before, after);
  return { breaking, added, removed, changed };
}

/**
 * jsii-diff on the two assemblies, every finding an error whatever its stability
 * (`--error-on all`: the API is experimental until 1.0, and jsii-diff would only warn).
 */
function jsiiDiff(before: Json, after: Json): string[] {
  // jsii-reflect loads an assembly's dependencies (aws-cdk-lib, constructs) only for a package
  // folder, resolved from node_modules upwards: stage both as packages next to ours.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'api-baseline-'));
  try {
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
    const stage = (name: string, assembly: Json) => {
      const dir = path.join(work, name);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, '.jsii'), JSON.stringify(assembly));
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: assembly.name, version: assembly.version, jsii: {}, peerDependencies: assembly.dependencies }));
      return dir;
    };
    const cli = require.resolve('jsii-diff/bin/jsii-diff', { paths: [ROOT] });
    const result = spawnSync(process.execPath, [cli, '--error-on', 'all', '--keys', stage('baseline', before), stage('current', after)], { encoding: 'utf8' });
    const output = `${result.stdout}${result.stderr}`;
    if (result.status !== 0 && !/^err\b/m.test(output)) throw new Error(`jsii-diff failed (exit ${result.status}):\n${output}`);
    return output.split('\n').filter((line) => /^err\b/.test(line)).map((line) => line.replace(/^err\s+-\s+/, ''));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** What CI prints when the API and the baseline differ: each member, and how to accept. */
export function report(diff: ApiDiff): string {
  const section = (title: string, lines: string[]) => (lines.length ? [`${title}:`, ...lines.map((l) => `  ${l}`)] : []);
  return [
    `The public API differs from ${path.relative(ROOT, BASELINE_FILE)}, the jsii assembly Python and Java users build against.`,
    ...section('Breaking for existing users (jsii-diff)', diff.breaking),
    ...section('Removed', diff.removed),
    ...section('Changed', diff.changed),
    ...section('Added', diff.added),
    `If the change is intended, run \`${ACCEPT_COMMAND}\` and commit ${path.relative(ROOT, BASELINE_FILE)} with it;`,
    'name a breaking change in that commit (`feat!: ...` or a `BREAKING CHANGE:` footer), so that the release bumps the version for it.',
  ].join('\n');
}

function readJson(file: string): Json {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function main(command: string | undefined): number {
  const assemblyFile = path.join(ROOT, '.jsii');
  if (!fs.existsSync(assemblyFile)) throw new Error('no .jsii: run `npx projen compile` first');
  if (command === 'accept') {
    fs.mkdirSync(path.dirname(BASELINE_FILE), { recursive: true });
    fs.writeFileSync(BASELINE_FILE, JSON.stringify(normalize(readJson(assemblyFile)), undefined, 2) + '\n');
    console.log(`${path.relative(ROOT, BASELINE_FILE)} updated: commit it with the change`);
    return 0;
  }
  if (command !== 'check') throw new Error('usage: api-baseline.ts check|accept');
  if (!fs.existsSync(BASELINE_FILE)) throw new Error(`no ${BASELINE_FILE}: run \`${ACCEPT_COMMAND}\``);
  const diff = compare(readJson(BASELINE_FILE), readJson(assemblyFile));
  if (isClean(diff)) {
    console.log(`public API matches ${path.relative(ROOT, BASELINE_FILE)}`);
    return 0;
  }
  console.error(report(diff));
  return 1;
}

if (require.main === module) process.exitCode = main(process.argv[2]);
