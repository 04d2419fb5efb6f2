import * as fc from 'fast-check';
import { PROPERTY_TIMEOUT_MS, runs } from './settings';
import { memberSource } from '../../src/lsf/events/json-member-source';

/**
 * JSON texts as people and tools write them, not as JSON.stringify does: any whitespace
 * between tokens, numbers in every spelling JSON allows (36.0, -0, 1E+3), strings with raw
 * unicode and every escape (\u00e9 in either case, \/, surrogate pairs, lone surrogates),
 * quotes, braces, brackets, commas and colons inside strings, nesting to any depth.
 */
const whitespace = fc.stringMatching(/^[ \t\n\r]{0,3}$/);

const hex4 = fc.integer({ min: 0, max: 0xffff }).chain((code) => fc.boolean().map((upper) => {
  const digits = code.toString(16).padStart(4, '0');
  return upper ? digits.toUpperCase() : digits;
}));

/** The inside of a JSON string: raw characters (none JSON forbids), escapes, and the delimiters a scanner could trip on. */
const stringBody: fc.Arbitrary<string> = fc.array(fc.oneof(
  fc.string({ unit: 'binary', maxLength: 4 }).map((s) => s.replace(/["\\\u0000-\u001f]/g, '')),
  fc.constantFrom('\\"', '\\\\', '\\/', '\\b', '\\f', '\\n', '\\r', '\\t', '{', '}', '[', ']', ',', ':', '\\"}', '\\\\\\"', 'é', '😀', '\u2028'),
  hex4.map((h) => `\\u${h}`),
), { maxLength: 6 }).map((parts) => parts.join(''));

const stringText = stringBody.map((body) => `"${body}"`);

const numberText = fc.oneof(
  fc.stringMatching(/^-?(0|[1-9][0-9]{0,8})(\.[0-9]{1,6})?([eE][+-]?[0-9]{1,3})?$/),
  fc.constantFrom('0', '-0', '36.0', '1E+3', '1e-7', '-1.5e3', '123456789012345678901234567890', '1e400'));

const { value: valueText } = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('null', 'true', 'false'), numberText, stringText, tie('array'), tie('object')),
  array: fc.tuple(whitespace, fc.array(fc.tuple(tie('value'), whitespace, whitespace), { maxLength: 4 }))
    .map(([ws, items]) => `[${ws}${items.map(([v, before, after]) => `${before}${v}${after}`).join(',')}]`),
  object: fc.tuple(whitespace, fc.array(fc.tuple(stringText, tie('value'), whitespace, whitespace, whitespace, whitespace), { maxLength: 4 }))
    .map(([ws, members]) => `{${ws}${members.map(([k, v, a, b, c, d]) => `${a}${k}${b}:${c}${v}${d}`).join(',')}}`),
}));

/** The key `event` as written: plainly, or with some of its letters escaped. */
const eventKey = fc.constantFrom('"event"', '"\\u0065vent"', '"ev\\u0065nt"', '"even\\u0074"', '"\\u0065\\u0076\\u0065\\u006E\\u0074"');

/** Keys that are not `event` once unescaped (some of them nearly: `eventual`, `Event`, `event ` ...). */
const otherKey = fc.oneof(stringText, fc.constantFrom('"eventual"', '"Event"', '"event "', '"even"', '"name"', '"expected"', '"\\"event\\""'))
  .filter((k) => JSON.parse(k) !== 'event');

interface Generated {
  /** The whole JSON text. */
  readonly text: string;
  /** The source text of the last `event` member, the one JSON.parse keeps. */
  readonly event: string;
}

/** A top-level object with one `event` member or more, among other members, anywhere. */
const withEvent: fc.Arbitrary<Generated> = fc.tuple(
  fc.array(fc.tuple(fc.oneof(
    { weight: 4, arbitrary: otherKey.map((key) => ({ key, event: false })) },
    { weight: 1, arbitrary: eventKey.map((key) => ({ key, event: true })) }), valueText), { maxLength: 5 }),
  eventKey, valueText, fc.nat(),
  fc.array(whitespace, { minLength: 6 * 7, maxLength: 6 * 7 }),
).map(([others, key, event, at, ws]) => {
  // The `event` generated apart is the last one: `event` members of `others` may come before it only.
  const before = others.slice(0, at % (others.length + 1));
  const after = others.slice(before.length).filter(([m]) => !m.event);
  const members = [...before.map(([m, v]) => [m.key, v]), [key, event], ...after.map(([m, v]) => [m.key, v])];
  let w = 0;
  const pad = () => ws[w++ % ws.length];
  const text = `${pad()}{${pad()}${members.map(([k, v]) => `${pad()}${k}${pad()}:${pad()}${v}${pad()}`).join(',')}}${pad()}`;
  return { text, event };
});

describe('memberSource properties', () => {
  test('finds the exact source text of `event` in any JSON object: parsed, it is the object\'s `event`; it is a substring of the input', () => {
    fc.assert(fc.property(withEvent, ({ text, event }) => {
      const parsed = JSON.parse(text);
      const source = memberSource(text, 'event');
      expect(source).toBe(event);
      expect(text.includes(source!)).toBe(true);
      expect(JSON.parse(source!)).toEqual(parsed.event);
    }), runs(2000));
  }, PROPERTY_TIMEOUT_MS);

  test('an object without an `event` member has none', () => {
    const members = fc.array(fc.tuple(otherKey, valueText, whitespace, whitespace), { maxLength: 5 });
    fc.assert(fc.property(members, whitespace, (m, ws) => {
      const text = `${ws}{${ws}${m.map(([k, v, a, b]) => `${a}${k}${b}:${a}${v}${b}`).join(',')}}${ws}`;
      JSON.parse(text);
      expect(memberSource(text, 'event')).toBeUndefined();
    }), runs(1000));
  }, PROPERTY_TIMEOUT_MS);
});
