/** What the local benchmark's cost estimate assumes, printed with it. */
export interface CostAssumptions {
  readonly profile: string;
  readonly memorySize: number;
  /** `arm64` or `x86_64`: the deployed architecture, whose prices apply. */
  readonly architecture: string;
  readonly coldStartRatePercent: number;
  /** The traffic at which hiding the twins' cold starts is priced (--rps). */
  readonly requestsPerSecond: number;
}
