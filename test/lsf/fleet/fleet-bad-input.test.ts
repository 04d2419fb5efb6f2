import { LocalFleet, fleetArgs, startFleet } from './fleet-harness';
import { LocalLambdaApi } from '../../../dev/local-lambda/local-lambda-api';
import { lsf } from '../bench/cli-harness';
import { useTestCredentials } from '../compare/compare-harness';

useTestCredentials();
let fleet: LocalFleet;
beforeAll(async () => { fleet = await startFleet(); });
afterAll(async () => fleet.close());
beforeEach(() => { fleet.logs.calls.length = 0; });
// Bad input is refused before any query runs (a query is billed by the data it scans).
afterEach(() => expect(fleet.logs.calls).toEqual([]));

describe('lsf fleet refuses bad input with exit code 2 and a message that names the fix', () => {
  const sinceForms = 'a whole number of days, hours or minutes such as 7d, 12h or 30m, from 1m to 365d';
  test.each([
    ['--since without a unit', ['--since', '7'], `--since must be a duration: ${sinceForms}, got "7".`],
    ['--since in weeks', ['--since', '2w'], `--since must be a duration: ${sinceForms}, got "2w".`],
    ['--since 0d', ['--since', '0d'], `--since must be a duration: ${sinceForms}, got "0d".`],
    ['--since beyond a year', ['--since', '366d'], `--since must be a duration: ${sinceForms}, got "366d".`],
    ['--since in ISO 8601', ['--since', 'P7D'], `--since must be a duration: ${sinceForms}, got "P7D".`],
    ['--concurrency 0', ['--concurrency', '0'], '--concurrency n must be a whole number from 1 to 30 (queries at once), got "0".'],
    ['a stack that does not exist', ['--stack', 'Nope'], 'There is no stack "Nope" in us-east-1 (Stack with id Nope does not exist). Check --stack and --region.'],
    ['a stack with no functions', ['--stack', 'Buckets'],
      'Stack Buckets has no Lambda functions (AWS::Lambda::Function resources) in us-east-1. Name the stack that holds them with --stack, or leave --stack out'],
  ])('%s', async (_, args, message) => {
    const run = await lsf('fleet', ...args, ...fleetArgs(fleet));
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
  });

  test('a region without functions', async () => {
    const empty = await LocalLambdaApi.start({ functions: [] });
    try {
      const run = await lsf('fleet', '--endpoint-url', empty.endpoint);
      expect(run.stderr).toContain('lsf fleet: There are no Lambda functions in us-east-1. Check --region (or AWS_REGION, or your profile\'s region) and the account');
      expect(run.code).toBe(2);
    } finally {
      await empty.close();
    }
  });
});
