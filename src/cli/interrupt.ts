/**
 * Ctrl-C. A command that must clean up before it exits (lsf compare restores the functions'
 * configuration) runs under `interruptible` and receives the first Ctrl-C as an abort; a
 * second one, or one outside such a command, exits at once.
 */
let current: AbortController | undefined;

/** Runs `work` with a signal that the next Ctrl-C aborts. */
export async function interruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  current = controller;
  try {
    return await work(controller.signal);
  } finally {
    current = undefined;
  }
}

/** The SIGINT handler of the lsf process: abort the interruptible work, or exit. */
export function onInterrupt(exitCode: number, warn: (text: string) => void): void {
  if (current && !current.signal.aborted) {
    warn('Interrupted: stopping after the current call and restoring the configuration (Ctrl-C again exits without restoring).\n');
    current.abort();
    return;
  }
  process.exit(exitCode);
}
