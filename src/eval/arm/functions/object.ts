// Functions that build and read objects: createObject, items, objectKeys,
// shallowMerge, tryGet, null.
import type { ObjectValue, Value } from '../../../readers/value.js';
import { known, list, obj } from '../../../readers/value.js';
import { unknownFrom } from '../unknowns.js';
import { ArmEvalError, lookupField, typeName } from '../values.js';
import { arity, values, type ArmFunction } from './types.js';

function isUnknown(v: Value): boolean {
  return v.kind === 'unknown' || v.kind === 'ref';
}

const createObject: ArmFunction = (args, call) => {
  const vs = values('createObject', args);
  if (vs.length % 2 !== 0) throw new ArmEvalError('createObject takes key/value pairs');
  const fields: Record<string, Value> = Object.create(null);
  for (let i = 0; i < vs.length; i += 2) {
    const k = vs[i]!;
    if (isUnknown(k)) return unknownFrom([k], call.expr, call.loc);
    if (k.kind !== 'known' || typeof k.value !== 'string') throw new ArmEvalError('createObject keys must be strings');
    fields[k.value] = vs[i + 1]!;
  }
  return obj(fields, call.loc);
};

function objectArg(name: string, v: Value): ObjectValue {
  if (v.kind !== 'object') throw new ArmEvalError(`${name} expects an object, got ${typeName(v)}`);
  return v;
}

/** items(): key/value pairs sorted by key, as ARM returns them. */
const items: ArmFunction = (args, call) => {
  arity('items', args, 1);
  const [v] = values('items', args);
  if (isUnknown(v!)) return unknownFrom([v!], call.expr, call.loc);
  const o = objectArg('items', v!);
  const keys = Object.keys(o.fields).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
  return list(
    keys.map((k) => obj({ key: known(k, call.loc), value: o.fields[k]! }, call.loc)),
    call.loc,
  );
};

const objectKeys: ArmFunction = (args, call) => {
  arity('objectKeys', args, 1);
  const [v] = values('objectKeys', args);
  if (isUnknown(v!)) return unknownFrom([v!], call.expr, call.loc);
  return list(Object.keys(objectArg('objectKeys', v!).fields).map((k) => known(k, call.loc)), call.loc);
};

const shallowMerge: ArmFunction = (args, call) => {
  arity('shallowMerge', args, 1);
  const [v] = values('shallowMerge', args);
  if (v!.kind !== 'list') {
    if (isUnknown(v!)) return unknownFrom([v!], call.expr, call.loc);
    throw new ArmEvalError('shallowMerge expects an array of objects');
  }
  const fields: Record<string, Value> = Object.create(null);
  for (const item of v!.items) {
    if (isUnknown(item)) return unknownFrom([item], call.expr, call.loc);
    if (item.kind === 'known' && item.value === null) continue;
    for (const [k, f] of Object.entries(objectArg('shallowMerge', item).fields)) fields[k] = f;
  }
  return obj(fields, call.loc);
};

/** tryGet(value, key, ...): null where a key or index is missing, instead of an error. */
const tryGet: ArmFunction = (args, call) => {
  arity('tryGet', args, 2, Infinity);
  const [start, ...keys] = values('tryGet', args);
  let cur: Value = start!;
  for (const k of keys) {
    if (isUnknown(cur) || isUnknown(k)) return unknownFrom([cur, k], call.expr, call.loc);
    if (cur.kind === 'known' && cur.value === null) return known(null, call.loc);
    if (k.kind !== 'known') throw new ArmEvalError('tryGet keys must be strings or integers');
    if (cur.kind === 'object' && typeof k.value === 'string') {
      const next = lookupField(cur, k.value);
      if (next === undefined) return known(null, call.loc);
      cur = next;
    } else if (cur.kind === 'list' && typeof k.value === 'number') {
      const next = cur.items[k.value];
      if (next === undefined) return known(null, call.loc);
      cur = next;
    } else {
      return known(null, call.loc);
    }
  }
  return cur;
};

export const OBJECT_FUNCTIONS: Record<string, ArmFunction> = {
  createobject: createObject,
  items,
  objectkeys: objectKeys,
  shallowmerge: shallowMerge,
  tryget: tryGet,
  null: (args, call) => {
    arity('null', args, 0);
    return known(null, call.loc);
  },
};
