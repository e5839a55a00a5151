// Reading evaluated values with ARM's semantics: property names match
// case-insensitively, equality is structural, and anything involving an
// unknown part may itself be unknown.
import type { ObjectValue, Value } from '../../readers/value.js';

/** Thrown by functions on a type or range error; the evaluator turns it into an unknown. */
export class ArmEvalError extends Error {}

/** A lambda as the evaluator passes it to map/filter/reduce/sort/toObject. */
export interface ArmLambda {
  kind: 'lambda';
  params: string[];
  invoke(args: Value[]): Value;
}

export type ArmValue = Value | ArmLambda;

export function isLambda(v: ArmValue): v is ArmLambda {
  return v.kind === 'lambda';
}

export function isNull(v: Value): boolean {
  return v.kind === 'known' && v.value === null;
}

/** ARM property lookup: exact key first, then case-insensitive. */
export function lookupField(o: ObjectValue, name: string): Value | undefined {
  // Fields have a null prototype and never hold undefined: a plain read is the exact-key lookup.
  const exact = o.fields[name];
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  // Fields have a null prototype, so `in` sees only their own keys; no entry arrays on this hot path.
  for (const k in o.fields) if (k.length === name.length && k.toLowerCase() === lower) return o.fields[k];
  return undefined;
}

/** Name of a value's type for error messages. */
export function typeName(v: ArmValue): string {
  switch (v.kind) {
    case 'known':
      return v.value === null ? 'null' : typeof v.value === 'number' ? 'int' : typeof v.value;
    case 'list':
      return 'array';
    case 'object':
      return 'object';
    case 'lambda':
      return 'lambda';
    default:
      return 'unknown';
  }
}

/**
 * Structural equality: true/false when the known parts decide it, undefined
 * when an unknown part would.
 */
export function deepEqual(a: Value, b: Value): boolean | undefined {
  if (a.kind === 'unknown' || a.kind === 'ref' || b.kind === 'unknown' || b.kind === 'ref') return undefined;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'known' && b.kind === 'known') return a.value === b.value;
  if (a.kind === 'list' && b.kind === 'list') {
    if (a.items.length !== b.items.length) return false;
    let result: boolean | undefined = true;
    for (let i = 0; i < a.items.length; i++) {
      const eq = deepEqual(a.items[i]!, b.items[i]!);
      if (eq === false) return false;
      if (eq === undefined) result = undefined;
    }
    return result;
  }
  if (a.kind === 'object' && b.kind === 'object') {
    const ak = Object.keys(a.fields);
    const bk = Object.keys(b.fields);
    if (ak.length !== bk.length) return false;
    let result: boolean | undefined = true;
    for (const k of ak) {
      const other = lookupField(b, k);
      if (other === undefined) return false;
      const eq = deepEqual(a.fields[k]!, other);
      if (eq === false) return false;
      if (eq === undefined) result = undefined;
    }
    return result;
  }
  return false;
}

/** Plain JSON of a fully known value; objects have no prototype so `__proto__` keys stay data. */
export function plainOf(v: Value): unknown {
  switch (v.kind) {
    case 'known':
      return v.value;
    case 'list':
      return v.items.map(plainOf);
    case 'object': {
      const o: Record<string, unknown> = Object.create(null);
      for (const [k, f] of Object.entries(v.fields)) o[k] = plainOf(f);
      return o;
    }
    default:
      throw new ArmEvalError('value is not known');
  }
}
