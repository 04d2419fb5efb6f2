import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Where lsf keeps what it makes by default: the user's cache folder (`$XDG_CACHE_HOME`, else
 * `~/.cache`), never the app's own folder, which git would see.
 */
export function lsfCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'cdk-latency-sensitive-function');
}

/** `lsf bench`'s builds, venvs and runtime clients. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(lsfCacheRoot(env), 'bench');
}
