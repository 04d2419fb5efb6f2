import * as fs from 'node:fs';
import * as path from 'node:path';
import { PythonFunction } from '@aws-cdk/aws-lambda-python-alpha';
import { Duration, Tags } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';
import { pythonCode } from './private/build/python-bundling';
import { propError } from './private/checks/errors';
import { given, isConstructWith, shown } from './private/checks/type-checks';
import { assemblyRelative, logicalIdOf, rememberTwinRecord } from './private/measurement/measurement-record';
import { logWriterRole } from './private/observability/log-writer-role';

/**
 * Options of a Python twin.
 */
export interface PythonTwinOptions {
  /**
   * The folder of the Python handler. It is bundled without its pytest files (`test_*.py`,
   * `*_test.py`, `conftest.py`, `tests/`) and caches, with its `requirements.txt` installed.
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
}

/**
 * Options of a Node.js twin.
 */
export interface NodeTwinOptions {
  /** The handler's TypeScript or JavaScript file, bundled with esbuild. */
  readonly entry: string;

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
}

/** Marks a comparison twin, so nobody mistakes it for the production path. */
const TWIN_TAG_KEY = 'cdk-latency-sensitive-function:role';

/**
 * The comparison twin of a LatencySensitiveFunction: the same handler written the old way,
 * deployed beside it and measured by the same pipeline.
 */
export abstract class Twin {
  /** A Python handler folder, bundled without Docker by pip for Lambda's platform. */
  public static python(options: PythonTwinOptions): Twin {
    requireOptions('Twin.python', options, '{ entry, index }');
    return new PythonTwin(options);
  }

  /** A TypeScript or JavaScript handler, bundled with esbuild through `NodejsFunction`. */
  public static node(options: NodeTwinOptions): Twin {
    requireOptions('Twin.node', options, '{ entry }');
    return new NodeTwin(options);
  }

  /**
   * An existing function, measured but not changed. It must log JSON.
   *
   * @param fn the function the Rust one replaces
   * @param logGroup its log group; needed when `fn` is imported rather than defined in this app
   */
  public static fromFunction(fn: lambda.IFunction, logGroup?: logs.ILogGroup): Twin {
    if (!isConstructWith(fn, 'functionArn')) {
      throw propError('Twin.fromFunction', 'fn', `must be a lambda.IFunction, got ${shown(fn)}`, 'Pass the Python or Node function that the Rust one replaces');
    }
    if (given(logGroup) && !isConstructWith(logGroup, 'logGroupArn')) {
      throw propError('Twin.fromFunction', 'logGroup', `must be a logs.ILogGroup, got ${shown(logGroup)}`, 'Pass the function\'s log group, or leave it out');
    }
    return new ExistingFunctionTwin(fn, logGroup);
  }

  /** Whether the twin is created by the construct (and so sized and tagged by it). */
  public abstract readonly createdByConstruct: boolean;

  /**
   * The log group that the twin's `platform.report` records go to.
   *
   * @default - the twin function's own log group
   */
  public abstract readonly logGroup?: logs.ILogGroup;

  /**
   * Creates (or returns) the twin function in `scope`.
   */
  public abstract bind(scope: Construct, id: string, settings: TwinSettings): lambda.IFunction;
}

const PYTHON_ARM64_SINCE = [3, 8];
const NODE_ARM64_SINCE = 12;

class PythonTwin extends Twin {
  public readonly createdByConstruct = true;
  public readonly logGroup = undefined;

  constructor(private readonly options: PythonTwinOptions) {
    super();
  }

  public bind(scope: Construct, id: string, settings: TwinSettings): lambda.IFunction {
    const owner = `Twin.python for '${settings.original.node.path}'`;
    const { entry } = this.options;
    const index = this.options.index ?? 'index.py';
    const handler = this.options.handler ?? 'handler';
    const runtime = this.options.runtime ?? lambda.Runtime.PYTHON_3_13;
    checkFolder(owner, 'entry', entry);
    if (typeof index !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*\.py$/.test(index) || !fs.existsSync(path.join(entry, index))) {
      throw propError(owner, 'index', `${shown(index)} is not a Python file in ${entry}`, 'Give the handler file relative to entry, e.g. \'handler.py\'');
    }
    if (typeof handler !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(handler)) {
      throw propError(owner, 'handler', `${shown(handler)} is not a Python function name`, 'Give the name of the function in index, e.g. \'handler\'');
    }
    checkRuntime(owner, runtime);
    const pythonVersion = /^python(\d+)\.(\d+)$/.exec(runtime.name);
    if (runtime.family !== lambda.RuntimeFamily.PYTHON || !pythonVersion) {
      throw propError(owner, 'runtime', `${runtime.name} is not a Python runtime`, 'Use a lambda.Runtime.PYTHON_3_x runtime');
    }
    const version = [Number(pythonVersion[1]), Number(pythonVersion[2])];
    checkArchitecture(owner, runtime, settings.architecture, versionAtLeast(version, PYTHON_ARM64_SINCE));
    const fn = this.options.dockerBundling
      ? new PythonFunction(scope, id, { ...twinProps(scope, id, settings), entry, index, handler, runtime })
      : new lambda.Function(scope, id, {
        ...twinProps(scope, id, settings),
        runtime,
        handler: `${index.slice(0, -'.py'.length).replace(/\//g, '.')}.${handler}`,
        code: pythonCode({ entry, runtime, architecture: settings.architecture }),
      });
    rememberTwinRecord(fn, {
      kind: 'python',
      constructPath: fn.node.path,
      logicalId: logicalIdOf(fn),
      entry: assemblyRelative(fn, entry),
      index,
      handler,
      runtime: runtime.name,
      requirements: fs.existsSync(path.join(entry, 'requirements.txt')) ? 'requirements.txt' : undefined,
    });
    return markTwin(fn, settings);
  }
}

class NodeTwin extends Twin {
  public readonly createdByConstruct = true;
  public readonly logGroup = undefined;

  constructor(private readonly options: NodeTwinOptions) {
    super();
  }

  public bind(scope: Construct, id: string, settings: TwinSettings): lambda.IFunction {
    const owner = `Twin.node for '${settings.original.node.path}'`;
    const { entry } = this.options;
    const runtime = this.options.runtime ?? lambda.Runtime.NODEJS_22_X;
    const handler = this.options.handler ?? 'handler';
    if (typeof entry !== 'string' || !fs.existsSync(entry) || !fs.statSync(entry).isFile()) {
      throw propError(owner, 'entry', `${shown(entry)} is not a file`, 'Give the path of the handler\'s .ts or .js file');
    }
    if (!/\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.test(entry)) {
      throw propError(owner, 'entry', `'${path.basename(entry)}' has an extension esbuild does not bundle as a handler`,
        'Use a .ts, .tsx, .mts, .cts, .js, .jsx, .mjs or .cjs file');
    }
    if (typeof handler !== 'string' || !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(handler)) {
      throw propError(owner, 'handler', `${shown(handler)} is not an exported function name`, 'Give the name of the exported handler, e.g. \'handler\'');
    }
    checkRuntime(owner, runtime);
    const nodeVersion = /^nodejs(\d+)\.x$/.exec(runtime.name);
    if (runtime.family !== lambda.RuntimeFamily.NODEJS || !nodeVersion) {
      throw propError(owner, 'runtime', `${runtime.name} is not a Node.js runtime`, 'Use a lambda.Runtime.NODEJS_x_X runtime');
    }
    checkArchitecture(owner, runtime, settings.architecture, Number(nodeVersion[1]) >= NODE_ARM64_SINCE);
    const fn = new nodejs.NodejsFunction(scope, id, {
      ...twinProps(scope, id, settings),
      entry,
      handler,
      runtime,
    });
    rememberTwinRecord(fn, {
      kind: 'node',
      constructPath: fn.node.path,
      logicalId: logicalIdOf(fn),
      entry: assemblyRelative(fn, entry),
      handler,
      runtime: runtime.name,
    });
    return markTwin(fn, settings);
  }
}

class ExistingFunctionTwin extends Twin {
  public readonly createdByConstruct = false;

  constructor(private readonly fn: lambda.IFunction, public readonly logGroup?: logs.ILogGroup) {
    super();
  }

  public bind(_scope: Construct, _id: string, settings: TwinSettings): lambda.IFunction {
    if (this.fn === settings.original) {
      throw propError(`Twin.fromFunction for '${settings.original.node.path}'`, 'fn', 'it is the Rust function itself, which cannot be its own comparison',
        'Pass the Python or Node function that the Rust one replaces');
    }
    return this.fn;
  }
}

function requireOptions(owner: string, options: object | undefined, example: string): void {
  if (options === undefined || options === null) {
    throw propError(owner, 'options', 'they are required', `Pass at least ${example}`);
  }
}

function checkFolder(owner: string, prop: string, folder: string): void {
  if (typeof folder !== 'string' || !fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw propError(owner, prop, `${shown(folder)} is not a folder`, 'Give the folder that holds the handler');
  }
}

function checkRuntime(owner: string, runtime: lambda.Runtime): void {
  if (!(runtime instanceof lambda.Runtime)) {
    throw propError(owner, 'runtime', `must be a lambda.Runtime, got ${shown(runtime)}`, 'Use a lambda.Runtime constant, or leave it out');
  }
}

function checkArchitecture(owner: string, runtime: lambda.Runtime, architecture: lambda.Architecture, arm64Offered: boolean): void {
  if (architecture.name === lambda.Architecture.ARM_64.name && !arm64Offered) {
    throw propError(owner, 'runtime', `Lambda does not offer ${runtime.name} on arm64, the Rust function's architecture`,
      'Use a newer runtime (the twin must run on the same architecture to be comparable)');
  }
}

function versionAtLeast(version: number[], minimum: number[]): boolean {
  return version[0] > minimum[0] || (version[0] === minimum[0] && version[1] >= minimum[1]);
}

/** The settings a twin shares with its original: equal terms for the comparison. */
function twinProps(scope: Construct, id: string, settings: TwinSettings): lambda.FunctionOptions {
  const logGroup = new logs.LogGroup(scope, `${id}LogGroup`, { retention: settings.logGroupRetention });
  return {
    architecture: settings.architecture,
    memorySize: settings.memorySize,
    timeout: settings.timeout,
    environment: settings.environment,
    loggingFormat: lambda.LoggingFormat.JSON,
    logGroup,
    role: logWriterRole(scope, `${id}ServiceRole`, logGroup, { inVpc: false }),
    description: `Comparison twin of ${settings.original.node.path}: measured beside it, not the production path`,
  };
}

function markTwin<T extends lambda.Function>(fn: T, settings: TwinSettings): T {
  // The role sits beside the twin, not inside it: tag it too, so that both are found and removed together.
  for (const scope of [fn, fn.role!]) {
    Tags.of(scope).add(TWIN_TAG_KEY, 'comparison-twin');
    Tags.of(scope).add('cdk-latency-sensitive-function:twin-of', settings.original.node.path);
  }
  return fn;
}
