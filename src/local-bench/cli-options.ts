import { InvalidArgumentError } from 'commander';
import { LatencyProfile } from '../latency-profile';

const PROFILES: readonly LatencyProfile[] = [
  LatencyProfile.REAL_TIME_API,
  LatencyProfile.USER_FACING_VALIDATION,
  LatencyProfile.HIGH_FREQUENCY,
  LatencyProfile.COST_SENSITIVE,
];

/** A commander argument parser for a whole number in [min, max], named in its error. */
export function wholeNumber(name: string, min: number, max: number, why: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max} (${why}), got "${value}".`);
    }
    return n;
  };
}

/** A percentage from 0 to 100. */
export function percentage(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) {
    throw new InvalidArgumentError(`the cold-start rate must be a percentage from 0 to 100, got "${value}".`);
  }
  return n;
}

/** A latency profile by name: `user-facing-validation` or `USER_FACING_VALIDATION`. */
export function profileNamed(value: string): LatencyProfile {
  const wanted = value.toLowerCase().replace(/_/g, '-');
  const profile = PROFILES.find((p) => p.name === wanted);
  if (!profile) {
    throw new InvalidArgumentError(`unknown profile "${value}"; use one of ${PROFILES.map((p) => p.name).join(', ')}.`);
  }
  return profile;
}
