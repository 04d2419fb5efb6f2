import * as fs from 'node:fs';
import * as path from 'node:path';

/** A Python tool of requirements-dev.txt: from the environment variable `envVar`, else the repository's .venv. */
export function venvTool(name: string, envVar: string): string {
  const candidates = [process.env[envVar], path.join(__dirname, '..', '..', '.venv', 'bin', name)].filter((c): c is string => !!c);
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) {
    throw new Error(`${name} not found (looked at: ${candidates.join(', ')}). Install it with `
      + `\`python3 -m venv .venv && .venv/bin/pip install -r requirements-dev.txt\`, or set ${envVar} to its path.`);
  }
  return found;
}
