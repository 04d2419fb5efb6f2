import { distribution } from '../../../src/lsf/report/distribution';

/** Percentiles interpolate linearly between ranks (numpy's default): the q-th of n sorted values is at index (n - 1) * q. */
describe('distribution', () => {
  test('five samples, unsorted: p50 the middle one, p95 and p99 between the two largest', () => {
    const d = distribution([5, 1, 4, 2, 3]);
    expect(d.p50).toBe(3);
    // index 4 * 0.95 = 3.8: 4 + 0.8 * (5 - 4)
    expect(d.p95).toBeCloseTo(4.8, 12);
    // index 4 * 0.99 = 3.96: 4 + 0.96 * (5 - 4)
    expect(d.p99).toBeCloseTo(4.96, 12);
    expect(d.mean).toBe(3);
    expect(d.count).toBe(5);
  });

  test('1 to 100: p50 50.5, p95 95.05, p99 99.01, mean 50.5', () => {
    const d = distribution(Array.from({ length: 100 }, (_, i) => 100 - i));
    expect(d.p50).toBeCloseTo(50.5, 12);
    expect(d.p95).toBeCloseTo(95.05, 12);
    expect(d.p99).toBeCloseTo(99.01, 12);
    expect(d.mean).toBe(50.5);
    expect(d.count).toBe(100);
  });

  test('an even count interpolates the median between the middle two: 2, 4, 10, 20 has p50 7', () => {
    const d = distribution([20, 2, 10, 4]);
    expect(d.p50).toBe(7);
    // index 3 * 0.95 = 2.85: 10 + 0.85 * 10
    expect(d.p95).toBeCloseTo(18.5, 12);
    expect(d.mean).toBe(9);
  });

  test('sorts as numbers, not as text: 9, 10, 100 has p50 10', () => {
    expect(distribution([10, 100, 9]).p50).toBe(10);
  });

  test('one sample is every percentile and the mean', () => {
    expect(distribution([7.25])).toEqual({ p50: 7.25, p95: 7.25, p99: 7.25, mean: 7.25, count: 1 });
  });

  test('one slow outlier in twenty: it moves p99 and the mean, barely p50', () => {
    const d = distribution([...Array<number>(19).fill(1), 101]);
    expect(d.p50).toBe(1);
    // index 19 * 0.95 = 18.05: 1 + 0.05 * 100
    expect(d.p95).toBeCloseTo(6, 12);
    // index 19 * 0.99 = 18.81: 1 + 0.81 * 100
    expect(d.p99).toBeCloseTo(82, 12);
    expect(d.mean).toBe(6);
  });

  test('leaves the caller\'s array as it was', () => {
    const samples = [3, 1, 2];
    distribution(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  test('an empty sample has no percentiles: it throws', () => {
    expect(() => distribution([])).toThrow();
  });
});
