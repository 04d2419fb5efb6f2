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
