/**
 * `lsf compare` without an AWS account: the example app, synthesized here (bundling skipped:
 * only its records and templates are read) and "deployed" on the loopback Lambda API of the
 * tests (dev/local-lambda): its stacks' resources under the synth's logical IDs, and
 * the example's real Rust bootstrap and Python twin as the two functions, invoked through the
 * real SDK. lsf compare finds the pair as from the app's folder: --stack, no outputs read. It
 * shows what the command prints and exercises all of it; the times are this machine's.
 *
 *   npx projen example:compare [--cold N] [--warm M] [--json]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalLambdaApi } from './local-lambda/local-lambda-api';
import { addFormValidationStacks } from '../examples/form-validation/app';
import { readRecordedFunctions, selectFunctions } from '../src/lsf/assembly/recorded-functions';
import { measuredFunctions } from '../src/lsf/bench/measured-function';
import { prepareRuntimes } from '../src/lsf/bench/runtime/runtimes';
import { main } from '../src/lsf/cli/lsf';
import { deployedStacks, synth } from '../test/lsf/compare/compare-app';

const ROOT = path.join(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'form-validation');
const STACK = 'FormValidation';

async function run(): Promise<number> {
  // Local endpoint, local credentials: never the user's own, never the instance metadata service.
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'lsf-compare-local-'));
  let api: LocalLambdaApi | undefined;
  try {
    const assembly = synth(path.join(outdir, 'cdk.out'), addFormValidationStacks);
    const recorded = selectFunctions(readRecordedFunctions(assembly), { stack: STACK });
    const [fn] = measuredFunctions(recorded);
    // The Rust build and the Python venv are cached in .test-cache, as for the tests.
    const cacheRoot = path.join(ROOT, '.test-cache');
    const prepared = await prepareRuntimes(fn, {
      cacheRoot, python: true, node: false, arm64: false, pythonCommand: 'python3', log,
    });
    const spec = (name: string) => prepared.specs.find((s) => s.name === name)!;
    const stacks = deployedStacks(assembly).filter((s) => s.name === STACK);
    const { logicalId, twins } = recorded[0].record;
    const twin = twins.find((t) => t.name === 'python');
    if (twin?.kind !== 'python') throw new Error(`${STACK}'s function has no Python twin in the example's records`);
    const deployedName = (id: string) => stacks[0].resources!.find((r) => r.logicalId === id)!.physicalId;
    // Deployed as the records say: the profile's memory, arm64, JSON logs.
    const deployed = { memorySize: fn.memorySize, architecture: 'arm64', logFormat: 'JSON' } as const;
    api = await LocalLambdaApi.start({
      functions: [
        { name: deployedName(logicalId), spec: spec('rust'), runtime: 'provided.al2023', ...deployed },
        { name: deployedName(twin.logicalId), spec: spec('python'), runtime: twin.runtime, ...deployed },
      ],
      stacks,
      updateDelayMs: 50,
    });
    return await main([
      'compare', '--stack', STACK, '--twin', 'python', '--app', assembly, '--cases', path.join(EXAMPLE, 'cases.jsonl'),
      '--endpoint-url', api.endpoint, '--poll-ms', '20', '--chart', path.join(cacheRoot, 'compare', 'form-validation-local.svg'),
      ...process.argv.slice(2),
    ], { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), progress: process.stderr.isTTY === true });
  } finally {
    await api?.close();
    rmSync(outdir, { recursive: true, force: true });
  }
}

run().then((code) => { process.exitCode = code; }, (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
