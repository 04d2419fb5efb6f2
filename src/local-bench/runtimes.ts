import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BenchUsageError } from './bench-errors';
import { ExampleLayout } from './example-layout';
import { prepareNodeTwin } from './prepare-node';
import { preparePythonTwin } from './prepare-python';
import { buildBootstrap, buildFloor } from './prepare-rust';
import { RuntimeSpec, lambdaEnvironment } from './runtime-spec';

const QEMU = 'qemu-aarch64-static';
const AARCH64_SYSROOT = '/usr/aarch64-linux-gnu';

/** Which runtimes to prepare and how. */
export interface RuntimeChoices {
  /** Where builds, venvs and the runtime client are cached (`.bench`). */
  readonly cacheRoot: string;
  /** The profile's memory, sent as AWS_LAMBDA_FUNCTION_MEMORY_SIZE. */
  readonly memorySize: number;
  readonly python: boolean;
  readonly node: boolean;
  /** Also run the deployed arm64 bootstrap under qemu-user, for parity. */
  readonly arm64: boolean;
  /** The Python interpreter to resolve (a shim is fine: its real executable is used). */
  readonly pythonCommand: string;
  readonly log: (line: string) => void;
}

/**
 * Builds and installs everything the benchmark runs, before anything is timed: the Rust
 * bootstrap for the host, the twins, the std-only floor and the arm64 bootstrap.
 */
export async function prepareRuntimes(layout: ExampleLayout, choices: RuntimeChoices): Promise<RuntimeSpec[]> {
  const cacheDir = path.join(choices.cacheRoot, layout.name);
  mkdirSync(cacheDir, { recursive: true });
  const env = (name: string, handler: string, taskRoot: string, extra?: Record<string, string>) =>
    lambdaEnvironment({ functionName: `${layout.name}-${name}`, memorySize: choices.memorySize, handler, taskRoot, extra });
  const specs: RuntimeSpec[] = [];

  choices.log('Building the Rust bootstrap for x86_64 (cargo lambda build --release)...');
  const rust = await buildBootstrap({ projectDir: layout.rustDir, binary: layout.rustBinary, architecture: lambda.Architecture.X86_64, cacheDir });
  specs.push(native('rust', 'Rust bootstrap, x86_64 host build, release profile', 'rust', rust.path, rust.bytes, env('rust', 'bootstrap', path.dirname(rust.path))));

  if (choices.python && layout.pythonTwinDir) {
    choices.log('Preparing the Python twin (venv with awslambdaric, requirements)...');
    const twin = await preparePythonTwin(layout.pythonTwinDir, cacheDir, choices.pythonCommand);
    specs.push({
      name: 'python',
      description: `Python ${twin.version} twin under awslambdaric`,
      role: 'twin',
      launch: { command: twin.python, args: ['-m', 'awslambdaric', 'handler.handler'], cwd: twin.taskRoot, env: env('python', 'handler.handler', twin.taskRoot, { PYTHONPATH: twin.taskRoot }) },
      packageBytes: twin.packageBytes,
    });
  }

  if (choices.node && layout.nodeTwinEntry) {
    choices.log('Preparing the Node twin (esbuild bundle, aws-lambda-ric)...');
    const twin = await prepareNodeTwin(layout.nodeTwinEntry, cacheDir, choices.cacheRoot, choices.log);
    specs.push({
      name: 'node',
      description: `Node ${process.version} twin under aws-lambda-ric`,
      role: 'twin',
      launch: { command: process.execPath, args: [twin.ric, 'index.handler'], cwd: twin.taskRoot, env: env('node', 'index.handler', twin.taskRoot) },
      packageBytes: twin.packageBytes,
    });
  }

  choices.log('Building the std-only floor...');
  const floor = await buildFloor(choices.cacheRoot);
  specs.push(native('floor', 'std-only Rust Runtime API loop (echo), release profile', 'floor', floor.path, floor.bytes, env('floor', 'bootstrap', path.dirname(floor.path))));

  if (choices.arm64) {
    if (!onPath(QEMU) || !existsSync(AARCH64_SYSROOT)) {
      throw new BenchUsageError(`Cannot run the arm64 bootstrap: ${QEMU} or ${AARCH64_SYSROOT} is missing. Install them with \`apt-get install qemu-user-static libc6-arm64-cross\`, or pass --no-arm64.`);
    }
    choices.log('Building the deployed arm64 bootstrap (for parity under qemu-user)...');
    const arm = await buildBootstrap({ projectDir: layout.rustDir, binary: layout.rustBinary, architecture: lambda.Architecture.ARM_64, cacheDir });
    specs.push({
      name: 'rust-arm64',
      description: 'Rust bootstrap, arm64 as deployed, under qemu-user (parity only)',
      role: 'parity-only',
      launch: { command: QEMU, args: ['-L', AARCH64_SYSROOT, arm.path], cwd: path.dirname(arm.path), env: env('rust-arm64', 'bootstrap', path.dirname(arm.path)) },
      packageBytes: arm.bytes,
    });
    // What deploys is the arm64 bootstrap: its size is the Rust row's package size.
    const rustIndex = specs.findIndex((spec) => spec.role === 'rust');
    specs[rustIndex] = { ...specs[rustIndex], packageBytes: arm.bytes, description: `${specs[rustIndex].description}; package: the arm64 bootstrap` };
  }
  return specs;
}

function native(name: string, description: string, role: 'rust' | 'floor', bootstrap: string, bytes: number, env: Record<string, string>): RuntimeSpec {
  return { name, description, role, launch: { command: bootstrap, args: [], cwd: path.dirname(bootstrap), env }, packageBytes: bytes };
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && existsSync(path.join(dir, command)));
}
