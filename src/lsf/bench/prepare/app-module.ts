import * as path from 'node:path';

/**
 * Where to look for a tool that lsf borrows from the user's app (esbuild), in order: the
 * app's folders, then lsf's own. From the Python wheel or through npx, lsf runs from a copy of
 * its package outside the app (jsii's unpacked tarball, npx's cache), so its own location alone
 * never sees the app's node_modules. Node's resolution walks up from each folder, so a twin's
 * folder also finds the node_modules of the app that holds it.
 */
export function moduleSearchFolders(appFolders: readonly string[]): string[] {
  return [...new Set([...appFolders.map((folder) => path.resolve(folder)), __dirname])];
}

/** The module's entry file as the first of `folders` that has it resolves it, or undefined. */
export function resolveAppModule(name: string, folders: readonly string[]): string | undefined {
  try {
    return require.resolve(name, { paths: [...folders] });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    return undefined;
  }
}

/** The folders a Node twin's esbuild is looked for in: the twin's own (and so its app's), where lsf runs, then lsf's. */
function esbuildFolders(twinEntry: string): string[] {
  return moduleSearchFolders([path.dirname(twinEntry), process.cwd()]);
}

/** The esbuild that bundles a Node twin: the app's, else lsf's own, else undefined. */
export function findEsbuild(twinEntry: string): string | undefined {
  return resolveAppModule('esbuild', esbuildFolders(twinEntry));
}

/** What to do when findEsbuild finds none. */
export function esbuildMissing(twinEntry: string): string {
  return `Cannot bundle the Node twin ${twinEntry}: esbuild is not installed where lsf looks for it `
    + `(the twin's folder and its parents, ${process.cwd()} and its parents, then lsf's own folder). `
    + 'Install it in your app with `npm install --save-dev esbuild` (in the folder of the app\'s package.json), or pass --no-node-twin.';
}
