import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** Total bytes of the files under `dir`, skipping `__pycache__` (not part of a deployment zip). */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '__pycache__') total += folderBytes(full);
    } else if (entry.isFile()) {
      total += statSync(full).size;
    }
  }
  return total;
}
