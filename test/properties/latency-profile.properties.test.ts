import * as fc from 'fast-check';
import { badCustomProfileOptions, customProfileOptions } from './arbitraries';
import { expectPropError, PROPERTY_TIMEOUT_MS, runs } from './settings';
import { CustomLatencyProfileOptions, LatencyProfile } from '../../src';
import { LAMBDA_MEMORY_MB, LAMBDA_TIMEOUT_SECONDS } from '../../src/private/checks/lambda-limits';

describe('LatencyProfile.custom properties', () => {
  test('takes every option given and the rest from basedOn, inside Lambda\'s limits', () => {
    fc.assert(fc.property(customProfileOptions, (options) => {
      const profile = LatencyProfile.custom(options);
      const base = options.basedOn ?? LatencyProfile.USER_FACING_VALIDATION;
      expect(profile.name).toBe(options.name ?? 'custom');
      expect(profile.memorySize).toBe(options.memorySize ?? base.memorySize);
      expect(profile.timeout).toBe(options.timeout ?? base.timeout);
      expect(profile.coldStartBudget).toBe(options.coldStartBudget ?? base.coldStartBudget);
      expect(profile.warmLatencyBudget).toBe(options.warmLatencyBudget ?? base.warmLatencyBudget);
      expect(profile.maxColdStartRatePercent).toBe(options.maxColdStartRatePercent ?? base.maxColdStartRatePercent);

      expect(Number.isInteger(profile.memorySize)).toBe(true);
      expect(profile.memorySize).toBeGreaterThanOrEqual(LAMBDA_MEMORY_MB.min);
      expect(profile.memorySize).toBeLessThanOrEqual(LAMBDA_MEMORY_MB.max);
      const seconds = profile.timeout.toSeconds();
      expect(seconds).toBeGreaterThanOrEqual(LAMBDA_TIMEOUT_SECONDS.min);
      expect(seconds).toBeLessThanOrEqual(LAMBDA_TIMEOUT_SECONDS.max);
      expect(profile.coldStartBudget.toMilliseconds({ integral: false })).toBeGreaterThan(0);
      expect(profile.warmLatencyBudget.toMilliseconds({ integral: false })).toBeGreaterThan(0);
    }), runs(2000));
  }, PROPERTY_TIMEOUT_MS);

  test('null for an option, as from Python\'s None, is the same as leaving it out', () => {
    fc.assert(fc.property(customProfileOptions, fc.constantFrom<keyof CustomLatencyProfileOptions>(
      'basedOn', 'name', 'memorySize', 'timeout', 'coldStartBudget', 'warmLatencyBudget', 'maxColdStartRatePercent'), (options, key) => {
      const { [key]: _, ...without } = options;
      expect(LatencyProfile.custom({ ...options, [key]: null })).toEqual(LatencyProfile.custom(without));
    }), runs(1000));
  }, PROPERTY_TIMEOUT_MS);

  test('rejects any one broken option with our error naming it', () => {
    fc.assert(fc.property(badCustomProfileOptions, ({ options, broken }) => {
      expectPropError(() => LatencyProfile.custom(options), /LatencyProfile\.custom/, broken.prop);
    }), runs(2000));
  }, PROPERTY_TIMEOUT_MS);
});
