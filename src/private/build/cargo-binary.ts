import { CargoManifestError, CargoProject, readCargoProject } from './cargo-manifest';
import { propError } from '../checks/errors';

/** The handler's Cargo project, or an error that blames `manifestPath` with the manifest's own problem. */
export function readProject(owner: string, manifestPath: string | undefined): CargoProject {
  if (typeof manifestPath !== 'string' || manifestPath === '') {
    throw propError(owner, 'manifestPath', 'it is required', 'Give the path of the handler\'s Cargo.toml, or of the folder that holds it');
  }
  try {
    return readCargoProject(manifestPath);
  } catch (e) {
    if (e instanceof CargoManifestError) throw propError(owner, 'manifestPath', e.message, e.fix);
    throw e;
  }
}

/**
 * The Cargo profile must be a name (it reaches a shell command) that the project declares:
 * cargo would say so only after a long wait.
 */
export function checkCargoProfile(owner: string, project: CargoProject, profile: string): void {
  if (!/^[A-Za-z0-9_-]+$/.test(profile)) {
    throw propError(owner, 'rustBuild.cargoProfile', `'${profile}' is not a Cargo profile name`, 'Use a profile declared in Cargo.toml, e.g. \'release\'');
  }
  if (project.profiles.names.includes(profile)) return;
  throw propError(owner, 'rustBuild.cargoProfile', `'${profile}' is not a profile of ${project.profiles.manifestFile} (profiles: ${project.profiles.names.join(', ')})`,
    `Declare [profile.${profile}] there (e.g. with inherits = "release"), or use one of those`);
}

/**
 * The binary to deploy: the one given, else the package's only one. A manifest without
 * binaries is the manifest's problem; `binaryName` is blamed only when it was given.
 */
export function chooseBinary(owner: string, project: CargoProject, binaryName: string | undefined): string {
  const known = project.binaries.length > 0 ? project.binaries.map((b) => `'${b}'`).join(', ') : 'none';
  if (project.binaries.length === 0) {
    const what = project.isWorkspace ? 'a workspace whose members have no binary target' : 'a package with no binary target (a library only)';
    throw propError(owner, 'manifestPath', `${project.manifestFile} is ${what}`,
      'Point it at the crate of the Lambda handler, or add src/main.rs or a [[bin]] target to this one');
  }
  if (binaryName !== undefined) {
    if (!project.binaries.includes(binaryName)) {
      throw propError(owner, 'binaryName', `'${binaryName}' is not a binary of ${project.manifestFile} (binaries: ${known})`, 'Use one of the binaries listed');
    }
    return binaryName;
  }
  if (project.binaries.length === 1 && !project.isWorkspace) return project.binaries[0];
  const what = project.isWorkspace ? 'a workspace' : 'a package with several binaries';
  throw propError(owner, 'binaryName', `it is not set, and ${project.manifestFile} is ${what} (binaries: ${known})`, 'Set binaryName to the binary to deploy');
}
