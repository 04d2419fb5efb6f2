import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The API references (API.md for TypeScript, docs/API.python.md, docs/API.java.md, what
 * Construct Hub renders from the same docgen) show every description the library's own members
 * have. A member aws-cdk-lib leaves undocumented may show `*No description.*`; one of ours may not.
 * Which members are ours comes from the compiled assembly: its types and the members each
 * declares (not inherits), and the parameters of the initializers and methods it declares.
 */
const ROOT = path.join(__dirname, '..', '..');
const PACKAGE = 'cdk-latency-sensitive-function';
const REFERENCES = ['API.md', 'docs/API.python.md', 'docs/API.java.md'];

interface Callable { readonly name?: string; readonly parameters?: { readonly name: string }[] }
interface Type {
  readonly properties?: { readonly name: string }[];
  readonly methods?: Callable[];
  readonly initializer?: Callable;
  readonly members?: { readonly name: string }[];
}

/** Every anchor docgen gives one of our own members: `<type fqn>.property.x`, `.Initializer.parameter.y`, ... */
function ownAnchors(): Set<string> {
  const assembly = JSON.parse(readFileSync(path.join(ROOT, '.jsii'), 'utf8'));
  const anchors = new Set<string>();
  for (const [fqn, type] of Object.entries<Type>(assembly.types)) {
    anchors.add(fqn);
    for (const p of type.properties ?? []) anchors.add(`${fqn}.property.${p.name}`);
    for (const m of type.members ?? []) anchors.add(`${fqn}.${m.name}`);
    for (const p of type.initializer?.parameters ?? []) anchors.add(`${fqn}.Initializer.parameter.${p.name}`);
    for (const m of type.methods ?? []) {
      anchors.add(`${fqn}.${m.name}`);
      for (const p of m.parameters ?? []) anchors.add(`${fqn}.${m.name}.parameter.${p.name}`);
    }
  }
  return anchors;
}

/** The anchors of the table rows that say `*No description.*`. */
export function undocumentedRows(markdown: string): string[] {
  return markdown.split('\n')
    .filter((line) => line.startsWith('|') && line.includes('*No description.*'))
    .map((line) => /<a href="#([^"]+)">/.exec(line)?.[1] ?? line);
}

describe('the API references', () => {
  const own = ownAnchors();

  test('the assembly names our members the way docgen anchors them', () => {
    // Otherwise the test below would pass by matching nothing.
    const anchors = REFERENCES.flatMap((file) => [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1]));
    expect(anchors.filter((anchor) => own.has(anchor)).length).toBeGreaterThan(300);
    expect(own).toContain(`${PACKAGE}.LatencySensitiveFunctionProps.property.manifestPath`);
    expect(own).toContain(`${PACKAGE}.LatencySensitiveFunction.Initializer.parameter.props`);
    expect(own).toContain(`${PACKAGE}.Twin.python`);
  });

  test('a row of ours without a description is found', () => {
    const row = `| <code><a href="#${PACKAGE}.Twin.python">python</a></code> | *No description.* |`;
    expect(undocumentedRows(row).filter((anchor) => own.has(anchor))).toEqual([`${PACKAGE}.Twin.python`]);
  });

  test.each(REFERENCES)('%s shows a description for every member of ours', (file) => {
    const undocumented = undocumentedRows(readFileSync(path.join(ROOT, file), 'utf8')).filter((anchor) => own.has(anchor));
    // If this fails: document the member in src/ (a summary line), then `npx projen compile && npx projen docgen`.
    expect(undocumented).toEqual([]);
  });
});
