/** Where the CLI writes: the process's streams, or a test's buffers. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Show a progress bar (only on a terminal). */
  readonly progress: boolean;
}
