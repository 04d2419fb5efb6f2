import { RunFailure } from '../../errors';

/** The ways a runtime can fail a benchmark. */
export type FaultKind =
  /** The process ended before it asked for its first event. */
  | 'init-exit'
  /** The runtime posted to /runtime/init/error. */
  | 'init-error'
  /** The runtime did not ask for its first event within the init timeout. */
  | 'init-timeout'
  /** The handler posted to /runtime/invocation/{id}/error. */
  | 'handler-error'
  /** The handler did not answer before the invocation's deadline. */
  | 'timeout'
  /** The handler answered with a body that is not JSON. */
  | 'invalid-json'
  /** The process ended while it had work to do. */
  | 'exit'
  /** The runtime broke the Runtime API protocol (garbage on the socket, unknown endpoint). */
  | 'protocol';

/** A runtime that did not do its job, with the last output it wrote. */
export class RuntimeFault extends RunFailure {
  constructor(
    public readonly runtime: string,
    public readonly kind: FaultKind,
    public readonly detail: string,
    public readonly outputTail: string,
    /** What to do about it, when the fault says (a handler name the module does not export). */
    public readonly hint?: string,
  ) {
    super(`${runtime}: ${kind}: ${detail}${outputTail ? `\n${outputTail}` : '\n(no output)'}${hint ? `\n${hint}` : ''}`);
    this.name = 'RuntimeFault';
  }
}
