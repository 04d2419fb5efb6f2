import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deployApp, synthApp } from './compare-app';
import { closeApi, localArgs, startPair, useScratch, useTestCredentials } from './compare-harness';
import { LocalLambdaApi } from '../../../dev/local-lambda/local-lambda-api';
import { lsf } from '../bench/cli-harness';

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
  ListStackResources: 'cloudformation:ListStackResources',
};

// The statement that each way of finding the pair needs besides MeasureThePair.
const WAYS = { app: 'ReadThePairFromTheApp', outputs: 'ReadThePairFromTheOutputs', named: undefined };

/** The IAM policy of the README's "Permissions" section. */
function readmePolicy(): { Statement: { Sid: string; Action: string[] }[] } {
  const readme = readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Permissions'));
  return JSON.parse(/```json\n([\s\S]*?)```/.exec(section)![1]);
}

/** The actions the policy allows a run that finds the pair this way: MeasureThePair, and that way's statement. */
function allowedFor(way: keyof typeof WAYS): string[] {
  const statements = readmePolicy().Statement;
  const others = Object.values(WAYS).filter((sid) => sid !== WAYS[way]);
  return statements.filter((s) => !others.includes(s.Sid)).flatMap((s) => s.Action).sort();
}

/** A run with one cold start and one warm invocation; the IAM actions of the calls it made. */
async function actionsOf(...args: string[]): Promise<string[]> {
  const run = await lsf('compare', ...args, '--event', scratch('event.json', '{}'), '--cold', '1', '--warm', '1',
    '--chart', scratch('chart.svg', ''), ...localArgs(api));
  expect(run.stderr).not.toContain('lsf compare:');
  expect(run.code).toBe(0);
  return [...new Set(api.calls.map((c) => IAM_ACTION[c.operation]))].sort();
}

describe('the README\'s IAM policy for lsf compare', () => {
  test('has one statement per way of finding the pair, and nothing else than the calls of a run', () => {
    expect(readmePolicy().Statement.map((s) => s.Sid)).toEqual(['ReadThePairFromTheApp', 'ReadThePairFromTheOutputs', 'MeasureThePair']);
    expect(readmePolicy().Statement.flatMap((s) => s.Action).sort()).toEqual(Object.values(IAM_ACTION).sort());
  });

  test('from the app\'s cloud assembly (an existing twin in another stack): exactly MeasureThePair and ReadThePairFromTheApp', async () => {
    const outdir = mkdtempSync(path.join(os.tmpdir(), 'lsf-permissions-'));
    try {
      const assembly = synthApp(outdir);
      api = await deployApp(assembly);
      expect(await actionsOf('--stack', 'Pay', '--app', assembly)).toEqual(allowedFor('app'));
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('from the stack\'s outputs: exactly MeasureThePair and ReadThePairFromTheOutputs', async () => {
    api = await startPair();
    expect(await actionsOf('--stack', 'PairStack')).toEqual(allowedFor('outputs'));
  });

  test('from two names: exactly MeasureThePair', async () => {
    api = await startPair();
    expect(await actionsOf('--function', 'fn', '--twin', 'twin')).toEqual(allowedFor('named'));
  });
});
