import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CargoProject } from './cargo-manifest';
import { propError } from '../checks/errors';

/**
 * Writes the project's Cargo.lock before its sources are hashed, when there is none (`cargo
 * new` leaves none until the first build). Otherwise the build writes it: the first synth
 * hashes the sources without it and the next with it, so the same code gets a new asset hash,
 * and a deploy with no change in the code updates the function.
 * @returns the lock file written, or undefined when there was one
 */
export function ensureLockfile(owner: string, project: CargoProject, environment: { [key: string]: string }): string | undefined {
  const env = { ...process.env, ...environment };
  if (fs.existsSync(path.join(project.projectRoot, 'Cargo.lock'))) return undefined;
  // A workspace member's lock is at the workspace root, which Cargo knows.
  const located = spawnSync('cargo', ['locate-project', '--workspace', '--message-format', 'plain', '--manifest-path', project.manifestFile], { env, encoding: 'utf8' });
  // No cargo here: the build (in Docker) will say so or do without; nothing to hash differently.
  if (located.error) return undefined;
  const root = located.status === 0 ? path.dirname(located.stdout.trim()) : project.projectRoot;
  const lock = path.join(root, 'Cargo.lock');
  if (fs.existsSync(lock)) return undefined;
  const generated = spawnSync('cargo', ['generate-lockfile', '--manifest-path', project.manifestFile], { env, encoding: 'utf8' });
  if (generated.error || generated.status !== 0) {
    throw propError(owner, 'manifestPath', `${project.manifestFile} has no Cargo.lock, and \`cargo generate-lockfile\` could not write one (${(generated.stderr || generated.error?.message || '').trim()})`,
      'Run `cargo generate-lockfile` (or a cargo build) in the crate, and commit the Cargo.lock');
  }
  return lock;
}
