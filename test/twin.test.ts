import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ELF_MACHINE, elfMachine } from './elf';
import { FIXTURES, stackWithoutBundling, stagedFunctionAsset } from './fixtures';
import { Twin, TwinSettings } from '../src';

const PYTHON_TWIN = FIXTURES.pythonTwin;
const NODE_TWIN = FIXTURES.nodeTwinEntry;

function original(stack: Stack): lambda.Function {
  // Stands in for the Rust function: only its identity matters to a twin.
  return new lambda.Function(stack, 'Original', {
    runtime: lambda.Runtime.PYTHON_3_12,
    handler: 'index.handler',
    code: lambda.Code.fromInline('def handler(event, context): return event'),
  });
}

function settings(stack: Stack, overrides: Partial<TwinSettings> = {}): TwinSettings {
  return {
    original: original(stack),
    architecture: lambda.Architecture.ARM_64,
    memorySize: 512,
    timeout: Duration.seconds(3),
    environment: { MODE: 'strict' },
    logGroupRetention: logs.RetentionDays.ONE_MONTH,
    ...overrides,
  };
}

function twinTemplate(twin: Twin): Template {
  const stack = stackWithoutBundling();
  const s = settings(stack);
  twin.check(`Twin.${twin.kind} for '${s.original.node.path}'`, s.architecture);
  twin.bind(stack, 'Twin', s);
  return Template.fromStack(stack);
}

describe('created twins run on equal terms with the original', () => {
  test.each([
    ['Twin.python', Twin.python({ entry: PYTHON_TWIN, index: 'handler.py' }), 'python3.13', 'handler.handler'],
    ['Twin.node', Twin.node({ entry: NODE_TWIN }), 'nodejs22.x', 'index.handler'],
  ])('%s copies architecture, memory, timeout and environment, logs JSON to its own group and is tagged', (_, twin, runtime, handler) => {
    const template = twinTemplate(twin);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: runtime,
      Handler: handler,
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 3,
      Environment: { Variables: Match.objectLike({ MODE: 'strict' }) },
      Description: 'Comparison twin of Test/Original: measured beside it, not the production path',
      Tags: Match.arrayWith([
        { Key: 'cdk-latency-sensitive-function:role', Value: 'comparison-twin' },
        { Key: 'cdk-latency-sensitive-function:twin-of', Value: 'Test/Original' },
      ]),
    });
    const groups = template.findResources('AWS::Logs::LogGroup');
    expect(Object.keys(groups)).toEqual([expect.stringMatching(/^TwinLogGroup/)]);
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: runtime,
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: Object.keys(groups)[0] } },
    });
    // Its role sits beside it and carries the same tags, so both are found (and removed) together.
    template.hasResourceProperties('AWS::IAM::Role', {
      Tags: Match.arrayWith([{ Key: 'cdk-latency-sensitive-function:role', Value: 'comparison-twin' }]),
    });
  });

  test('a Python twin follows an x86_64 original', () => {
    const stack = stackWithoutBundling();
    Twin.python({ entry: PYTHON_TWIN, index: 'handler.py' }).bind(stack, 'Twin', settings(stack, { architecture: lambda.Architecture.X86_64 }));
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Runtime: 'python3.13', Architectures: ['x86_64'] });
  });

  test('a Python twin bundled in Docker is a PythonFunction with the same settings', () => {
    const stack = stackWithoutBundling();
    const fn = Twin.python({ entry: PYTHON_TWIN, index: 'handler.py', dockerBundling: true }).bind(stack, 'Twin', settings(stack));
    expect(fn.constructor.name).toBe('PythonFunction');
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'python3.13',
      Handler: 'handler.handler',
      Architectures: ['arm64'],
      MemorySize: 512,
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      Tags: Match.arrayWith([{ Key: 'cdk-latency-sensitive-function:role', Value: 'comparison-twin' }]),
    });
  });

  test('Twin.fromFunction returns the function unchanged', () => {
    const stack = stackWithoutBundling();
    const existing = lambda.Function.fromFunctionName(stack, 'Legacy', 'legacy-validate');
    const twin = Twin.fromFunction(existing);
    expect(twin.createdByConstruct).toBe(false);
    expect(twin.bind(stack, 'Twin', settings(stack))).toBe(existing);
  });
});

describe('twin bad input', () => {
  test.each<[string, () => Twin, RegExp]>([
    ['a missing Python entry', () => Twin.python({ entry: '/nonexistent/twin' }), /Twin\.python for 'Test\/Original': invalid `entry`: '\/nonexistent\/twin' is not a folder/],
    ['a Python index not in the folder', () => Twin.python({ entry: PYTHON_TWIN, index: 'missing.py' }), /invalid `index`: 'missing\.py' is not a Python file in/],
    ['the default index.py when the folder has none', () => Twin.python({ entry: PYTHON_TWIN }), /invalid `index`: 'index\.py' is not a Python file/],
    ['a Python handler that is not a name', () => Twin.python({ entry: PYTHON_TWIN, index: 'handler.py', handler: 'handle-it' }), /invalid `handler`: 'handle-it' is not a Python function name/],
    ['a Node runtime for a Python twin', () => Twin.python({ entry: PYTHON_TWIN, index: 'handler.py', runtime: lambda.Runtime.NODEJS_22_X }), /invalid `runtime`: nodejs22\.x is not a Python runtime/],
    ['a Python runtime Lambda does not offer on arm64', () => Twin.python({ entry: PYTHON_TWIN, index: 'handler.py', runtime: lambda.Runtime.PYTHON_3_7 }), /invalid `runtime`: Lambda does not offer python3\.7 on arm64/],
    ['a missing Node entry', () => Twin.node({ entry: '/nonexistent/handler.ts' }), /Twin\.node for 'Test\/Original': invalid `entry`: '\/nonexistent\/handler\.ts' is not a file/],
    ['a Node entry with an unsupported extension', () => Twin.node({ entry: path.join(PYTHON_TWIN, 'handler.py') }), /invalid `entry`: 'handler\.py' has an extension esbuild does not bundle/],
    ['a Python runtime for a Node twin', () => Twin.node({ entry: NODE_TWIN, runtime: lambda.Runtime.PYTHON_3_13 }), /invalid `runtime`: python3\.13 is not a Node\.js runtime/],
  ])('rejects %s', (_, twin, message) => {
    expect(() => twinTemplate(twin())).toThrow(message);
  });

  // Counter-examples of the property tests: wrong types from JavaScript.
  test.each<[string, () => Twin, RegExp]>([
    ['a Node handler that is not a string', () => Twin.node({ entry: NODE_TWIN, handler: true as any }), /Twin\.node for 'Test\/Original': invalid `handler`: true is not an exported function name/],
    ['a Python runtime that is a string', () => Twin.python({ entry: PYTHON_TWIN, index: 'handler.py', runtime: 'python3.12' as any }),
      /Twin\.python for 'Test\/Original': invalid `runtime`: must be a lambda\.Runtime, got 'python3\.12'/],
  ])('rejects %s as our error, not a TypeError', (_, twin, message) => {
    expect(() => twinTemplate(twin())).toThrow(message);
  });

  test('Twin.fromFunction takes only a function and a log group', () => {
    const stack = stackWithoutBundling();
    expect(() => Twin.fromFunction({} as any)).toThrow(/^Twin\.fromFunction: invalid `fn`: must be a lambda\.IFunction, got an object/);
    expect(() => Twin.fromFunction(original(stack), '512' as any)).toThrow(/^Twin\.fromFunction: invalid `logGroup`: must be a logs\.ILogGroup, got '512'/);
  });

  test('factories called without options (from JavaScript) name the options', () => {
    expect(() => Twin.python(undefined as any)).toThrow(/^Twin\.python: invalid `options`: they are required\. Pass at least \{ entry, index \}/);
    expect(() => Twin.node(undefined as any)).toThrow(/^Twin\.node: invalid `options`: they are required/);
  });

  test('Twin.fromFunction given the original itself', () => {
    const stack = stackWithoutBundling();
    const s = settings(stack);
    expect(() => Twin.fromFunction(s.original as lambda.Function).bind(stack, 'Twin', s))
      .toThrow(/Twin\.fromFunction for 'Test\/Original': invalid `fn`: it is the Rust function itself/);
  });
});

describe('Python twin bundle, built without Docker', () => {
  jest.setTimeout(5 * 60 * 1000);

  function bundle(architecture: lambda.Architecture): string {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsf-twin-'));
    const app = new App({ outdir });
    const stack = new Stack(app, 'Bundle');
    Twin.python({ entry: PYTHON_TWIN, index: 'handler.py' }).bind(stack, 'Twin', settings(stack, { architecture }));
    app.synth();
    return stagedFunctionAsset(stack, outdir, 'python3.13').dir;
  }

  test.each([
    ['arm64', lambda.Architecture.ARM_64, 'aarch64', ELF_MACHINE.aarch64],
    ['x86_64', lambda.Architecture.X86_64, 'x86_64', ELF_MACHINE.x86_64],
  ])('holds the handler and the %s manylinux build of pydantic-core', (_, architecture, machine, elf) => {
    const asset = bundle(architecture);
    expect(fs.existsSync(path.join(asset, 'handler.py'))).toBe(true);
    expect(fs.existsSync(path.join(asset, 'requirements.txt'))).toBe(true);
    const extensions = fs.readdirSync(path.join(asset, 'pydantic_core')).filter((f) => f.endsWith('.so'));
    expect(extensions).toEqual([`_pydantic_core.cpython-313-${machine}-linux-gnu.so`]);
    expect(elfMachine(path.join(asset, 'pydantic_core', extensions[0]))).toBe(elf);
    const wheels = fs.readdirSync(asset).filter((f) => f.startsWith('pydantic_core-') && f.endsWith('.dist-info'));
    expect(fs.readFileSync(path.join(asset, wheels[0], 'WHEEL'), 'utf-8')).toContain(`manylinux2014_${machine}`);
  });

  test('pip says nothing of the build machine\'s own packages: they do not go into the bundle', () => {
    // An installed package that pins another pydantic: pip would print its red "dependency
    // resolver" ERROR about it (and, as root, a warning about root) although --target never touches it.
    const site = fs.mkdtempSync(path.join(os.tmpdir(), 'lsf-site-'));
    const dist = path.join(site, 'conflicting-0.1.dist-info');
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'METADATA'), 'Metadata-Version: 2.1\nName: conflicting\nVersion: 0.1\nRequires-Dist: pydantic==1.0\n');
    fs.writeFileSync(path.join(dist, 'RECORD'), '');
    const printed: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    const pythonPath = process.env.PYTHONPATH;
    process.env.PYTHONPATH = site;
    try {
      expect(fs.existsSync(path.join(bundle(lambda.Architecture.ARM_64), 'pydantic'))).toBe(true);
    } finally {
      write.mockRestore();
      if (pythonPath === undefined) delete process.env.PYTHONPATH;
      else process.env.PYTHONPATH = pythonPath;
    }
    expect(printed.join('')).not.toMatch(/pip|conflicting/);
  });
});
