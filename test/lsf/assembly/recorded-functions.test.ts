import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Duration, Stack, Stage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ColdStartMetrics, LatencyProfile, LatencySensitiveFunction, Twin } from '../../../src';
import {
  findAssembly, readRecordedFunctions, recordedPath, selectFunctions,
} from '../../../src/lsf/assembly/recorded-functions';
import { UsageError } from '../../../src/lsf/errors';
import { MEASUREMENT_METADATA_TYPE } from '../../../src/private/measurement/measurement-record';
import { FIXTURES, jsonLoggingFunction } from '../../fixtures';
import { synthBenchApp } from '../../fixtures/bench-app/app';

const BENCH_APP = path.join(__dirname, '..', '..', 'fixtures', 'bench-app');

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'lsf-records-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

function assemblyOf(build: (app: App) => void): string {
  const app = new App({ outdir: path.join(scratch, 'cdk.out'), context: { 'aws:cdk:bundling-stacks': [] } });
  build(app);
  return app.synth().directory;
}

describe('what the construct records in the cloud assembly', () => {
  test('every function, its build, size, profile, environment and twins, with paths relative to the assembly', () => {
    const assembly = synthBenchApp(path.join(scratch, 'cdk.out'));
    const functions = readRecordedFunctions(assembly);
    expect(functions.map((f) => [f.stackId, f.record.constructPath])).toEqual([['GreetStack', 'GreetStack/Greet'], ['ShoutStack', 'ShoutStack/Shout']]);
    const [greet, shout] = functions;
    expect(greet.record).toMatchObject({
      version: 1,
      rust: { binary: 'greet', cargoProfile: 'release', cargoLambdaFlags: [], buildEnvironment: {}, toolchain: 'auto' },
      architecture: 'arm64',
      memorySize: 256,
      timeoutMs: 3000,
      environment: { GREETING_STYLE: 'plain', DEPLOY_REGION: null },
      latencyProfile: { name: 'greeter', memorySize: 256, coldStartBudgetMs: 0.5, warmLatencyBudgetMs: 10, maxColdStartRatePercent: 5 },
      twins: [{ kind: 'python', constructPath: 'GreetStack/Greet/Twin', index: 'greeting.py', handler: 'main', runtime: 'python3.13' }],
    });
    expect(shout.record).toMatchObject({ architecture: 'x86_64', twins: [{ kind: 'node', handler: 'shout', runtime: 'nodejs22.x' }] });
    // Relative to the assembly: the same on every checkout, and resolvable from anywhere.
    expect(path.isAbsolute(greet.record.rust.manifest)).toBe(false);
    expect(recordedPath(greet, greet.record.rust.manifest)).toBe(path.join(BENCH_APP, 'rust', 'Cargo.toml'));
    expect(recordedPath(greet, (greet.record.twins[0] as { entry: string }).entry)).toBe(path.join(BENCH_APP, 'twins', 'py'));
    expect(recordedPath(shout, (shout.record.twins[0] as { entry: string }).entry)).toBe(path.join(BENCH_APP, 'twins', 'js', 'shout.js'));
    // The logical IDs are the template's.
    const template = JSON.parse(readFileSync(path.join(assembly, 'GreetStack.template.json'), 'utf8'));
    expect(template.Resources[greet.record.logicalId].Properties.Runtime).toBe('provided.al2023');
    expect(template.Resources[(greet.record.twins[0] as { logicalId: string }).logicalId].Properties.Handler).toBe('greeting.main');
  });

  test('an overridden logical ID is the one recorded; an existing twin records where it is defined', () => {
    const assembly = assemblyOf((app) => {
      const stack = new Stack(app, 'S');
      const legacy = jsonLoggingFunction(stack, 'Legacy');
      const fn = new LatencySensitiveFunction(stack, 'Fn', { manifestPath: FIXTURES.hello, twins: [Twin.fromFunction(legacy)] });
      (fn.node.defaultChild as lambda.CfnFunction).overrideLogicalId('Renamed');
    });
    const [fn] = readRecordedFunctions(assembly);
    expect(fn.record.logicalId).toBe('Renamed');
    expect(fn.record.twins).toEqual([{ kind: 'existing', name: 'existing', constructPath: 'S/Legacy', stack: 'S', logicalId: expect.stringMatching(/^Legacy/) }]);
  });

  test('a budget below a millisecond is recorded as it is (found by the property tests: toMilliseconds threw)', () => {
    const assembly = assemblyOf((app) => new LatencySensitiveFunction(new Stack(app, 'S'), 'Fn', {
      manifestPath: FIXTURES.hello,
      profile: LatencyProfile.custom({ warmLatencyBudget: Duration.millis(0.5) }),
    }));
    expect(readRecordedFunctions(assembly)[0].record.latencyProfile.warmLatencyBudgetMs).toBe(0.5);
  });

  test('functions in nested stages resolve their paths against their own assembly', () => {
    const assembly = assemblyOf((app) => {
      const stage = new Stage(app, 'Prod');
      new LatencySensitiveFunction(new Stack(stage, 'Api'), 'Fn', { manifestPath: FIXTURES.hello });
    });
    const [fn] = readRecordedFunctions(assembly);
    expect(fn.record.constructPath).toBe('Prod/Api/Fn');
    expect(fn.assemblyDir).not.toBe(assembly);
    expect(recordedPath(fn, fn.record.rust.manifest)).toBe(path.join(FIXTURES.hello, 'Cargo.toml'));
  });
});

describe('reading an assembly', () => {
  test('finds it from the app folder (cdk.json output or cdk.out), or takes it as given', () => {
    const assembly = synthBenchApp(path.join(scratch, 'cdk.out'));
    expect(findAssembly(scratch)).toBe(assembly);
    expect(findAssembly(assembly)).toBe(assembly);
    const elsewhere = path.join(scratch, 'app');
    cpSync(assembly, path.join(elsewhere, 'build', 'assembly'), { recursive: true });
    writeFileSync(path.join(elsewhere, 'cdk.json'), JSON.stringify({ app: 'node app.js', output: 'build/assembly' }));
    expect(findAssembly(elsewhere)).toBe(path.join(elsewhere, 'build', 'assembly'));
  });

  test('no assembly: says to run cdk synth', () => {
    expect(() => findAssembly(scratch)).toThrow(UsageError);
    expect(() => findAssembly(scratch)).toThrow(/no cloud assembly in .*cdk\.out \(no manifest\.json\)\. Run `cdk synth` in your CDK app's folder first, or pass --app/i);
    expect(() => findAssembly(path.join(scratch, 'missing'))).toThrow(/--app .*missing is not a folder/);
  });

  test('an app without a LatencySensitiveFunction says so', () => {
    const assembly = assemblyOf((app) => jsonLoggingFunction(new Stack(app, 'S'), 'Plain'));
    expect(() => readRecordedFunctions(assembly)).toThrow(/has no LatencySensitiveFunction\. Add one/);
  });

  test('an assembly made by an older version (no records) is named as such, with the fix', () => {
    const assembly = assemblyOf((app) => {
      const stack = new Stack(app, 'S');
      new LatencySensitiveFunction(stack, 'Fn', { manifestPath: FIXTURES.hello });
      const plain = jsonLoggingFunction(stack, 'Plain');
      new ColdStartMetrics(stack, 'PlainMetrics', { lambdaFunction: plain });
    });
    // Older versions wrote no measurement record: take ours out of the metadata files.
    for (const file of readdirSync(assembly).filter((f) => f.endsWith('.json'))) {
      const text = readFileSync(path.join(assembly, file), 'utf8');
      if (!text.includes(MEASUREMENT_METADATA_TYPE)) continue;
      const json = JSON.parse(text);
      const strip = (entries: Record<string, Array<{ type: string }>>) => {
        for (const key of Object.keys(entries)) entries[key] = entries[key].filter((e) => e.type !== MEASUREMENT_METADATA_TYPE);
      };
      const artifacts = Object.values((json.artifacts ?? {}) as Record<string, { metadata?: Record<string, Array<{ type: string }>> }>);
      if (json.artifacts) artifacts.forEach((a) => a.metadata && strip(a.metadata));
      else strip(json);
      writeFileSync(path.join(assembly, file), JSON.stringify(json));
    }
    expect(() => readRecordedFunctions(assembly)).toThrow(/has 2 function\(s\) with this library's cold-start metrics but no record .*older version of cdk-latency-sensitive-function \(update the library in your app and run `cdk synth` again\)/);
  });

  test('a record of another version is refused with the fix', () => {
    const assembly = synthBenchApp(path.join(scratch, 'cdk.out'));
    for (const file of readdirSync(assembly).filter((f) => f.endsWith('.json'))) {
      const text = readFileSync(path.join(assembly, file), 'utf8');
      writeFileSync(path.join(assembly, file), text.replace(/"version": ?1,/g, '"version": 2,'));
    }
    expect(() => readRecordedFunctions(assembly)).toThrow(/GreetStack\/Greet was recorded by another version of cdk-latency-sensitive-function \(record version 2, this lsf reads 1\)/);
  });
});

describe('choosing functions', () => {
  test('by stack, construct ID or path; unknown ones list the candidates', () => {
    const functions = readRecordedFunctions(synthBenchApp(path.join(scratch, 'cdk.out')));
    const paths = (filter: object) => selectFunctions(functions, filter).map((f) => f.record.constructPath);
    expect(paths({})).toEqual(['GreetStack/Greet', 'ShoutStack/Shout']);
    expect(paths({ stack: 'ShoutStack' })).toEqual(['ShoutStack/Shout']);
    expect(paths({ function: 'Greet' })).toEqual(['GreetStack/Greet']);
    expect(paths({ function: 'ShoutStack/Shout' })).toEqual(['ShoutStack/Shout']);
    expect(() => paths({ function: 'Nope' })).toThrow('--function Nope matches no LatencySensitiveFunction. Give a construct ID or path: GreetStack/Greet, ShoutStack/Shout.');
    expect(() => paths({ stack: 'GreetStack', function: 'Shout' })).toThrow('--function Shout matches no LatencySensitiveFunction in stack GreetStack. Give a construct ID or path: GreetStack/Greet.');
    expect(() => paths({ stack: 'Other' })).toThrow('--stack Other: no stack of that name holds a LatencySensitiveFunction. Stacks that do: GreetStack, ShoutStack.');
  });
});
