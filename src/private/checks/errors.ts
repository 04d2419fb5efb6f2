import { IConstruct } from 'constructs';

/**
 * The one shape of every validation error in this library: who complains, about which
 * prop, what is wrong and what to do, so that a synth failure reads like a fix. The prop is
 * named as the caller spells it (see `spellingsForCaller`), in the problem and the fix too.
 */
export function propError(owner: IConstruct | string, prop: string, problem: string, fix: string): Error {
  const who = typeof owner === 'string' ? owner : `${owner.constructor.name} '${owner.node.path}'`;
  const spellings = spellingsForCaller(prop);
  const respell = (text: string) => (spellings.length === 1 && spellings[0] === prop ? text
    : text.replace(new RegExp(`(?<![\\w.])${escaped(prop)}(?!\\w)`, 'g'), spellings.join(' / ')));
  return new Error(`${who}: invalid ${spellings.map((s) => `\`${s}\``).join(' / ')}: ${respell(problem)}. ${respell(fix)}`);
}

/**
 * A prop (or a dotted path of props, `alarms.warmLatency.threshold`) as the calling program
 * writes it. jsii's hosts name themselves in `JSII_AGENT` (`Python/3.12.1`, `Java/21.0.2`,
 * `DotNet/...`); TypeScript and JavaScript callers load the library directly and set none.
 * Python's keyword arguments are snake_case; Java's builders keep jsii's camelCase. A host this
 * does not know gets both spellings.
 */
export function spellingsForCaller(prop: string, agent: string | undefined = process.env.JSII_AGENT): string[] {
  const snake = prop.split('.').map((part) => part.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).join('.');
  if (snake === prop || !agent || /^Java\//.test(agent)) return [prop];
  if (/^Python\//.test(agent)) return [snake];
  return [prop, snake];
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
