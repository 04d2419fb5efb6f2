/**
 * An evaluator of the part of the CloudWatch Logs Insights query language that the fleet's
 * ranking query uses, written for tests because no emulator runs Logs Insights queries:
 * `SOURCE 'group'` (the dashboard widget's prefix), `filter` with `field in [...]`,
 * `field = value`, `and`, `or`; `stats` with `sum`, `count`, `pct`, `max`, `latest` over
 * arithmetic (`*`, `/`) of fields and numbers, `as` aliases, `by @log`; `sort ... asc|desc`;
 * `limit`.
 *
 * Semantics as the Logs Insights documentation gives them: JSON log events are flattened into
 * dotted field names (`record.metrics.initDurationMs`); a missing field is null, arithmetic
 * with null is null, and aggregations skip nulls (`count(field)` counts the events that have
 * it). `latest(field)` takes the value of the newest event that has the field (an assumption
 * the documentation leaves open; the ranking reads the runtime this way). `pct` is the nearest
 * rank (Logs Insights approximates; the tests use values where both agree). `@timestamp` is the
 * record's own `time` (or `timestamp`).
 */

/** One log event: the log group it was written to and its message, one JSON line. */
export interface LogEvent {
  readonly logGroup: string;
  readonly message: string;
}

export type Row = Record<string, string | number | null>;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Value = string | number | null;

export function runLogsInsights(query: string, events: LogEvent[]): Row[] {
  const commands = query.split(/\s*\|\s*/).map((c) => c.trim()).filter((c) => c !== '');
  const sources = commands.filter((c) => c.startsWith('SOURCE ')).map((c) => c.slice('SOURCE '.length).replace(/^'|'$/g, ''));
  let records: Array<{ logGroup: string; event: { [key: string]: Json }; timestamp: number }> = events
    .filter((e) => sources.length === 0 || sources.includes(e.logGroup))
    .flatMap((e) => {
      const event = parseObject(e.message);
      return event ? [{ logGroup: e.logGroup, event, timestamp: Date.parse(String(event.time ?? event.timestamp)) }] : [];
    });
  let rows: Row[] | undefined;
  for (const command of commands.filter((c) => !c.startsWith('SOURCE '))) {
    const [verb, ...rest] = command.split(/\s+/);
    const argument = rest.join(' ');
    if (verb === 'filter') {
      if (rows) throw new Error('filter after stats is not implemented');
      records = records.filter((r) => condition(argument, r.event));
    } else if (verb === 'stats') {
      rows = stats(argument, records);
    } else if (verb === 'sort') {
      const [column, order] = rest;
      if (!rows) throw new Error('sort before stats is not implemented');
      const sign = order === 'asc' ? 1 : -1;
      rows = [...rows].sort((a, b) => sign * (Number(a[column] ?? -Infinity) - Number(b[column] ?? -Infinity)));
    } else if (verb === 'limit') {
      if (!rows) throw new Error('limit before stats is not implemented');
      rows = rows.slice(0, Number(argument));
    } else {
      throw new Error(`command not implemented: ${command}`);
    }
  }
  if (!rows) throw new Error('the query has no stats command');
  return rows;
}

function parseObject(message: string): { [key: string]: Json } | undefined {
  try {
    const value = JSON.parse(message) as Json;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function field(event: { [key: string]: Json }, name: string): Value {
  let current: Json | undefined = event;
  for (const step of name.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return null;
    current = current[step];
  }
  return typeof current === 'string' || typeof current === 'number' ? current : null;
}

/** `a in [..]` and `a = b` terms, joined by `and` (tighter) and `or`. */
function condition(text: string, event: { [key: string]: Json }): boolean {
  return text.split(/\s+or\s+/).some((alternative) => alternative.split(/\s+and\s+/).every((term) => {
    const inList = /^([\w.@]+)\s+in\s+(\[.*\])$/.exec(term.trim());
    if (inList) return (JSON.parse(inList[2]) as Value[]).includes(field(event, inList[1]));
    const equal = /^([\w.@]+)\s*=\s*(.+)$/.exec(term.trim());
    if (equal) return field(event, equal[1]) === JSON.parse(equal[2]);
    throw new Error(`filter term not implemented: ${term}`);
  }));
}

/** Splits on commas outside parentheses. */
function topLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    if (text[i] === ')') depth--;
    if (depth === 0 && text[i] === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

/** `*` and `/` of fields and numbers, left to right. */
function arithmetic(text: string, event: { [key: string]: Json }): Value {
  const tokens = text.trim().split(/\s*([*/])\s*/);
  const operand = (token: string): Value => (/^-?\d+(\.\d+)?$/.test(token) ? Number(token) : field(event, token));
  let value = operand(tokens[0]);
  for (let i = 1; i < tokens.length; i += 2) {
    const right = operand(tokens[i + 1]);
    if (value === null || right === null) return null;
    value = tokens[i] === '*' ? Number(value) * Number(right) : Number(value) / Number(right);
  }
  return value;
}

function stats(text: string, records: Array<{ logGroup: string; event: { [key: string]: Json }; timestamp: number }>): Row[] {
  const by = /^(.*)\s+by\s+@log$/.exec(text);
  if (!by) throw new Error(`stats without "by @log" is not implemented: ${text}`);
  const aggregations = topLevel(by[1], ',').map((spec) => {
    const m = /^(\w+)\((.*)\)\s+as\s+(\w+)$/.exec(spec);
    if (!m) throw new Error(`aggregation not implemented: ${spec}`);
    return { fn: m[1], args: topLevel(m[2], ','), alias: m[3] };
  });
  const groups = new Map<string, typeof records>();
  for (const r of records) groups.set(r.logGroup, [...(groups.get(r.logGroup) ?? []), r]);
  return [...groups.entries()].map(([logGroup, members]) => {
    const row: Row = { '@log': logGroup };
    for (const { fn, args, alias } of aggregations) {
      const present = members.map((r) => ({ value: arithmetic(args[0], r.event), timestamp: r.timestamp })).filter((v) => v.value !== null);
      const numbers = present.map((v) => Number(v.value));
      switch (fn) {
        case 'sum': row[alias] = numbers.length ? numbers.reduce((a, b) => a + b, 0) : null; break;
        case 'count': row[alias] = present.length; break;
        case 'max': row[alias] = numbers.length ? Math.max(...numbers) : null; break;
        case 'pct': {
          const sorted = [...numbers].sort((a, b) => a - b);
          row[alias] = sorted.length ? sorted[Math.max(0, Math.ceil((Number(args[1]) / 100) * sorted.length) - 1)] : null;
          break;
        }
        case 'latest': row[alias] = present.length ? [...present].sort((a, b) => b.timestamp - a.timestamp)[0].value : null; break;
        default: throw new Error(`aggregation function not implemented: ${fn}`);
      }
    }
    return row;
  });
}
