// Functions that apply a lambda: map, filter, reduce, sort, toObject,
// mapValues, groupBy. Items stay as they are (known or not); only a decision
// that depends on an unknown (a filter predicate, a sort order, a key) makes
// the whole result unknown.
import type { Value } from '../../../readers/value.js';
import { known, list, obj } from '../../../readers/value.js';
import { unknownFrom } from '../unknowns.js';
import { ArmEvalError, typeName, type ArmValue } from '../values.js';
import { arity, lambdaArg, type ArmFunction, type CallInfo } from './types.js';

type ListValue = Extract<Value, { kind: 'list' }>;

/** The array argument, or the unknown the call becomes when it is not known to be an array. */
function arrayArg(name: string, v: ArmValue | undefined, call: CallInfo): ListValue | Value {
  if (!v || v.kind === 'lambda') throw new ArmEvalError(`${name} expects an array`);
  if (v.kind === 'list') return v;
  if (v.kind === 'unknown' || v.kind === 'ref') return unknownFrom([v], call.expr, call.loc);
  if (v.kind === 'known' && v.value === null) return list([], call.loc);
  throw new ArmEvalError(`${name} expects an array, got ${typeName(v)}`);
}

function decided(v: Value): boolean | undefined {
  if (v.kind === 'known' && typeof v.value === 'boolean') return v.value;
  if (v.kind === 'unknown' || v.kind === 'ref') return undefined;
  throw new ArmEvalError(`the lambda must return a bool, got ${typeName(v)}`);
}

function keyOf(v: Value): string | undefined {
  if (v.kind === 'known' && typeof v.value === 'string') return v.value;
  if (v.kind === 'unknown' || v.kind === 'ref') return undefined;
  throw new ArmEvalError(`the key lambda must return a string, got ${typeName(v)}`);
}

const map: ArmFunction = (args, call) => {
  arity('map', args, 2);
  const arr = arrayArg('map', args[0], call);
  if (arr.kind !== 'list') return arr;
  const fn = lambdaArg('map', args[1], [1, 2]);
  return list(
    arr.items.map((item, i) => fn.invoke([item, known(i, call.loc)])),
    call.loc,
  );
};

const filter: ArmFunction = (args, call) => {
  arity('filter', args, 2);
  const arr = arrayArg('filter', args[0], call);
  if (arr.kind !== 'list') return arr;
  const fn = lambdaArg('filter', args[1], [1, 2]);
  const out: Value[] = [];
  for (const [i, item] of arr.items.entries()) {
    const keep = fn.invoke([item, known(i, call.loc)]);
    const d = decided(keep);
    if (d === undefined) return unknownFrom([keep], call.expr, call.loc);
    if (d) out.push(item);
  }
  return list(out, call.loc);
};

const reduce: ArmFunction = (args, call) => {
  arity('reduce', args, 3);
  const arr = arrayArg('reduce', args[0], call);
  if (arr.kind !== 'list') return arr;
  const init = args[1];
  if (!init || init.kind === 'lambda') throw new ArmEvalError('reduce expects an initial value');
  const fn = lambdaArg('reduce', args[2], [2, 3]);
  return arr.items.reduce<Value>((acc, item, i) => fn.invoke([acc, item, known(i, call.loc)]), init);
};

/** sort(array, lambda(a, b) -> a comes before b). Insertion order kept for ties, like a stable sort. */
const sort: ArmFunction = (args, call) => {
  arity('sort', args, 2);
  const arr = arrayArg('sort', args[0], call);
  if (arr.kind !== 'list') return arr;
  const fn = lambdaArg('sort', args[1], [2]);
  let open: Value | undefined;
  const sorted = [...arr.items].sort((a, b) => {
    if (open) return 0;
    const before = fn.invoke([a, b]);
    const d = decided(before);
    if (d === undefined) {
      open = before;
      return 0;
    }
    if (d) return -1;
    const after = decided(fn.invoke([b, a]));
    return after ? 1 : 0;
  });
  return open ? unknownFrom([open], call.expr, call.loc) : list(sorted, call.loc);
};

const toObject: ArmFunction = (args, call) => {
  arity('toObject', args, 2, 3);
  const arr = arrayArg('toObject', args[0], call);
  if (arr.kind !== 'list') return arr;
  const keyFn = lambdaArg('toObject', args[1], [1]);
  const valueFn = args[2] === undefined ? undefined : lambdaArg('toObject', args[2], [1]);
  const fields: Record<string, Value> = Object.create(null);
  for (const item of arr.items) {
    const k = keyFn.invoke([item]);
    const key = keyOf(k);
    if (key === undefined) return unknownFrom([k], call.expr, call.loc);
    fields[key] = valueFn ? valueFn.invoke([item]) : item;
  }
  return obj(fields, call.loc);
};

const mapValues: ArmFunction = (args, call) => {
  arity('mapValues', args, 2);
  const o = args[0];
  if (!o || o.kind === 'lambda') throw new ArmEvalError('mapValues expects an object');
  if (o.kind === 'unknown' || o.kind === 'ref') return unknownFrom([o], call.expr, call.loc);
  if (o.kind !== 'object') throw new ArmEvalError(`mapValues expects an object, got ${typeName(o)}`);
  const fn = lambdaArg('mapValues', args[1], [1]);
  const fields: Record<string, Value> = Object.create(null);
  for (const [k, v] of Object.entries(o.fields)) fields[k] = fn.invoke([v]);
  return obj(fields, call.loc);
};

const groupBy: ArmFunction = (args, call) => {
  arity('groupBy', args, 2);
  const arr = arrayArg('groupBy', args[0], call);
  if (arr.kind !== 'list') return arr;
  const fn = lambdaArg('groupBy', args[1], [1]);
  const groups = new Map<string, Value[]>();
  for (const item of arr.items) {
    const k = fn.invoke([item]);
    const key = keyOf(k);
    if (key === undefined) return unknownFrom([k], call.expr, call.loc);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const fields: Record<string, Value> = Object.create(null);
  for (const [k, items] of groups) fields[k] = list(items, call.loc);
  return obj(fields, call.loc);
};

export const LAMBDA_FUNCTIONS: Record<string, ArmFunction> = {
  map,
  filter,
  reduce,
  sort,
  toobject: toObject,
  mapvalues: mapValues,
  groupby: groupBy,
};
