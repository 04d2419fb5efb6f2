import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { closeApi, localArgs, startPair, useScratch, useTestCredentials } from './compare-harness';
import { lsf } from '../local-bench/cli-harness';
import { LocalLambdaApi } from '../support/local-lambda/local-lambda-api';

useTestCredentials();
const scratch = useScratch();
let api: LocalLambdaApi;
afterEach(() => closeApi(api));

// The IAM action behind each API operation the local endpoint records.
const IAM_ACTION: Record<string, string> = {
  Invoke: 'lambda:InvokeFunction',
  GetFunctionConfiguration: 'lambda:GetFunctionConfiguration',
  UpdateFunctionConfiguration: 'lambda:UpdateFunctionConfiguration',
  DescribeStacks: 'cloudformation:DescribeStacks',
};

/** The IAM policy of the README's "Permissions" section. */
function readmePolicy(): { Statement: { Action: string[] }[] } {
  const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Permissions'));
  return JSON.parse(/```json\n([\s\S]*?)```/.exec(section)![1]);
}

describe('the README\'s IAM policy for lsf compare', () => {
  test('allows exactly the actions a run makes', async () => {
    api = await startPair();
    const run = await lsf('compare', '--stack', 'PairStack', '--event', scratch('event.json', '{}'), '--cold', '1', '--warm', '1',
      '--chart', scratch('chart.svg', ''), ...localArgs(api));
    expect(run.code).toBe(0);
    const used = new Set(api.calls.map((c) => IAM_ACTION[c.operation]));
    const allowed = new Set(readmePolicy().Statement.flatMap((s) => s.Action));
    expect([...used].sort()).toEqual([...allowed].sort());
  });
});
