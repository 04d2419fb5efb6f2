import { Duration, Size } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';

/**
 * Options of a Python twin.
 */
export interface PythonTwinOptions {
  /**
   * The folder of the Python handler. It is bundled without its pytest files (`test_*.py`,
   * `*_test.py`, `conftest.py`, `tests/`) and caches, with its `requirements.txt` installed.
   *
   * A relative path is relative to the app's folder (the working directory, where `cdk synth`
   * runs the app, in TypeScript, Python and Java alike): it is resolved once, when `Twin.python`
   * is called.
   */
  readonly entry: string;

  /**
   * The handler's file, relative to `entry`.
   *
   * @default 'index.py'
   */
  readonly index?: string;

  /**
   * The handler function in `index`.
   *
   * @default 'handler'
   */
  readonly handler?: string;

  /**
   * The Python runtime.
   *
   * @default lambda.Runtime.PYTHON_3_13
   */
  readonly runtime?: lambda.Runtime;

  /**
   * Bundle in Docker with `@aws-cdk/aws-lambda-python-alpha`'s `PythonFunction` instead of
   * pip on this machine: for requirements without binary wheels for Lambda's platform, or
   * Poetry and Pipenv projects. Needs a Docker engine.
   *
   * @default false
   */
  readonly dockerBundling?: boolean;

  /**
   * Turn on SnapStart, so that the comparison is with the fastest cold start Python has: Lambda
   * runs the init when a version is published and restores a snapshot of it on each cold start.
   * The twin then publishes a version (`currentVersion`) and an alias, `measured`, which is what
   * its metrics describe and what `lsf compare` invokes ($LATEST never runs with SnapStart).
   *
   * Python 3.12 or newer only, and at most 512 MB of ephemeral storage (the twin copies the
   * function's `ephemeralStorageSize`): https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html.
   * SnapStart adds its own prices (a cache per GB-s while the version is active, and a price per
   * GB restored): see `LambdaCost.snapStartCacheCostPerMonth` and `snapStartRestoreCost`.
   * Node.js has no SnapStart, so `Twin.node` has no such option.
   *
   * @default false
   */
  readonly snapStart?: boolean;

  /**
   * The twin's name: its dashboard column, its column in `lsf bench` reports, and what
   * `lsf compare --twin` picks it by. Lowercase letters, digits and '-'; unique among the
   * function's twins.
   *
   * @default 'python'
   */
  readonly name?: string;
}

/**
 * Options of a Node.js twin.
 *
 * There is no `snapStart`: Lambda offers no SnapStart for Node.js
 * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html), and a JavaScript caller who
 * passes one gets a synth error. What hiding a Node twin's cold starts with provisioned
 * concurrency would cost is in the reports of `lsf bench` and `lsf compare` (`--rps`).
 */
export interface NodeTwinOptions {
  /**
   * The handler's TypeScript or JavaScript file, bundled with esbuild.
   *
   * A relative path is relative to the app's folder (the working directory, where `cdk synth`
   * runs the app, in TypeScript, Python and Java alike): it is resolved once, when `Twin.node`
   * is called. esbuild is found the way `NodejsFunction` finds it (a module aws-cdk-lib can
   * require, or a command on the PATH), or else in the `node_modules/.bin` of `projectRoot` or
   * of the app's folder, or above them: in a Python or Java app, `npm install --save-dev esbuild@0`
   * in the app's folder is enough. Without esbuild and without Docker, synth fails before the
   * Rust build, saying so.
   */
  readonly entry: string;

  /**
   * The lock file of the twin's npm project (`package-lock.json`, `yarn.lock`, `pnpm-lock.yaml`,
   * `bun.lockb` or `bun.lock`), from which `NodejsFunction` installs any modules it leaves out of
   * the bundle. Relative to the app's folder, like `entry`.
   *
   * @default - the nearest lock file in the folder of `entry` or above it (a twin that is an npm
   * project of its own, `twin-node/package-lock.json`, as in a Python or Java app, is found)
   */
  readonly depsLockFilePath?: string;

  /**
   * The folder esbuild bundles from: it must hold `entry` and `depsLockFilePath`. Relative to
   * the app's folder, like `entry`.
   *
   * @default - the folder of `depsLockFilePath`
   */
  readonly projectRoot?: string;

  /**
   * The exported handler function.
   *
   * @default 'handler'
   */
  readonly handler?: string;

  /**
   * The Node.js runtime.
   *
   * @default lambda.Runtime.NODEJS_22_X
   */
  readonly runtime?: lambda.Runtime;

  /**
   * The twin's name (see `PythonTwinOptions.name`).
   *
   * @default 'node'
   */
  readonly name?: string;
}

/**
 * What a created twin copies from the function it shadows, so the two run on equal terms.
 */
export interface TwinSettings {
  /** The Rust function: named in errors, tags and the description. */
  readonly original: IConstruct;
  /** The original's architecture. */
  readonly architecture: lambda.Architecture;
  /** The original's memory, in MB. */
  readonly memorySize: number;
  /** The original's timeout. */
  readonly timeout: Duration;
  /**
   * The original's environment variables.
   *
   * @default - none
   */
  readonly environment?: { [key: string]: string };
  /** Retention of the twin's own log group. */
  readonly logGroupRetention: logs.RetentionDays;
  /**
   * The original's ephemeral storage (/tmp).
   *
   * @default - Lambda's default, 512 MB
   */
  readonly ephemeralStorageSize?: Size;
}
