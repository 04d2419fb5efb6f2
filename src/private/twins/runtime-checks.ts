import * as fs from 'node:fs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { propError } from '../checks/errors';
import { shown } from '../checks/type-checks';

export function checkFolder(owner: string, prop: string, folder: unknown): void {
  if (typeof folder !== 'string' || !fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw propError(owner, prop, `${shown(folder)} is not a folder`, 'Give the folder that holds the handler');
  }
}

export function checkRuntime(owner: string, runtime: lambda.Runtime): void {
  if (!(runtime instanceof lambda.Runtime)) {
    throw propError(owner, 'runtime', `must be a lambda.Runtime, got ${shown(runtime)}`, 'Use a lambda.Runtime constant, or leave it out');
  }
}

/** The twin must run on the Rust function's architecture to be comparable: is its runtime offered there? */
export function checkRuntimeOffersArchitecture(
  owner: string, runtime: lambda.Runtime, architecture: lambda.Architecture, arm64Offered: boolean,
): void {
  if (architecture.name === lambda.Architecture.ARM_64.name && !arm64Offered) {
    throw propError(owner, 'runtime', `Lambda does not offer ${runtime.name} on arm64, the Rust function's architecture`,
      'Use a newer runtime (the twin must run on the same architecture to be comparable)');
  }
}

/** A twin's name: lowercase, so that it reads the same in a construct ID, a report column and a CLI flag. */
export function checkTwinName(owner: string, name: unknown): void {
  if (typeof name !== 'string' || !/^[a-z][a-z0-9-]{0,39}$/.test(name)) {
    throw propError(owner, 'name', `${shown(name)} is not a twin name`, 'Use up to 40 lowercase letters, digits and \'-\', starting with a letter, e.g. \'python-snapstart\'');
  }
}
