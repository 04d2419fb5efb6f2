/** What the local benchmark's cost estimate assumes, printed with it. */
export interface CostAssumptions {
  readonly profile: string;
  readonly memorySize: number;
  readonly coldStartRatePercent: number;
}
