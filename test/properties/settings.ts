import * as fc from 'fast-check';

/**
 * Runs are reproducible: a fixed seed unless FC_SEED is set, and each property's own number
 * of runs unless FC_NUM_RUNS sets them all (to explore harder locally).
 */
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261128;
const NUM_RUNS = process.env.FC_NUM_RUNS ? Number(process.env.FC_NUM_RUNS) : undefined;

export function runs<T>(numRuns: number): fc.Parameters<T> {
  return { seed: SEED, numRuns: NUM_RUNS ?? numRuns };
}

/** Jest's time limit per property: generous when FC_NUM_RUNS asks for more. */
export const PROPERTY_TIMEOUT_MS = NUM_RUNS ? 60 * 60 * 1000 : 60 * 1000;

/**
 * The error of `attempt` when it is this library's validation error about `prop` (the shape
 * of `propError`: owner, prop, problem, fix); anything else, including success, fails.
 */
export function expectPropError(attempt: () => unknown, owner: RegExp, prop: string): void {
  let error: unknown;
  try {
    attempt();
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new Error(`accepted, but \`${prop}\` is invalid`);
  // Our errors are plain Errors; a TypeError, RangeError or CDK's ValidationError means an unchecked prop.
  if (!(error instanceof Error) || error.constructor !== Error) throw error;
  const escaped = prop.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  expect(error.message).toMatch(new RegExp(`^${owner.source}: invalid \`${escaped}\`: .+\\. \\S.*`, 's'));
}
