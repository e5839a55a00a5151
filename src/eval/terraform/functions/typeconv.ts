// Type conversion functions, and the sensitivity markers that do not change
// a value for our purposes.
import type { Value } from '../../../readers/value.js';
import { known, list } from '../../../readers/value.js';
import { isNull, toBool, toNum, toStr, typeName, unifyPrimitives } from '../convert.js';
import { TfEvalError } from '../errors.js';
import { isUnknownish, unknownFrom } from '../unknowns.js';
import { isIdentityRef } from './collection.js';
import type { FunctionTable, TfFunction } from './registry-types.js';
import { setElements } from './sets.js';

/** tostring/tonumber/tobool: null stays null; anything else converts or fails. */
function primitive(convert: (v: Value) => string | number | boolean): TfFunction {
  return {
    min: 1,
    max: 1,
    call: (args, ctx) => {
      const v = args[0]!;
      if (isNull(v)) return v;
      return known(convert(v), ctx.loc);
    },
  };
}

/** The argument itself, whatever it holds. */
const identity: TfFunction = { min: 1, max: 1, handlesUnknown: true, call: (args) => args[0]! };

function sequence(v: Value, what: string): Value[] {
  if (v.kind === 'list') return v.items;
  throw new TfEvalError(`cannot convert a ${typeName(v)} to ${what}`);
}

export const typeFunctions: FunctionTable = {
  tostring: primitive((v) => toStr(v, 'argument')),
  tonumber: primitive((v) => toNum(v, 'argument')),
  tobool: primitive((v) => toBool(v, 'argument')),
  tolist: {
    min: 1,
    max: 1,
    handlesUnknown: true,
    call: (args, ctx) => {
      const v = args[0]!;
      if (isUnknownish(v)) return unknownFrom([v], ctx.loc, ctx.text);
      if (isNull(v)) return v;
      const items = sequence(v, 'a list');
      const unified = unifyPrimitives(items, ctx.loc);
      return unified === items ? v : list(unified, ctx.loc);
    },
  },
  toset: {
    min: 1,
    max: 1,
    handlesUnknown: true,
    call: (args, ctx) => {
      const v = args[0]!;
      if (isUnknownish(v)) return unknownFrom([v], ctx.loc, ctx.text);
      if (isNull(v)) return v;
      const items = unifyPrimitives(sequence(v, 'a set'), ctx.loc);
      if (items.some((i) => isUnknownish(i) && !isIdentityRef(i))) {
        // Which unknown elements are duplicates is not known: neither is the set.
        return items.length <= 1 ? list(items, ctx.loc) : unknownFrom([v], ctx.loc, ctx.text);
      }
      return list(setElements(items, ctx), ctx.loc);
    },
  },
  tomap: {
    min: 1,
    max: 1,
    handlesUnknown: true,
    call: (args, ctx) => {
      const v = args[0]!;
      if (isUnknownish(v)) return unknownFrom([v], ctx.loc, ctx.text);
      if (isNull(v)) return v;
      if (v.kind !== 'object') throw new TfEvalError(`cannot convert a ${typeName(v)} to a map`);
      const keys = Object.keys(v.fields);
      const unified = unifyPrimitives(
        keys.map((k) => v.fields[k]!),
        ctx.loc,
      );
      const fields: Record<string, Value> = Object.create(null);
      keys.forEach((k, i) => (fields[k] = unified[i]!));
      return { kind: 'object', fields, loc: ctx.loc };
    },
  },
  sensitive: identity,
  nonsensitive: identity,
  ephemeralasnull: identity,
  issensitive: { min: 1, max: 1, handlesUnknown: true, call: (_, ctx) => known(false, ctx.loc) },
};
