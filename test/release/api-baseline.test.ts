// The guarded public API: the committed baseline matches the compiled assembly, and a change
// that breaks Python or Java users fails naming the member and the command that accepts it.
import * as fs from 'fs';
import { ACCEPT_COMMAND, BASELINE_FILE, compare, isClean, report } from '../../build-tools/api-baseline';

const FQN = 'cdk-latency-sensitive-function.LatencySensitiveFunction';
const baseline = () => JSON.parse(fs.readFileSync(BASELINE_FILE, 'utf8'));

test('an unchanged assembly passes', () => {
  expect(isClean(compare(baseline(), baseline()))).toBe(true);
});

test('removing a public property fails, naming it and how to accept the change', () => {
  const current = baseline();
  const type = current.types[FQN];
  type.properties = type.properties.filter((p: { name: string }) => p.name !== 'alarms');

  const diff = compare(baseline(), current);

  expect(diff.removed).toEqual([`${FQN}.alarms`]);
  // jsii-diff's own finding: a Python or Java caller reading the attribute would no longer compile.
  expect(diff.breaking.join('\n')).toContain(`${FQN}.alarms`);
  expect(report(diff)).toContain(ACCEPT_COMMAND);
}, 60_000);

test('an addition fails too, so that the baseline always holds the whole API', () => {
  const current = baseline();
  const type = current.types[FQN];
  type.properties = [...type.properties, { ...type.properties[0], name: 'extra' }];

  const diff = compare(baseline(), current);

  expect(diff).toMatchObject({ added: [`${FQN}.extra`], removed: [], changed: [], breaking: [] });
}, 60_000);

test('edited docs and a new version are not API changes', () => {
  const current = baseline();
  current.version = '9.9.9';
  current.types[FQN].docs = { ...current.types[FQN].docs, summary: 'reworded' };
  expect(isClean(compare(baseline(), current))).toBe(true);
});
