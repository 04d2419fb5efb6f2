/**
 * A problem with what the user asked for, before anything was measured: an unknown stack or
 * function, missing credentials or region, two functions that are not a twin pair, an event
 * file that is not JSON. The message names the argument and the fix; the CLI exits with 2.
 */
export class CompareUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CompareUsageError';
  }
}

/** The run failed on the way: a function error, a missing report line, throttling that did not end. Exit code 1. */
export class CompareFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CompareFailure';
  }
}

/** Ctrl-C during the run: the configuration is restored, then the CLI exits with 130. */
export class CompareInterrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'CompareInterrupted';
  }
}
