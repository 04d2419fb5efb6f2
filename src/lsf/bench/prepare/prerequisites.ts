import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { esbuildMissing, findEsbuild } from './app-module';
import { MANIFEST } from './cache-entry';
import { INSTALL_RIC_TOOLS, ricCached } from './prepare-node';
import { hostArchitecture } from './prepare-rust';
import { runBuild } from './run-command';
import { onPath, toolchainEnvironment } from '../../../private/build/rust-toolchain-environment';
import { UsageError } from '../../errors';
import { AARCH64_SYSROOT, QEMU_COMMAND } from '../host/qemu-threads';
import { MeasuredFunction } from '../measured-function';
import { fetchedNodeDir } from '../runtime/node-runtime';
import { choosePython } from '../runtime/python-interpreter';
import { RuntimeChoices } from '../runtime/runtimes';

/** What the checks need to know: the runtimes lsf bench will prepare. */
export type PrerequisiteChoices = Omit<RuntimeChoices, 'log'>;

/** The commands that install the Node runtime client and compile its native addon and the curl it bundles (libtoolize: package libtool). */
const RIC_BUILD_TOOLS = ['npm', 'autoconf', 'automake', 'libtoolize', 'cmake', 'make', 'g++'];

/**
 * Checks everything every measurement needs before the first build, in about a second: a
 * missing tool found after minutes of Rust builds is the failure this prevents. The Rust
 * toolchain and cargo-lambda, the arm64 toolchain and qemu-user when the deployed arm64 build
 * runs, a Python with venv for each Python twin, and for each Node twin esbuild (the app's,
 * see app-module.ts) and, while the runtime client is not cached, npm and the native build tools.
 * @throws UsageError listing every missing prerequisite with its fix
 */
export async function checkPrerequisites(measurements: readonly MeasuredFunction[], choices: PrerequisiteChoices): Promise<void> {
  const problems = new Set<string>();
  const host = hostArchitecture();
  const cargoLambda = await cargoLambdaProblem();
  if (cargoLambda !== undefined) problems.add(cargoLambda);
  for (const fn of measurements) {
    for (const problem of rustToolchainProblems(fn, host, choices.arm64)) problems.add(problem);
    for (const twin of fn.twins) {
      if (twin.kind === 'python' && choices.python) {
        const problem = await pythonProblem(twin.name, twin.runtime, choices.pythonCommand);
        if (problem !== undefined) problems.add(problem);
      } else if (twin.kind === 'node' && choices.node) {
        if (findEsbuild(twin.entry) === undefined) problems.add(esbuildMissing(twin.entry));
        const problem = nodeInstallProblem(twin.name, twin.runtime, choices);
        if (problem !== undefined) problems.add(problem);
      }
    }
  }
  if (problems.size > 0) {
    throw new UsageError(`Nothing was built: ${problems.size === 1 ? 'a prerequisite is' : `${problems.size} prerequisites are`} missing.\n  - ${[...problems].join('\n  - ')}`);
  }
}

async function cargoLambdaProblem(): Promise<string | undefined> {
  try {
    await runBuild({ command: 'cargo', args: ['lambda', '--version'], cwd: process.cwd(), what: 'find cargo-lambda', install: '' });
    return undefined;
  } catch {
    return onPath('cargo')
      ? 'Cannot build the Rust bootstrap: cargo-lambda is not installed (`cargo lambda --version` failed). Install it with `pip install cargo-lambda` (see https://www.cargo-lambda.info).'
      : 'Cannot build the Rust bootstrap: `cargo` is not installed. Install Rust with rustup (https://rustup.rs) and cargo-lambda with `pip install cargo-lambda`.';
  }
}

/** The toolchain of this machine's build, and of the deployed arm64 build when it runs under qemu. */
function rustToolchainProblems(fn: MeasuredFunction, host: lambda.Architecture, arm64: boolean): string[] {
  const toolchain = { name: fn.rust.toolchain };
  const problems: string[] = [];
  const hostLookup = toolchainEnvironment(toolchain, host);
  if ('missing' in hostLookup) {
    problems.push(`Cannot build the ${host.name} bootstrap of ${fn.name}: ${hostLookup.missing} is missing. Install it with scripts/setup-toolchain.sh (Debian).`);
  }
  const armParity = arm64 && fn.architecture === lambda.Architecture.ARM_64.name && host.name !== lambda.Architecture.ARM_64.name;
  if (!armParity) return problems;
  const armLookup = toolchainEnvironment(toolchain, lambda.Architecture.ARM_64);
  if ('missing' in armLookup) {
    problems.push(`Cannot build the deployed arm64 bootstrap of ${fn.name}: ${armLookup.missing} is missing. Install it with scripts/setup-toolchain.sh (Debian), or pass --no-arm64.`);
  }
  if (!onPath(QEMU_COMMAND) || !existsSync(AARCH64_SYSROOT)) {
    problems.push(`Cannot run the deployed arm64 bootstrap of ${fn.name}: ${QEMU_COMMAND} or ${AARCH64_SYSROOT} is missing. `
      + 'Install them with `apt-get install qemu-user-static libc6-arm64-cross`, or pass --no-arm64.');
  }
  return problems;
}

/** The twin's interpreter runs and can make a venv (Debian's python3 needs python3-venv for that). */
async function pythonProblem(twin: string, runtime: string, override: string | undefined): Promise<string | undefined> {
  const { command } = await choosePython(runtime, override);
  const fix = 'Install Python 3.9 or later with venv (Debian: `apt-get install python3 python3-venv`), or pass --python <interpreter> or --no-python-twin.';
  try {
    await runBuild({ command, args: ['-c', 'import venv, ensurepip'], cwd: process.cwd(), what: `run ${command}`, install: '' });
    return undefined;
  } catch {
    return onPath(command) || path.isAbsolute(command) && existsSync(command)
      ? `Cannot make the venv of the ${twin} twin: ${command} has no venv module with pip (\`${command} -c "import venv, ensurepip"\` failed). ${fix}`
      : `Cannot run the ${twin} twin: \`${command}\` is not installed. ${fix}`;
  }
}

/**
 * npm and the native build tools, needed while the twin's Node or its runtime client is not
 * cached yet (node-runtime.ts and prepare-node.ts install them into the same folders).
 */
function nodeInstallProblem(twin: string, runtime: string, choices: PrerequisiteChoices): string | undefined {
  const major = /^nodejs(\d+)\.x$/.exec(runtime)?.[1];
  // Another runtime, or --node: the prepare step checks them (it has to run the Node to know its major).
  if (major === undefined || choices.nodeCommand !== undefined) return undefined;
  const fetchesNode = process.versions.node.split('.')[0] !== major && !existsSync(path.join(fetchedNodeDir(choices.cacheRoot, major), MANIFEST));
  const buildsRic = !ricCached(choices.cacheRoot, major);
  const missing = (buildsRic ? RIC_BUILD_TOOLS : fetchesNode ? ['npm'] : []).filter((tool) => !onPath(tool));
  if (missing.length === 0) return undefined;
  return buildsRic
    ? `Cannot install the Node runtime client of the ${twin} twin (${runtime}, once per machine): ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not installed. `
      + `${INSTALL_RIC_TOOLS} Or pass --no-node-twin.`
    : `Cannot fetch Node ${major} for the ${twin} twin (${runtime}): npm is not installed. Install npm, give a Node ${major} with --node PATH, or pass --no-node-twin.`;
}
