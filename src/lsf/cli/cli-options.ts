import { InvalidArgumentError, Option } from 'commander';
import { LatencyProfile } from '../../latency-profile';
import { DEFAULT_REQUESTS_PER_SECOND } from '../report/cold-start-hiding';

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

/** An unsigned decimal: `5`, `0.5`, `.5`, `5.`, `1e-1`; not Number's other spellings (`0x10` is 16, `0b1` 1, `0o7` 7). */
const DECIMAL = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** `--cold-start-rate`: a percentage from 0 to 100, written as a decimal. */
export function percentage(value: string): number {
  const text = value.trim();
  const n = Number(text);
  if (!DECIMAL.test(text) || n > 100) {
    throw new InvalidArgumentError(`--cold-start-rate must be a percentage from 0 to 100, as a decimal such as 5 or 0.5, got "${value}".`);
  }
  return n;
}

/** `--rps`: a request rate above 0, written as a decimal. */
export function requestsPerSecond(value: string): number {
  const text = value.trim();
  const n = Number(text);
  if (!DECIMAL.test(text) || !(n > 0) || !Number.isFinite(n)) {
    throw new InvalidArgumentError(`--rps must be a number of requests per second above 0, as a decimal such as 10 or 0.5, got "${value}".`);
  }
  return n;
}

/** `--rps`, shared by lsf bench and lsf compare: the traffic of the cold-start-hiding block. */
export function rpsOption(): Option {
  return new Option('--rps <n>', 'requests per second at which the report prices hiding the twins\' cold starts with provisioned concurrency; '
    + `the default, ${DEFAULT_REQUESTS_PER_SECOND}, is a steady user-facing API (26M requests a month): give your peak`)
    .argParser(requestsPerSecond).default(DEFAULT_REQUESTS_PER_SECOND);
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

/** An http(s) URL, as an endpoint override. */
export function endpointUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`--endpoint-url must be a URL such as http://127.0.0.1:4566, got "${value}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError(`--endpoint-url must be an http:// or https:// URL, got "${value}".`);
  }
  return value;
}

/** An AWS region name such as eu-west-1. */
export function regionName(value: string): string {
  if (!/^[a-z]{2}(-[a-z0-9]+)+$/.test(value)) {
    throw new InvalidArgumentError(`--region must be a region name such as us-east-1 or eu-west-1, got "${value}".`);
  }
  return value;
}

const MAX_SWEEP_SIZES = 8;

/** `--memory 128,512,1769`: Lambda memory sizes (whole MB, 128-10240), at most eight, each once. */
export function memorySizes(value: string): number[] {
  const parts = value.split(',').map((part) => part.trim());
  const sizes = parts.map((part) => {
    const n = Number(part);
    if (!/^\d+$/.test(part) || n < 128 || n > 10240) {
      throw new InvalidArgumentError(`--memory takes Lambda memory sizes in whole MB from 128 to 10240, separated by commas (e.g. 128,512,1769); "${part}" is not one.`);
    }
    return n;
  });
  if (new Set(sizes).size !== sizes.length) throw new InvalidArgumentError(`--memory names a size twice: "${value}".`);
  if (sizes.length > MAX_SWEEP_SIZES) {
    throw new InvalidArgumentError(`--memory takes at most ${MAX_SWEEP_SIZES} sizes (every runtime runs at every size), got ${sizes.length}.`);
  }
  return sizes;
}

/** A time window back from now, as `--since` takes it. */
export interface SinceWindow {
  /** As the user wrote it: `7d`. */
  readonly text: string;
  readonly ms: number;
}

const SINCE_UNITS_MS: Readonly<Record<string, number>> = { d: 86_400_000, h: 3_600_000, m: 60_000 };
// Logs Insights reaches as far back as the log groups keep events; a year bounds the query's cost.
const MAX_SINCE_MS = 365 * 86_400_000;

/** `--since 7d`, `12h`, `30m`: a whole number of days, hours or minutes, from 1 minute to 365 days. */
export function sinceDuration(value: string): SinceWindow {
  const match = /^(\d+)([dhm])$/.exec(value.trim());
  const ms = match ? Number(match[1]) * SINCE_UNITS_MS[match[2]] : NaN;
  if (!match || !(ms >= SINCE_UNITS_MS.m && ms <= MAX_SINCE_MS)) {
    throw new InvalidArgumentError(`--since must be a duration: a whole number of days, hours or minutes such as 7d, 12h or 30m, from 1m to 365d, got "${value}".`);
  }
  return { text: value.trim(), ms };
}
