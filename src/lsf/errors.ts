/**
 * The one error model of lsf: every command throws one of these, and the entry point
 * (cli/lsf.ts) turns it into a message and an exit code, once.
 */

/**
 * A problem with what the user asked for or with this machine, found before anything was
 * measured: a bad argument, an app without the expected functions, a malformed cases line, a
 * missing toolchain, missing credentials. The message names the argument and the fix. Exit 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * The run failed on the way: a runtime that crashed, answers that differ, a function error, a
 * missing report line, throttling that did not end, budgets exceeded. Exit 1.
 */
export class RunFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunFailure';
  }
}

/** Ctrl-C or SIGTERM during a run that restores what it changed: restored, then exit 130. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted; the configuration was restored.');
    this.name = 'Interrupted';
  }
}

/** The exit code for an error lsf threw on purpose; undefined for anything else (a bug). */
export function exitCodeOf(error: unknown): number | undefined {
  if (error instanceof UsageError) return 2;
  if (error instanceof Interrupted) return 130;
  if (error instanceof RunFailure) return 1;
  return undefined;
}
