import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { MANIFEST } from './cache-entry';

/**
 * Total bytes of the files under `dir`, skipping `__pycache__` and the cache's manifest (not part
 * of a deployment zip). What vanishes during the walk (another run's finished build) counts nothing.
 */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of present(() => readdirSync(dir, { withFileTypes: true })) ?? []) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '__pycache__') total += folderBytes(full);
    } else if (entry.isFile() && entry.name !== MANIFEST) {
      total += present(() => statSync(full).size) ?? 0;
    }
  }
  return total;
}

function present<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
