import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, AssetStaging, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { FIXTURES, stackWithoutBundling } from './fixtures';
import { LatencyProfile, LatencySensitiveFunction, Twin } from '../src';

// A crate with no dependencies: a real cargo-lambda build of it takes seconds, and it starts
// without a Cargo.lock, as `cargo new` leaves it.
let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'lsf-before-build-'));
  AssetStaging.clearAssetHashCache();
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

function crate(name: string, main = 'fn main() { println!("{}", std::env::args().count()); }\n'): string {
  const dir = path.join(scratch, name);
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'Cargo.toml'), `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n`);
  writeFileSync(path.join(dir, 'src', 'main.rs'), main);
  return dir;
}

/** Keeps bundling's progress lines out of the test output. */
function quietly<T>(work: () => T): T {
  const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return work();
  } finally {
    write.mockRestore();
  }
}

describe('every check before any build', () => {
  test('a broken twin entry fails fast: no cargo process ran (no target folder, no Cargo.lock)', () => {
    const dir = crate('fastfail');
    const stack = new Stack(new App({ outdir: path.join(scratch, 'out') }), 'S');
    expect(() => new LatencySensitiveFunction(stack, 'Fn', { manifestPath: dir, twins: [Twin.python({ entry: path.join(scratch, 'no-such-folder') })] }))
      .toThrow(/^Twin\.python for 'S\/Fn': invalid `entry`: '.*no-such-folder' is not a folder/);
    expect(existsSync(path.join(dir, 'target'))).toBe(false);
    expect(existsSync(path.join(dir, 'Cargo.lock'))).toBe(false);
  });

  test('a requirements.txt pip cannot read is reported before the build, with its line', () => {
    const entry = path.join(scratch, 'twin');
    mkdirSync(entry);
    writeFileSync(path.join(entry, 'index.py'), 'def handler(event, context):\n    return event\n');
    writeFileSync(path.join(entry, 'requirements.txt'), 'pydantic==2.9.2\nthis is not a requirement\n');
    const dir = crate('badreq');
    const stack = new Stack(new App({ outdir: path.join(scratch, 'out') }), 'S');
    expect(() => new LatencySensitiveFunction(stack, 'Fn', { manifestPath: dir, twins: [Twin.python({ entry })] }))
      .toThrow(/invalid `entry`: .*requirements\.txt:2: 'this is not a requirement' is not a requirement pip understands/);
    expect(existsSync(path.join(dir, 'target'))).toBe(false);
  });
});

describe('one hash per source, one build per binary', () => {
  test('a crate without Cargo.lock in two stacks: one asset, one staged folder, and the same hash on the next synth', () => {
    const dir = crate('nolock');
    const synth = (outdir: string) => quietly(() => {
      AssetStaging.clearAssetHashCache();
      const app = new App({ outdir });
      const stacks = ['One', 'Two'].map((id) => new Stack(app, id));
      stacks.forEach((stack) => new LatencySensitiveFunction(stack, 'Fn', { manifestPath: dir }));
      app.synth();
      return stacks;
    });
    const first = synth(path.join(scratch, 'first'));
    const keys = first.map((stack) => Template.fromStack(stack).findResources('AWS::Lambda::Function'))
      .map((fns) => Object.values(fns).find((fn: any) => fn.Properties.Runtime === 'provided.al2023') as any)
      .map((fn) => fn.Properties.Code.S3Key);
    expect(keys[0]).toBe(keys[1]);
    const staged = readdirSync(path.join(scratch, 'first')).filter((f) => f.startsWith('asset.') && existsSync(path.join(scratch, 'first', f, 'bootstrap')));
    expect(staged).toEqual([`asset.${keys[0].replace(/\.zip$/, '')}`]);
    expect(existsSync(path.join(dir, 'Cargo.lock'))).toBe(true);
    Annotations.fromStack(first[0]).hasWarning('/One/Fn', Match.stringLikeRegexp('Cargo\\.lock did not exist: written before hashing the sources.*Commit it'));

    const again = synth(path.join(scratch, 'again'));
    const key = (Object.values(Template.fromStack(again[0]).findResources('AWS::Lambda::Function'))
      .find((fn: any) => fn.Properties.Runtime === 'provided.al2023') as any).Properties.Code.S3Key;
    expect(key).toBe(keys[0]);
  });

  test('a failed build ends with one line naming the binary and the manifest', () => {
    const dir = crate('broken', 'fn main() { let x: u32 = "not a number"; }\n');
    const stack = new Stack(new App({ outdir: path.join(scratch, 'out') }), 'S');
    expect(() => quietly(() => new LatencySensitiveFunction(stack, 'Fn', { manifestPath: dir })))
      .toThrow(new RegExp(`LatencySensitiveFunction 'S/Fn': the Rust build of binary 'broken' from ${path.join(dir, 'Cargo.toml')} failed .*; the compiler's messages are above\\.`));
  });
});

describe('messages that point the right way', () => {
  test('a TOML syntax error gives the line and column', () => {
    const dir = crate('badtoml');
    writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "badtoml"\nversion = 0.1.0\n');
    expect(() => new LatencySensitiveFunction(stackWithoutBundling(), 'Fn', { manifestPath: dir }))
      .toThrow(/invalid `manifestPath`: .*Cargo\.toml:3:14 is not valid TOML: illegal character in numeric literal\. Fix line 3, column 14 of that file/);
  });

  test('a library-only crate is the manifest\'s problem, not binaryName\'s', () => {
    const dir = crate('libonly');
    rmSync(path.join(dir, 'src', 'main.rs'));
    writeFileSync(path.join(dir, 'src', 'lib.rs'), 'pub fn f() {}\n');
    expect(() => new LatencySensitiveFunction(stackWithoutBundling(), 'Fn', { manifestPath: dir }))
      .toThrow(/invalid `manifestPath`: .*Cargo\.toml is a package with no binary target \(a library only\)\. Point it at the crate of the Lambda handler/);
  });

  test('several binaries and no binaryName: binaryName is what to set', () => {
    expect(() => new LatencySensitiveFunction(stackWithoutBundling(), 'Fn', { manifestPath: FIXTURES.multiBin }))
      .toThrow(/invalid `binaryName`: it is not set, and .* is a package with several binaries/);
  });

  test('a requirement without a wheel for Lambda\'s platform is named, with dockerBundling offered', () => {
    const entry = path.join(scratch, 'twin');
    mkdirSync(entry);
    writeFileSync(path.join(entry, 'index.py'), 'def handler(event, context):\n    return event\n');
    // docopt 0.6.2 is published as a source distribution only.
    writeFileSync(path.join(entry, 'requirements.txt'), 'docopt==0.6.2\n');
    const stack = new Stack(new App({ outdir: path.join(scratch, 'out') }), 'S');
    const twin = Twin.python({ entry });
    const settings = {
      original: stack,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(3),
      logGroupRetention: logs.RetentionDays.ONE_MONTH,
    };
    twin.check('Twin.python for \'S\'', settings.architecture);
    expect(() => quietly(() => twin.bind(stack, 'Twin', settings)))
      .toThrow(/invalid `entry`: .*requirements\.txt asks for 'docopt==0\.6\.2', which has no binary wheel for manylinux2014_aarch64 and Python 3\.13.*Set dockerBundling: true/);
  });
});

describe('budgets that can be met', () => {
  test('a warm-latency budget at or above the timeout names both props', () => {
    expect(() => new LatencySensitiveFunction(stackWithoutBundling(), 'Fn', {
      manifestPath: FIXTURES.hello, timeout: Duration.seconds(1), alarms: { warmLatency: { threshold: Duration.seconds(5) } },
    })).toThrow("LatencySensitiveFunction 'Test/Fn': invalid `alarms.warmLatency.threshold`: 5 seconds is not below timeout (1 second): "
      + 'an invocation times out before its alarm could fire. Lower alarms.warmLatency.threshold, or raise timeout above it');
    const slow = LatencyProfile.custom({
      basedOn: LatencyProfile.REAL_TIME_API, warmLatencyBudget: Duration.seconds(3), timeout: Duration.seconds(3),
    });
    expect(() => new LatencySensitiveFunction(stackWithoutBundling(), 'Fn', { manifestPath: FIXTURES.hello, profile: slow }))
      .toThrow(/invalid `profile\.warmLatencyBudget`: 3 seconds is not below profile\.timeout \(3 seconds\)/);
  });

  test('a cold-start budget above Lambda\'s 10 s init limit', () => {
    expect(() => new LatencySensitiveFunction(stackWithoutBundling(), 'Fn', {
      manifestPath: FIXTURES.hello, alarms: { coldStartInit: { threshold: Duration.seconds(12) } },
    })).toThrow(/invalid `alarms\.coldStartInit\.threshold`: 12 seconds is above Lambda's 10 s limit on the init phase.*Give alarms\.coldStartInit\.threshold 10 seconds or less/);
  });

  test('budgets just inside the limits are accepted', () => {
    expect(() => new LatencySensitiveFunction(stackWithoutBundling(), 'Fn', {
      manifestPath: FIXTURES.hello,
      timeout: Duration.seconds(1),
      alarms: { warmLatency: { threshold: Duration.millis(999) }, coldStartInit: { threshold: Duration.seconds(10) } },
    })).not.toThrow();
  });
});
