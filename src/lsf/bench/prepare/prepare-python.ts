import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { FileSystem } from 'aws-cdk-lib';
import { folderBytes } from './folder-size';
import { runBuild } from './run-command';
import { NOT_BUNDLED } from '../../../private/build/python-bundling';

const INSTALL_PYTHON = 'Install Python 3.9 or later with venv (Debian: `apt-get install python3 python3-venv`) or pass --python <interpreter>.';
// The runtime interface client Lambda's Python base images use.
const AWSLAMBDARIC = 'awslambdaric==4.2.2';

/** A Python twin ready to run under awslambdaric. */
export interface PythonTwin {
  /** The venv's interpreter (holding only awslambdaric, as Lambda's runtime does). */
  readonly python: string;
  /** The deployment package: the handler's files and its requirements, as Lambda's /var/task. */
  readonly taskRoot: string;
  readonly packageBytes: number;
  /** The real interpreter's version, e.g. `3.11.7`. */
  readonly version: string;
}

/**
 * Resolves the real interpreter behind `python` (a pyenv shim is a shell script that adds
 * hundreds of ms to every start), makes a venv with awslambdaric, and installs the twin's
 * requirements into a task folder. Both are cached and rebuilt only when they change.
 */
export async function preparePythonTwin(twinDir: string, cacheDir: string, python: string): Promise<PythonTwin> {
  const probe = await runBuild({
    command: python,
    args: ['-c', 'import sys; print(sys.executable); print("%d.%d.%d" % sys.version_info[:3])'],
    cwd: twinDir,
    what: 'find the Python interpreter',
    install: INSTALL_PYTHON,
  });
  const [executable, version] = probe.trim().split('\n');
  mkdirSync(cacheDir, { recursive: true });
  const venv = path.join(cacheDir, `python-${version}-venv`);
  const venvPython = path.join(venv, 'bin', 'python');
  if (!existsSync(path.join(venv, '.ready'))) {
    rmSync(venv, { recursive: true, force: true });
    await runBuild({ command: executable, args: ['-m', 'venv', venv], cwd: cacheDir, what: 'create the Python venv', install: INSTALL_PYTHON });
    await pip(venvPython, [AWSLAMBDARIC], cacheDir, 'install awslambdaric');
    writeFileSync(path.join(venv, '.ready'), AWSLAMBDARIC);
  }

  const taskRoot = path.join(cacheDir, 'python-task');
  const requirements = path.join(twinDir, 'requirements.txt');
  const wanted = existsSync(requirements) ? `${version}\n${readFileSync(requirements, 'utf8')}` : version;
  const stamp = path.join(cacheDir, 'python-task.requirements');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== sha256(wanted)) {
    rmSync(taskRoot, { recursive: true, force: true });
    mkdirSync(taskRoot, { recursive: true });
    if (existsSync(requirements)) {
      await pip(venvPython, ['--target', taskRoot, '-r', requirements], twinDir, `install ${requirements}`);
    }
    writeFileSync(stamp, sha256(wanted));
  }
  // The handler folder as the construct bundles it (tests and caches left out), every run.
  FileSystem.copyDirectory(twinDir, taskRoot, { exclude: NOT_BUNDLED });
  return { python: venvPython, taskRoot, packageBytes: folderBytes(taskRoot), version };
}

/** `pip install` with the venv's interpreter. */
function pip(python: string, args: string[], cwd: string, what: string): Promise<string> {
  return runBuild({
    command: python,
    args: ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--quiet', ...args],
    cwd,
    what,
    install: INSTALL_PYTHON,
  });
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
