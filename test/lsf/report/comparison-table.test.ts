import { summaryRow } from './summary-rows';
import { formatMs, renderComparisonTable, twinRatioLines } from '../../../src/lsf/report/comparison-table';

const RUST = summaryRow('rust', 'rust', {
  init: [1.234, 2.5], firstResponse: 3.456, warm: [0.5, 0.75], costPerMillion: 0.2083, maxMemoryMb: 3.25, packageBytes: 1536 * 1024,
});
const PYTHON = summaryRow('python', 'twin', { init: [123.4, 150.6], firstResponse: 130, warm: [12.34, 15.5], costPerMillion: 0.4, packageBytes: 20_480 });
const FLOOR = summaryRow('floor', 'floor', { init: [0.617, 0.7], warm: [0.1, 0.2], costPerMillion: 0.2 });

describe('formatMs', () => {
  test.each([
    [0, '0.00 ms'], [0.004, '0.00 ms'], [1.234, '1.23 ms'], [9.994, '9.99 ms'],
    // Rounded up into the next band: as many digits as the band shows.
    [9.999, '10.0 ms'], [10, '10.0 ms'], [12.34, '12.3 ms'], [99.94, '99.9 ms'], [99.96, '100 ms'], [100, '100 ms'], [150.5, '151 ms'], [12_345.6, '12346 ms'],
  ])('%d is %s', (value, text) => {
    expect(formatMs(value)).toBe(text);
  });
});

describe('renderComparisonTable', () => {
  test('one row per runtime, exactly: ms to three digits, memory to a tenth, package in KB or MB, cost in cents, - for what was not measured', () => {
    expect(renderComparisonTable([RUST, PYTHON], { memory: 'Max RSS', package: 'Package' }).split('\n')).toEqual([
      '┌─────────┬──────────────────────┬────────────────────┬───────────────────┬─────────────────┬─────────┬─────────┬─────────────┐',
      '│ Runtime │ Cold start p50 / p95 │ First response p50 │ Warm p50 / p95    │ Cold-start gap  │ Max RSS │ Package │ Cost per 1M │',
      '├─────────┼──────────────────────┼────────────────────┼───────────────────┼─────────────────┼─────────┼─────────┼─────────────┤',
      '│ rust    │ 1.23 ms / 2.50 ms    │ 3.46 ms            │ 0.50 ms / 0.75 ms │ 2.96 ms penalty │ 3.3 MB  │ 1.5 MB  │ $0.21       │',
      '├─────────┼──────────────────────┼────────────────────┼───────────────────┼─────────────────┼─────────┼─────────┼─────────────┤',
      '│ python  │ 123 ms / 151 ms      │ 130 ms             │ 12.3 ms / 15.5 ms │ 118 ms penalty  │ -       │ 20 KB   │ $0.40       │',
      '└─────────┴──────────────────────┴────────────────────┴───────────────────┴─────────────────┴─────────┴─────────┴─────────────┘',
    ]);
  });

  test('the memory and package columns are named as the caller says (Lambda\'s words for lsf compare)', () => {
    const header = renderComparisonTable([RUST], { memory: 'Max memory used', package: 'Code size' }).split('\n')[1];
    expect(header).toBe('│ Runtime │ Cold start p50 / p95 │ First response p50 │ Warm p50 / p95    │ Cold-start gap  │ Max memory used │ Code size │ Cost per 1M │');
  });

  test('a package just under 1 MB is in KB; 1 MB and over in MB', () => {
    const at = (packageBytes: number) => renderComparisonTable([{ ...RUST, packageBytes }], { memory: 'M', package: 'P' }).split('\n')[3];
    expect(at(1024 * 1024 - 1)).toContain('│ 1024 KB │');
    expect(at(1024 * 1024)).toContain('│ 1.0 MB │');
    expect(at(511)).toContain('│ 0 KB │');
  });
});

describe('twinRatioLines', () => {
  test('Rust over each twin, as a fraction and as 1/n: 1.234 / 123.4 is 0.010 (1/100.0)', () => {
    expect(twinRatioLines([RUST, PYTHON, FLOOR])).toEqual([
      'Rust / python: cold start 0.010 (1/100.0), first response 0.027 (1/37.6), warm 0.041 (1/24.7), cost 0.521 (1/1.9)',
    ]);
  });

  test('one line per twin, in their order; none for the floor', () => {
    const node = { ...PYTHON, name: 'node', init: { ...PYTHON.init, p50: 61.7 } };
    expect(twinRatioLines([FLOOR, PYTHON, RUST, node]).map((line) => line.split(':')[0])).toEqual(['Rust / python', 'Rust / node']);
    expect(twinRatioLines([FLOOR, PYTHON, RUST, node])[1]).toMatch(/^Rust \/ node: cold start 0\.020 \(1\/50\.0\), /);
  });

  test('without a Rust row, no lines', () => {
    expect(twinRatioLines([PYTHON, FLOOR])).toEqual([]);
  });
});
