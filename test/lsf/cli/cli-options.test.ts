import { InvalidArgumentError } from 'commander';
import { LatencyProfile } from '../../../src/latency-profile';
import { endpointUrl, memorySizes, percentage, profileNamed, regionName, wholeNumber } from '../../../src/lsf/cli/cli-options';

/**
 * Worked examples of the option parsers, with the exact messages a user reads. The properties
 * (test/properties/cli-options.properties.test.ts) explore which spellings are accepted; these
 * pin the boundaries of each range and the words of each refusal.
 */
function refusal(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    return error.message;
  }
  throw new Error('accepted');
}

describe('wholeNumber', () => {
  const cold = wholeNumber('--cold N', 1, 500, 'cold starts per runtime');

  test.each([
    ['1', 1], ['500', 500], ['050', 50], [' 7\t', 7],
  ])('"%s" is %d (both ends of the range are in)', (text, n) => {
    expect(cold(text)).toBe(n);
  });

  test.each(['0', '501', '-1', '+5', '2.5', '5.', '1e2', '0x10', '', ' ', 'ten', '5 5'])('"%s" is refused with the range and why', (text) => {
    expect(refusal(() => cold(text))).toBe(`--cold N must be a whole number from 1 to 500 (cold starts per runtime), got "${text}".`);
  });

  test('a range from 0 takes 0 (--max-retries 0: no retries)', () => {
    expect(wholeNumber('--max-retries n', 0, 50, 'retries per call')('0')).toBe(0);
  });

  test('digits beyond the safe integers are refused rather than rounded', () => {
    const any = wholeNumber('--warm M', 0, Number.MAX_VALUE, 'warm invocations');
    expect(any('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(refusal(() => any('9007199254740993'))).toMatch(/^--warm M must be a whole number from 0 to .* got "9007199254740993"\.$/);
  });
});

describe('percentage', () => {
  test.each([
    ['0', 0], ['100', 100], ['5', 5], ['0.5', 0.5], ['.5', 0.5], ['5.', 5], ['1e1', 10], ['2.5E1', 25], [' 12.25 ', 12.25], ['100.0', 100],
  ])('"%s" is %d', (text, n) => {
    expect(percentage(text)).toBe(n);
  });

  test.each(['100.01', '101', '1e3', '-1', '-0', '+5', '5%', '1,5', '0x10', 'Infinity', 'NaN', '', '.', 'e1'])('"%s" is refused', (text) => {
    expect(refusal(() => percentage(text))).toBe(`--cold-start-rate must be a percentage from 0 to 100, as a decimal such as 5 or 0.5, got "${text}".`);
  });
});

describe('profileNamed', () => {
  test.each([
    ['real-time-api', LatencyProfile.REAL_TIME_API],
    ['user-facing-validation', LatencyProfile.USER_FACING_VALIDATION],
    ['USER_FACING_VALIDATION', LatencyProfile.USER_FACING_VALIDATION],
    ['High-Frequency', LatencyProfile.HIGH_FREQUENCY],
    ['cost_sensitive', LatencyProfile.COST_SENSITIVE],
  ])('"%s" is that profile', (text, profile) => {
    expect(profileNamed(text)).toBe(profile);
  });

  test.each(['realtime', 'real time api', ' real-time-api', 'custom', ''])('"%s" is refused with the four names', (text) => {
    expect(refusal(() => profileNamed(text)))
      .toBe(`unknown profile "${text}"; use one of real-time-api, user-facing-validation, high-frequency, cost-sensitive.`);
  });
});

describe('endpointUrl', () => {
  test.each(['http://127.0.0.1:4566', 'https://lambda.eu-west-1.amazonaws.com/', 'HTTP://localhost:9001/path'])('%s is kept as written', (url) => {
    expect(endpointUrl(url)).toBe(url);
  });

  test.each(['127.0.0.1:4566', 'localhost', '', 'http//x'])('"%s" (not a URL) is refused with an example', (text) => {
    expect(refusal(() => endpointUrl(text))).toBe(`--endpoint-url must be a URL such as http://127.0.0.1:4566, got "${text}".`);
  });

  test.each(['ftp://example.com', 'file:///tmp/x', 'ws://127.0.0.1:4566'])('%s (another scheme) is refused as not http(s)', (text) => {
    expect(refusal(() => endpointUrl(text))).toBe(`--endpoint-url must be an http:// or https:// URL, got "${text}".`);
  });
});

describe('regionName', () => {
  test.each(['us-east-1', 'eu-west-1', 'us-gov-west-1', 'ap-southeast-5'])('%s is kept', (region) => {
    expect(regionName(region)).toBe(region);
  });

  test.each(['US-EAST-1', 'us_east_1', 'useast1', ' us-east-1', 'us-east-1 ', 'u-east-1', 'us-', ''])('"%s" is refused', (text) => {
    expect(refusal(() => regionName(text))).toBe(`--region must be a region name such as us-east-1 or eu-west-1, got "${text}".`);
  });
});

describe('memorySizes', () => {
  test('sizes in the order written, spaces and leading zeros allowed, both ends of 128-10240 in', () => {
    expect(memorySizes('128')).toEqual([128]);
    expect(memorySizes(' 512 , 0128,10240,1769')).toEqual([512, 128, 10240, 1769]);
    expect(memorySizes('128,256,384,512,640,768,896,1024')).toHaveLength(8);
  });

  test.each([
    ['127', '127'], ['10241', '10241'], ['512MB', '512MB'], ['1.5', '1.5'], ['1e3', '1e3'], ['', ''], ['128,', ''], ['128,,256', ''], ['128;256', '128;256'],
  ])('"%s" is refused, quoting the part "%s"', (text, part) => {
    expect(refusal(() => memorySizes(text)))
      .toBe(`--memory takes Lambda memory sizes in whole MB from 128 to 10240, separated by commas (e.g. 128,512,1769); "${part}" is not one.`);
  });

  test('a size twice is refused, quoting the list; 0128 is 128', () => {
    expect(refusal(() => memorySizes('128,512,0128'))).toBe('--memory names a size twice: "128,512,0128".');
  });

  test('nine sizes are refused with the count', () => {
    expect(refusal(() => memorySizes('128,256,384,512,640,768,896,1024,1152')))
      .toBe('--memory takes at most 8 sizes (every runtime runs at every size), got 9.');
  });
});
