/**
 * How a {@link LatencyChecks} finding is reported at synth.
 */
export class LatencyCheckLevel {
  /** A synth error: `cdk synth` and `cdk deploy` stop until it is fixed or acknowledged. */
  public static readonly ERROR = new LatencyCheckLevel('error');

  /** A synth warning: shown, and failing only `cdk synth --strict`. */
  public static readonly WARNING = new LatencyCheckLevel('warning');

  private constructor(
    /** 'error' or 'warning'. */
    public readonly name: string,
  ) {}
}
