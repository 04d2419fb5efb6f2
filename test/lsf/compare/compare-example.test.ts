import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deployedStacks, synth } from './compare-app';
import { closeApi, localArgs, useScratch, useTestCredentials } from './compare-harness';
import { LocalLambdaApi } from '../../../dev/local-lambda/local-lambda-api';
import { addFormValidationStacks } from '../../../examples/form-validation/app';
import { readRecordedFunctions, selectFunctions } from '../../../src/lsf/assembly/recorded-functions';
import { measuredFunctions } from '../../../src/lsf/bench/measured-function';
import { prepareRuntimes } from '../../../src/lsf/bench/runtime/runtimes';
import { lsf } from '../bench/cli-harness';

const ROOT = path.join(__dirname, '..', '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'form-validation');
const STACK = 'FormValidation';
// The Rust build and the Python venv are cached in .test-cache, shared with the lsf bench tests.
const FIRST_BUILD_MS = 20 * 60_000;

useTestCredentials();
const scratch = useScratch();
let api: LocalLambdaApi | undefined;
let outdir: string;
beforeAll(() => { outdir = mkdtempSync(path.join(os.tmpdir(), 'lsf-compare-example-')); });
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
afterEach(() => closeApi(api));

describe('lsf compare on the example app: the real Rust bootstrap and the Python twin behind the Lambda API', () => {
  test('the pair from the example\'s records (no outputs read); every case answers as expected through Invoke, and both are measured', async () => {
    const assembly = synth(path.join(outdir, 'cdk.out'), addFormValidationStacks);
    const recorded = selectFunctions(readRecordedFunctions(assembly), { stack: STACK });
    const [fn] = measuredFunctions(recorded);
    const cacheRoot = path.join(ROOT, '.test-cache');
    const prepared = await prepareRuntimes(fn, {
      cacheRoot, python: true, node: false, arm64: false, pythonCommand: 'python3', log: () => undefined,
    });
    const spec = (name: string) => prepared.specs.find((s) => s.name === name)!;
    const stacks = deployedStacks(assembly).filter((s) => s.name === STACK);
    const twin = recorded[0].record.twins.find((t) => t.name === 'python');
    if (twin?.kind !== 'python') throw new Error('the example\'s FormValidation has a Python twin');
    const deployed = { memorySize: fn.memorySize, architecture: 'arm64', logFormat: 'JSON' } as const;
    api = await LocalLambdaApi.start({
      functions: [
        { name: `${STACK}-${recorded[0].record.logicalId}`, spec: spec('rust'), runtime: 'provided.al2023', ...deployed },
        { name: `${STACK}-${twin.logicalId}`, spec: spec('python'), runtime: twin.runtime, ...deployed },
      ],
      stacks,
      updateDelayMs: 20,
    });
    const cases = path.join(EXAMPLE, 'cases.jsonl');
    const run = await lsf('compare', '--stack', STACK, '--twin', 'python', '--app', assembly, '--cases', cases, '--cold', '2', '--warm', '93', '--json',
      '--chart', scratch('chart.svg', ''), ...localArgs(api));
    expect(run.stderr).not.toContain('lsf compare:');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`Pair from the app: ${STACK}/ValidateSignup and its python twin ${STACK}/ValidateSignup/Twin`);
    expect(api.calls.filter((c) => c.operation === 'DescribeStacks')).toEqual([]);
    const [result] = JSON.parse(run.stdout).results;
    expect(result.answersChecked).toBe('expected');
    expect(result.events.length).toBeGreaterThanOrEqual(90);
    expect(result.runtimes.map((r: { name: string }) => r.name)).toEqual(['rust', 'python']);
    for (const r of result.runtimes) {
      expect(result.samples[r.name].initMs).toHaveLength(2);
      expect(result.samples[r.name].warmMs).toHaveLength(93);
      expect(r.init.p50).toBeGreaterThan(0);
    }
  }, FIRST_BUILD_MS);
});
