import * as fs from 'node:fs';
import * as path from 'node:path';
import { Size } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { appPath } from './app-path';
import { missingHandler, nodeHandlerNames } from './handler-names';
import { checkEsbuild, checkUnderProjectRoot, findLockFile, withEsbuild } from './node-prerequisites';
import { checkRuntime, checkRuntimeOffersArchitecture, checkTwinName } from './runtime-checks';
import { rejectNodeSnapStart } from './snap-start-checks';
import { TwinBinding } from './twin-binding';
import { markTwin, twinFunctionProps } from './twin-function-props';
import type { NodeTwinOptions, TwinSettings } from '../../twin-options';
import { propError } from '../checks/errors';
import { shown } from '../checks/type-checks';
import { assemblyRelative, logicalIdOf, rememberTwinRecord } from '../measurement/measurement-record';

const NODE_ARM64_SINCE = 12;

/** A TypeScript or JavaScript handler, bundled with esbuild through `NodejsFunction`. */
export class NodeTwinBinding implements TwinBinding {
  public readonly kind = 'node';
  public readonly name: string;
  public readonly createdByConstruct = true;
  public readonly snapStart = false;
  /** The path props, absolute: resolved once against the app's folder. */
  private readonly entry: string;
  private readonly depsLockFilePath?: string;
  private readonly projectRoot?: string;
  private readonly handler: string;
  private readonly runtime: lambda.Runtime;

  constructor(private readonly options: NodeTwinOptions) {
    this.name = options.name ?? 'node';
    this.entry = appPath(options.entry);
    this.depsLockFilePath = appPath(options.depsLockFilePath);
    this.projectRoot = appPath(options.projectRoot);
    this.handler = options.handler ?? 'handler';
    this.runtime = options.runtime ?? lambda.Runtime.NODEJS_22_X;
  }

  public check(owner: string, architecture: lambda.Architecture, _ephemeralStorageSize: Size | undefined, bundlingRequired: boolean): void {
    const { entry, handler, runtime } = this;
    checkTwinName(owner, this.name);
    rejectNodeSnapStart(owner, this.options);
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
    checkRuntimeOffersArchitecture(owner, runtime, architecture, Number(nodeVersion[1]) >= NODE_ARM64_SINCE);
    checkEsbuild(owner, this.npmProject(owner).projectRoot, bundlingRequired);
    // The source last, once every prop is known good on its own.
    const names = nodeHandlerNames(fs.readFileSync(entry, 'utf8'));
    if (names && !names.includes(handler)) {
      const { problem, fix } = missingHandler(entry, handler, names, 'export');
      throw propError(owner, 'handler', problem, fix);
    }
  }

  public bind(scope: Construct, id: string, settings: TwinSettings): lambda.IFunction {
    const { entry, handler, runtime } = this;
    const { depsLockFilePath, projectRoot } = this.npmProject(`Twin.node for '${settings.original.node.path}'`);
    const fn = withEsbuild(projectRoot, () => new nodejs.NodejsFunction(scope, id, {
      ...twinFunctionProps(scope, id, settings), entry, handler, runtime, depsLockFilePath, projectRoot,
    }));
    rememberTwinRecord(fn, {
      kind: 'node',
      name: this.name,
      constructPath: fn.node.path,
      logicalId: logicalIdOf(fn),
      entry: assemblyRelative(fn, entry),
      handler,
      runtime: runtime.name,
    });
    return markTwin(fn, settings);
  }

  /** The lock file and project root that NodejsFunction is given, both checked. */
  private npmProject(owner: string): { depsLockFilePath: string; projectRoot: string } {
    const depsLockFilePath = findLockFile(owner, this.entry, this.depsLockFilePath);
    const projectRoot = this.projectRoot ?? path.dirname(depsLockFilePath);
    checkUnderProjectRoot(owner, projectRoot, { entry: this.entry, depsLockFilePath });
    return { depsLockFilePath, projectRoot };
  }
}
