import { InvalidArgumentError } from 'commander';
import * as fc from 'fast-check';
import { PROPERTY_TIMEOUT_MS, runs } from './settings';
import { endpointUrl, memorySizes, percentage, regionName, wholeNumber } from '../../src/lsf/cli/cli-options';

/**
 * The value parsers of `lsf bench` and `lsf compare`. Commander hands each the argument as
 * typed; it parses to the value meant, or throws commander's InvalidArgumentError naming the
 * flag (commander then prints usage and exits 2). Never a TypeError, never a number read some
 * other way than as the decimal the user wrote.
 */
function expectInvalidArgument(parse: () => unknown, flag: string): void {
  let error: unknown;
  let value: unknown;
  try {
    value = parse();
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new Error(`accepted as ${JSON.stringify(value)}, but it is not a valid ${flag}`);
  if (!(error instanceof InvalidArgumentError)) throw error;
  expect(error.code).toBe('commander.invalidArgument');
  expect(error.message).toContain(flag);
}

/** The parse of `value`, or the flag-naming InvalidArgumentError when `expected` is undefined. */
function expectParse<T>(parse: (value: string) => T, value: string, expected: T | undefined, flag: string): void {
  if (expected === undefined) expectInvalidArgument(() => parse(value), flag);
  else expect(parse(value)).toEqual(expected);
}

/** JSON.parse of a plain unsigned decimal, e.g. '007' -> 7, '2.50' -> 2.5, '1e1' -> 10; undefined for any other spelling. */
function decimalOf(text: string): number | undefined {
  return /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : undefined;
}

/** Whitespace a quoted shell argument may carry around the number (JavaScript's trim removes it, Number ignores it). */
const padding = fc.constantFrom('', '', '', ' ', '\t', ' \n', '\u00a0');
const leadingZeros = fc.constantFrom('', '', '0', '00');

/** Strings a user may type, and what a fuzzer would: digits and signs, spellings Number reads, and any text. */
const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[-+ ]?[0-9]{0,6}([.,][0-9]{0,3})?([eE][-+]?[0-9]{1,3})?[ %]?$/),
  fc.constantFrom('', ' ', '0x10', '0X1F', '0b1', '0o7', '1_000', 'Infinity', '-Infinity', 'NaN', '1e3', '1E-2', '.5', '5.', '+5', '-0', '0.0',
    '١٢٨', '１２８', '12 8', '12\n8', '5%', '1,5', 'null', 'undefined', 'true', '[]', '{}', '9'.repeat(400), '9007199254740993'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }));

describe('lsf option parsers properties', () => {
  const bound = fc.integer({ min: 0, max: 1_000_000 });
  const range = fc.tuple(bound, bound).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

  test('wholeNumber: a whole number in its range, as written (zeros, whitespace), is that number', () => {
    const inRange = range.chain(([min, max]) => fc.tuple(fc.constant(min), fc.constant(max), fc.integer({ min, max })));
    fc.assert(fc.property(inRange, leadingZeros, padding, padding, ([min, max, n], zeros, before, after) => {
      expect(wholeNumber('--cold N', min, max, 'cold starts')(`${before}${zeros}${n}${after}`)).toBe(n);
    }), runs(1000));
  }, PROPERTY_TIMEOUT_MS);

  test('wholeNumber: anything else, out of range, fractional, signed, hex or text, is an InvalidArgumentError naming the flag', () => {
    const outside = ([min, max]: readonly [number, number]) => fc.oneof(
      ...(min > 0 ? [fc.integer({ min: 0, max: min - 1 })] : []),
      ...(max < 1_000_000 ? [fc.integer({ min: max + 1, max: 10_000_000 })] : []));
    const outOfRange = range.filter(([min, max]) => min > 0 || max < 1_000_000)
      .chain(([min, max]) => fc.tuple(fc.constant(min), fc.constant(max), outside([min, max]).map(String)));
    const anything = fc.tuple(range, anyText).map(([[min, max], text]) => [min, max, text] as const);
    fc.assert(fc.property(fc.oneof(outOfRange, anything), ([min, max, text]) => {
      const trimmed = text.trim();
      const n = Number(trimmed);
      const expected = /^\d+$/.test(trimmed) && Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
      expectParse(wholeNumber('--warm M', min, max, 'warm invocations'), text, expected, '--warm M');
    }), runs(2000));
  }, PROPERTY_TIMEOUT_MS);

  test('percentage: a decimal from 0 to 100, in any plain spelling, is that number', () => {
    const spelled = fc.oneof(
      fc.integer({ min: 0, max: 100 }).map(String),
      fc.tuple(fc.integer({ min: 0, max: 99 }), fc.stringMatching(/^[0-9]{1,6}$/)).map(([whole, fraction]) => `${whole}.${fraction}`),
      fc.double({ min: 0, max: 100, noNaN: true }).map((d) => d.toString()),
      fc.constantFrom('100.0', '0.0', '.5', '5.', '1e1', '2.5E1', '1e-3', '007', '100'));
    fc.assert(fc.property(spelled, padding, padding, (text, before, after) => {
      expect(percentage(`${before}${text}${after}`)).toBe(Number(text));
    }), runs(1000));
  }, PROPERTY_TIMEOUT_MS);

  test('percentage: anything else, out of range, hex, binary, octal, signed or text, is an InvalidArgumentError naming --cold-start-rate', () => {
    fc.assert(fc.property(anyText, (text) => {
      const n = decimalOf(text.trim());
      expectParse(percentage, text, n !== undefined && n >= 0 && n <= 100 ? n : undefined, '--cold-start-rate');
    }), runs(2000));
  }, PROPERTY_TIMEOUT_MS);

  const size = fc.integer({ min: 128, max: 10240 });

  test('memorySizes: one to eight different Lambda sizes, comma-separated with any spacing, are those sizes in order', () => {
    const sizes = fc.uniqueArray(fc.tuple(size, leadingZeros, padding, padding), { minLength: 1, maxLength: 8, selector: ([n]) => n });
    fc.assert(fc.property(sizes, (parts) => {
      const text = parts.map(([n, zeros, before, after]) => `${before}${zeros}${n}${after}`).join(',');
      expect(memorySizes(text)).toEqual(parts.map(([n]) => n));
    }), runs(1000));
  }, PROPERTY_TIMEOUT_MS);

  test('memorySizes: a size twice, more than eight, one outside 128-10240, an empty or non-decimal part is an InvalidArgumentError naming --memory', () => {
    const badPart = fc.oneof(fc.integer({ min: 0, max: 127 }).map(String), fc.integer({ min: 10241, max: 1_000_000 }).map(String), anyText.filter((t) => !/^\s*\d+\s*$/.test(t)));
    const broken = fc.oneof(
      // A repeated size, anywhere in the list.
      fc.tuple(fc.uniqueArray(size, { minLength: 1, maxLength: 7 }), fc.nat()).map(([sizes, i]) => [...sizes, sizes[i % sizes.length]]).map((s) => s.join(',')),
      // Nine or more different sizes.
      fc.uniqueArray(size, { minLength: 9, maxLength: 20 }).map((s) => s.join(',')),
      // One bad part among good ones.
      fc.tuple(fc.uniqueArray(size, { maxLength: 7 }), badPart, fc.nat()).map(([sizes, bad, i]) => {
        const parts = sizes.map(String);
        parts.splice(i % (parts.length + 1), 0, bad);
        return parts.join(',');
      }),
      anyText);
    fc.assert(fc.property(broken, (text) => {
      const parts = text.split(',').map((p) => p.trim());
      const valid = parts.every((p) => /^\d+$/.test(p) && Number(p) >= 128 && Number(p) <= 10240)
        && new Set(parts.map(Number)).size === parts.length && parts.length <= 8;
      expectParse(memorySizes, text, valid ? parts.map(Number) : undefined, '--memory');
    }), runs(2000));
  }, PROPERTY_TIMEOUT_MS);

  const host = fc.oneof(fc.constantFrom('127.0.0.1', 'localhost', '[::1]', 'localstack'), fc.domain());
  const validUrl = fc.tuple(fc.constantFrom('http', 'https', 'HTTP', 'Https'), host, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
    fc.constantFrom('', '/', '/lambda', '/a/b/')).map(([scheme, h, port, path]) => `${scheme}://${h}${port === undefined ? '' : `:${port}`}${path}`);

  test('endpointUrl: an http(s) URL is kept exactly as written', () => {
    fc.assert(fc.property(validUrl, (url) => {
      expect(endpointUrl(url)).toBe(url);
    }), runs(1000));
  }, PROPERTY_TIMEOUT_MS);

  test('endpointUrl: anything else, another scheme, a host and port without one, or text, is an InvalidArgumentError naming --endpoint-url', () => {
    const notHttp = fc.oneof(
      fc.tuple(fc.constantFrom('ftp', 'file', 's3', 'ws', 'localhost', 'tcp', 'git+https'), host).map(([scheme, h]) => `${scheme}://${h}`),
      host.chain((h) => fc.constantFrom(h, `${h}:4566`, `//${h}`, `http//${h}`, 'http:/', 'http://', `https://${h}:99999`, `http://${h} x`)),
      anyText);
    fc.assert(fc.property(notHttp, (text) => {
      let url: URL | undefined;
      try {
        url = new URL(text);
      } catch {
        url = undefined;
      }
      const valid = url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:');
      expectParse(endpointUrl, text, valid ? text : undefined, '--endpoint-url');
    }), runs(1000));
  }, PROPERTY_TIMEOUT_MS);

  const validRegion = fc.oneof(
    fc.constantFrom('us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-gov-west-1', 'cn-north-1', 'eu-central-2', 'il-central-1', 'ap-southeast-5'),
    fc.stringMatching(/^[a-z]{2}(-[a-z]{3,9}){1,2}-[1-9]$/));

  test('regionName: a region name is kept as written', () => {
    fc.assert(fc.property(validRegion, (region) => {
      expect(regionName(region)).toBe(region);
    }), runs(500));
  }, PROPERTY_TIMEOUT_MS);

  test('regionName: capitals, underscores, spaces, a newline or text is an InvalidArgumentError naming --region', () => {
    const broken = fc.oneof(
      validRegion.chain((r) => fc.constantFrom(r.toUpperCase(), r.replace(/-/g, '_'), ` ${r}`, `${r} `, `${r}\n`, r.replace(/-/g, ''), `${r}-`, `https://${r}`)),
      anyText);
    fc.assert(fc.property(broken, (text) => {
      expectParse(regionName, text, /^[a-z]{2}(-[a-z0-9]+)+$/.test(text) ? text : undefined, '--region');
    }), runs(1000));
  }, PROPERTY_TIMEOUT_MS);
});
