import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { MeasuredFunction, safeName } from '../measured-function';
import { nodeForRuntime } from './node-runtime';
import { choosePython } from './python-interpreter';
import { RuntimeSpec, lambdaEnvironment } from './runtime-spec';
import { onPath } from '../../../private/build/rust-toolchain-environment';
import { RustToolchain } from '../../../rust-build';
import { UsageError } from '../../errors';
import { AARCH64_SYSROOT, QEMU_COMMAND, checkQemuThreads } from '../host/qemu-threads';
import { prepareNodeTwin } from '../prepare/prepare-node';
import { preparePythonTwin } from '../prepare/prepare-python';
import { Bootstrap, buildBootstrap, buildFloor, hostArchitecture } from '../prepare/prepare-rust';

const TOOLCHAINS = [RustToolchain.AUTO, RustToolchain.CARGO_ZIGBUILD, RustToolchain.DEBIAN_CROSS];

/** Which runtimes to prepare and how. */
export interface RuntimeChoices {
  /** Where builds, venvs and the runtime client are cached: any number of runs may share it at once. */
  readonly cacheRoot: string;
  readonly python: boolean;
  readonly node: boolean;
  /** On an x86_64 machine, also run the deployed arm64 bootstrap under qemu-user, for parity. */
  readonly arm64: boolean;
  /** The Python interpreter (a shim is fine: its real executable is used); by default the twin's version when on the machine, else python3. */
  readonly pythonCommand?: string;
  /** The node for Node twins; by default their Lambda runtime's major, fetched from the npm registry when it is not this process's. */
  readonly nodeCommand?: string;
  readonly log: (line: string) => void;
}

/** The prepared runtimes, and the twins that could not be. */
export interface PreparedRuntimes {
  readonly specs: RuntimeSpec[];
  /** Twins left out, each with the reason. */
  readonly notMeasured: Array<{ readonly name: string; readonly reason: string }>;
  /** The function's cache folder. */
  readonly cacheDir: string;
}

/**
 * Builds and installs everything the benchmark runs, before anything is timed: the Rust
 * bootstrap for this machine's architecture (the deployed build itself when the two agree),
 * the twins, the std-only floor, and on x86_64 the deployed arm64 bootstrap for parity.
 */
export async function prepareRuntimes(fn: MeasuredFunction, choices: RuntimeChoices): Promise<PreparedRuntimes> {
  const id = safeName(fn.name).slice(0, 40);
  const cacheDir = path.join(choices.cacheRoot, 'functions', `${id}-${fn.buildKey}`);
  mkdirSync(cacheDir, { recursive: true });
  const env = (name: string, handler: string, taskRoot: string, extra?: Record<string, string>) =>
    lambdaEnvironment({ functionName: `${id}-${name}`, memorySize: fn.memorySize, handler, taskRoot, extra: { ...fn.environment, ...extra } });
  const specs: RuntimeSpec[] = [];
  const notMeasured: Array<{ name: string; reason: string }> = [];
  const host = hostArchitecture();
  const deployed = fn.architecture === lambda.Architecture.ARM_64.name ? lambda.Architecture.ARM_64 : lambda.Architecture.X86_64;
  const build = (architecture: lambda.Architecture) => buildBootstrap({
    projectDir: path.dirname(fn.rust.manifestFile),
    binary: fn.rust.binary,
    architecture,
    cacheDir,
    cargoProfile: fn.rust.cargoProfile,
    cargoLambdaFlags: fn.rust.cargoLambdaFlags,
    buildEnvironment: fn.rust.buildEnvironment,
    toolchain: TOOLCHAINS.find((t) => t.name === fn.rust.toolchain) ?? RustToolchain.AUTO,
    log: choices.log,
  });

  const asDeployed = host.name === deployed.name;
  choices.log(`Building ${fn.rust.binary} for ${host.name}${asDeployed ? ', as deployed' : ''} (cargo lambda build, ${fn.rust.cargoProfile} profile)...`);
  const rust = await build(host);
  // Replaced by the arm64 build's size below when that build runs; otherwise the table shows this one's.
  const hostPackage = !asDeployed && !(deployed.name === lambda.Architecture.ARM_64.name && choices.arm64)
    ? `; package: this ${host.name} build, not the deployed ${deployed.name} one (${choices.arm64 ? 'not built on this machine' : 'skipped with --no-arm64'})` : '';
  const rustDescription = `Rust bootstrap (${fn.rust.binary}), ${host.name} ${asDeployed ? 'build as deployed' : 'host build'}, ${fn.rust.cargoProfile} profile${hostPackage}`;
  specs.push(native('rust', rustDescription, 'rust', rust, env('rust', 'bootstrap', path.dirname(rust.path))));

  for (const twin of fn.twins) {
    if (twin.kind === 'existing') {
      notMeasured.push({ name: twin.name, reason: twin.reason });
    } else if (twin.kind === 'python' && choices.python) {
      choices.log(`Preparing the ${twin.name} twin (venv with awslambdaric, requirements)...`);
      const python = await choosePython(twin.runtime, choices.pythonCommand);
      const prepared = await preparePythonTwin(twin.entry, path.join(cacheDir, twin.name), python.command, choices.log);
      const handler = `${twin.index.slice(0, -'.py'.length).replace(/\//g, '.')}.${twin.handler}`;
      const matches = prepared.version.startsWith(`${python.lambdaVersion}.`);
      specs.push({
        name: twin.name,
        description: `Python ${prepared.version} twin under awslambdaric (deploys on ${twin.runtime}${matches ? '' : `: no Python ${python.lambdaVersion} here, ran ${prepared.version} instead`})`,
        runtimeVersion: { lambda: twin.runtime, local: `Python ${prepared.version}`, matches },
        role: 'twin',
        launch: { command: prepared.python, args: ['-m', 'awslambdaric', handler], cwd: prepared.taskRoot, env: env(twin.name, handler, prepared.taskRoot, { PYTHONPATH: prepared.taskRoot }) },
        packageBytes: prepared.packageBytes,
      });
    } else if (twin.kind === 'node' && choices.node) {
      choices.log(`Preparing the ${twin.name} twin (esbuild bundle, aws-lambda-ric)...`);
      const node = await nodeForRuntime(twin.runtime, { cacheRoot: choices.cacheRoot, override: choices.nodeCommand, log: choices.log });
      const prepared = await prepareNodeTwin(twin.entry, path.join(cacheDir, twin.name), choices.cacheRoot, node, choices.log);
      const handler = `index.${twin.handler}`;
      const matches = `nodejs${node.major}.x` === twin.runtime;
      specs.push({
        name: twin.name,
        description: `Node ${node.version} twin under ${prepared.ricVersion} (deploys on ${twin.runtime}${matches ? '' : `: ran Node ${node.major} instead`})`,
        runtimeVersion: { lambda: twin.runtime, local: `Node ${node.version}`, matches },
        role: 'twin',
        launch: { command: node.node, args: [prepared.ric, handler], cwd: prepared.taskRoot, env: env(twin.name, handler, prepared.taskRoot) },
        packageBytes: prepared.packageBytes,
      });
    }
  }

  const floor = await buildFloor(choices.cacheRoot, choices.log);
  specs.push(native('floor', `std-only Rust Runtime API loop (echo), ${host.name}, release profile`, 'floor', floor, env('floor', 'bootstrap', path.dirname(floor.path))));

  if (!asDeployed && deployed.name === lambda.Architecture.ARM_64.name && choices.arm64) {
    if (!onPath(QEMU_COMMAND) || !existsSync(AARCH64_SYSROOT)) {
      throw new UsageError(`Cannot run the arm64 bootstrap: ${QEMU_COMMAND} or ${AARCH64_SYSROOT} is missing. Install them with \`apt-get install qemu-user-static libc6-arm64-cross\`, or pass --no-arm64.`);
    }
    // Checked before the arm64 build, in seconds: a handler that starts threads (tokio's
    // default runtime) must not find out after minutes of builds that qemu cannot run it.
    const threads = await checkQemuThreads(choices.cacheRoot, choices.log);
    choices.log('Building the deployed arm64 bootstrap (for parity under qemu-user)...');
    const arm = await build(lambda.Architecture.ARM_64);
    if (threads.threadsRun) {
      specs.push({
        name: 'rust-arm64',
        description: 'Rust bootstrap, arm64 as deployed, under qemu-user (parity only)',
        role: 'parity-only',
        launch: {
          command: QEMU_COMMAND,
          args: ['-L', AARCH64_SYSROOT, arm.path],
          cwd: path.dirname(arm.path),
          env: env('rust-arm64', 'bootstrap', path.dirname(arm.path), threads.environment),
        },
        packageBytes: arm.bytes,
      });
    } else {
      notMeasured.push({ name: 'rust-arm64', reason: `${threads.detail} The arm64 build was made but its answers were not checked: run lsf bench on an arm64 machine, or pass --no-arm64.` });
    }
    // What deploys is the arm64 bootstrap: its size is the Rust row's package size.
    specs[0] = { ...specs[0], packageBytes: arm.bytes, description: `${specs[0].description}; package: the arm64 bootstrap` };
  }
  return { specs, notMeasured, cacheDir };
}

function native(name: string, description: string, role: 'rust' | 'floor', bootstrap: Bootstrap, env: Record<string, string>): RuntimeSpec {
  const launch = { command: bootstrap.path, args: [], cwd: path.dirname(bootstrap.path), env };
  return { name, description, role, launch, packageBytes: bootstrap.bytes };
}

