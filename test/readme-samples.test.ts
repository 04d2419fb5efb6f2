/**
 * Every TypeScript sample in the README type-checks against this library's sources, so the
 * README cannot drift from the API.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');

/**
 * The README's TypeScript samples as jsii-rosetta compiles them: a `nofixture` sample as it is,
 * any other inside rosetta/default.ts-fixture (its imports, in a Stack's constructor).
 */
function typescriptSamples(markdown: string): string[] {
  const fixture = fs.readFileSync(path.join(ROOT, 'rosetta', 'default.ts-fixture'), 'utf-8');
  return [...markdown.matchAll(/```ts( nofixture)?\n([\s\S]*?)```/g)]
    .map((match) => (match[1] ? match[2] : inFixture(fixture, match[2])));
}

/** As rosetta does: `declare` lines go to the top level (they cannot stand in a constructor). */
function inFixture(fixture: string, sample: string): string {
  const lines = sample.split('\n');
  const declared = lines.filter((line) => line.startsWith('declare '));
  const body = lines.filter((line) => !line.startsWith('declare '));
  return fixture.replace('class Fixture', `${declared.join('\n')}\nclass Fixture`).replace('/// here', body.join('\n'));
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
