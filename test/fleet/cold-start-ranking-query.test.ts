import * as lambda from 'aws-cdk-lib/aws-lambda';
import { RECORDED_FLEET } from './recorded-fleet';
import { runLogsInsights } from '../../dev/local-logs/logs-insights';
import { LambdaCost } from '../../src';
import { coldStartRankingQuery, coldStartRankingQueryLines } from '../../src/private/fleet/cold-start-ranking-query';

const ARM64 = LambdaCost.US_EAST_1.pricePerGbSecond(lambda.Architecture.ARM_64);

/** INIT cost per month of `initMs` cold-start milliseconds over `days`, at `memoryMB`, on arm64. */
function initUsdPerMonth(initMs: number, memoryMB: number, days: number): number {
  return (initMs / 1000) * (memoryMB / 1024) * ARM64 * (30 / days);
}

describe('the cold-start ranking query, run on recorded platform.report lines', () => {
  const rows = runLogsInsights(coldStartRankingQuery({ windowDays: 7, usdPerGbSecond: ARM64 }), RECORDED_FLEET);

  test('ranks by cold-start time paid per day: Python, then Node, then Rust; a text-logging function has no row', () => {
    expect(rows.map((r) => r['@log'])).toEqual(['/aws/lambda/checkout-python', '/aws/lambda/render-node', '/aws/lambda/validate-rust']);
  });

  test('each row: init per day, cold starts, p95 init, invocations, runtime and memory from the records', () => {
    const [python, node, rust] = rows;
    expect(python).toMatchObject({ coldStarts: 3, initP95Ms: 455.0, invocations: 6, runtime: 'python:3.13.v31', memoryMB: 1024 });
    expect(python.initMsPerDay).toBeCloseTo((412.5 + 388.1 + 455.0) / 7, 6);
    // The SnapStart restore is an invocation, not a cold start.
    expect(node).toMatchObject({ coldStarts: 2, initP95Ms: 231.7, invocations: 5, runtime: 'nodejs:22.v41', memoryMB: 512 });
    expect(node.initMsPerDay).toBeCloseTo((198.2 + 231.7) / 7, 6);
    expect(rust).toMatchObject({ coldStarts: 2, initP95Ms: 15.1, invocations: 3, runtime: 'provided:al2023.v105', memoryMB: 10240 });
  });

  test('estimates the INIT cost per month at each function\'s memory and the given price', () => {
    const [python, node, rust] = rows;
    expect(python.initUsdPerMonth).toBeCloseTo(initUsdPerMonth(412.5 + 388.1 + 455.0, 1024, 7), 12);
    expect(node.initUsdPerMonth).toBeCloseTo(initUsdPerMonth(198.2 + 231.7, 512, 7), 12);
    expect(rust.initUsdPerMonth).toBeCloseTo(initUsdPerMonth(14.37 + 15.1, 10240, 7), 12);
  });

  test('ordered by INIT cost instead, memory counts: the 10 GB Rust function passes the 512 MB Node one', () => {
    const byCost = runLogsInsights(coldStartRankingQuery({ windowDays: 7, usdPerGbSecond: ARM64, orderBy: 'initUsdPerMonth' }), RECORDED_FLEET);
    expect(byCost.map((r) => r['@log'])).toEqual(['/aws/lambda/checkout-python', '/aws/lambda/validate-rust', '/aws/lambda/render-node']);
  });

  test('per-day figures follow the window, and the limit cuts the ranking', () => {
    const [python] = runLogsInsights(coldStartRankingQuery({ windowDays: 1, usdPerGbSecond: ARM64, limit: 1 }), RECORDED_FLEET);
    expect(python.initMsPerDay).toBeCloseTo(412.5 + 388.1 + 455.0, 6);
    expect(runLogsInsights(coldStartRankingQuery({ windowDays: 1, usdPerGbSecond: ARM64, limit: 1 }), RECORDED_FLEET)).toHaveLength(1);
  });
});

describe('the query text', () => {
  test('has no literal in exponent notation, even for a tiny price', () => {
    const query = coldStartRankingQuery({ windowDays: 30, usdPerGbSecond: 0.0000001 });
    expect(query).not.toMatch(/\de-?\d/);
    expect(query).toContain('* 0.0000001 * 30 / 30720000');
  });

  test('is the widget\'s lines joined as LogQueryWidget joins them', () => {
    const options = { windowDays: 7, usdPerGbSecond: ARM64 };
    expect(coldStartRankingQuery(options)).toBe(coldStartRankingQueryLines(options).join('\n| '));
  });

  test.each([0, 1.5, -1, NaN])('rejects a window of %p days', (windowDays) => {
    expect(() => coldStartRankingQuery({ windowDays, usdPerGbSecond: ARM64 })).toThrow(/windowDays/);
  });
});
