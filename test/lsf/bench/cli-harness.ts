import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { main } from '../../../src/lsf/cli/lsf';

/** What one `lsf` run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in this process, output captured, no progress bar. */
export async function lsf(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, progress: false });
  return { code, stdout, stderr };
}

/** An `lsf` run in a process of its own, as a terminal or a CI job starts it. */
export interface CliProcess {
  readonly pid: number;
  /** Its output and exit code (137 when SIGKILLed), once it has exited. */
  readonly done: Promise<CliRun>;
}

/** Starts the CLI from its sources in a new process. */
export function lsfProcess(...argv: string[]): CliProcess {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join('src', 'lsf', 'cli', 'lsf.ts'), ...argv], {
    cwd: path.join(__dirname, '..', '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => { stdout += chunk; });
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk; });
  const done = new Promise<CliRun>((resolve) => child.once('close', (code, signal) => resolve({ code: code ?? (signal === 'SIGKILL' ? 137 : 1), stdout, stderr })));
  return { pid: child.pid!, done };
}
