import * as fc from 'fast-check';
import { PROPERTY_TIMEOUT_MS, runs } from './settings';
import { InvocationReport, parseInvocationReport } from '../../src/lsf/compare/invocation-report';

/**
 * The log tail of one invocation (Invoke with LogType Tail): its last 4 KB, cut at a byte, so
 * it may start mid-line (even mid-character), then lines up to the report Lambda writes last,
 * as a text `REPORT` line or a JSON `platform.report` record, with `Init Duration` on a cold start.
 */

/** A duration as Lambda writes it: ms with two decimals. */
const centis = fc.integer({ min: 0, max: 900_000_00 }).map((c) => (c / 100).toFixed(2));

const reportNumbers = fc.record({
  duration: centis,
  billed: fc.integer({ min: 1, max: 900_000 }),
  memory: fc.integer({ min: 128, max: 10240 }),
  used: fc.integer({ min: 1, max: 10240 }),
  init: fc.option(centis, { nil: undefined }),
});
type ReportNumbers = typeof reportNumbers extends fc.Arbitrary<infer T> ? T : never;

/** What the parser must read from a report of these numbers: exactly them, as numbers. */
function expected(n: ReportNumbers): InvocationReport {
  return {
    durationMs: Number(n.duration),
    billedDurationMs: n.billed,
    memorySizeMb: n.memory,
    maxMemoryUsedMb: n.used,
    initDurationMs: n.init === undefined ? undefined : Number(n.init),
  };
}

const requestId = fc.uuid();
const time = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
/** Lambda separates the fields with tabs; the documentation shows spaces. */
const separator = fc.constantFrom('\t', '\t', ' ', '  ');

const textReport = fc.tuple(reportNumbers, requestId, separator, fc.constantFrom('', '\t', 'XRAY TraceId: 1-5e1b4151-5ac6c58f3b2f3b2f3b2f3b2f\tSegmentId: 6b5c1a2d3e4f5a6b\tSampled: true\t'))
  .map(([n, id, sep, tail]) => {
    const fields = [`Duration: ${n.duration} ms`, `Billed Duration: ${n.billed} ms`, `Memory Size: ${n.memory} MB`, `Max Memory Used: ${n.used} MB`,
      ...(n.init === undefined ? [] : [`Init Duration: ${n.init} ms`])];
    return { numbers: n, line: `REPORT RequestId: ${id}${sep}${fields.join(sep)}${sep}${tail}`.trimEnd() };
  });

const jsonReport = fc.tuple(reportNumbers, requestId, time, fc.boolean(), fc.constantFrom('success', 'error', 'timeout')).map(([n, id, t, spans, status]) => {
  const metrics: Record<string, number> = {
    durationMs: Number(n.duration),
    billedDurationMs: n.billed,
    memorySizeMB: n.memory,
    maxMemoryUsedMB: n.used,
    ...(n.init === undefined ? {} : { initDurationMs: Number(n.init) }),
  };
  const record = { requestId: id, metrics, ...(spans ? { spans: [{ name: 'responseLatency', start: t, durationMs: 1.2 }] } : {}), status };
  return { numbers: n, line: JSON.stringify({ time: t, type: 'platform.report', record }) };
});

/** Lines an invocation writes before its report: platform records, the runtime's, the handler's (text or JSON, any characters). */
const earlierLine = fc.oneof(
  requestId.map((id) => `START RequestId: ${id} Version: $LATEST`),
  requestId.map((id) => `END RequestId: ${id}`),
  fc.constant('INIT_START Runtime Version: provided:al2023.v82\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:abc'),
  fc.tuple(time, requestId).map(([t, id]) => JSON.stringify({ time: t, type: 'platform.start', record: { requestId: id, version: '$LATEST' } })),
  fc.tuple(time, requestId).map(([t, id]) => JSON.stringify({ time: t, type: 'platform.runtimeDone', record: { requestId: id, status: 'success' } })),
  fc.tuple(time, requestId, fc.string({ unit: 'binary', maxLength: 200 })).map(([t, id, message]) => JSON.stringify({ timestamp: t, level: 'INFO', message, requestId: id })),
  fc.string({ unit: 'grapheme', maxLength: 300 }).map((s) => s.replace(/\n/g, ' ')),
  fc.string({ unit: 'binary', maxLength: 3000 }).map((s) => s.replace(/\n/g, ' ')),
);

/**
 * A whole log with `report` among its lines (the handler's or an extension's may follow it),
 * and a tail of it cut at any byte before the report: base64, as LogResult holds it.
 */
function tailWith(report: fc.Arbitrary<{ numbers: ReportNumbers; line: string }>) {
  return fc.tuple(fc.array(earlierLine, { maxLength: 12 }), report, fc.array(earlierLine, { maxLength: 3 }), fc.constantFrom('', '\n'),
    fc.double({ min: 0, max: 1, noNaN: true })).map(([before, r, after, end, at]) => {
    const head = Buffer.from(before.map((l) => `${l}\n`).join(''), 'utf8');
    // Lambda keeps the last 4 KB; any cut before the report is a tail it may send.
    const cut = Math.floor(at * head.length);
    const tail = Buffer.concat([head.subarray(cut), Buffer.from([r.line, ...after].join('\n') + end, 'utf8')]);
    return { numbers: r.numbers, logResult: tail.toString('base64') };
  });
}

describe('parseInvocationReport properties', () => {
  test('a text REPORT line, cold or warm, anywhere after the start of any tail, parses to exactly its numbers', () => {
    fc.assert(fc.property(tailWith(textReport), ({ numbers, logResult }) => {
      expect(parseInvocationReport(logResult)).toEqual(expected(numbers));
    }), runs(1000));
  }, PROPERTY_TIMEOUT_MS);

  test('a JSON platform.report record, cold or warm, anywhere after the start of any tail, parses to exactly its numbers', () => {
    fc.assert(fc.property(tailWith(jsonReport), ({ numbers, logResult }) => {
      expect(parseInvocationReport(logResult)).toEqual(expected(numbers));
    }), runs(1000));
  }, PROPERTY_TIMEOUT_MS);

  test('a tail with no whole report in it has none', () => {
    const noReport = fc.tuple(fc.array(earlierLine, { maxLength: 12 }), fc.oneof(textReport, jsonReport), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([before, r, at]) => {
        // A report cut so that only its end is left (a tail of a tail): no longer a report.
        const line = Buffer.from(r.line, 'utf8');
        const cutReport = line.subarray(Math.max(1, Math.floor(at * line.length)));
        return Buffer.concat([Buffer.from(before.map((l) => `${l}\n`).join(''), 'utf8'), cutReport]).toString('base64');
      });
    fc.assert(fc.property(noReport, (logResult) => {
      expect(parseInvocationReport(logResult)).toBeUndefined();
    }), runs(500));
  }, PROPERTY_TIMEOUT_MS);
});
