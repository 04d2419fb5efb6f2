// Runs every line of examples/form-validation/cases.jsonl, the contract shared with the
// Rust and Python handlers, through the Node twin.
import { readFileSync } from 'fs';
import * as path from 'path';
import { handler } from '../../examples/form-validation/twin-node/handler';

interface Case {
  readonly name: string;
  readonly event: unknown;
  readonly expected: unknown;
}

const CASES: Case[] = readFileSync(path.join(__dirname, '../../examples/form-validation/cases.jsonl'), 'utf-8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line));

test('the contract has at least 40 cases', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(40);
});

test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
  // Compare serialized JSON so that key order counts, as it does for the other handlers.
  expect(JSON.stringify(await handler(c.event))).toBe(JSON.stringify(c.expected));
});
