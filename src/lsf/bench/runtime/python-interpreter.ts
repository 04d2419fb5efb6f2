import { runBuild } from '../prepare/run-command';

/** The interpreter to try first for a Python twin: the twin's own version when this machine has it. */
export interface PythonChoice {
  /** Commands to try in order (a pyenv shim is fine: the twin runs its real interpreter). */
  readonly candidates: string[];
  /** The version the twin deploys on, e.g. `3.13`. */
  readonly lambdaVersion: string;
}

/**
 * `--python` when given; otherwise `python3.13` for a `python3.13` twin, then `python3`, the
 * first that runs. Which one ran, and whether it is the twin's version, is in the report.
 */
export async function choosePython(runtime: string, override: string | undefined): Promise<{ command: string; lambdaVersion: string }> {
  const lambdaVersion = /^python(\d+\.\d+)$/.exec(runtime)?.[1] ?? runtime;
  if (override !== undefined) return { command: override, lambdaVersion };
  for (const candidate of [`python${lambdaVersion}`, 'python3']) {
    const runs = await runBuild({ command: candidate, args: ['-c', 'import sys'], cwd: process.cwd(), what: 'find a Python', install: '' })
      .then(() => true, () => false);
    if (runs) return { command: candidate, lambdaVersion };
  }
  // None runs: preparing the twin with python3 reports the missing interpreter and the fix.
  return { command: 'python3', lambdaVersion };
}
