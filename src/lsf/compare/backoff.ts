import { setTimeout as sleep } from 'node:timers/promises';
import { RunFailure } from '../errors';

/** How long to keep retrying what Lambda refuses for now. */
export interface BackoffPolicy {
  /** First wait, in ms; each retry doubles it (with jitter), up to 20 s. */
  readonly baseMs: number;
  /** Retries before giving up. */
  readonly maxRetries: number;
  /** Error names retried besides throttling, conflicts and 5xx (lsf fleet: LimitExceededException, too many queries at once). */
  readonly alsoRetry?: readonly string[];
  /** What to do when the retries run out. @default advice for a throttled or updating function */
  readonly advice?: string;
}

// Refusals that end by themselves: throttling, a configuration update still in progress, a Lambda-side failure.
const RETRYABLE = new Set(['TooManyRequestsException', 'ResourceConflictException', 'ServiceException', 'ThrottlingException']);
const MAX_WAIT_MS = 20_000;

/** How the waits between retries are taken: the real timer and Math.random, unless a test gives its own. */
export interface BackoffClock {
  readonly sleep: (ms: number) => Promise<unknown>;
  /** A number in [0, 1), as Math.random. */
  readonly random: () => number;
}

const REAL_CLOCK: BackoffClock = { sleep: (ms) => sleep(ms), random: () => Math.random() };

/**
 * Calls `call`, retrying throttling (429), conflicts with an update in progress (409) and 5xx
 * with exponential backoff and jitter. `onRetry` hears each retry's error name.
 * @throws RunFailure when the retries run out; other errors as they are
 */
export async function withBackoff<T>(what: string, call: () => Promise<T>, policy: BackoffPolicy, onRetry: (errorName: string) => void,
  clock: BackoffClock = REAL_CLOCK): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isRetryable(error) && !policy.alsoRetry?.includes((error as Error).name)) throw error;
      const name = (error as Error).name;
      if (attempt >= policy.maxRetries) {
        throw new RunFailure(`${what}: still refused with ${name} after ${policy.maxRetries} retries (${(error as Error).message}). `
          + (policy.advice ?? 'Wait until other traffic or a deployment on the function ends, raise its concurrency, or retry with more --max-retries.'));
      }
      onRetry(name);
      const ceiling = Math.min(MAX_WAIT_MS, policy.baseMs * 2 ** attempt);
      await clock.sleep(ceiling / 2 + clock.random() * ceiling / 2);
    }
  }
}

function isRetryable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
  return RETRYABLE.has(error.name) || status === 429 || status >= 500;
}
