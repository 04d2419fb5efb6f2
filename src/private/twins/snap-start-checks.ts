import { Size } from 'aws-cdk-lib';
import { propError } from '../checks/errors';
import { shown } from '../checks/type-checks';

/**
 * Where Lambda says which runtimes have SnapStart and what it excludes: "Java 11 and later,
 * Python 3.12 and later, .NET 8 and later"; "Other managed runtimes (such as nodejs24.x and
 * ruby3.4), OS-only runtimes, and container images are not supported"; "SnapStart does not
 * support provisioned concurrency, Amazon EFS, or ephemeral storage greater than 512 MB".
 */
export const SNAPSTART_DOC = 'https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html';

/** The first Python with SnapStart. */
export const PYTHON_SNAPSTART_SINCE = [3, 12];

/** The most ephemeral storage SnapStart allows, in MB. */
const SNAPSTART_MAX_EPHEMERAL_MB = 512;

/** `snapStart` of a Python twin: a boolean, and only where Lambda offers it. */
export function checkPythonSnapStart(owner: string, snapStart: unknown, runtimeName: string, offered: boolean): void {
  if (snapStart === undefined || snapStart === null) return;
  if (typeof snapStart !== 'boolean') {
    throw propError(owner, 'snapStart', `must be true or false, got ${shown(snapStart)}`, 'Pass true to measure the twin with SnapStart, or leave it out');
  }
  if (snapStart && !offered) {
    throw propError(owner, 'snapStart', `Lambda offers SnapStart for Python 3.12 and newer only, and the twin's runtime is ${runtimeName} (${SNAPSTART_DOC})`,
      'Use runtime: lambda.Runtime.PYTHON_3_12 or newer, or leave snapStart out');
  }
}

/**
 * A JavaScript caller can pass any key; `snapStart` on a Node twin is a wish Lambda cannot
 * grant, and ignoring it would measure a twin the caller believes is restored from a snapshot.
 */
export function rejectNodeSnapStart(owner: string, options: object): void {
  if ((options as { snapStart?: unknown }).snapStart === undefined) return;
  throw propError(owner, 'snapStart', `Lambda offers no SnapStart for Node.js runtimes, only for Java 11+, Python 3.12+ and .NET 8+ (${SNAPSTART_DOC})`,
    'Remove snapStart. To compare with a Python twin restored from a snapshot, add Twin.python({ ..., snapStart: true }); '
    + 'what hiding the Node twin\'s cold starts with provisioned concurrency would cost is in lsf compare\'s report (--rps)');
}

/**
 * A SnapStart twin copies the function's ephemeral storage (equal terms), and SnapStart allows
 * at most 512 MB of it: caught before the build, rather than by CloudFormation at deploy.
 */
export function checkSnapStartStorage(owner: string, ephemeralStorageSize: Size | undefined): void {
  if (ephemeralStorageSize === undefined || ephemeralStorageSize.isUnresolved()) return;
  const mb = ephemeralStorageSize.toMebibytes();
  if (mb <= SNAPSTART_MAX_EPHEMERAL_MB) return;
  throw propError(owner, 'snapStart', `Lambda does not offer SnapStart with more than ${SNAPSTART_MAX_EPHEMERAL_MB} MB of ephemeral storage, `
    + `and the twin copies the function's ephemeralStorageSize (${mb} MB) to run on equal terms (${SNAPSTART_DOC})`,
  `Lower the function's ephemeralStorageSize to ${SNAPSTART_MAX_EPHEMERAL_MB} MB, or leave snapStart out of the twin`);
}

/**
 * `snapStart` on the Rust function itself (an inherited lambda.FunctionOptions prop). Lambda
 * would reject it at deploy; said at synth, with why and what to do instead.
 */
export function rejectRustSnapStart(owner: string, snapStart: unknown): void {
  if (snapStart === undefined || snapStart === null) return;
  throw propError(owner, 'snapStart', `Lambda offers no SnapStart for OS-only runtimes such as provided.al2023, where the Rust bootstrap runs (${SNAPSTART_DOC}); `
    + 'a Rust init is a few milliseconds of loading a native binary, with little to snapshot',
  'Remove snapStart. To compare the Rust function with a Python one restored from a snapshot, give it a twin: Twin.python({ ..., snapStart: true })');
}
