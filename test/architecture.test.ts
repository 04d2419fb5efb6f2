import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The layout's rules (docs/architecture.md), held against every import: the library never
 * reaches into the lsf tool, and src/private/ takes only types from the public modules.
 */
const SRC = path.join(__dirname, '..', 'src');
const LSF = path.join(SRC, 'lsf');
const PRIVATE = path.join(SRC, 'private');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

interface Import { readonly file: string; readonly target: string; readonly typeOnly: boolean; readonly text: string }

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+'(\.[^']+)';/gms)].map((m) => ({
    file: path.relative(SRC, file),
    target: path.resolve(path.dirname(file), m[3]),
    typeOnly: m[2] !== undefined,
    text: m[0].replace(/\s+/g, ' '),
  }));
}

const isUnder = (file: string, dir: string) => file === dir || file.startsWith(`${dir}${path.sep}`);
const libraryFiles = sourceFiles(SRC).filter((f) => !isUnder(f, LSF));

test('the layout has both wings', () => {
  expect(libraryFiles.length).toBeGreaterThan(20);
  expect(sourceFiles(LSF).length).toBeGreaterThan(20);
});

test('no import runs from the library into the lsf tool', () => {
  const intoTool = libraryFiles.flatMap(importsOf).filter((i) => isUnder(i.target, LSF));
  expect(intoTool.map((i) => `${i.file}: ${i.text}`)).toEqual([]);
});

test('src/private/ imports public modules for their types only', () => {
  const upward = sourceFiles(PRIVATE).flatMap(importsOf)
    .filter((i) => !isUnder(i.target, PRIVATE) && !isUnder(i.target, LSF) && !i.typeOnly);
  expect(upward.map((i) => `${i.file}: ${i.text}`)).toEqual([]);
});

test('the public API (index.ts) exports library modules only', () => {
  const exported = importsOf(path.join(SRC, 'index.ts'));
  expect(exported.length).toBeGreaterThan(10);
  expect(exported.filter((i) => isUnder(i.target, LSF) || isUnder(i.target, PRIVATE)).map((i) => i.text)).toEqual([]);
});
