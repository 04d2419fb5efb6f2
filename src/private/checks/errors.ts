import { IConstruct } from 'constructs';

/**
 * The one shape of every validation error in this library: who complains, about which
 * prop, what is wrong and what to do, so that a synth failure reads like a fix.
 */
export function propError(owner: IConstruct | string, prop: string, problem: string, fix: string): Error {
  const who = typeof owner === 'string' ? owner : `${owner.constructor.name} '${owner.node.path}'`;
  return new Error(`${who}: invalid \`${prop}\`: ${problem}. ${fix}`);
}
