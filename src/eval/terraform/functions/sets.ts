// Sets are lists without duplicates. Sets of strings or numbers iterate in
// sorted order, as Terraform's do.
import type { Value } from '../../../readers/value.js';
import { list } from '../../../readers/value.js';
import { canonicalKey } from '../convert.js';
import { checkCollectionSize } from '../limits.js';
import { argList } from './args.js';
import { distinctValues, isIdentityRef } from './collection.js';
import type { CallContext, FunctionTable } from './registry-types.js';

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The elements of a set built from `items`, which hold no unknown other than
 * references to resource ids (those are distinct per resource).
 */
export function setElements(items: Value[], ctx: CallContext): Value[] {
  const refs = items.filter(isIdentityRef);
  const others = distinctValues(
    items.filter((i) => !isIdentityRef(i)),
    ctx,
  );
  const distinctRefs = refs.filter((r, i) => refs.findIndex((o) => o.target === r.target && o.attribute === r.attribute) === i);
  const strings = others.every((v) => v.kind === 'known' && typeof v.value === 'string');
  const numbers = others.every((v) => v.kind === 'known' && typeof v.value === 'number');
  const primitive = (v: Value): string | number => (v as { value: string | number }).value;
  if (strings) others.sort((a, b) => compare(primitive(a) as string, primitive(b) as string));
  else if (numbers) others.sort((a, b) => (primitive(a) as number) - (primitive(b) as number));
  return [...others, ...distinctRefs];
}

/** Membership test for fully known elements, by canonical key. */
function memberTest(items: Value[]): (v: Value) => boolean {
  const keys = new Set(items.map((i) => canonicalKey(i)));
  return (v) => keys.has(canonicalKey(v));
}

export const setFunctions: FunctionTable = {
  setunion: {
    min: 1,
    max: Infinity,
    call: (args, ctx) => list((setElements(args.flatMap((_, i) => argList(args, i)), ctx)), ctx.loc),
  },
  setintersection: {
    min: 1,
    max: Infinity,
    call: (args, ctx) => {
      const rest = args.slice(1).map((_, i) => memberTest(argList(args, i + 1)));
      const first = argList(args, 0).filter((v) => rest.every((inSet) => inSet(v)));
      return list((setElements(first, ctx)), ctx.loc);
    },
  },
  setsubtract: {
    min: 2,
    max: 2,
    call: (args, ctx) => {
      const removed = memberTest(argList(args, 1));
      return list((setElements(argList(args, 0).filter((v) => !removed(v)), ctx)), ctx.loc);
    },
  },
  setproduct: {
    min: 1,
    max: Infinity,
    call: (args, ctx) => {
      const lists = args.map((_, i) => argList(args, i));
      const total = lists.reduce((n, l) => n * l.length, 1);
      checkCollectionSize(total, 'setproduct result');
      let rows: Value[][] = [[]];
      for (const l of lists) {
        rows = rows.flatMap((row) => l.map((v) => [...row, v]));
        ctx.budget.spend(rows.length);
      }
      return list(
        rows.map((r) => list(r, ctx.loc)),
        ctx.loc,
      );
    },
  },
};
