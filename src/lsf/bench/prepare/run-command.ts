import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { UsageError } from '../../errors';

/** A build step: a command the benchmark needs before it can run anything. */
export interface BuildCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Added to the caller's environment: builds need HOME, PATH and caches, unlike runtimes. */
  readonly env?: Readonly<Record<string, string>>;
  /** What the step does, for messages: `build the Rust bootstrap`. */
  readonly what: string;
  /** How to install the command when it is missing. */
  readonly install: string;
}

const OUTPUT_TAIL = 4000;

/** The command of a build step is not installed. */
export class ToolMissingError extends UsageError {}

/** Process groups of the build steps running now: cargo, pip and npm start children of their own. */
const running = new Set<number>();

/** Kills every build step still running, with its children: a Ctrl-C must not leave a build writing into the cache. */
export function killRunningBuilds(): void {
  for (const group of running) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // Ended meanwhile.
    }
  }
  running.clear();
}
process.once('exit', killRunningBuilds);

/** Runs a build step to completion and returns its stdout; a failure quotes the output's tail. */
export function runBuild(step: BuildCommand): Promise<string> {
  // spawn reports a missing working folder as a missing command: tell them apart.
  if (!existsSync(step.cwd)) return Promise.reject(new Error(`Cannot ${step.what}: its working folder ${step.cwd} does not exist`));
  return new Promise((resolve, reject) => {
    const child = spawn(step.command, [...step.args], {
      cwd: step.cwd,
      env: { ...process.env, ...step.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that killRunningBuilds reaches its children too.
      detached: true,
    });
    const group = child.pid;
    if (group !== undefined) running.add(group);
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk; output = (output + chunk).slice(-OUTPUT_TAIL); });
    child.stderr.on('data', (chunk: Buffer) => { output = (output + chunk).slice(-OUTPUT_TAIL); });
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT'
        ? new ToolMissingError(`Cannot ${step.what}: \`${step.command}\` is not installed. ${step.install}`)
        : error);
    });
    child.once('close', (code) => {
      if (group !== undefined) running.delete(group);
      if (code === 0) return resolve(stdout);
      reject(new UsageError(`Cannot ${step.what}: \`${[step.command, ...step.args].join(' ')}\` exited with code ${code} in ${step.cwd}.\n${output.trim()}`));
    });
  });
}
