import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AssetHashType, DockerImage, FileSystem, ILocalBundling } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { propError } from '../checks/errors';

export interface PythonCodeOptions {
  /** How errors name the twin. */
  readonly owner: string;
  /** The handler folder, absolute (FileSystem.copyDirectory refuses a relative one): copied as is, with `requirements.txt` installed beside it. */
  readonly entry: string;
  readonly runtime: lambda.Runtime;
  readonly architecture: lambda.Architecture;
}

/** Caches, environments and pytest files: never part of a Lambda bundle. */
export const NOT_BUNDLED = ['__pycache__', '.venv', 'venv', '.pytest_cache', '*.pyc', 'cdk.out', 'test_*.py', '*_test.py', 'conftest.py', 'tests'];

/**
 * Lambda code for a Python handler folder, bundled without Docker: the folder's files plus
 * its `requirements.txt` installed by pip for Lambda's platform (manylinux2014 wheels of the
 * function's architecture and the runtime's Python version, binary wheels only), never for
 * the build machine.
 */
export function pythonCode(options: PythonCodeOptions): lambda.Code {
  const pythonVersion = options.runtime.name.replace(/^python/, '');
  const platform = `manylinux2014_${options.architecture.name === lambda.Architecture.ARM_64.name ? 'aarch64' : 'x86_64'}`;
  const pipArgs = ['install', '--quiet', '--disable-pip-version-check', '--no-compile',
    '--platform', platform, '--implementation', 'cp', '--python-version', pythonVersion,
    '--only-binary=:all:', '--upgrade',
    // The bundle goes to its own folder: conflicts with what the build machine's Python has
    // installed (pip's red "dependency resolver" ERROR) say nothing about it.
    '--no-warn-conflicts'];
  const local: ILocalBundling = {
    tryBundle(outputDir: string): boolean {
      FileSystem.copyDirectory(options.entry, outputDir, { exclude: NOT_BUNDLED });
      const requirements = path.join(options.entry, 'requirements.txt');
      if (!fs.existsSync(requirements)) return true;
      const pip = spawnSync('python3', ['-m', 'pip', ...pipArgs, '--target', outputDir, '-r', requirements], {
        stdio: ['ignore', 'inherit', 'pipe'],
        encoding: 'utf8',
        // CI runs as root; pip's warning about that concerns the machine's own site-packages, not
        // a --target folder. An environment variable, which pips older than 22.1 ignore.
        env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' },
      });
      // pip's own output first, then what to do about it.
      if (pip.stderr) process.stderr.write(pip.stderr);
      if (pip.error || pip.status !== 0) throw pipFailure(options, requirements, platform, pythonVersion, pip.stderr ?? pip.error?.message ?? '');
      return true;
    },
  };
  return lambda.Code.fromAsset(options.entry, {
    assetHashType: AssetHashType.SOURCE,
    exclude: NOT_BUNDLED,
    bundling: {
      // Used only if local bundling declines, which it never does: pip is part of Python.
      image: DockerImage.fromRegistry('dummy'),
      local,
      // Part of the asset hash: a change of platform or Python version rebuilds the bundle.
      command: ['pip', ...pipArgs],
    },
  });
}

/** A requirement without a wheel for Lambda's platform is named, with the two ways out. */
function pipFailure(options: PythonCodeOptions, requirements: string, platform: string, pythonVersion: string, stderr: string): Error {
  const missing = /No matching distribution found for (\S+)/.exec(stderr)?.[1];
  if (missing) {
    return propError(options.owner, 'entry', `${requirements} asks for '${missing}', which has no binary wheel for ${platform} and Python ${pythonVersion} (pip installs only wheels for Lambda's platform)`,
      `Set dockerBundling: true to build it in Lambda's own image, or pin a version of '${missing}' that publishes a ${platform} wheel`);
  }
  return propError(options.owner, 'entry', `pip could not install ${requirements} for ${platform} and Python ${pythonVersion}: ${stderr.trim().split('\n').pop() ?? 'no output'}`,
    'Fix the requirement pip names above, or set dockerBundling: true');
}
