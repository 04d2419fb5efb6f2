/**
 * What a twin needs before it can be bundled, checked when the function is created (before
 * the Rust build): a Node twin's lock file and esbuild, and a handler that the twin's source
 * visibly defines. Apps of other shapes than the fixtures: a twin that is an npm project of
 * its own, handlers with other names, CommonJS and re-exports.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FIXTURES, stackWithoutBundling } from './fixtures';
import { LatencySensitiveFunction, Twin } from '../src';
import { propError, spellingsForCaller } from '../src/private/checks/errors';
import { nodeHandlerNames, pythonHandlerNames } from '../src/private/twins/handler-names';

function tempApp(files: { [file: string]: string }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsf-twin-app-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const LOCK = JSON.stringify({ name: 'twin', lockfileVersion: 3, requires: true, packages: { '': { name: 'twin' } } });

function inFolder<T>(dir: string, run: () => T): T {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return run();
  } finally {
    process.chdir(cwd);
  }
}

/** A function with `twin` in a stack that bundles (so every build prerequisite is checked); it must fail before building. */
function createBundled(twin: () => Twin): void {
  const stack = new Stack(new App(), 'Orders');
  new LatencySensitiveFunction(stack, 'Totals', { manifestPath: FIXTURES.hello, twins: [twin()] });
}

function createSkipped(twin: () => Twin): Template {
  const stack = stackWithoutBundling();
  new LatencySensitiveFunction(stack, 'Totals', { manifestPath: FIXTURES.hello, twins: [twin()] });
  return Template.fromStack(stack);
}

describe('Node twin prerequisites', () => {
  test('a Node twin without any lock file fails naming depsLockFilePath and npm install', () => {
    const app = tempApp({ 'twin-node/handler.js': 'exports.handler = async () => 1;\n' });
    expect(() => inFolder(app, () => createSkipped(() => Twin.node({ entry: 'twin-node/handler.js' }))))
      .toThrow(/Twin\.node for 'Test\/Totals': invalid `depsLockFilePath`: it is not set, and there is no lock file in .*twin-node or above it\. Run `npm install` in .*twin-node/);
  });

  test('a twin that is an npm project of its own is found by its lock file, relative paths resolved against the app', () => {
    const app = tempApp({ 'twin-node/handler.js': 'exports.handler = async () => 1;\n', 'twin-node/package.json': '{}', 'twin-node/package-lock.json': LOCK });
    const template = inFolder(app, () => createSkipped(() => Twin.node({ entry: 'twin-node/handler.js' })));
    template.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs22.x', Handler: 'index.handler' });
  });

  test('depsLockFilePath outside projectRoot fails before the build', () => {
    const app = tempApp({ 'twin-node/src/handler.ts': 'export const handler = async () => 1;\n', 'locks/package-lock.json': LOCK });
    expect(() => inFolder(app, () => createSkipped(() => Twin.node({ entry: 'twin-node/src/handler.ts', depsLockFilePath: 'locks/package-lock.json', projectRoot: 'twin-node' }))))
      .toThrow(/invalid `depsLockFilePath`: .*locks\/package-lock\.json is outside projectRoot \(.*twin-node\), which esbuild bundles from\. Set projectRoot/);
  });

  test('a depsLockFilePath that is not there is named', () => {
    const app = tempApp({ 'twin-node/handler.ts': 'export const handler = async () => 1;\n' });
    expect(() => inFolder(app, () => createSkipped(() => Twin.node({ entry: 'twin-node/handler.ts', depsLockFilePath: 'twin-node/yarn.lock' }))))
      .toThrow(/invalid `depsLockFilePath`: '.*twin-node\/yarn\.lock' is not a file/);
  });

  test('an npm project without esbuild, where NodejsFunction would run `npx --no-install esbuild`, fails before the Rust build', () => {
    const app = tempApp({ 'twin-node/handler.ts': 'export const handler = async () => 1;\n', 'twin-node/package.json': '{}', 'twin-node/package-lock.json': LOCK });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(() => inFolder(app, () => createBundled(() => Twin.node({ entry: 'twin-node/handler.ts' }))))
        .toThrow(/Twin\.node for 'Orders\/Totals': invalid `projectRoot`: NodejsFunction runs esbuild with `npx --no-install esbuild` in .*twin-node, and the npm project there \(.*twin-node\) has no esbuild installed\. Run `npm install --save-dev esbuild@0` in/);
      expect(stderr.mock.calls.map(([chunk]) => String(chunk)).join('')).not.toContain('Bundling asset');
    } finally {
      stderr.mockRestore();
    }
  });

  test('the same project synthesizes when bundling is skipped: nothing runs esbuild', () => {
    const app = tempApp({ 'twin-node/handler.ts': 'export const handler = async () => 1;\n', 'twin-node/package.json': '{}', 'twin-node/package-lock.json': LOCK });
    expect(() => inFolder(app, () => createSkipped(() => Twin.node({ entry: 'twin-node/handler.ts' })))).not.toThrow();
  });
});

describe('Python twin prerequisites', () => {
  test('requirements without a pip to install them fail before the Rust build, offering Docker', () => {
    const app = tempApp({ 'twin-python/handler.py': 'def handler(event, context):\n    return 1\n', 'twin-python/requirements.txt': 'pydantic==2.11.7\n' });
    const pathBefore = process.env.PATH;
    process.env.PATH = fs.mkdtempSync(path.join(os.tmpdir(), 'lsf-no-python-'));
    try {
      expect(() => inFolder(app, () => createBundled(() => Twin.python({ entry: 'twin-python', index: 'handler.py' }))))
        .toThrow(/Twin\.python for 'Orders\/Totals': invalid `entry`: its requirements\.txt is installed by `python3 -m pip` on this machine, which does not run here \(.*ENOENT.*\)\. Install Python 3 with pip .*or set dockerBundling: true/);
    } finally {
      process.env.PATH = pathBefore;
    }
  });
});

describe('the handler is checked against the twin\'s source', () => {
  test('a Python handler the index does not define fails, listing the functions it does', () => {
    const app = tempApp({ 'twin-python/app.py': 'import json\n\n\ndef order_total(event, context):\n    return 1\n\n\ndef _helper():\n    pass\n' });
    expect(() => inFolder(app, () => createSkipped(() => Twin.python({ entry: 'twin-python', index: 'app.py' }))))
      .toThrow(/invalid `handler`: .*twin-python\/app\.py has no top-level function 'handler' \(it has 'order_total', '_helper'\)\. Set handler to the one Lambda should call, e.g\. 'order_total'/);
  });

  test('a Node handler the entry does not export fails, listing its exports', () => {
    const app = tempApp({ 'handler.ts': 'export async function orderTotal() { return 1; }\nconst handler = 2;\nexport { handler as legacy };\n', 'package-lock.json': LOCK });
    expect(() => inFolder(app, () => createSkipped(() => Twin.node({ entry: 'handler.ts' }))))
      .toThrow(/invalid `handler`: .*handler\.ts has no export 'handler' \(it has 'orderTotal', 'legacy'\)/);
  });

  test.each([
    ['a def', 'def handler(event, context):\n    return 1\n'],
    ['an async def', 'async def handler(event, context):\n    return 1\n'],
    ['an assignment', 'from orders import make\n\nhandler = make()\n'],
    ['an import', 'from orders.app import handler\n'],
    ['a star import (not judged)', 'from orders.app import *\n'],
  ])('Python: %s passes', (_, source) => {
    const names = pythonHandlerNames(source, 'handler');
    expect(names === undefined || names.includes('handler')).toBe(true);
  });

  test('Python: a nested def is not a handler Lambda can find', () => {
    expect(pythonHandlerNames('def outer():\n    def handler(event, context):\n        return 1\n', 'handler')).toEqual(['outer']);
  });

  test.each([
    ['export const', 'export const handler = async () => 1;'],
    ['export async function', 'export async function handler() { return 1; }'],
    ['exports.handler', 'exports.handler = async () => 1;'],
    ['module.exports.handler', 'module.exports.handler = function () {};'],
    ['an export list', 'async function run() {}\nexport { run as handler };'],
    ['what tsc writes for a re-export', 'Object.defineProperty(exports, "__esModule", { value: true });\nObject.defineProperty(exports, "handler", { enumerable: true, get: function () { return app_1.handler; } });'],
  ])('Node: %s passes', (_, source) => {
    expect(nodeHandlerNames(source)).toContain('handler');
  });

  test.each([
    ['a star re-export', 'export * from \'./app\';'],
    ['module.exports assigned', 'module.exports = require(\'./app\');'],
    ['a computed export', 'exports[name] = fn;'],
  ])('Node: %s cannot be judged, and passes', (_, source) => {
    expect(nodeHandlerNames(source)).toBeUndefined();
  });

  test('Node: a commented-out export is not an export', () => {
    expect(nodeHandlerNames('// export const handler = 1;\nexport const run = 2;\n')).toEqual(['run']);
  });
});

describe('props are named in the caller\'s language', () => {
  test.each([
    [undefined, 'memorySize', ['memorySize']],
    ['Python/3.11.2', 'memorySize', ['memory_size']],
    ['Python/3.11.2', 'alarms.warmLatency.threshold', ['alarms.warm_latency.threshold']],
    ['Java/21.0.2', 'memorySize', ['memorySize']],
    ['DotNet/8.0.1/.NETCoreApp,Version=v8.0/1.0.0.0', 'memorySize', ['memorySize', 'memory_size']],
    ['Python/3.11.2', 'entry', ['entry']],
  ])('under JSII_AGENT %s, %s is %j', (agent, prop, spelled) => {
    expect(spellingsForCaller(prop, agent)).toEqual(spelled);
  });

  /** The message of `propError` as a program under jsii's host `agent` gets it. */
  function messageUnder(agent: string, ...args: Parameters<typeof propError>): string {
    const before = process.env.JSII_AGENT;
    process.env.JSII_AGENT = agent;
    try {
      return propError(...args).message;
    } finally {
      if (before === undefined) delete process.env.JSII_AGENT;
      else process.env.JSII_AGENT = before;
    }
  }

  test('a Python caller reads snake_case in the header, the problem and the fix', () => {
    expect(messageUnder('Python/3.11.2', 'Fn', 'depsLockFilePath', 'it is not set', 'Set depsLockFilePath, or run npm install'))
      .toBe('Fn: invalid `deps_lock_file_path`: it is not set. Set deps_lock_file_path, or run npm install');
  });

  test('a host without a known convention gets both spellings', () => {
    expect(messageUnder('Go/1.22', 'Fn', 'memorySize', 'it is 0', 'Raise memorySize'))
      .toBe('Fn: invalid `memorySize` / `memory_size`: it is 0. Raise memorySize / memory_size');
  });
});
