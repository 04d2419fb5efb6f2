import { parseInvocationReport } from '../../../src/lsf/compare/invocation-report';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

// Lines in the shapes Lambda documents (text REPORT line; JSON platform.report record).
const TEXT_COLD = [
  'INIT_START Runtime Version: provided:al2023.v82\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:abc',
  'START RequestId: 8f5a0e4a-6f6e-4b2a-9d1e-0c1f2e3d4c5b Version: $LATEST',
  'END RequestId: 8f5a0e4a-6f6e-4b2a-9d1e-0c1f2e3d4c5b',
  'REPORT RequestId: 8f5a0e4a-6f6e-4b2a-9d1e-0c1f2e3d4c5b\tDuration: 1.84 ms\tBilled Duration: 21 ms\tMemory Size: 1024 MB\tMax Memory Used: 17 MB\tInit Duration: 18.43 ms\t',
  '',
].join('\n');
const JSON_WARM = [
  '{"time":"2026-11-28T07:00:00.000Z","type":"platform.start","record":{"requestId":"a","version":"$LATEST"}}',
  '{"timestamp":"2026-11-28T07:00:00.001Z","level":"INFO","message":"validated","requestId":"a"}',
  '{"time":"2026-11-28T07:00:00.004Z","type":"platform.report","record":{"requestId":"a","metrics":{"durationMs":2.5,"billedDurationMs":3,"memorySizeMB":1024,"maxMemoryUsedMB":40},"status":"success"}}',
].join('\n');

describe('parseInvocationReport', () => {
  test('reads a text REPORT line, with Init Duration on a cold start', () => {
    expect(parseInvocationReport(base64(TEXT_COLD))).toEqual({
      durationMs: 1.84, billedDurationMs: 21, memorySizeMb: 1024, maxMemoryUsedMb: 17, initDurationMs: 18.43,
    });
  });

  test('reads a JSON platform.report record, without initDurationMs when warm', () => {
    expect(parseInvocationReport(base64(JSON_WARM))).toEqual({
      durationMs: 2.5, billedDurationMs: 3, memorySizeMb: 1024, maxMemoryUsedMb: 40, initDurationMs: undefined,
    });
  });

  test('reads a SnapStart restore: Restore Duration instead of Init Duration, and its billed part, in both formats', () => {
    const json = '{"time":"2026-11-28T07:00:00.004Z","type":"platform.report","record":{"requestId":"a","metrics":{"durationMs":2.5,"billedDurationMs":3,'
      + '"memorySizeMB":1024,"maxMemoryUsedMB":40,"restoreDurationMs":212.4,"billedRestoreDurationMs":98},"status":"success"}}';
    expect(parseInvocationReport(base64(json))).toEqual({
      ...{ durationMs: 2.5, billedDurationMs: 3, memorySizeMb: 1024, maxMemoryUsedMb: 40 },
      ...{ initDurationMs: undefined, restoreDurationMs: 212.4, billedRestoreDurationMs: 98 },
    });
    const text = 'REPORT RequestId: a\tDuration: 2.50 ms\tBilled Duration: 3 ms\tMemory Size: 1024 MB\tMax Memory Used: 40 MB\t'
      + 'Restore Duration: 212.40 ms\tBilled Restore Duration: 98 ms\t';
    expect(parseInvocationReport(base64(text))).toMatchObject({ initDurationMs: undefined, restoreDurationMs: 212.4, billedRestoreDurationMs: 98 });
  });

  test('a tail cut mid-line (over 4 KB of log) still yields the report at its end', () => {
    const tail = `ssage":"${'x'.repeat(100)}"}\n${JSON_WARM.split('\n')[2]}`;
    expect(parseInvocationReport(base64(tail))?.billedDurationMs).toBe(3);
  });

  test('no log, or a log without a report, has none', () => {
    expect(parseInvocationReport(undefined)).toBeUndefined();
    expect(parseInvocationReport(base64(JSON_WARM.split('\n').slice(0, 2).join('\n')))).toBeUndefined();
    expect(parseInvocationReport(base64('START RequestId: a Version: $LATEST\nEND RequestId: a\n'))).toBeUndefined();
  });
});
