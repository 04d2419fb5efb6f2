import { budgetLines, checkBudgets } from '../../../src/lsf/bench/budget-gate';
import { summaryRow } from '../report/summary-rows';

const BUDGETS = { profile: 'user-facing-validation', coldStartMs: 150, warmLatencyMs: 10 };

/** Rust with the given init and warm p99; p50 and p95 well under both budgets, so that only p99 can decide. */
const rust = (initP99: number, warmP99: number) => summaryRow('rust', 'rust', { init: [1, 2], warm: [0.5, 1], costPerMillion: 0.2, initP99, warmP99 });

describe('checkBudgets', () => {
  test('init p99 against the cold-start budget, warm p99 against the warm-latency budget', () => {
    expect(checkBudgets([rust(3.1, 12.5)], BUDGETS)).toEqual([
      { budget: 'cold-start budget (init p99)', limitMs: 150, measuredMs: 3.1, met: true },
      { budget: 'warm-latency budget (warm p99)', limitMs: 10, measuredMs: 12.5, met: false },
    ]);
  });

  test('a p99 equal to the budget meets it; a hair over does not', () => {
    expect(checkBudgets([rust(150, 10)], BUDGETS).map((c) => c.met)).toEqual([true, true]);
    expect(checkBudgets([rust(150.001, 10.001)], BUDGETS).map((c) => c.met)).toEqual([false, false]);
  });

  test('only the Rust row is held to the budgets, wherever it is; the twins and the floor are not', () => {
    const slowTwin = summaryRow('python', 'twin', { init: [900, 990], warm: [50, 80], costPerMillion: 1, initP99: 999, warmP99: 99 });
    const floor = summaryRow('floor', 'floor', { init: [0.5, 0.6], warm: [0.1, 0.1], costPerMillion: 0.2, initP99: 0.7, warmP99: 0.2 });
    expect(checkBudgets([slowTwin, floor, rust(140, 9)], BUDGETS).map((c) => [c.measuredMs, c.met])).toEqual([[140, true], [9, true]]);
  });

  test('without a Rust row, nothing to check', () => {
    expect(checkBudgets([summaryRow('node', 'twin', { init: [1, 2], warm: [1, 2], costPerMillion: 0.2 })], BUDGETS)).toEqual([]);
  });
});

describe('budgetLines', () => {
  test('one line per check: met or EXCEEDED, the measured figure, the budget', () => {
    expect(budgetLines(checkBudgets([rust(3.1, 12.5)], BUDGETS), 'user-facing-validation')).toEqual([
      'Budget: rust cold-start budget (init p99) of profile user-facing-validation: met (3.10 ms, budget 150 ms)',
      'Budget: rust warm-latency budget (warm p99) of profile user-facing-validation: EXCEEDED (12.5 ms, budget 10.0 ms)',
    ]);
  });

  test('no checks, no lines', () => {
    expect(budgetLines([], 'real-time-api')).toEqual([]);
  });
});
