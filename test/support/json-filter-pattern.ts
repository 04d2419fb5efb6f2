/**
 * The documented rules of CloudWatch Logs JSON filter patterns ("Filter pattern syntax for
 * metric filters", JSON log events), written for tests because no available emulator
 * implements them: moto (5.2.5) treats every pattern that starts with `{` as "match all",
 * and fakecloud-logs (0.51.0) never matches an unquoted `*`.
 *
 * Covered: `{ EXPR }` with `&&` (binding tighter than `||`) and parentheses; selectors `$.a.b`
 * and `$.a[0]`; `=` and `!=` against strings (quoted or not, `*` matching any run of
 * characters); `= *` meaning the field is present with a value (AWS's "field exists" idiom, as
 * CDK's `FilterPattern.exists` writes it); `=`, `!=`, `<`, `<=`, `>`, `>=` against numbers;
 * `IS NULL`, `NOT EXISTS`, `IS TRUE`, `IS FALSE`. A message that is not a JSON object never
 * matches. Metric values `$.selector` publish only numbers.
 */
export function matchesJsonPattern(pattern: string, message: string): boolean {
  const event = parseObject(message);
  if (event === undefined) return false;
  const trimmed = pattern.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) throw new Error(`not a JSON filter pattern: ${pattern}`);
  const parser = new Parser(tokenize(trimmed.slice(1, -1)), event);
  const result = parser.or();
  parser.expectEnd();
  return result;
}

/** The value a metric filter publishes for a matched event, or undefined when it publishes none. */
export function metricValue(metricValueSpec: string, message: string): number | undefined {
  if (!metricValueSpec.startsWith('$.')) return Number(metricValueSpec);
  const value = select(parseObject(message), metricValueSpec);
  return typeof value === 'number' ? value : undefined;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ABSENT = Symbol('absent');

function parseObject(message: string): Json | undefined {
  try {
    const value = JSON.parse(message) as Json;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function select(event: Json | undefined, selector: string): Json | typeof ABSENT {
  const steps = selector.slice(2).match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let current: Json | typeof ABSENT = event ?? ABSENT;
  for (const step of steps) {
    if (current === ABSENT || current === null || typeof current !== 'object') return ABSENT;
    const key: string | number = step.startsWith('[') ? Number(step.slice(1, -1)) : step;
    const next: Json | undefined = Array.isArray(current) ? (typeof key === 'number' ? current[key] : undefined) : (current as { [k: string]: Json })[String(key)];
    current = next === undefined ? ABSENT : next;
  }
  return current;
}

const TOKEN = /\s*(&&|\|\||\(|\)|!=|<=|>=|=|<|>|"(?:[^"\\]|\\.)*"|[^\s()=!<>&|"]+)/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.trimEnd().length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) throw new Error(`cannot read the pattern at '${text.slice(start)}'`);
    tokens.push(match[1]);
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: string[], private readonly event: Json) {}

  public or(): boolean {
    let result = this.and();
    while (this.peek() === '||') {
      this.position++;
      const right = this.and();
      result = result || right;
    }
    return result;
  }

  public expectEnd(): void {
    if (this.position !== this.tokens.length) throw new Error(`unexpected '${this.tokens[this.position]}'`);
  }

  private and(): boolean {
    let result = this.term();
    while (this.peek() === '&&') {
      this.position++;
      const right = this.term();
      result = result && right;
    }
    return result;
  }

  private term(): boolean {
    if (this.peek() === '(') {
      this.position++;
      const result = this.or();
      if (this.next() !== ')') throw new Error('missing )');
      return result;
    }
    return this.comparison();
  }

  private comparison(): boolean {
    const selector = this.next();
    if (!selector?.startsWith('$.')) throw new Error(`expected a selector, got '${selector}'`);
    const value = select(this.event, selector);
    const operator = this.next();
    if (operator === 'IS' || operator === 'NOT') {
      const word = this.next();
      if (operator === 'NOT' && word === 'EXISTS') return value === ABSENT;
      if (word === 'NULL') return value === null;
      if (word === 'TRUE') return value === true;
      if (word === 'FALSE') return value === false;
      throw new Error(`unknown '${operator} ${word}'`);
    }
    const operand = this.next();
    if (operator === undefined || operand === undefined) throw new Error('incomplete comparison');
    return compare(value, operator, operand);
  }

  private peek(): string | undefined {
    return this.tokens[this.position];
  }

  private next(): string | undefined {
    return this.tokens[this.position++];
  }
}

function compare(value: Json | typeof ABSENT, operator: string, operand: string): boolean {
  const quoted = operand.startsWith('"');
  const text = quoted ? JSON.parse(operand) as string : operand;
  if (!quoted && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) {
    if (typeof value !== 'number') return false;
    const number = Number(text);
    switch (operator) {
      case '=': return value === number;
      case '!=': return value !== number;
      case '<': return value < number;
      case '<=': return value <= number;
      case '>': return value > number;
      case '>=': return value >= number;
      default: throw new Error(`unknown operator '${operator}'`);
    }
  }
  if (operator !== '=' && operator !== '!=') throw new Error(`'${operator}' compares numbers, not '${operand}'`);
  if (text === '*') return (operator === '=') === (value !== ABSENT && value !== null && typeof value !== 'object');
  const wildcard = new RegExp(`^${text.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  const equal = typeof value === 'string' && wildcard.test(value);
  return operator === '=' ? equal : !equal;
}
