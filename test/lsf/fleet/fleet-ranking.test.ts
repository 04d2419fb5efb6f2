import { FleetFunction } from '../../../src/lsf/fleet/fleet-function';
import { fleetRanking, logGroupOf } from '../../../src/lsf/fleet/fleet-ranking';
import { runtimeWeight } from '../../../src/lsf/fleet/runtime-weight';

function fn(name: string, runtime: string): FleetFunction {
  return { name, runtime, architecture: 'arm64', memorySize: 512, logGroup: `/aws/lambda/${name}`, logFormat: 'JSON' };
}

/** A query row as GetQueryResults gives it: strings. */
function row(name: string, invocations: number, coldStarts: number, initMsPerDay: number): Record<string, string> {
  return { '@log': `123456789012:/aws/lambda/${name}`, 'invocations': String(invocations), 'coldStarts': String(coldStarts), 'initMsPerDay': String(initMsPerDay) };
}

describe('runtime weights', () => {
  test.each([
    ['python3.13', 1, false], ['nodejs22.x', 1, false], ['java21', 0.5, false], ['dotnet8', 0.5, false], ['ruby3.3', 0.5, false], ['image', 0.5, false],
    ['provided.al2023', 0, true], ['provided.al2', 0, true], ['provided', 0, true],
  ])('%s: %p', (runtime, weight, done) => {
    expect(runtimeWeight(runtime)).toEqual({ weight, done });
  });
});

describe('fleetRanking', () => {
  const window = { days: 7, queryDays: 7 };

  test('weighted: a Java function ranks above a Python one only with more than twice its init time per day', () => {
    const ranking = fleetRanking([fn('java-a', 'java21'), fn('py-b', 'python3.13'), fn('java-c', 'java21')],
      [row('java-a', 70, 7, 200), row('py-b', 70, 7, 150), row('java-c', 70, 7, 400)], [], window);
    expect(ranking.map((e) => [e.name, e.rank, e.score])).toEqual([['java-c', 1, 200], ['py-b', 2, 150], ['java-a', 3, 100]]);
  });

  test('no cold start: a candidate with a score of 0, after those with one', () => {
    const ranking = fleetRanking([fn('warm', 'python3.13'), fn('cold', 'nodejs22.x')], [row('warm', 700, 0, 0), row('cold', 7, 1, 1)], [], window);
    expect(ranking.map((e) => [e.name, e.status, e.score, e.coldStartRate, e.initMeanMs])).toEqual([['cold', 'candidate', 1, 1 / 7, 7], ['warm', 'candidate', 0, 0, 0]]);
  });

  test('a window that is not whole days: the query\'s 1-day figures over the window\'s length', () => {
    const [entry] = fleetRanking([fn('half', 'python3.13')], [row('half', 10, 2, 300)], [], { days: 0.5, queryDays: 1 });
    expect(entry).toMatchObject({ invocationsPerDay: 20, coldStartsPerDay: 4, initMsPerDay: 600, initMeanMs: 150, score: 600 });
  });

  test('@log with or without the account', () => {
    expect(logGroupOf('123456789012:/aws/lambda/a')).toBe('/aws/lambda/a');
    expect(logGroupOf('/aws/lambda/a')).toBe('/aws/lambda/a');
    expect(logGroupOf('custom:group')).toBe('custom:group');
  });
});
