import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { synthApp } from './bench-apps';
import { lsf } from './cli-harness';
import { LatencySensitiveFunction, Twin } from '../../../src';
import { liveProcessGroups } from '../../../src/lsf/bench/runtime/runtime-process';
import { jsonLoggingFunction } from '../../fixtures';
import { synthBenchApp } from '../../fixtures/bench-app/app';

let dir: string;
let assembly: string;

/** A crate whose binary is a stub: these runs must stop before any build. */
function stubCrate(): string {
  const crate = path.join(dir, 'rust');
  mkdirSync(path.join(crate, 'src'), { recursive: true });
  writeFileSync(path.join(crate, 'Cargo.toml'), '[package]\nname = "stub"\nversion = "0.1.0"\nedition = "2021"\n');
  writeFileSync(path.join(crate, 'src', 'main.rs'), 'fn main() {}\n');
  return crate;
}

function casesFile(text: string): string {
  const file = path.join(dir, 'cases.jsonl');
  writeFileSync(file, text);
  return file;
}

const GOOD_LINE = '{"name": "ok", "event": {"a": 1}, "expected": {"valid": true, "errors": []}}';

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lsf-bad-input-'));
  assembly = synthApp(path.join(dir, 'cdk.out'), (app) => new LatencySensitiveFunction(new Stack(app, 'Stub'), 'Fn', { manifestPath: stubCrate() }));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  expect(liveProcessGroups()).toEqual([]);
});

/** lsf bench on the stub app, with a cache folder that must stay empty. */
function bench(...args: string[]) {
  return lsf('bench', '--app', assembly, '--cache-dir', path.join(dir, 'cache'), ...args);
}

describe('lsf bench rejects bad input with exit code 2, a message that says the fix, and nothing built', () => {
  test('no cloud assembly where it looks: run cdk synth, or --app', async () => {
    const empty = mkdtempSync(path.join(dir, 'app-'));
    const run = await lsf('bench', '--app', empty, '--cases', casesFile(`${GOOD_LINE}\n`));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/lsf bench: There is no cloud assembly in .*cdk\.out \(no manifest\.json\)\. Run `cdk synth` in your CDK app's folder first, or pass --app/);
    expect((await lsf('bench', '--app', path.join(dir, 'missing'), '--cases', casesFile(`${GOOD_LINE}\n`))).stderr).toContain('is not a folder');
  });

  test('an app without a LatencySensitiveFunction', async () => {
    const plain = synthApp(path.join(dir, 'plain.out'), (app) => jsonLoggingFunction(new Stack(app, 'Plain'), 'Fn'));
    const run = await lsf('bench', '--app', plain, '--cases', casesFile(`${GOOD_LINE}\n`));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('has no LatencySensitiveFunction. Add one to your app');
  });

  test('--function and --stack that match nothing list the candidates', async () => {
    const app = synthBenchApp(path.join(dir, 'bench-app.out'));
    const cases = casesFile(`${GOOD_LINE}\n`);
    const unknown = await lsf('bench', '--app', app, '--function', 'Validate', '--cases', cases);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--function Validate matches no LatencySensitiveFunction. Give a construct ID or path: GreetStack/Greet, ShoutStack/Shout.');
    const stack = await lsf('bench', '--app', app, '--stack', 'Nope', '--cases', cases);
    expect(stack.stderr).toContain('--stack Nope: no stack of that name holds a LatencySensitiveFunction. Stacks that do: GreetStack, ShoutStack.');
  });

  test('--function that matches functions built differently in several stacks', async () => {
    const app = synthApp(path.join(dir, 'two.out'), (a) => {
      const crate = stubCrate();
      new LatencySensitiveFunction(new Stack(a, 'One'), 'Fn', { manifestPath: crate });
      new LatencySensitiveFunction(new Stack(a, 'Two'), 'Fn', { manifestPath: crate, memorySize: 1024 });
    });
    const run = await lsf('bench', '--app', app, '--function', 'Fn', '--cases', casesFile(`${GOOD_LINE}\n`));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--function Fn matches 2 functions built differently: One/Fn, Two/Fn. Give the construct path of one of them, or add --stack.');
  });

  test('sources that moved since the synth: run cdk synth again', async () => {
    const moved = path.join(dir, 'elsewhere', 'deeper', 'cdk.out');
    cpSync(assembly, moved, { recursive: true });
    const run = await lsf('bench', '--app', moved, '--cases', casesFile(`${GOOD_LINE}\n`));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Stub\/Fn: its Cargo manifest .*Cargo\.toml no longer exists \(the app moved or changed since it was synthesized\)\. Run `cdk synth` again\./);
  });

  test('no events, or two kinds of them', async () => {
    const none = await bench();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Give the events to send: --cases FILE (JSON lines {"name", "event", "expected"?}) or --event FILE (one JSON event), not both.');
    const event = path.join(dir, 'event.json');
    writeFileSync(event, '{"a": 1}');
    expect((await bench('--cases', casesFile(`${GOOD_LINE}\n`), '--event', event)).code).toBe(2);
  });

  test('an event file that is not JSON', async () => {
    const event = path.join(dir, 'event.json');
    writeFileSync(event, '{"a": ');
    const run = await bench('--event', event);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--event: .*event\.json is not JSON \(.*\)\. Lambda events are JSON documents\./);
  });

  test('a cases line that is not JSON is reported with file and line number', async () => {
    const file = casesFile(`${GOOD_LINE}\n\n{"name": "broken", "event": {\n`);
    const run = await bench('--cases', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:3: not a JSON object`);
  });

  test('a cases line without "event" is reported with file and line number', async () => {
    const run = await bench('--cases', casesFile(`${GOOD_LINE}\n{"name": "no event", "expected": {}}\n`));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cases\.jsonl:2: case "no event" needs "event" \(the event to send; "expected", the answer, is optional\)/);
  });

  test('a cases file with a repeated name or no cases at all', async () => {
    expect((await bench('--cases', casesFile(`${GOOD_LINE}\n${GOOD_LINE}\n`))).stderr).toMatch(/cases\.jsonl:2: case name "ok" is used twice/);
    expect((await bench('--cases', casesFile('\n'))).stderr).toContain('has no cases');
  });

  test.each([
    [['--cold', '0'], '--cold N must be a whole number from 1 to 500'],
    [['--cold', '501'], '--cold N must be a whole number from 1 to 500'],
    [['--warm', '0'], '--warm M must be a whole number from 1 to 100000'],
    [['--warm', '2.5'], '--warm M must be a whole number from 1 to 100000'],
    [['--cold-start-rate', '120'], 'must be a percentage from 0 to 100'],
    // Number('0x10') is 16: hex, binary and octal spellings were taken as percentages (found by test/properties/cli-options).
    [['--cold-start-rate', '0x10'], '--cold-start-rate must be a percentage from 0 to 100, as a decimal such as 5 or 0.5, got "0x10".'],
    [['--cold-start-rate', '0b1'], '--cold-start-rate must be a percentage from 0 to 100, as a decimal such as 5 or 0.5, got "0b1".'],
    [['--rps=-5'], '--rps must be a number of requests per second above 0, as a decimal such as 10 or 0.5, got "-5".'],
    [['--rps', '1e400'], '--rps must be a number of requests per second above 0, as a decimal such as 10 or 0.5, got "1e400".'],
    [['--memory', '64'], '--memory takes Lambda memory sizes in whole MB from 128 to 10240, separated by commas (e.g. 128,512,1769); "64" is not one.'],
    [['--memory', '512,1769.5'], '"1769.5" is not one'],
    [['--memory', '10241'], '"10241" is not one'],
    [['--memory', '128,128'], '--memory names a size twice: "128,128".'],
    [['--memory', '128,256,384,512,640,768,896,1024,1152'], '--memory takes at most 8 sizes (every runtime runs at every size), got 9.'],
  ])('out-of-range option %j', async (options, message) => {
    const run = await bench('--cases', casesFile(`${GOOD_LINE}\n`), ...options);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  test('a --warm-case that names no case', async () => {
    const run = await bench('--cases', casesFile(`${GOOD_LINE}\n`), '--warm-case', 'largest');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--warm-case: .*cases\.jsonl has no case named "largest"/);
  });

  test('a missing Rust toolchain says how to install it', async () => {
    const saved = process.env.PATH;
    process.env.PATH = dir;
    try {
      const run = await bench('--cases', casesFile(`${GOOD_LINE}\n`));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('`cargo` is not installed. Install Rust with rustup (https://rustup.rs)');
    } finally {
      process.env.PATH = saved;
    }
  });

  test('a Node twin whose runtime\'s major cannot be fetched names the runtime and the fallback', async () => {
    const app = synthApp(path.join(dir, 'node99.out'), (a) => new LatencySensitiveFunction(new Stack(a, 'Future'), 'Fn', {
      manifestPath: stubCrate(),
      twins: [Twin.node({ entry: path.join(__dirname, '..', '..', 'fixtures', 'bench-app', 'twins', 'js', 'shout.js'), handler: 'shout', runtime: new lambda.Runtime('nodejs99.x', lambda.RuntimeFamily.NODEJS) })],
    }));
    const run = await lsf('bench', '--app', app, '--cases', casesFile(`${GOOD_LINE}\n`), '--cache-dir', path.join(dir, 'cache'), '--no-arm64');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/lsf bench: Cannot fetch Node 99 for the twin's runtime nodejs99\.x \(node-linux-(x64|arm64)@99 from the npm registry\): .*Give a Node 99 with --node PATH/);
  }, 10 * 60_000);
});
