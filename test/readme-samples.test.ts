/**
 * Every TypeScript sample in the README type-checks against this library's sources, so the
 * README cannot drift from the API.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');

function typescriptSamples(markdown: string): string[] {
  return [...markdown.matchAll(/```ts(?: nofixture)?\n([\s\S]*?)```/g)].map((match) => match[1]);
}

function diagnostics(sample: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsf-readme-'));
  const file = path.join(dir, 'sample.ts');
  fs.writeFileSync(file, sample);
  const program = ts.createProgram([file], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    noEmit: true,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    baseUrl: ROOT,
    paths: {
      'cdk-latency-sensitive-function': ['src/index.ts'],
      '*': ['node_modules/*'],
    },
  });
  return ts.getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('README TypeScript samples', () => {
  const samples = typescriptSamples(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8'));

  test('there are samples to check', () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  test.each(samples.map((sample, index) => [index + 1, sample]))('sample %d type-checks', (_, sample) => {
    expect(diagnostics(sample as string)).toEqual([]);
  }, 60_000);
});
