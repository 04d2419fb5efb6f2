import * as fs from 'node:fs';
import * as path from 'node:path';
import { isFile } from './source-fingerprint';

/** Lock files that `NodejsFunction` looks for, nearest first, to decide what it installs. */
const LOCK_FILES = ['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock'];

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'];

/** `import ... from './x'`, `export ... from './x'`, `import './x'`, `require('./x')`, `import('./x')`. */
const RELATIVE_IMPORTS = [
  /\b(?:import|export)\s[^'";]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/g,
  /\bimport\s*['"](\.{1,2}\/[^'"]+)['"]/g,
  /\b(?:require|import)\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g,
];

/** A guard against a generated tree: a handler's own modules are a handful. */
const MAX_MODULES = 1000;

/**
 * What a Node twin's bundle is made of, found cheaply: the entry, the local modules it imports
 * (relative specifiers, read as text, transitively; packages under node_modules are left to the
 * lock file), the nearest package.json and the nearest lock file.
 */
export function nodeSourceFiles(entry: string): string[] {
  const modules = new Set<string>([path.resolve(entry)]);
  const pending = [...modules];
  while (pending.length > 0 && modules.size < MAX_MODULES) {
    const file = pending.pop()!;
    for (const imported of relativeImports(file)) {
      if (modules.has(imported)) continue;
      modules.add(imported);
      pending.push(imported);
    }
  }
  const manifests = [nearest(path.dirname(entry), ['package.json']), nearest(path.dirname(entry), LOCK_FILES)];
  return [...modules, ...manifests.filter((file): file is string => file !== undefined)];
}

function relativeImports(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const specifiers = RELATIVE_IMPORTS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]));
  return specifiers.map((specifier) => resolveModule(path.resolve(path.dirname(file), specifier)))
    .filter((resolved): resolved is string => resolved !== undefined);
}

/** Node's and TypeScript's resolution of a relative specifier, as esbuild follows it. */
function resolveModule(base: string): string | undefined {
  // TypeScript's ESM convention: `./x.js` names `x.ts`.
  const typescript = base.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts').replace(/\.cjs$/, '.cts');
  const candidates = [base, typescript, ...EXTENSIONS.map((ext) => `${base}${ext}`), ...EXTENSIONS.map((ext) => path.join(base, `index${ext}`))];
  return candidates.find(isFile);
}

/** The first of `names` found in `dir` or a folder above it. */
function nearest(dir: string, names: string[]): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const found = names.map((name) => path.join(current, name)).find(isFile);
    if (found || current === path.dirname(current)) return found;
  }
}
