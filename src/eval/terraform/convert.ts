// Terraform's type conversions between primitive values, its number
// formatting, and equality. Callers pass values that are known at the top.
import type { KnownValue, SourceLoc, Value } from '../../readers/value.js';
import { known } from '../../readers/value.js';
import { TfEvalError } from './errors.js';

export function typeName(v: Value): string {
  switch (v.kind) {
    case 'known':
      return v.value === null ? 'null' : typeof v.value;
    case 'list':
      return 'list';
    case 'object':
      return 'object';
    case 'ref':
      return 'reference';
    case 'unknown':
      return 'unknown value';
  }
}

/** Numbers as Terraform prints them: never in exponent form. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new TfEvalError(`${n} is not a valid number`);
  if (Number.isInteger(n)) return BigInt(n).toString();
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = '', exp] = m;
  const e = Number(exp);
  const digits = lead! + frac;
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const point = 1 + e;
  return point >= digits.length ? sign + digits + '0'.repeat(point - digits.length) : `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const NUMBER_SYNTAX = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Convert a primitive to string as Terraform does; `what` names the operand in errors. */
export function toStr(v: Value, what: string): string {
  if (v.kind === 'known') {
    if (typeof v.value === 'string') return v.value;
    if (typeof v.value === 'number') return formatNumber(v.value);
    if (typeof v.value === 'boolean') return v.value ? 'true' : 'false';
    throw new TfEvalError(`${what} is null, a string is required`);
  }
  throw new TfEvalError(`${what} must be a string, got ${typeName(v)}`);
}

export function toNum(v: Value, what: string): number {
  if (v.kind === 'known') {
    if (typeof v.value === 'number') return v.value;
    if (typeof v.value === 'string' && NUMBER_SYNTAX.test(v.value)) return Number(v.value);
    if (v.value === null) throw new TfEvalError(`${what} is null, a number is required`);
    throw new TfEvalError(`${what} must be a number, got ${JSON.stringify(v.value)}`);
  }
  throw new TfEvalError(`${what} must be a number, got ${typeName(v)}`);
}

export function toBool(v: Value, what: string): boolean {
  if (v.kind === 'known') {
    if (typeof v.value === 'boolean') return v.value;
    if (v.value === 'true') return true;
    if (v.value === 'false') return false;
    if (v.value === null) throw new TfEvalError(`${what} is null, a bool is required`);
    throw new TfEvalError(`${what} must be a bool, got ${JSON.stringify(v.value)}`);
  }
  throw new TfEvalError(`${what} must be a bool, got ${typeName(v)}`);
}

export function toInt(v: Value, what: string): number {
  const n = toNum(v, what);
  if (!Number.isInteger(n)) throw new TfEvalError(`${what} must be a whole number, got ${formatNumber(n)}`);
  return n;
}

/**
 * Equality as HCL's `==`: values of different types are different; the
 * answer is undefined when an unknown part could decide it.
 */
export function valuesEqual(a: Value, b: Value): boolean | undefined {
  if (a.kind === 'unknown' || a.kind === 'ref' || b.kind === 'unknown' || b.kind === 'ref') return undefined;
  if (a.kind === 'known' || b.kind === 'known') {
    return a.kind === 'known' && b.kind === 'known' && a.value === b.value;
  }
  if (a.kind === 'list' && b.kind === 'list') {
    if (a.items.length !== b.items.length) return false;
    let result: boolean | undefined = true;
    for (let i = 0; i < a.items.length; i++) {
      const eq = valuesEqual(a.items[i]!, b.items[i]!);
      if (eq === false) return false;
      if (eq === undefined) result = undefined;
    }
    return result;
  }
  if (a.kind === 'object' && b.kind === 'object') {
    const ka = Object.keys(a.fields);
    const kb = Object.keys(b.fields);
    if (ka.length !== kb.length || ka.some((k) => !Object.prototype.hasOwnProperty.call(b.fields, k))) return false;
    let result: boolean | undefined = true;
    for (const k of ka) {
      const eq = valuesEqual(a.fields[k]!, b.fields[k]!);
      if (eq === false) return false;
      if (eq === undefined) result = undefined;
    }
    return result;
  }
  return false;
}

/**
 * Elements of a Terraform list, set or map share one type: mixed primitives
 * (a number and a string) become strings. Values already of one kind are
 * returned as they are, locations kept.
 */
export function unifyPrimitives(items: Value[], loc: SourceLoc): Value[] {
  const kinds = new Set<string>();
  for (const v of items) {
    if (v.kind !== 'known') {
      if (v.kind === 'unknown' || v.kind === 'ref') continue;
      return items;
    }
    if (v.value !== null) kinds.add(typeof v.value);
  }
  if (kinds.size <= 1 || !kinds.has('string')) return items;
  return items.map((v) => (v.kind === 'known' && v.value !== null && typeof v.value !== 'string' ? known(toStr(v, 'element'), v.loc ?? loc) : v));
}

/** Terraform iterates maps and objects in lexical key order. */
export function sortedKeys(fields: Record<string, Value>): string[] {
  return Object.keys(fields).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function isNull(v: Value): v is KnownValue & { value: null } {
  return v.kind === 'known' && v.value === null;
}

/**
 * A string that is equal for two fully known values exactly when `==` holds,
 * so sets and lookups of structured values cost one pass, not a comparison
 * of every pair. Undefined when the value has an unknown part.
 */
export function canonicalKey(v: Value, depth = 0): string | undefined {
  if (depth > 200) throw new TfEvalError('value nested too deeply to compare');
  switch (v.kind) {
    case 'known':
      return v.value === null ? 'null' : `${typeof v.value}:${JSON.stringify(v.value)}`;
    case 'list': {
      const parts: string[] = [];
      for (const i of v.items) {
        const k = canonicalKey(i, depth + 1);
        if (k === undefined) return undefined;
        parts.push(k);
      }
      return `[${parts.join(',')}]`;
    }
    case 'object': {
      const parts: string[] = [];
      for (const name of sortedKeys(v.fields)) {
        const k = canonicalKey(v.fields[name]!, depth + 1);
        if (k === undefined) return undefined;
        parts.push(`${JSON.stringify(name)}:${k}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return undefined;
  }
}
