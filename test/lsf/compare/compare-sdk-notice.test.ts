import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { closeApi, localArgs, startPair, useScratch } from './compare-harness';
import { LocalLambdaApi } from '../../../dev/local-lambda/local-lambda-api';

const ROOT = path.join(__dirname, '..', '..', '..');
const scratch = useScratch();
let api: LocalLambdaApi;
afterEach(() => closeApi(api));

/** Runs `lsf compare` in its own process, as a user would: the SDK's warnings reach its stderr as Node prints them. */
function lsfProcess(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> {
  const cli = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/lsf/cli/lsf.ts', 'compare', ...args], {
    cwd: ROOT,
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  cli.stderr!.on('data', (chunk: Buffer) => { stderr += chunk; });
  return new Promise((resolve) => cli.once('close', (code) => resolve({ code, stderr })));
}

/** Lines about the Node version the SDK supports, in whatever form they come. */
function noticeLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /AWS SDK|NodeVersionSupportWarning|node >=|Node >=|upgrade to node|trace-warnings|a\.co\//i.test(line));
}

describe('the AWS SDK\'s notice that it will need a newer Node', () => {
  const oldNode = Number(process.versions.node.split('.')[0]) < 22;

  test('is one line of a real lsf compare run, not the nine of process.emitWarning', async () => {
    api = await startPair();
    const run = await lsfProcess(['--function', 'fn', '--twin', 'twin', '--event', scratch('event.json', '{}'), '--cold', '1', '--warm', '1',
      '--chart', scratch('chart.svg', ''), ...localArgs(api)]);
    expect(run.code).toBe(0);
    const lines = noticeLines(run.stderr);
    expect(lines).toHaveLength(oldNode ? 1 : 0);
    if (oldNode) {
      expect(lines[0]).toMatch(new RegExp(`^Note: AWS SDK for JavaScript v3 versions published after .+ need Node >=\\d+; lsf runs on Node ${process.version} \\(https://\\S+\\)\\.$`));
    }
    expect(run.stderr).not.toContain('Warning:');
    // Then the run's own lines: the pair, restoring, the chart.
    expect(run.stderr.trim().split('\n')).toHaveLength((oldNode ? 1 : 0) + 3);
  }, 60_000);

  test('is not said at all when the SDK\'s own switch silences it', async () => {
    api = await startPair();
    const run = await lsfProcess(['--function', 'fn', '--twin', 'nope', '--event', scratch('event.json', '{}'), ...localArgs(api)],
      { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
    expect(run.code).toBe(2);
    expect(noticeLines(run.stderr)).toEqual([]);
    expect(run.stderr).toBe('lsf compare: There is no function "nope" in us-east-1. Check the name (or the stack\'s output) and --region.\n');
  }, 60_000);
});
