import { SingleBar } from 'cli-progress';
import { CliIo } from './cli-io';

/** The progress of a run on stderr, with the phase it is in; silent when stderr is not a terminal. */
export class ProgressBar {
  private readonly bar?: SingleBar;

  constructor(io: CliIo) {
    this.bar = io.progress ? new SingleBar({ format: '{bar} {percentage}% | {value}/{total} | {phase}', hideCursor: true, clearOnComplete: true }) : undefined;
  }

  /** Shows the bar before the total is known. */
  public start(phase: string): void {
    this.bar?.start(1, 0, { phase });
  }

  /** A run's onProgress: `done` of `total` units, in `phase`. */
  public readonly update = (done: number, total: number, phase: string): void => {
    this.bar?.setTotal(total);
    this.bar?.update(done, { phase });
  };

  public stop(): void {
    this.bar?.stop();
  }
}
