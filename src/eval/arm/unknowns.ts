// Building and combining unknown values. An unknown result names every input
// its unknown parts depend on, and shows as text the way a resource name
// shows it: known parts as they are, unknown parts as their expression.
import type { SourceLoc, UnknownCause, UnknownValue, Value } from '../../readers/value.js';
import { unknown } from '../../readers/value.js';

const MAX_INPUTS = 12;

export function mergeCauses(causes: UnknownCause[]): UnknownCause {
  if (causes.length === 1) return causes[0]!;
  const inputs: string[] = [];
  const details: string[] = [];
  const chain: string[] = [];
  for (const c of causes) {
    for (const i of c.inputs) if (!inputs.includes(i) && inputs.length < MAX_INPUTS) inputs.push(i);
    if (!details.includes(c.detail) && details.length < 3) details.push(c.detail);
    for (const step of c.chain ?? []) if (!chain.includes(step)) chain.push(step);
  }
  const merged: UnknownCause = { inputs, detail: details.join('; ') };
  if (chain.length) merged.chain = chain;
  return merged;
}

/** Every unknown leaf inside a value (refs count as unknown). */
export function unknownParts(v: Value, out: UnknownValue[] = []): UnknownValue[] {
  switch (v.kind) {
    case 'unknown':
      out.push(v);
      break;
    case 'ref':
      out.push(unknown({ inputs: [`${v.target}.${v.attribute}`], detail: 'known after deployment' }));
      break;
    case 'list':
      for (const i of v.items) unknownParts(i, out);
      break;
    case 'object':
      for (const f of Object.values(v.fields)) unknownParts(f, out);
      break;
    default:
      break;
  }
  return out;
}

/** An unknown that depends on every unknown part of `values`. */
export function unknownFrom(values: Value[], expr: string, loc: SourceLoc): UnknownValue {
  const parts: UnknownValue[] = [];
  for (const v of values) unknownParts(v, parts);
  const cause = parts.length ? mergeCauses(parts.map((p) => p.cause)) : { inputs: [], detail: 'unknown' };
  return unknown(cause, loc, expr);
}

/** The first unknown part found, merged with all others, or undefined when everything is known. */
export function unknownIn(values: Value[], expr: string, loc: SourceLoc): UnknownValue | undefined {
  const parts: UnknownValue[] = [];
  for (const v of values) unknownParts(v, parts);
  if (!parts.length) return undefined;
  return unknown(mergeCauses(parts.map((p) => p.cause)), loc, expr);
}

/** Text of a value where it is embedded in a string: unknown parts show as their expression. */
export function displayText(v: Value): string {
  switch (v.kind) {
    case 'known':
      // .NET spelling, as ARM's concat/format/string() write booleans.
      if (typeof v.value === 'boolean') return v.value ? 'True' : 'False';
      return v.value === null ? '' : String(v.value);
    case 'unknown':
      return v.expr ?? '[?]';
    case 'ref':
      return `[${v.target}.${v.attribute}]`;
    case 'list':
      return `[${v.items.map(displayText).join(', ')}]`;
    case 'object':
      return `{${Object.entries(v.fields)
        .map(([k, f]) => `${k}: ${displayText(f)}`)
        .join(', ')}}`;
  }
}

/** The unknown that an evaluation error becomes: ARM itself would fail the deployment here. */
export function evaluationError(message: string, expr: string, loc: SourceLoc): UnknownValue {
  return unknown({ inputs: [], detail: `cannot evaluate ${expr}: ${message}` }, loc, expr);
}
