/**
 * `lsf compare` without an AWS account: the example's real Rust bootstrap and Python twin behind
 * the loopback Lambda API of the tests (test/support/local-lambda), invoked through the real SDK.
 * It shows what the command prints and exercises all of it; the times are this machine's.
 *
 *   npx projen compare:local [--cold N] [--warm M] [--json]
 */
import * as path from 'node:path';
import { main } from '../src/cli/lsf';
import { withCacheLock } from '../src/local-bench/cache-lock';
import { readExampleLayout } from '../src/local-bench/example-layout';
import { prepareRuntimes } from '../src/local-bench/runtimes';
import { LocalLambdaApi } from '../test/support/local-lambda/local-lambda-api';

const ROOT = path.join(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'form-validation');

async function run(): Promise<number> {
  // Local endpoint, local credentials: never the user's own, never the instance metadata service.
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const cacheRoot = path.join(ROOT, '.bench');
  const specs = await withCacheLock(cacheRoot, log, () => prepareRuntimes(readExampleLayout(EXAMPLE), {
    cacheRoot, memorySize: 1024, python: true, node: false, arm64: false, pythonCommand: 'python3', log,
  }));
  const spec = (name: string) => specs.find((s) => s.name === name)!;
  const api = await LocalLambdaApi.start({
    functions: [
      { name: 'FormValidationVsPython-Function', spec: spec('rust'), runtime: 'provided.al2023', memorySize: 1024, architecture: 'arm64', logFormat: 'JSON' },
      { name: 'FormValidationVsPython-Twin', spec: spec('python'), runtime: 'python3.13', memorySize: 1024, architecture: 'arm64', logFormat: 'JSON' },
    ],
    stacks: [{ name: 'FormValidationVsPython', outputs: { FunctionName: 'FormValidationVsPython-Function', TwinFunctionName: 'FormValidationVsPython-Twin' } }],
    updateDelayMs: 50,
  });
  try {
    return await main([
      'compare', '--stack', 'FormValidationVsPython', '--cases', path.join(EXAMPLE, 'cases.jsonl'),
      '--endpoint-url', api.endpoint, '--poll-ms', '20', '--chart', path.join(cacheRoot, 'compare', 'form-validation-local.svg'),
      ...process.argv.slice(2),
    ], { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), progress: process.stderr.isTTY === true });
  } finally {
    await api.close();
  }
}

run().then((code) => { process.exitCode = code; }, (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
