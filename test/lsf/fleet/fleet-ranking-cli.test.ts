import { figuresFromLines, sum } from './expected-figures';
import { GENERATED, LocalFleet, PAGE_SIZE, fleetArgs, fleetFunctions, generatedInitMs, generatedName, startFleet } from './fleet-harness';
import { lsf } from '../bench/cli-harness';
import { useTestCredentials } from '../compare/compare-harness';

useTestCredentials();
let fleet: LocalFleet;
beforeAll(async () => { fleet = await startFleet(); });
afterAll(async () => fleet.close());

const DAY_MS = 86_400_000;
const ALL = fleetFunctions().length;

/** `lsf fleet --json` over the local fleet; the parsed output and the run. */
async function fleetJson(...args: string[]) {
  const run = await lsf('fleet', '--json', ...args, ...fleetArgs(fleet));
  expect(run.stderr).not.toContain('unexpected');
  expect(run.code).toBe(0);
  return { run, json: JSON.parse(run.stdout) };
}

function entry(functions: Array<Record<string, unknown>>, name: string): Record<string, unknown> {
  const found = functions.find((f) => f.name === name);
  if (!found) throw new Error(`no ${name} in the ranking`);
  return found;
}

describe('lsf fleet ranks the recorded fleet from its platform.report lines', () => {
  let functions: Array<Record<string, unknown>>;
  let sinceMs: number;
  beforeAll(async () => {
    sinceMs = Date.now() - 7 * DAY_MS;
    fleet.lambda.calls.length = 0;
    fleet.logs.calls.length = 0;
    ({ json: { functions } } = await fleetJson('--since', '7d', '--concurrency', '2'));
  });

  test('every function of every ListFunctions page, each once', () => {
    expect(functions).toHaveLength(ALL);
    expect(new Set(functions.map((f) => f.name)).size).toBe(ALL);
    expect(fleet.lambda.calls.filter((c) => c.operation === 'ListFunctions')).toHaveLength(Math.ceil(ALL / PAGE_SIZE));
  });

  test('Python first, then Node, then the generated functions by score; Rust done; then those without figures', () => {
    const generated = Array.from({ length: GENERATED }, (_, i) => i).sort((a, b) => generatedInitMs(b) - generatedInitMs(a)).map(generatedName);
    const last = ['validate-rust', 'quiet-node', 'legacy-text', 'never-ran'];
    expect(functions.map((f) => f.name)).toEqual(['checkout-python', 'render-node', ...generated, ...last]);
    const ranks = Array.from({ length: 2 + GENERATED }, (_, i) => i + 1);
    expect(functions.map((f) => f.rank)).toEqual([...ranks, undefined, undefined, undefined, undefined]);
    expect(functions.slice(-4).map((f) => f.status)).toEqual(['done', 'no-invocations', 'text-logs', 'no-log-group']);
  });

  const measured = ['checkout-python', 'render-node', generatedName(0), generatedName(GENERATED - 1), 'validate-rust'];
  test.each(measured)('%s: figures and score from the lines', (name) => {
    const fn = entry(functions, name);
    const lines = figuresFromLines(fleet.events, `/aws/lambda/${name}`, sinceMs);
    const weight = name.endsWith('rust') ? 0 : 1;
    expect(fn).toMatchObject({ runtimeWeight: weight, status: weight === 0 ? 'done' : 'candidate' });
    expect(fn.invocationsPerDay).toBeCloseTo(lines.invocations / 7, 9);
    expect(fn.coldStartRate).toBeCloseTo(lines.coldStarts / lines.invocations, 9);
    expect(fn.initMeanMs).toBeCloseTo(sum(lines.initMs) / lines.coldStarts, 9);
    expect(fn.initP95Ms).toBe(Math.max(...lines.initMs));
    expect(fn.initMsPerDay).toBeCloseTo(sum(lines.initMs) / 7, 9);
    // The score's definition: invocations/day x cold-start rate x mean init x runtime weight.
    const [perDay, rate, meanInit] = [lines.invocations / 7, lines.coldStarts / lines.invocations, sum(lines.initMs) / lines.coldStarts];
    expect(fn.score).toBeCloseTo(perDay * rate * meanInit * weight, 9);
  });

  test('checkout-python, in numbers', () => {
    expect(entry(functions, 'checkout-python')).toMatchObject({ runtime: 'python3.13', architecture: 'arm64', memorySize: 1024, coldStartRate: 0.5 });
    expect(entry(functions, 'checkout-python').score).toBeCloseTo((412.5 + 388.1 + 455.0) / 7, 9);
  });

  test('queries at most 50 log groups each, never the Text-logging function\'s, each JSON log group once, at most --concurrency at a time', () => {
    const starts = fleet.logs.calls.filter((c) => c.operation === 'StartQuery');
    expect(Math.max(...starts.map((c) => c.logGroups!.length))).toBeLessThanOrEqual(50);
    const answered = starts.filter((c) => c.status === 200).flatMap((c) => c.logGroups!);
    const json = fleetFunctions().filter((f) => f.logFormat === 'JSON' && f.name !== 'never-ran').map((f) => `/aws/lambda/${f.name}`);
    expect([...answered].sort()).toEqual([...json].sort());
    expect(starts.flatMap((c) => c.logGroups!)).not.toContain('/aws/lambda/legacy-text');
    // The batch holding the missing log group was split down to it.
    expect(starts.filter((c) => c.errorType === 'ResourceNotFoundException').at(-1)?.logGroups).toEqual(['/aws/lambda/never-ran']);
    expect(fleet.logs.maxRunning).toBeLessThanOrEqual(2);
  });
});

describe('the window', () => {
  test('--since 2d: only the last two days\' lines, per-day figures over two days', async () => {
    const { json: { functions } } = await fleetJson('--since', '2d');
    // The newest line is an hour old: two days back reaches the python function's third cold start, not its second.
    expect(entry(functions, 'checkout-python')).toMatchObject({ invocationsPerDay: 1, coldStartRate: 0.5, initMsPerDay: 455.0 / 2, score: 455.0 / 2 });
    expect(entry(functions, 'render-node').initMsPerDay).toBeCloseTo(231.7 / 2, 9);
  });

  test('--since 12h: half a day, the query run with a 1-day window and its figures doubled', async () => {
    const { json: { functions } } = await fleetJson('--since', '12h');
    expect(entry(functions, 'validate-rust')).toMatchObject({ status: 'done', invocationsPerDay: 2, coldStartsPerDay: 2 });
    expect(entry(functions, 'validate-rust').initMsPerDay).toBeCloseTo(15.1 * 2, 9);
    expect(entry(functions, 'checkout-python').status).toBe('no-invocations');
  });
});

describe('--stack', () => {
  test('ranks only the stack\'s functions, read one by one, without listing the account', async () => {
    fleet.lambda.calls.length = 0;
    const { json: { functions } } = await fleetJson('--stack', 'Checkout');
    expect(functions.map((f: Record<string, unknown>) => [f.name, f.status])).toEqual([['checkout-python', 'candidate'], ['validate-rust', 'done']]);
    expect(fleet.lambda.calls.map((c) => c.operation).sort()).toEqual(['GetFunctionConfiguration', 'GetFunctionConfiguration', 'ListStackResources']);
  });
});

describe('the table', () => {
  test('ranks, flags and explains', async () => {
    const run = await lsf('fleet', '--since', '7d', ...fleetArgs(fleet));
    expect(run.code).toBe(0);
    const line = (name: string) => run.stdout.split('\n').find((l) => l.includes(` ${name} `)) ?? '';
    expect(line('checkout-python')).toMatch(/^│ 1 +│ checkout-python +│ python3\.13 arm64, 1024 MB/);
    expect(line('checkout-python')).toContain(`│ ${Math.round((412.5 + 388.1 + 455.0) / 7)} `);
    expect(line('validate-rust')).toContain('done (already Rust/OS-only)');
    expect(line('legacy-text')).toContain('not measured: logs Text (set loggingFormat JSON)');
    expect(line('never-ran')).toContain('not measured: no log group (never ran?)');
    expect(line('quiet-node')).toContain('no invocations in the window');
    expect(run.stdout).toContain(`${ALL} function(s) in us-east-1, last 7d`);
    expect(run.stdout).toContain('Rust candidate = invocations/day x cold-start rate x mean init ms x runtime weight');
    expect(run.stderr).toContain('1 function(s) log Text and are not queried');
  });
});
