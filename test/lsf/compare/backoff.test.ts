import { BackoffClock, withBackoff } from '../../../src/lsf/compare/backoff';
import { RunFailure } from '../../../src/lsf/errors';

/** An error as the AWS SDK throws it: a name, and the HTTP status in $metadata. */
function awsError(name: string, status?: number, message = `${name} happened`): Error {
  const error = new Error(message);
  error.name = name;
  if (status !== undefined) Object.assign(error, { $metadata: { httpStatusCode: status } });
  return error;
}

/** A call that throws the given errors, one per attempt, then answers 'done'. */
function failingThen(...errors: unknown[]): jest.Mock<Promise<string>, []> {
  const call = jest.fn<Promise<string>, []>();
  for (const error of errors) call.mockRejectedValueOnce(error);
  call.mockResolvedValue('done');
  return call;
}

/** A clock that records each wait instead of waiting, with a fixed jitter draw. */
function fakeClock(random: number): BackoffClock & { readonly waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => { waits.push(ms); }, random: () => random };
}

const THROTTLED = awsError('TooManyRequestsException', 429);

describe('withBackoff', () => {
  test('a call that succeeds at once is called once and never waits', async () => {
    const clock = fakeClock(0);
    const onRetry = jest.fn();
    const call = failingThen();
    await expect(withBackoff('Invoking fn', call, { baseMs: 100, maxRetries: 3 }, onRetry, clock)).resolves.toBe('done');
    expect(call).toHaveBeenCalledTimes(1);
    expect(onRetry).not.toHaveBeenCalled();
    expect(clock.waits).toEqual([]);
  });

  test('the waits double from half the base (the least jitter): 50, 100, 200, 400 ms for a base of 100', async () => {
    const clock = fakeClock(0);
    const call = failingThen(THROTTLED, THROTTLED, THROTTLED, THROTTLED);
    await expect(withBackoff('Invoking fn', call, { baseMs: 100, maxRetries: 4 }, () => {}, clock)).resolves.toBe('done');
    expect(call).toHaveBeenCalledTimes(5);
    expect(clock.waits).toEqual([50, 100, 200, 400]);
  });

  test('jitter adds at most the other half: a draw of 0.5 waits 75, 150, 300 ms; a draw near 1 stays under the ceiling', async () => {
    const half = fakeClock(0.5);
    await withBackoff('Invoking fn', failingThen(THROTTLED, THROTTLED, THROTTLED), { baseMs: 100, maxRetries: 3 }, () => {}, half);
    expect(half.waits).toEqual([75, 150, 300]);

    const top = fakeClock(0.999);
    await withBackoff('Invoking fn', failingThen(THROTTLED, THROTTLED), { baseMs: 100, maxRetries: 3 }, () => {}, top);
    expect(top.waits[0]).toBeCloseTo(99.95, 6);
    expect(top.waits[1]).toBeCloseTo(199.9, 6);
    expect(top.waits.every((ms, i) => ms < 100 * 2 ** i && ms >= 50 * 2 ** i)).toBe(true);
  });

  test('the ceiling stops doubling at 20 s: base 4 s waits 2, 4, 8, then 10, 10 s with the least jitter', async () => {
    const clock = fakeClock(0);
    const call = failingThen(THROTTLED, THROTTLED, THROTTLED, THROTTLED, THROTTLED);
    await withBackoff('Invoking fn', call, { baseMs: 4000, maxRetries: 5 }, () => {}, clock);
    expect(clock.waits).toEqual([2000, 4000, 8000, 10_000, 10_000]);
  });

  test('each retry is reported with the name of the error that caused it, so that the caller can count them per name', async () => {
    const names: string[] = [];
    const call = failingThen(
      awsError('TooManyRequestsException', 429),
      awsError('ResourceConflictException', 409),
      awsError('ServiceException', 500),
      awsError('ThrottlingException', 400),
      awsError('TooManyRequestsException', 429),
    );
    await expect(withBackoff('Updating fn', call, { baseMs: 1, maxRetries: 5 }, (name) => names.push(name), fakeClock(0))).resolves.toBe('done');
    expect(names).toEqual(['TooManyRequestsException', 'ResourceConflictException', 'ServiceException', 'ThrottlingException', 'TooManyRequestsException']);
  });

  test('any error with HTTP status 429 or 5xx is retried whatever its name; a 4xx of another name is not', async () => {
    const names: string[] = [];
    const call = failingThen(awsError('SlowDown', 429), awsError('InternalFailure', 503), awsError('EC2ThrottledException', 502));
    await expect(withBackoff('Invoking fn', call, { baseMs: 1, maxRetries: 3 }, (name) => names.push(name), fakeClock(0))).resolves.toBe('done');
    expect(names).toEqual(['SlowDown', 'InternalFailure', 'EC2ThrottledException']);

    const notFound = awsError('ResourceNotFoundException', 404);
    const refused = failingThen(notFound);
    const onRetry = jest.fn();
    await expect(withBackoff('Invoking fn', refused, { baseMs: 1, maxRetries: 3 }, onRetry, fakeClock(0))).rejects.toBe(notFound);
    expect(refused).toHaveBeenCalledTimes(1);
    expect(onRetry).not.toHaveBeenCalled();
  });

  test('an error that is not retryable, or not an Error at all, is thrown as it is, at once', async () => {
    const typeError = new TypeError('x is undefined');
    await expect(withBackoff('Invoking fn', failingThen(typeError), { baseMs: 1, maxRetries: 3 }, () => {}, fakeClock(0))).rejects.toBe(typeError);
    // A plain object shaped like a throttle is not an Error: not retried.
    const shaped = { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } };
    const call = failingThen(shaped);
    await expect(withBackoff('Invoking fn', call, { baseMs: 1, maxRetries: 3 }, () => {}, fakeClock(0))).rejects.toBe(shaped);
    expect(call).toHaveBeenCalledTimes(1);
  });

  test('after maxRetries retries it gives up with a RunFailure naming the call, the error and the fix', async () => {
    const clock = fakeClock(0);
    const onRetry = jest.fn();
    const call = jest.fn<Promise<string>, []>().mockRejectedValue(awsError('TooManyRequestsException', 429, 'Rate exceeded'));
    const run = withBackoff('Invoking my-function', call, { baseMs: 10, maxRetries: 2 }, onRetry, clock);
    await expect(run).rejects.toThrow(RunFailure);
    await expect(run).rejects.toThrow('Invoking my-function: still refused with TooManyRequestsException after 2 retries (Rate exceeded). '
      + 'Wait until other traffic or a deployment on the function ends, raise its concurrency, or retry with more --max-retries.');
    // The first call and two retries; the give-up itself neither reports a retry nor waits.
    expect(call).toHaveBeenCalledTimes(3);
    expect(onRetry).toHaveBeenCalledTimes(2);
    expect(clock.waits).toEqual([5, 10]);
  });

  test('with no retries allowed, the first refusal is already the RunFailure', async () => {
    const clock = fakeClock(0);
    const call = failingThen(awsError('ResourceConflictException', 409, 'An update is in progress'));
    await expect(withBackoff('Updating twin', call, { baseMs: 10, maxRetries: 0 }, () => {}, clock))
      .rejects.toThrow('Updating twin: still refused with ResourceConflictException after 0 retries (An update is in progress).');
    expect(call).toHaveBeenCalledTimes(1);
    expect(clock.waits).toEqual([]);
  });

  test('without a clock it waits on the real timer: a base of 2 ms retries in a few ms', async () => {
    const call = failingThen(THROTTLED);
    await expect(withBackoff('Invoking fn', call, { baseMs: 2, maxRetries: 1 }, () => {})).resolves.toBe('done');
    expect(call).toHaveBeenCalledTimes(2);
  });
});
