import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AssetHashType, DockerImage, FileSystem, ILocalBundling } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export interface PythonCodeOptions {
  /** The handler folder: copied as is, with `requirements.txt` installed beside it. */
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
    '--only-binary=:all:', '--upgrade'];
  const local: ILocalBundling = {
    tryBundle(outputDir: string): boolean {
      FileSystem.copyDirectory(options.entry, outputDir, { exclude: NOT_BUNDLED });
      const requirements = path.join(options.entry, 'requirements.txt');
      if (!fs.existsSync(requirements)) return true;
      const pip = spawnSync('python3', ['-m', 'pip', ...pipArgs, '--target', outputDir, '-r', requirements], {
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      if (pip.error || pip.status !== 0) {
        throw new Error(`pip could not install ${requirements} for ${platform} and Python ${pythonVersion} `
          + `(exit ${pip.status ?? pip.error?.message}); every requirement needs a binary wheel for that platform`);
      }
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
