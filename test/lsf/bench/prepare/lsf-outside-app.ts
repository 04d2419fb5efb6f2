import { cpSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/**
 * A copy of the compiled lsf outside this repository, laid out as the wheel and npx lay it out:
 * `<folder>/node_modules/cdk-latency-sensitive-function` with its dependencies beside it and no
 * esbuild anywhere in its folder's ancestry (only what this checkout's `npx projen compile` made).
 * Returns the path of its lsf.js.
 */
export function installLsfOutsideApp(folder: string): string {
  const modules = path.join(folder, 'node_modules');
  const own = path.join(modules, 'cdk-latency-sensitive-function');
  mkdirSync(own, { recursive: true });
  // Copied, not linked: Node resolves a linked file from its real folder, this repository.
  cpSync(path.join(ROOT, 'lib'), path.join(own, 'lib'), { recursive: true });
  cpSync(path.join(ROOT, 'package.json'), path.join(own, 'package.json'));
  for (const name of readdirSync(path.join(ROOT, 'node_modules'))) {
    if (['esbuild', '@esbuild', '.bin', '.package-lock.json'].includes(name)) continue;
    symlinkSync(path.join(ROOT, 'node_modules', name), path.join(modules, name));
  }
  return path.join(own, 'lib', 'lsf', 'cli', 'lsf.js');
}

/** Links this checkout's esbuild into an app's node_modules, as `npm install --save-dev esbuild` would put it there. */
export function installEsbuildInApp(app: string): void {
  mkdirSync(path.join(app, 'node_modules'), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules', 'esbuild'), path.join(app, 'node_modules', 'esbuild'));
}
