import { Duration } from 'aws-cdk-lib';
import { LatencyProfile } from '../src';

describe('LatencyProfile presets', () => {
  test.each([
    ['REAL_TIME_API', LatencyProfile.REAL_TIME_API, 'real-time-api', 1769, 5, 100, 50, 1],
    ['USER_FACING_VALIDATION', LatencyProfile.USER_FACING_VALIDATION, 'user-facing-validation', 512, 3, 150, 25, 5],
    ['HIGH_FREQUENCY', LatencyProfile.HIGH_FREQUENCY, 'high-frequency', 256, 3, 200, 20, 1],
    ['COST_SENSITIVE', LatencyProfile.COST_SENSITIVE, 'cost-sensitive', 128, 10, 300, 100, 10],
  ])('%s carries its numbers', (_, profile, name, memory, timeoutSeconds, coldMs, warmMs, rate) => {
    expect(profile.name).toBe(name);
    expect(profile.memorySize).toBe(memory);
    expect(profile.timeout.toSeconds()).toBe(timeoutSeconds);
    expect(profile.coldStartBudget.toMilliseconds()).toBe(coldMs);
    expect(profile.warmLatencyBudget.toMilliseconds()).toBe(warmMs);
    expect(profile.maxColdStartRatePercent).toBe(rate);
  });
});

describe('LatencyProfile.custom', () => {
  test('fills what is not given from USER_FACING_VALIDATION', () => {
    const profile = LatencyProfile.custom({ memorySize: 1024 });
    expect(profile.name).toBe('custom');
    expect(profile.memorySize).toBe(1024);
    expect(profile.timeout.toSeconds()).toBe(3);
    expect(profile.coldStartBudget.toMilliseconds()).toBe(150);
    expect(profile.warmLatencyBudget.toMilliseconds()).toBe(25);
    expect(profile.maxColdStartRatePercent).toBe(5);
  });

  test('called without options (from JavaScript) names the options', () => {
    expect(() => LatencyProfile.custom(undefined as any)).toThrow(/^LatencyProfile\.custom: invalid `options`: they are required/);
  });

  test('fills what is not given from basedOn', () => {
    const profile = LatencyProfile.custom({
      basedOn: LatencyProfile.REAL_TIME_API,
      name: 'checkout-api',
      warmLatencyBudget: Duration.millis(30),
    });
    expect(profile.name).toBe('checkout-api');
    expect(profile.memorySize).toBe(1769);
    expect(profile.timeout.toSeconds()).toBe(5);
    expect(profile.warmLatencyBudget.toMilliseconds()).toBe(30);
    expect(profile.maxColdStartRatePercent).toBe(1);
  });

  test.each([
    [{ coldStartBudget: Duration.millis(0) }, /invalid `coldStartBudget`: must be a positive duration, got 0 millis/],
    [{ warmLatencyBudget: Duration.seconds(0) }, /invalid `warmLatencyBudget`: must be a positive duration/],
    [{ maxColdStartRatePercent: 0 }, /invalid `maxColdStartRatePercent`: must be a percentage above 0 and at most 100, got 0/],
    [{ maxColdStartRatePercent: 101 }, /invalid `maxColdStartRatePercent`: .* got 101/],
    [{ maxColdStartRatePercent: NaN }, /invalid `maxColdStartRatePercent`/],
    [{ memorySize: 64 }, /invalid `memorySize`: Lambda memory must be a whole number of MB from 128 to 10240, got 64/],
    [{ memorySize: 10241 }, /invalid `memorySize`/],
    [{ timeout: Duration.minutes(16) }, /invalid `timeout`: Lambda timeouts are whole seconds from 1 to 900, got 16 minutes/],
    [{ timeout: Duration.millis(500) }, /invalid `timeout`/],
    [{ name: 'has spaces' }, /invalid `name`/],
  ])('rejects %p', (options, message) => {
    expect(() => LatencyProfile.custom(options)).toThrow(message);
    expect(() => LatencyProfile.custom(options)).toThrow(/^LatencyProfile\.custom: /);
  });

  // Counter-examples of the property tests: wrong types from JavaScript, and an infinite budget.
  test.each<[object, RegExp]>([
    [{ basedOn: 'PT3S' }, /^LatencyProfile\.custom: invalid `basedOn`: must be a LatencyProfile, got 'PT3S'\. Use a preset/],
    [{ name: true }, /^LatencyProfile\.custom: invalid `name`: true is not 1-64 letters/],
    [{ timeout: { amount: 3, unit: 'seconds' } }, /^LatencyProfile\.custom: invalid `timeout`: must be a Duration, got an object\. Use e\.g\. Duration\.seconds\(3\)/],
    [{ coldStartBudget: 'arm64' }, /^LatencyProfile\.custom: invalid `coldStartBudget`: must be a Duration, got 'arm64'/],
    [{ warmLatencyBudget: Duration.millis(Infinity) }, /^LatencyProfile\.custom: invalid `warmLatencyBudget`: must be a positive duration, got Infinity days/],
  ])('rejects %p as our error, not a TypeError or an accepted value', (options, message) => {
    expect(() => LatencyProfile.custom(options as any)).toThrow(message);
  });

  test('null options (Python\'s None) are left out', () => {
    expect(LatencyProfile.custom({ basedOn: null, memorySize: null, timeout: null } as any)).toEqual(LatencyProfile.custom({}));
  });
});
