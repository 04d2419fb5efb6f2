import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lsf } from './cli-harness';
import { liveProcessGroups } from '../../src/local-bench/runtime-process';

let dir: string;

/** An example folder whose Rust project is a stub: these runs must stop before any build. */
function example(cases: string): string {
  mkdirSync(path.join(dir, 'rust', 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'rust', 'Cargo.toml'), '[package]\nname = "stub"\nversion = "0.1.0"\nedition = "2021"\n');
  writeFileSync(path.join(dir, 'rust', 'src', 'main.rs'), 'fn main() {}\n');
  writeFileSync(path.join(dir, 'cases.jsonl'), cases);
  return dir;
}

const GOOD_LINE = '{"name": "ok", "event": {"a": 1}, "expected": {"valid": true, "errors": []}}';

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lsf-bad-input-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  expect(liveProcessGroups()).toEqual([]);
});

describe('lsf bench rejects bad input with exit code 2 and a message that says the fix', () => {
  test('a folder that does not exist', async () => {
    const run = await lsf('bench', path.join(dir, 'missing'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a folder. Give an example folder such as examples/form-validation');
    expect(run.stderr).toContain('<folder>/cases.jsonl');
  });

  test('a folder without the expected layout names what is missing', async () => {
    const run = await lsf('bench', dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('has no cases.jsonl and no rust/Cargo.toml');
    expect(run.stderr).toContain('<folder>/rust/Cargo.toml');
  });

  test('a cases line that is not JSON is reported with file and line number', async () => {
    const folder = example(`${GOOD_LINE}\n\n{"name": "broken", "event": {\n`);
    const run = await lsf('bench', folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${path.join(folder, 'cases.jsonl')}:3: not a JSON object`);
  });

  test('a cases line without "event" is reported with file and line number', async () => {
    const run = await lsf('bench', example(`${GOOD_LINE}\n{"name": "no event", "expected": {}}\n`));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cases\.jsonl:2: case "no event" needs "event" \(the event to send; "expected", the answer, is optional\)/);
  });

  test('a cases file with a repeated name or no cases at all', async () => {
    expect((await lsf('bench', example(`${GOOD_LINE}\n${GOOD_LINE}\n`))).stderr).toMatch(/cases\.jsonl:2: case name "ok" is used twice/);
    expect((await lsf('bench', example('\n'))).stderr).toContain('has no cases');
  });

  test.each([
    [['--cold', '0'], '--cold N must be a whole number from 1 to 500'],
    [['--cold', '501'], '--cold N must be a whole number from 1 to 500'],
    [['--warm', '0'], '--warm M must be a whole number from 1 to 100000'],
    [['--warm', '2.5'], '--warm M must be a whole number from 1 to 100000'],
    [['--cold-start-rate', '120'], 'must be a percentage from 0 to 100'],
    [['--profile', 'fastest'], 'unknown profile "fastest"; use one of real-time-api, user-facing-validation'],
  ])('out-of-range option %j', async (options, message) => {
    const run = await lsf('bench', example(`${GOOD_LINE}\n`), ...options);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  test('a --warm-case that names no case', async () => {
    const run = await lsf('bench', example(`${GOOD_LINE}\n`), '--warm-case', 'largest');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--warm-case: .*cases\.jsonl has no case named "largest"/);
  });

  test('a Rust project with two binaries', async () => {
    const folder = example(`${GOOD_LINE}\n`);
    mkdirSync(path.join(folder, 'rust', 'src', 'bin'));
    writeFileSync(path.join(folder, 'rust', 'src', 'bin', 'other.rs'), 'fn main() {}\n');
    const run = await lsf('bench', folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('must build exactly one binary (the bootstrap), found 2: other, stub');
  });

  test('a missing Rust toolchain says how to install it', async () => {
    const saved = process.env.PATH;
    process.env.PATH = dir;
    try {
      const run = await lsf('bench', example(`${GOOD_LINE}\n`), '--cache-dir', path.join(dir, 'cache'));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('`cargo` is not installed. Install Rust with rustup (https://rustup.rs)');
    } finally {
      process.env.PATH = saved;
    }
  });
});
