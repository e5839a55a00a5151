// Building and combining the causes of unknown values, so a value computed
// from several unknown inputs names all of them.
import type { UnknownCause } from '../../readers/value.js';

/** The input name for values that exist only once the stack is deployed. */
export const AFTER_DEPLOY = 'after deploy';

export function cause(inputs: string[], detail: string, chain?: string[]): UnknownCause {
  return chain && chain.length > 0 ? { inputs, detail, chain } : { inputs, detail };
}

/** A template mistake: there is no input a user could supply to fix the value. */
export function invalid(detail: string): UnknownCause {
  return { inputs: [], detail };
}

/** Union of several causes; `detail` replaces the joined details when given. */
export function mergeCauses(causes: UnknownCause[], detail?: string): UnknownCause {
  const inputs: string[] = [];
  const details: string[] = [];
  const chain: string[] = [];
  for (const c of causes) {
    for (const i of c.inputs) if (!inputs.includes(i)) inputs.push(i);
    if (!details.includes(c.detail)) details.push(c.detail);
    for (const step of c.chain ?? []) if (!chain.includes(step)) chain.push(step);
  }
  return cause(inputs, detail ?? details.join('; '), chain);
}

/** The same cause, reached through one more step (outermost last). */
export function throughStep(c: UnknownCause, step: string): UnknownCause {
  return { ...c, chain: [...(c.chain ?? []), step] };
}
