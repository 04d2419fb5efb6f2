/**
 * A problem with what the user asked for or with this machine: a bad argument, a folder
 * without the expected layout, a malformed cases line, a missing toolchain. The message says
 * what is wrong and how to fix it; the CLI exits with code 2, before anything is timed.
 */
export class BenchUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchUsageError';
  }
}

/** The runtimes disagree with the expected answers: timings would compare different work. */
export class ParityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParityError';
  }
}
