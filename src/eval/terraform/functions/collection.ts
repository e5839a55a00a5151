// Functions on lists and maps. Most look at the structure only, so a list
// whose elements are unknown still has a known length, concat keeps the
// known elements known, and merge keeps the known keys.
import type { RefValue, Value } from '../../../readers/value.js';
import { known, list, ref } from '../../../readers/value.js';
import { canonicalKey, isNull, sortedKeys, toBool, toStr, typeName, valuesEqual } from '../convert.js';
import { TfEvalError } from '../errors.js';
import { checkCollectionSize } from '../limits.js';
import { isUnknownish, unknownFrom } from '../unknowns.js';
import { argElements, argInt, argList, argNum, argObject, argStr, argStrings } from './args.js';
import type { CallContext, FunctionTable } from './registry-types.js';

/** Grapheme clusters: Terraform counts what a reader sees as one character. */
export function graphemes(s: string): string[] {
  if (/^[\x00-\x7f]*$/.test(s)) return s.split('');
  return Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s), (g) => g.segment);
}

/**
 * A reference to a resource's `id` or `arn` is never null nor empty once the
 * resource exists, and differs between resources: compact, coalesce and
 * toset can treat it as a present, distinct value.
 */
export function isIdentityRef(v: Value): v is RefValue {
  return v.kind === 'ref' && (v.attribute === 'id' || v.attribute === 'arn');
}

/** The first argument that is wholly unknown, as an unknown result; undefined when all are known at the top. */
function unknownArgs(args: Value[], ctx: CallContext): Value | undefined {
  const u = args.filter(isUnknownish);
  return u.length > 0 ? unknownFrom(u, ctx.loc, ctx.text) : undefined;
}

function lengthOf(v: Value): number {
  if (v.kind === 'list') return v.items.length;
  if (v.kind === 'object') return Object.keys(v.fields).length;
  if (v.kind === 'known' && typeof v.value === 'string') return graphemes(v.value).length;
  throw new TfEvalError(`argument must be a string, list or map, got ${typeName(v)}`);
}

function flattenInto(items: Value[], out: Value[], ctx: CallContext, depth: number): boolean {
  if (depth > 100) throw new TfEvalError('lists nested too deeply to flatten');
  for (const item of items) {
    ctx.budget.spend();
    if (item.kind === 'list') {
      if (!flattenInto(item.items, out, ctx, depth + 1)) return false;
    } else if (item.kind === 'unknown') {
      // It could be a list, which would be flattened: the result's shape is not known.
      return false;
    } else {
      out.push(item);
    }
  }
  checkCollectionSize(out.length, 'flatten result');
  return true;
}

/** Set semantics: first occurrence kept. Elements with unknown parts are kept as they are. */
export function distinctValues(items: Value[], ctx: CallContext): Value[] {
  const out: Value[] = [];
  const seen = new Set<string>();
  for (const v of items) {
    ctx.budget.spend();
    const key = canonicalKey(v);
    if (key === undefined) {
      out.push(v);
    } else if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  return out;
}

export const collectionFunctions: FunctionTable = {
  length: {
    min: 1,
    max: 1,
    handlesUnknown: true,
    call: (args, ctx) => {
      const v = args[0]!;
      if (isUnknownish(v)) return unknownFrom([v], ctx.loc, ctx.text);
      return known(lengthOf(v), ctx.loc);
    },
  },
  concat: {
    min: 0,
    max: Infinity,
    handlesUnknown: true,
    call: (args, ctx) => {
      const u = unknownArgs(args, ctx);
      if (u) return u;
      const items = args.flatMap((_, i) => argList(args, i));
      checkCollectionSize(items.length, 'concat result');
      return list(items, ctx.loc);
    },
  },
  merge: {
    min: 0,
    max: Infinity,
    handlesUnknown: true,
    call: (args, ctx) => {
      const u = unknownArgs(args, ctx);
      if (u) return u;
      const fields: Record<string, Value> = Object.create(null);
      args.forEach((a, i) => {
        if (isNull(a)) return;
        const f = argObject(args, i);
        for (const k of Object.keys(f)) fields[k] = f[k]!;
      });
      return { kind: 'object', fields, loc: ctx.loc };
    },
  },
  lookup: {
    min: 2,
    max: 3,
    handlesUnknown: true,
    call: (args, ctx) => {
      const [map, key] = args as [Value, Value];
      const u = unknownArgs([map, key], ctx);
      if (u) return u;
      const fields = argObject(args, 0);
      const k = argStr(args, 1);
      if (Object.prototype.hasOwnProperty.call(fields, k)) return fields[k]!;
      if (map.kind === 'object' && map.refTarget !== undefined) return ref(map.refTarget, k, ctx.loc);
      if (args.length === 3) return args[2]!;
      throw new TfEvalError(`the map has no element with the key ${JSON.stringify(k)} and no default was given`);
    },
  },
  element: {
    min: 2,
    max: 2,
    handlesUnknown: true,
    call: (args, ctx) => {
      const u = unknownArgs(args, ctx);
      if (u) return u;
      const items = argList(args, 0);
      const i = argInt(args, 1);
      if (items.length === 0) throw new TfEvalError('cannot use element on an empty list');
      if (i < 0) throw new TfEvalError('cannot use element with a negative index');
      return items[i % items.length]!;
    },
  },
  index: {
    min: 2,
    max: 2,
    handlesUnknown: true,
    call: (args, ctx) => {
      const u = unknownArgs(args, ctx);
      if (u) return u;
      const items = argList(args, 0);
      let undecided = false;
      for (let i = 0; i < items.length; i++) {
        const eq = valuesEqual(items[i]!, args[1]!);
        if (eq === true && !undecided) return known(i, ctx.loc);
        if (eq === undefined) undecided = true;
      }
      if (undecided) return unknownFrom(args, ctx.loc, ctx.text);
      throw new TfEvalError('item not found in the list');
    },
  },
  contains: {
    min: 2,
    max: 2,
    handlesUnknown: true,
    call: (args, ctx) => {
      const coll = args[0]!;
      if (isUnknownish(coll)) return unknownFrom([coll], ctx.loc, ctx.text);
      const items = argElements(args, 0);
      let undecided = false;
      for (const item of items) {
        const eq = valuesEqual(item, args[1]!);
        if (eq === true) return known(true, ctx.loc);
        if (eq === undefined) undecided = true;
      }
      return undecided ? unknownFrom(args, ctx.loc, ctx.text) : known(false, ctx.loc);
    },
  },
  keys: {
    min: 1,
    max: 1,
    handlesUnknown: true,
    call: (args, ctx) => {
      const u = unknownArgs(args, ctx);
      if (u) return u;
      const fields = argObject(args, 0);
      return list(
        sortedKeys(fields).map((k) => known(k, ctx.loc)),
        ctx.loc,
      );
    },
  },
  values: {
    min: 1,
    max: 1,
    handlesUnknown: true,
    call: (args, ctx) => {
      const u = unknownArgs(args, ctx);
      if (u) return u;
      const fields = argObject(args, 0);
      return list(
        sortedKeys(fields).map((k) => fields[k]!),
        ctx.loc,
      );
    },
  },
  distinct: {
    min: 1,
    max: 1,
    call: (args, ctx) => list(distinctValues(argList(args, 0), ctx), ctx.loc),
  },
  flatten: {
    min: 1,
    max: 1,
    handlesUnknown: true,
    call: (args, ctx) => {
      const u = unknownArgs(args, ctx);
      if (u) return u;
      const out: Value[] = [];
      if (!flattenInto(argList(args, 0), out, ctx, 0)) return unknownFrom(args, ctx.loc, ctx.text);
      return list(out, ctx.loc);
    },
  },
  compact: {
    min: 1,
    max: 1,
    handlesUnknown: true,
    call: (args, ctx) => {
      const u = unknownArgs(args, ctx);
      if (u) return u;
      const items = argList(args, 0);
      const out: Value[] = [];
      for (const [i, v] of items.entries()) {
        if (isIdentityRef(v)) out.push(v);
        else if (isUnknownish(v)) return unknownFrom(args, ctx.loc, ctx.text);
        else if (!isNull(v) && toStr(v, `element ${i}`) !== '') out.push(v);
      }
      return list(out, ctx.loc);
    },
  },
  slice: {
    min: 3,
    max: 3,
    handlesUnknown: true,
    call: (args, ctx) => {
      const u = unknownArgs(args, ctx);
      if (u) return u;
      const items = argList(args, 0);
      const start = argInt(args, 1);
      const end = argInt(args, 2);
      if (start < 0 || end > items.length || start > end) {
        throw new TfEvalError(`cannot slice [${start}:${end}] of a list of ${items.length} elements`);
      }
      return list(items.slice(start, end), ctx.loc);
    },
  },
  reverse: {
    min: 1,
    max: 1,
    handlesUnknown: true,
    call: (args, ctx) => unknownArgs(args, ctx) ?? list([...argList(args, 0)].reverse(), ctx.loc),
  },
  sort: {
    min: 1,
    max: 1,
    call: (args, ctx) => {
      const items = argList(args, 0);
      const keyed = items.map((v, i) => ({ v, s: toStr(v, `element ${i}`) }));
      keyed.sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
      return list(
        keyed.map((k) => (k.v.kind === 'known' && typeof k.v.value === 'string' ? k.v : known(k.s, k.v.loc ?? ctx.loc))),
        ctx.loc,
      );
    },
  },
  range: {
    min: 1,
    max: 3,
    call: (args, ctx) => {
      const nums = args.map((_, i) => argNum(args, i));
      const [start, end, step] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? (nums[1]! >= nums[0]! ? 1 : -1)];
      if (step === 0) throw new TfEvalError('step must not be zero');
      if ((step > 0 && start > end) || (step < 0 && start < end)) {
        throw new TfEvalError(`step ${step} cannot go from ${start} to ${end}`);
      }
      const count = Math.max(0, Math.ceil((end - start) / step));
      checkCollectionSize(count, 'range');
      const out: Value[] = [];
      for (let i = 0; i < count; i++) out.push(known(start + i * step, ctx.loc));
      return list(out, ctx.loc);
    },
  },
  zipmap: {
    min: 2,
    max: 2,
    handlesUnknown: true,
    call: (args, ctx) => {
      const u = unknownArgs(args, ctx);
      if (u) return u;
      const keyValues = argList(args, 0);
      const values = argList(args, 1);
      if (keyValues.some(isUnknownish)) return unknownFrom(keyValues, ctx.loc, ctx.text);
      const keys = argStrings(args, 0);
      if (keys.length !== values.length) throw new TfEvalError(`${keys.length} keys but ${values.length} values`);
      const fields: Record<string, Value> = Object.create(null);
      keys.forEach((k, i) => (fields[k] = values[i]!));
      return { kind: 'object', fields, loc: ctx.loc };
    },
  },
  chunklist: {
    min: 2,
    max: 2,
    handlesUnknown: true,
    call: (args, ctx) => {
      const u = unknownArgs(args, ctx);
      if (u) return u;
      const items = argList(args, 0);
      const size = argInt(args, 1);
      if (size < 0) throw new TfEvalError('the chunk size must not be negative');
      if (size === 0) return list([list(items, ctx.loc)], ctx.loc);
      const out: Value[] = [];
      for (let i = 0; i < items.length; i += size) out.push(list(items.slice(i, i + size), ctx.loc));
      return list(out, ctx.loc);
    },
  },
  one: {
    min: 1,
    max: 1,
    handlesUnknown: true,
    call: (args, ctx) => {
      const u = unknownArgs(args, ctx);
      if (u) return u;
      const items = argList(args, 0);
      if (items.length === 0) return known(null, ctx.loc);
      if (items.length === 1) return items[0]!;
      throw new TfEvalError(`the list must have no more than one element, it has ${items.length}`);
    },
  },
  coalesce: {
    min: 1,
    max: Infinity,
    handlesUnknown: true,
    call: (args, ctx) => {
      for (const [i, v] of args.entries()) {
        if (isIdentityRef(v)) return v;
        // An unknown may turn out null or empty: the choice cannot be made before it is known.
        if (isUnknownish(v)) return unknownFrom([v], ctx.loc, ctx.text);
        if (isNull(v)) continue;
        if (v.kind === 'known' && toStr(v, `argument ${i + 1}`) === '') continue;
        return v;
      }
      throw new TfEvalError('no non-null, non-empty argument');
    },
  },
  coalescelist: {
    min: 1,
    max: Infinity,
    handlesUnknown: true,
    call: (args, ctx) => {
      for (const [i, v] of args.entries()) {
        if (isUnknownish(v)) return unknownFrom([v], ctx.loc, ctx.text);
        if (argList(args, i).length > 0) return v;
      }
      throw new TfEvalError('no non-empty list argument');
    },
  },
  alltrue: {
    min: 1,
    max: 1,
    handlesUnknown: true,
    call: (args, ctx) => truthFold(args, ctx, false),
  },
  anytrue: {
    min: 1,
    max: 1,
    handlesUnknown: true,
    call: (args, ctx) => truthFold(args, ctx, true),
  },
  transpose: {
    min: 1,
    max: 1,
    call: (args, ctx) => {
      const fields = argObject(args, 0);
      const out = new Map<string, Value[]>();
      for (const k of sortedKeys(fields)) {
        const v = fields[k]!;
        if (v.kind !== 'list') throw new TfEvalError(`the value of ${JSON.stringify(k)} must be a list of strings`);
        for (const [i, item] of v.items.entries()) {
          const name = toStr(item, `element ${i} of ${JSON.stringify(k)}`);
          const g = out.get(name);
          if (g) g.push(known(k, ctx.loc));
          else out.set(name, [known(k, ctx.loc)]);
        }
      }
      const result: Record<string, Value> = Object.create(null);
      for (const [k, v] of out) result[k] = list(v, ctx.loc);
      return { kind: 'object', fields: result, loc: ctx.loc };
    },
  },
  // list() and map() were removed in Terraform 0.15; configurations written
  // for older versions still use them, and their meaning is unambiguous.
  list: {
    min: 0,
    max: Infinity,
    handlesUnknown: true,
    call: (args, ctx) => list(args, ctx.loc),
  },
  map: {
    min: 0,
    max: Infinity,
    handlesUnknown: true,
    call: (args, ctx) => {
      if (args.length % 2 !== 0) throw new TfEvalError('expects an even number of arguments: key, value, key, value…');
      const keys = args.filter((_, i) => i % 2 === 0);
      const u = keys.filter(isUnknownish);
      if (u.length > 0) return unknownFrom(u, ctx.loc, ctx.text);
      const fields: Record<string, Value> = Object.create(null);
      for (let i = 0; i < args.length; i += 2) fields[argStr(args, i)] = args[i + 1]!;
      return { kind: 'object', fields, loc: ctx.loc };
    },
  },
  matchkeys: {
    min: 3,
    max: 3,
    call: (args, ctx) => {
      const values = argList(args, 0);
      const keys = argList(args, 1);
      const search = argList(args, 2);
      if (values.length !== keys.length) throw new TfEvalError('the values and keys lists must have the same length');
      const wanted = new Set(search.map((s) => canonicalKey(s)));
      return list(
        values.filter((_, i) => wanted.has(canonicalKey(keys[i]!))),
        ctx.loc,
      );
    },
  },
};

/** alltrue (decisive = false) and anytrue (decisive = true): one known decisive element settles it. */
function truthFold(args: Value[], ctx: CallContext, decisive: boolean): Value {
  const coll = args[0]!;
  if (isUnknownish(coll)) return unknownFrom([coll], ctx.loc, ctx.text);
  const items = argElements(args, 0);
  const undecided: Value[] = [];
  for (const [i, v] of items.entries()) {
    if (isUnknownish(v)) undecided.push(v);
    else if (toBool(v, `element ${i}`) === decisive) return known(decisive, ctx.loc);
  }
  return undecided.length > 0 ? unknownFrom(undecided, ctx.loc, ctx.text) : known(!decisive, ctx.loc);
}
