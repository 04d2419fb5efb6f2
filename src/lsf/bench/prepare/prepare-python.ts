import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FileSystem } from 'aws-cdk-lib';
import { MANIFEST, cachedEntry } from './cache-entry';
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
 * hundreds of ms to every start), makes a venv with awslambdaric, installs the twin's
 * requirements, and assembles the task folder from them and the handler's files. Each is a
 * cache entry named after what it is made from: built once, never changed after, and made anew
 * when its inputs change, so that a run never sees another run's half-copied files.
 */
export async function preparePythonTwin(twinDir: string, cacheDir: string, python: string, log: (line: string) => void): Promise<PythonTwin> {
  const probe = await runBuild({
    command: python,
    args: ['-c', 'import sys; print(sys.executable); print("%d.%d.%d" % sys.version_info[:3])'],
    cwd: twinDir,
    what: 'find the Python interpreter',
    install: INSTALL_PYTHON,
  });
  const [executable, version] = probe.trim().split('\n');
  const venvKey = sha256([executable, version, AWSLAMBDARIC].join('\n'));
  const venv = await cachedEntry({ dir: path.join(cacheDir, `python-${version}-venv-${venvKey}`), what: `a Python ${version} venv with ${AWSLAMBDARIC}`, log }, async (scratch) => {
    const built = path.join(scratch, 'venv');
    await runBuild({ command: executable, args: ['-m', 'venv', built], cwd: scratch, what: 'create the Python venv', install: INSTALL_PYTHON });
    await pip(path.join(built, 'bin', 'python'), [AWSLAMBDARIC], scratch, 'install awslambdaric');
    return built;
  });
  const venvPython = path.join(venv, 'bin', 'python');

  const requirements = path.join(twinDir, 'requirements.txt');
  const depsKey = sha256(existsSync(requirements) ? `${venvKey}\n${readFileSync(requirements, 'utf8')}` : venvKey);
  const deps = await cachedEntry({ dir: path.join(cacheDir, `python-deps-${depsKey}`), what: `the requirements of ${twinDir}`, log }, async (scratch) => {
    const built = path.join(scratch, 'deps');
    mkdirSync(built);
    if (existsSync(requirements)) {
      await pip(venvPython, ['--target', built, '-r', requirements], twinDir, `install ${requirements}`);
    }
    return built;
  });

  // The handler folder as the construct bundles it (tests and caches left out), over the requirements.
  const taskKey = sha256(`${depsKey}\n${FileSystem.fingerprint(twinDir, { exclude: NOT_BUNDLED })}`);
  const taskRoot = await cachedEntry({ dir: path.join(cacheDir, `python-task-${taskKey}`), what: `the task folder of ${twinDir}`, log }, async (scratch) => {
    const built = path.join(scratch, 'task');
    cpSync(deps, built, { recursive: true, verbatimSymlinks: true, filter: (source) => source !== path.join(deps, MANIFEST) });
    FileSystem.copyDirectory(twinDir, built, { exclude: NOT_BUNDLED });
    return built;
  });
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
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
