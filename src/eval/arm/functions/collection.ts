// Functions that work on arrays, objects and strings alike. Where the shape
// of a value is known (an array of unknown items still has a length), the
// result is known.
import type { ObjectValue, Value } from '../../../readers/value.js';
import { known, list, obj } from '../../../readers/value.js';
import { unknownFrom } from '../unknowns.js';
import { ArmEvalError, deepEqual, lookupField, typeName } from '../values.js';
import { arity, asInt, values, type ArmFunction, type CallInfo } from './types.js';

function isUnknown(v: Value): boolean {
  return v.kind === 'unknown' || v.kind === 'ref';
}

function str(v: Value): string | undefined {
  return v.kind === 'known' && typeof v.value === 'string' ? v.value : undefined;
}

const length: ArmFunction = (args, call) => {
  arity('length', args, 1);
  const [v] = values('length', args);
  if (isUnknown(v!)) return unknownFrom([v!], call.expr, call.loc);
  if (v!.kind === 'list') return known(v!.items.length, call.loc);
  if (v!.kind === 'object') return known(Object.keys(v!.fields).length, call.loc);
  const s = str(v!);
  if (s !== undefined) return known(s.length, call.loc);
  throw new ArmEvalError(`length cannot measure ${typeName(v!)}`);
};

const empty: ArmFunction = (args, call) => {
  arity('empty', args, 1);
  const [v] = values('empty', args);
  if (isUnknown(v!)) return unknownFrom([v!], call.expr, call.loc);
  if (v!.kind === 'list') return known(v!.items.length === 0, call.loc);
  if (v!.kind === 'object') return known(Object.keys(v!.fields).length === 0, call.loc);
  if (v!.kind === 'known') return known(v!.value === null || v!.value === '', call.loc);
  return known(false, call.loc);
};

function endItem(which: 'first' | 'last'): ArmFunction {
  return (args, call) => {
    arity(which, args, 1);
    const [v] = values(which, args);
    if (isUnknown(v!)) return unknownFrom([v!], call.expr, call.loc);
    if (v!.kind === 'list') {
      const item = which === 'first' ? v!.items[0] : v!.items[v!.items.length - 1];
      return item ?? known(null, call.loc);
    }
    const s = str(v!);
    if (s !== undefined) return known(which === 'first' ? s.slice(0, 1) : s.slice(-1), call.loc);
    throw new ArmEvalError(`${which} expects an array or a string, got ${typeName(v!)}`);
  };
}

function slicer(which: 'take' | 'skip'): ArmFunction {
  return (args, call) => {
    arity(which, args, 2);
    const [v, n] = values(which, args);
    if (isUnknown(v!) || isUnknown(n!)) return unknownFrom([v!, n!], call.expr, call.loc);
    const count = Math.max(0, asInt(which, n!.kind === 'known' ? n!.value : undefined));
    if (v!.kind === 'list') return list(which === 'take' ? v!.items.slice(0, count) : v!.items.slice(count), call.loc);
    const s = str(v!);
    if (s !== undefined) return known(which === 'take' ? s.slice(0, count) : s.slice(count), call.loc);
    if (v!.kind === 'known' && v!.value === null) return known(null, call.loc);
    throw new ArmEvalError(`${which} expects an array or a string, got ${typeName(v!)}`);
  };
}

/** Position of an item in an array; -1 when absent; undefined when an unknown item could match. */
function findIndex(items: Value[], item: Value, fromEnd: boolean): number | undefined {
  const order = items.map((_, i) => i);
  if (fromEnd) order.reverse();
  for (const i of order) {
    const eq = deepEqual(items[i]!, item);
    if (eq === undefined) return undefined;
    if (eq) return i;
  }
  return -1;
}

const contains: ArmFunction = (args, call) => {
  arity('contains', args, 2);
  const [c, item] = values('contains', args);
  if (isUnknown(c!)) return unknownFrom([c!, item!], call.expr, call.loc);
  if (c!.kind === 'list') {
    // An unknown item that could match leaves the answer open unless a known item matches.
    let open = false;
    for (const i of c!.items) {
      const eq = deepEqual(i, item!);
      if (eq === true) return known(true, call.loc);
      if (eq === undefined) open = true;
    }
    return open ? unknownFrom([c!, item!], call.expr, call.loc) : known(false, call.loc);
  }
  if (isUnknown(item!)) return unknownFrom([item!], call.expr, call.loc);
  if (c!.kind === 'object') {
    const key = item!.kind === 'known' ? item!.value : undefined;
    return known(key !== null && key !== undefined && lookupField(c!, String(key)) !== undefined, call.loc);
  }
  const s = str(c!);
  const needle = item!.kind === 'known' && item!.value !== null ? String(item!.value) : undefined;
  if (s !== undefined && needle !== undefined) return known(s.includes(needle), call.loc);
  throw new ArmEvalError(`contains cannot search ${typeName(c!)} for ${typeName(item!)}`);
};

function indexer(fromEnd: boolean): ArmFunction {
  const name = fromEnd ? 'lastIndexOf' : 'indexOf';
  return (args, call) => {
    arity(name, args, 2);
    const [c, item] = values(name, args);
    if (isUnknown(c!)) return unknownFrom([c!, item!], call.expr, call.loc);
    if (c!.kind === 'list') {
      const i = findIndex(c!.items, item!, fromEnd);
      return i === undefined ? unknownFrom([c!, item!], call.expr, call.loc) : known(i, call.loc);
    }
    if (isUnknown(item!)) return unknownFrom([item!], call.expr, call.loc);
    const s = str(c!);
    const needle = str(item!);
    if (s === undefined || needle === undefined) throw new ArmEvalError(`${name} expects strings or an array`);
    const hay = s.toLowerCase();
    const n = needle.toLowerCase();
    return known(fromEnd ? hay.lastIndexOf(n) : hay.indexOf(n), call.loc);
  };
}

/** Deep merge used by union(): nested objects merge, anything else is replaced by the later value. */
function mergeObjects(a: ObjectValue, b: ObjectValue, call: CallInfo): ObjectValue {
  const fields: Record<string, Value> = Object.create(null);
  for (const [k, v] of Object.entries(a.fields)) fields[k] = v;
  for (const [k, v] of Object.entries(b.fields)) {
    const existingKey = Object.keys(fields).find((x) => x.toLowerCase() === k.toLowerCase());
    const prev = existingKey === undefined ? undefined : fields[existingKey];
    if (existingKey !== undefined) delete fields[existingKey];
    fields[existingKey ?? k] = prev?.kind === 'object' && v.kind === 'object' ? mergeObjects(prev, v, call) : v;
  }
  return obj(fields, call.loc);
}

const union: ArmFunction = (args, call) => {
  arity('union', args, 1, Infinity);
  const vs = values('union', args).filter((v) => !(v.kind === 'known' && v.value === null));
  if (vs.some(isUnknown)) return unknownFrom(vs.filter(isUnknown), call.expr, call.loc);
  if (vs.length === 0) return known(null, call.loc);
  if (vs.every((v) => v.kind === 'list')) {
    const out: Value[] = [];
    for (const v of vs as Extract<Value, { kind: 'list' }>[]) {
      for (const item of v.items) {
        // Keep an item an unknown one might duplicate: dropping it would be a guess.
        const i = findIndex(out, item, false);
        if (i === undefined || i < 0) out.push(item);
      }
    }
    return list(out, call.loc);
  }
  if (vs.every((v) => v.kind === 'object')) {
    return (vs as ObjectValue[]).reduce((acc, v) => mergeObjects(acc, v, call), obj({}, call.loc));
  }
  throw new ArmEvalError('union expects all arrays or all objects');
};

const intersection: ArmFunction = (args, call) => {
  arity('intersection', args, 2, Infinity);
  const vs = values('intersection', args);
  if (vs.some(isUnknown)) return unknownFrom(vs.filter(isUnknown), call.expr, call.loc);
  if (vs.every((v) => v.kind === 'list')) {
    const [first, ...rest] = vs as Extract<Value, { kind: 'list' }>[];
    const out: Value[] = [];
    for (const item of first!.items) {
      let inAll = true;
      for (const other of rest) {
        const i = findIndex(other.items, item, false);
        if (i === undefined) return unknownFrom(vs, call.expr, call.loc);
        if (i < 0) inAll = false;
      }
      if (inAll && findIndex(out, item, false) === -1) out.push(item);
    }
    return list(out, call.loc);
  }
  if (vs.every((v) => v.kind === 'object')) {
    const [first, ...rest] = vs as ObjectValue[];
    const fields: Record<string, Value> = Object.create(null);
    for (const [k, v] of Object.entries(first!.fields)) {
      let inAll = true;
      for (const other of rest) {
        const o = lookupField(other, k);
        const eq = o === undefined ? false : deepEqual(v, o);
        if (eq === undefined) return unknownFrom(vs, call.expr, call.loc);
        if (!eq) inAll = false;
      }
      if (inAll) fields[k] = v;
    }
    return obj(fields, call.loc);
  }
  throw new ArmEvalError('intersection expects all arrays or all objects');
};

export const COLLECTION_FUNCTIONS: Record<string, ArmFunction> = {
  length,
  empty,
  first: endItem('first'),
  last: endItem('last'),
  take: slicer('take'),
  skip: slicer('skip'),
  contains,
  indexof: indexer(false),
  lastindexof: indexer(true),
  union,
  intersection,
};
