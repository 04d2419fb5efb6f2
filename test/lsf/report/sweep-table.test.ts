import { summaryRow } from './summary-rows';
import { renderSweepTable } from '../../../src/lsf/report/sweep-table';

const rust = (warmP50: number, cost: number) => summaryRow('rust', 'rust', { init: [1.234, 2], firstResponse: 2.5, warm: [warmP50, warmP50 * 2], costPerMillion: cost });
const python = (warmP50: number, cost: number) => summaryRow('python', 'twin', { init: [150, 180], firstResponse: 160.4, warm: [warmP50, warmP50 * 1.5], costPerMillion: cost });

describe('renderSweepTable', () => {
  test('one row per runtime and size, runtime by runtime; the CPU share to a thousandth; the choices marked, both on one size', () => {
    const table = renderSweepTable({
      points: [
        { memorySize: 128, vcpus: 128 / 1769, runtimes: [rust(0.8, 0.21), python(24, 0.26)] },
        { memorySize: 1769, vcpus: 1, runtimes: [rust(0.5, 0.22), python(3.2, 0.27)] },
      ],
      choices: [{ runtime: 'rust', cheapest: 128, balanced: 128 }, { runtime: 'python', cheapest: 128, balanced: 1769 }],
    });
    expect(table.split('\n')).toEqual([
      '┌─────────┬─────────┬────────────┬────────────────┬────────────────────┬───────────────────┬─────────────┬────────────────────┐',
      '│ Runtime │ Memory  │ CPU share  │ Cold start p50 │ First response p50 │ Warm p50 / p95    │ Cost per 1M │ Choice             │',
      '├─────────┼─────────┼────────────┼────────────────┼────────────────────┼───────────────────┼─────────────┼────────────────────┤',
      '│ rust    │ 128 MB  │ 0.072 vCPU │ 1.23 ms        │ 2.50 ms            │ 0.80 ms / 1.60 ms │ $0.21       │ cheapest, balanced │',
      '├─────────┼─────────┼────────────┼────────────────┼────────────────────┼───────────────────┼─────────────┼────────────────────┤',
      '│ rust    │ 1769 MB │ 1.000 vCPU │ 1.23 ms        │ 2.50 ms            │ 0.50 ms / 1.00 ms │ $0.22       │                    │',
      '├─────────┼─────────┼────────────┼────────────────┼────────────────────┼───────────────────┼─────────────┼────────────────────┤',
      '│ python  │ 128 MB  │ 0.072 vCPU │ 150 ms         │ 160 ms             │ 24.0 ms / 36.0 ms │ $0.26       │ cheapest           │',
      '├─────────┼─────────┼────────────┼────────────────┼────────────────────┼───────────────────┼─────────────┼────────────────────┤',
      '│ python  │ 1769 MB │ 1.000 vCPU │ 150 ms         │ 160 ms             │ 3.20 ms / 4.80 ms │ $0.27       │ balanced           │',
      '└─────────┴─────────┴────────────┴────────────────┴────────────────────┴───────────────────┴─────────────┴────────────────────┘',
    ]);
  });
});
