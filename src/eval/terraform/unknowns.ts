// How unknown-ness flows through operations: the result of an operation on
// unknown operands is unknown, and its cause names the inputs of all of them
// (root-most names first, as the scope gave them), so the user learns what to
// supply. A reference to another resource contributes `<address>.<attr>
// (known after apply)`.
import type { RefValue, SourceLoc, UnknownCause, UnknownValue, Value } from '../../readers/value.js';
import { unknown } from '../../readers/value.js';
import { ERROR_PREFIX } from './errors.js';

/** Most input names one merged cause lists; more would not help the reader of a finding. */
const MAX_INPUTS = 12;
/** Most distinct details joined into one merged detail. */
const MAX_DETAILS = 3;

/** The resource address part of a native resource key (`<scope>#<address>`). */
export function refAddress(r: RefValue): string {
  const hash = r.target.lastIndexOf('#');
  return hash >= 0 ? r.target.slice(hash + 1) : r.target;
}

/** `aws_vpc.main.id`, `aws_instance.web[0].root_block_device[0].volume_id`. */
export function refName(r: RefValue): string {
  const attr = r.attribute.startsWith('[') ? r.attribute : `.${r.attribute}`;
  return refAddress(r) + attr;
}

export function refCause(r: RefValue): UnknownCause {
  const name = refName(r);
  return { inputs: [`${name} (known after apply)`], detail: `${name} is known only after apply` };
}

/** Causes of every unknown or reference inside the value, in order. */
export function collectCauses(v: Value, out: UnknownCause[] = []): UnknownCause[] {
  const stack: Value[] = [v];
  while (stack.length > 0 && out.length < 1000) {
    const cur = stack.pop()!;
    switch (cur.kind) {
      case 'unknown':
        out.push(cur.cause);
        break;
      case 'ref':
        out.push(refCause(cur));
        break;
      case 'list':
        for (let i = cur.items.length - 1; i >= 0; i--) stack.push(cur.items[i]!);
        break;
      case 'object': {
        const fields = Object.values(cur.fields);
        for (let i = fields.length - 1; i >= 0; i--) stack.push(fields[i]!);
        break;
      }
      case 'known':
        break;
    }
  }
  return out;
}

export function mergeCauses(causes: UnknownCause[]): UnknownCause {
  if (causes.length === 1) return causes[0]!;
  const inputs: string[] = [];
  const details: string[] = [];
  const chain: string[] = [];
  for (const c of causes) {
    for (const i of c.inputs) if (!inputs.includes(i) && inputs.length < MAX_INPUTS) inputs.push(i);
    if (!details.includes(c.detail)) details.push(c.detail);
    for (const step of c.chain ?? []) if (!chain.includes(step)) chain.push(step);
  }
  // A cause that still needs an input is not an expression error, whatever else it merged.
  const shown = inputs.length > 0 ? details.filter((d) => !d.startsWith(ERROR_PREFIX)) : details;
  const list = shown.length > 0 ? shown : details;
  let detail = list.slice(0, MAX_DETAILS).join('; ');
  if (list.length > MAX_DETAILS) detail += `; and ${list.length - MAX_DETAILS} more`;
  const merged: UnknownCause = { inputs, detail: detail || 'unknown' };
  if (chain.length > 0) merged.chain = chain;
  return merged;
}

/** An unknown standing for an operation over `operands`, at `loc`, showing `expr`. */
export function unknownFrom(operands: Value[], loc: SourceLoc, expr?: string): UnknownValue {
  const causes: UnknownCause[] = [];
  for (const o of operands) collectCauses(o, causes);
  const cause = causes.length > 0 ? mergeCauses(causes) : { inputs: [], detail: 'unknown' };
  return unknown(cause, loc, expr);
}

/** True when the value itself (not something inside it) is unknown or a reference. */
export function isUnknownish(v: Value): boolean {
  return v.kind === 'unknown' || v.kind === 'ref';
}
