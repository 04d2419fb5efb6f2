import { formatMs } from '../report/comparison-table';
import { RuntimeSummary } from '../report/runtime-summary';

/** The latency budgets of a function's profile, in ms. */
export interface Budgets {
  readonly profile: string;
  readonly coldStartMs: number;
  readonly warmLatencyMs: number;
}

/** One budget held against the Rust row. */
export interface BudgetCheck {
  /** e.g. `cold-start budget (init p99)`. */
  readonly budget: string;
  readonly limitMs: number;
  readonly measuredMs: number;
  readonly met: boolean;
}

/**
 * The Rust row at the function's own memory against its profile's budgets: the cold-start
 * budget holds the init p99 (what the cold-start alarm watches), the warm-latency budget the
 * warm p99 (the `Duration` alarm).
 */
export function checkBudgets(runtimes: readonly RuntimeSummary[], budgets: Budgets): BudgetCheck[] {
  const rust = runtimes.find((r) => r.role === 'rust');
  if (!rust) return [];
  return [
    { budget: 'cold-start budget (init p99)', limitMs: budgets.coldStartMs, measuredMs: rust.init.p99, met: rust.init.p99 <= budgets.coldStartMs },
    { budget: 'warm-latency budget (warm p99)', limitMs: budgets.warmLatencyMs, measuredMs: rust.warm.p99, met: rust.warm.p99 <= budgets.warmLatencyMs },
  ];
}

/** `Budget: cold-start budget (init p99) of profile x: met (3.1 ms, budget 150 ms)`. */
export function budgetLines(checks: readonly BudgetCheck[], profile: string): string[] {
  return checks.map((c) => `Budget: rust ${c.budget} of profile ${profile}: ${c.met ? 'met' : 'EXCEEDED'} (${formatMs(c.measuredMs)}, budget ${formatMs(c.limitMs)})`);
}
