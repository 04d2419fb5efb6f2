import * as path from 'node:path';

/**
 * A path prop as a construct keeps it: resolved once, where the construct reads it, against
 * the app's folder (`process.cwd()`: `cdk synth` runs the app there, in every language), so
 * that checks, bundling and the measurement record all see the same absolute path. A value
 * that is not a path is kept as it is, for the checks to name.
 */
export function appPath<T>(value: T): T | string {
  return typeof value === 'string' && value !== '' ? path.resolve(value) : value;
}
