import * as path from 'node:path';
import { closeApi, localArgs, useScratch, useTestCredentials } from './compare-harness';
import { withCacheLock } from '../../src/local-bench/cache-lock';
import { readExampleLayout } from '../../src/local-bench/example-layout';
import { prepareRuntimes } from '../../src/local-bench/runtimes';
import { lsf } from '../local-bench/cli-harness';
import { LocalLambdaApi } from '../support/local-lambda/local-lambda-api';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'form-validation');
// The Rust build and the Python venv are cached in .bench, shared with the lsf bench tests.
const FIRST_BUILD_MS = 20 * 60_000;

useTestCredentials();
const scratch = useScratch();
let api: LocalLambdaApi | undefined;
afterEach(() => closeApi(api));

describe('lsf compare on the example pair: the real Rust bootstrap and the Python twin behind the Lambda API', () => {
  test('every case answers as expected through Invoke, and both functions are measured', async () => {
    const layout = readExampleLayout(EXAMPLE);
    const cacheRoot = path.join(ROOT, '.bench');
    const specs = await withCacheLock(cacheRoot, () => undefined, () => prepareRuntimes(layout, {
      cacheRoot, memorySize: 1024, python: true, node: false, arm64: false, pythonCommand: 'python3', log: () => undefined,
    }));
    const spec = (name: string) => specs.find((s) => s.name === name)!;
    api = await LocalLambdaApi.start({
      functions: [
        { name: 'FormValidation-Function', spec: spec('rust'), runtime: 'provided.al2023', memorySize: 1024, architecture: 'arm64', logFormat: 'JSON' },
        { name: 'FormValidation-Twin', spec: spec('python'), runtime: 'python3.13', memorySize: 1024, architecture: 'arm64', logFormat: 'JSON' },
      ],
      stacks: [{ name: 'FormValidationVsPython', outputs: { FunctionName: 'FormValidation-Function', TwinFunctionName: 'FormValidation-Twin' } }],
      updateDelayMs: 20,
    });
    const cases = path.join(EXAMPLE, 'cases.jsonl');
    const run = await lsf('compare', '--stack', 'FormValidationVsPython', '--cases', cases, '--cold', '2', '--warm', '93', '--json',
      '--chart', scratch('chart.svg', ''), ...localArgs(api));
    expect(run.stderr).not.toContain('lsf compare:');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
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
