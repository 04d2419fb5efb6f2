/**
 * Signup form validation with zod: the Node twin of ../rust.
 * The contract, codes and error order are in ../CONTRACT.md.
 */
// The namespace import lets esbuild drop the parts of zod not used here (90 kB instead of 450 kB).
import * as z from 'zod';

export interface FieldError {
  readonly field: string;
  readonly code: string;
}

/** The handler's response; property order is the contract's JSON key order. */
export interface Verdict {
  readonly valid: boolean;
  readonly errors: FieldError[];
}

// ASCII ranges spelled out; without the m flag, $ matches only at the very end of the string.
const EMAIL =
  /^(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
const E164 = /^\+[1-9][0-9]{6,14}$/;
const POSTAL_CODE = /^[A-Za-z0-9](?:[A-Za-z0-9 -]*[A-Za-z0-9])?$/;
const COUNTRY_CODE = /^[A-Z]{2}$/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

// Officially assigned ISO 3166-1 alpha-2 codes (from Debian's iso-codes package).
const ASSIGNED_COUNTRIES = new Set(
  [
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS',
    'BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE',
    'EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM',
    'HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC',
    'LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA',
    'NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW',
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO',
    'TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW',
  ]
    .join(' ')
    .split(' '),
);

/*
 * The contract counts code points; String.length counts UTF-16 units, one or two per code
 * point. Only lengths between the two bounds need counting, so a 1 MB string is never walked.
 */
function hasAtMostCodePoints(s: string, max: number): boolean {
  return s.length <= max || (s.length <= 2 * max && Array.from(s).length <= max);
}

function hasAtLeastCodePoints(s: string, min: number): boolean {
  return s.length >= 2 * min || Array.from(s).length >= min;
}

function isStrongPassword(s: string): boolean {
  return /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s) && /[^A-Za-z0-9]/.test(s);
}

function isPlainText(s: string): boolean {
  return !s.startsWith(' ') && !s.endsWith(' ') && !CONTROL_CHARACTER.test(s);
}

/** Missing and null are `required`; a value of another JSON type is `wrong_type`. */
function typeError(issue: { readonly input?: unknown }): string {
  return issue.input == null ? 'required' : 'wrong_type';
}

/*
 * Every message is a contract code. Every check but a field's last aborts, so a field
 * reports only the first rule it breaks, in the order they are chained.
 */
function requiredString() {
  return z.string({ error: typeError }).min(1, { error: 'required', abort: true });
}

function atMost(max: number) {
  return (s: string) => hasAtMostCodePoints(s, max);
}

const TOO_LONG = { error: 'too_long', abort: true } as const;

function text(max: number) {
  return requiredString().refine(atMost(max), TOO_LONG).refine(isPlainText, { error: 'invalid_format' });
}

function countryCode() {
  return requiredString()
    .regex(COUNTRY_CODE, { error: 'invalid_format', abort: true })
    .refine((code) => ASSIGNED_COUNTRIES.has(code), { error: 'unknown_country' });
}

/** An optional form input left empty arrives as "": it means not given, like null. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.nullish());
}

const address = z.object(
  {
    line1: text(100),
    line2: optional(text(100)),
    city: text(100),
    postalCode: requiredString().refine(atMost(10), TOO_LONG).regex(POSTAL_CODE, { error: 'invalid_format' }),
    countryCode: countryCode(),
  },
  { error: typeError },
);

/** Keys in the contract's error order, since zod reports issues in shape order. Unknown keys are dropped. */
const signupForm = z.object({
  email: requiredString().refine(atMost(254), TOO_LONG).regex(EMAIL, { error: 'invalid_format' }),
  password: requiredString()
    .refine((s) => hasAtLeastCodePoints(s, 12), { error: 'too_short', abort: true })
    .refine(atMost(128), TOO_LONG)
    .refine(isStrongPassword, { error: 'weak_password' }),
  displayName: text(64),
  age: z
    .number({ error: typeError })
    .refine(Number.isInteger, { error: 'not_integer', abort: true })
    .gte(13, { error: 'out_of_range' })
    .lte(130, { error: 'out_of_range' }),
  countryCode: countryCode(),
  phone: optional(z.string({ error: typeError }).regex(E164, { error: 'invalid_format' })),
  acceptedTerms: z.boolean({ error: typeError }).refine((accepted) => accepted, { error: 'must_accept' }),
  address,
});

export async function handler(event: unknown): Promise<Verdict> {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return { valid: false, errors: [{ field: '', code: 'wrong_type' }] };
  }
  const result = signupForm.safeParse(event);
  const errors = result.success
    ? []
    : result.error.issues.map((issue) => ({ field: issue.path.join('.'), code: issue.message }));
  return { valid: errors.length === 0, errors };
}
