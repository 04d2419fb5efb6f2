import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PythonFunction } from '@aws-cdk/aws-lambda-python-alpha';
import { Annotations, Size } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { appPath } from './app-path';
import { missingHandler, pythonHandlerNames } from './handler-names';
import { checkFolder, checkRuntime, checkRuntimeOffersArchitecture, checkTwinName } from './runtime-checks';
import { checkPythonSnapStart, checkSnapStartStorage, PYTHON_SNAPSTART_SINCE } from './snap-start-checks';
import { TwinBinding } from './twin-binding';
import { markTwin, twinFunctionProps } from './twin-function-props';
import type { PythonTwinOptions, TwinSettings } from '../../twin-options';
import { pythonCode } from '../build/python-bundling';
import { propError } from '../checks/errors';
import { shown } from '../checks/type-checks';
import { assemblyRelative, logicalIdOf, rememberTwinRecord } from '../measurement/measurement-record';

const PYTHON_ARM64_SINCE = [3, 8];

/**
 * The alias of a SnapStart twin: what is measured and invoked. SnapStart works on published
 * versions only ("You can use SnapStart only on published function versions and aliases that
 * point to versions", https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html), and an
 * alias gives `lsf compare` one stable name to invoke whichever version is current.
 */
export const SNAPSTART_ALIAS = 'measured';

/** A Python handler folder, bundled by pip for Lambda's platform (or in Docker). */
export class PythonTwinBinding implements TwinBinding {
  public readonly kind = 'python';
  public readonly name: string;
  public readonly createdByConstruct = true;
  /** `entry`, absolute: resolved once against the app's folder. */
  private readonly entry: string;
  private readonly index: string;
  private readonly handler: string;
  private readonly runtime: lambda.Runtime;
  public readonly snapStart: boolean;

  constructor(private readonly options: PythonTwinOptions) {
    this.name = options.name ?? 'python';
    this.snapStart = options.snapStart === true;
    this.entry = appPath(options.entry);
    this.index = options.index ?? 'index.py';
    this.handler = options.handler ?? 'handler';
    this.runtime = options.runtime ?? lambda.Runtime.PYTHON_3_13;
  }

  public check(owner: string, architecture: lambda.Architecture, ephemeralStorageSize: Size | undefined, bundlingRequired: boolean): void {
    const { entry, index, handler, runtime } = this;
    checkTwinName(owner, this.name);
    checkFolder(owner, 'entry', entry);
    if (typeof index !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*\.py$/.test(index) || !fs.existsSync(path.join(entry, index))) {
      throw propError(owner, 'index', `${shown(index)} is not a Python file in ${entry}`, 'Give the handler file relative to entry, e.g. \'handler.py\'');
    }
    if (typeof handler !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(handler)) {
      throw propError(owner, 'handler', `${shown(handler)} is not a Python function name`, 'Give the name of the function in index, e.g. \'handler\'');
    }
    checkRuntime(owner, runtime);
    const version = pythonVersionOf(runtime);
    if (runtime.family !== lambda.RuntimeFamily.PYTHON || !version) {
      throw propError(owner, 'runtime', `${runtime.name} is not a Python runtime`, 'Use a lambda.Runtime.PYTHON_3_x runtime');
    }
    checkRuntimeOffersArchitecture(owner, runtime, architecture, versionAtLeast(version, PYTHON_ARM64_SINCE));
    checkPythonSnapStart(owner, this.options.snapStart, runtime.name, versionAtLeast(version, PYTHON_SNAPSTART_SINCE));
    if (this.snapStart) checkSnapStartStorage(owner, ephemeralStorageSize);
    checkRequirements(owner, path.join(entry, 'requirements.txt'));
    if (bundlingRequired && !this.options.dockerBundling) checkPipRuns(owner, path.join(entry, 'requirements.txt'));
    // The source last, once every prop is known good on its own.
    const names = pythonHandlerNames(fs.readFileSync(path.join(entry, index), 'utf8'), handler);
    if (names && !names.includes(handler)) {
      const { problem, fix } = missingHandler(path.join(entry, index), handler, names, 'top-level function');
      throw propError(owner, 'handler', problem, fix);
    }
  }

  public bind(scope: Construct, id: string, settings: TwinSettings): lambda.IFunction {
    const { entry, index, handler, runtime } = this;
    const props = {
      ...twinFunctionProps(scope, id, settings),
      ...(this.snapStart ? { snapStart: lambda.SnapStartConf.ON_PUBLISHED_VERSIONS } : {}),
    };
    const fn = this.options.dockerBundling
      ? new PythonFunction(scope, id, { ...props, entry, index, handler, runtime })
      : new lambda.Function(scope, id, {
        ...props,
        runtime,
        handler: `${index.slice(0, -'.py'.length).replace(/\//g, '.')}.${handler}`,
        code: pythonCode({ owner: `Twin.python for '${settings.original.node.path}'`, entry, runtime, architecture: settings.architecture }),
      });
    rememberTwinRecord(fn, {
      kind: 'python',
      name: this.name,
      constructPath: fn.node.path,
      logicalId: logicalIdOf(fn),
      entry: assemblyRelative(fn, entry),
      index,
      handler,
      runtime: runtime.name,
      requirements: fs.existsSync(path.join(entry, 'requirements.txt')) ? 'requirements.txt' : undefined,
      snapStart: this.snapStart ? { alias: SNAPSTART_ALIAS } : undefined,
    });
    if (this.snapStart) {
      // The version and alias sit beside the twin, like its log group: `currentVersion` makes
      // a new version whenever the code or configuration changes, and the alias follows it.
      new lambda.Alias(scope, `${id}Alias`, { aliasName: SNAPSTART_ALIAS, version: fn.currentVersion });
      // aws-cdk-lib warns on every SnapStart function that only published versions restore: this one publishes.
      Annotations.of(fn).acknowledgeWarning('@aws-cdk/aws-lambda:snapStartRequirePublish', 'The twin publishes currentVersion, and its alias is what is measured');
    }
    return markTwin(fn, settings);
  }
}

function pythonVersionOf(runtime: lambda.Runtime): number[] | undefined {
  const match = /^python(\d+)\.(\d+)$/.exec(runtime.name);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

function versionAtLeast(version: number[], minimum: number[]): boolean {
  return version[0] > minimum[0] || (version[0] === minimum[0] && version[1] >= minimum[1]);
}

/** The local bundling installs requirements with this machine's pip: without one, it would fail only after the Rust build. */
function checkPipRuns(owner: string, requirements: string): void {
  if (!fs.existsSync(requirements)) return;
  const pip = spawnSync('python3', ['-m', 'pip', '--version'], { stdio: 'ignore', timeout: 30_000, env: process.env });
  if (pip.status !== 0) {
    throw propError(owner, 'entry', `its requirements.txt is installed by \`python3 -m pip\` on this machine, which does not run here (${pip.error?.message ?? `exit ${pip.status}`})`,
      'Install Python 3 with pip (Debian: apt-get install python3-pip), or set dockerBundling: true to bundle in Docker');
  }
}

/** A requirements file pip would choke on only after the Rust build: read it now. */
function checkRequirements(owner: string, file: string): void {
  if (!fs.existsSync(file)) return;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw propError(owner, 'entry', `its requirements.txt cannot be read (${(error as Error).message})`, 'Make the file readable, or remove it');
  }
  text.split('\n').forEach((line, index) => {
    const requirement = line.replace(/(^|\s)#.*$/, '').trim();
    // Names, versions, extras, markers, and pip's own options (-r, -c, --index-url ...).
    if (requirement === '' || requirement.startsWith('-') || /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]*\])?\s*(([<>=!~]=?|===)\s*[^\s;,]+\s*(,\s*([<>=!~]=?|===)\s*[^\s;,]+\s*)*)?(;.*)?$/.test(requirement)) return;
    if (/^[A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]*\])?\s*@\s*\S+/.test(requirement)) return;
    throw propError(owner, 'entry', `${file}:${index + 1}: '${requirement}' is not a requirement pip understands`,
      'Write one requirement per line, e.g. \'pydantic==2.9.2\'');
  });
}
