/**
 * Ctrl-C. A command that must clean up before it exits (lsf compare restores the functions'
 * configuration) runs under `interruptible` and receives the first Ctrl-C as an abort; a
 * second one, or one outside such a command, exits at once.
 */

/** What to tell the user on each Ctrl-C. */
export interface InterruptMessages {
  /** On the first Ctrl-C: what the command does before it exits. */
  readonly stopping: string;
  /** On the second: what is left undone, and how to undo it by hand. */
  readonly abandoned: string;
}

let current: { readonly controller: AbortController; readonly messages: InterruptMessages } | undefined;

/** Runs `work` with a signal that the next Ctrl-C aborts. */
export async function interruptible<T>(messages: InterruptMessages, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  current = { controller, messages };
  try {
    return await work(controller.signal);
  } finally {
    current = undefined;
  }
}

/** The SIGINT handler of the lsf process: abort the interruptible work, or exit. */
export function onInterrupt(exitCode: number, warn: (text: string) => void): void {
  if (current && !current.controller.signal.aborted) {
    warn(`${current.messages.stopping}\n`);
    current.controller.abort();
    return;
  }
  if (current) warn(`${current.messages.abandoned}\n`);
  process.exit(exitCode);
}
