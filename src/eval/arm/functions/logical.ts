// Logical and comparison functions. and/or are decided by any known false/true
// argument even when others are unknown.
import type { Value } from '../../../readers/value.js';
import { known } from '../../../readers/value.js';
import { unknownFrom } from '../unknowns.js';
import { ArmEvalError, deepEqual, typeName } from '../values.js';
import { arity, strict, values, type ArmFunction } from './types.js';

function boolOf(name: string, v: Value): boolean | undefined {
  if (v.kind === 'unknown' || v.kind === 'ref') return undefined;
  if (v.kind === 'known' && typeof v.value === 'boolean') return v.value;
  throw new ArmEvalError(`${name} expects bools, got ${typeName(v)}`);
}

function junction(name: 'and' | 'or'): ArmFunction {
  const decisive = name === 'or';
  return (args, call) => {
    arity(name, args, 1, Infinity);
    const vs = values(name, args);
    const open: Value[] = [];
    for (const v of vs) {
      const b = boolOf(name, v);
      if (b === decisive) return known(decisive, call.loc);
      if (b === undefined) open.push(v);
    }
    return open.length ? unknownFrom(open, call.expr, call.loc) : known(!decisive, call.loc);
  };
}

const equals: ArmFunction = (args, call) => {
  arity('equals', args, 2);
  const [a, b] = values('equals', args);
  const eq = deepEqual(a!, b!);
  return eq === undefined ? unknownFrom([a!, b!], call.expr, call.loc) : known(eq, call.loc);
};

const not: ArmFunction = (args, call) => {
  arity('not', args, 1);
  const [v] = values('not', args);
  const b = boolOf('not', v!);
  return b === undefined ? unknownFrom([v!], call.expr, call.loc) : known(!b, call.loc);
};

function compare(name: string, test: (c: number) => boolean): ArmFunction {
  return strict(name, 2, 2, ([a, b]) => {
    if (typeof a === 'number' && typeof b === 'number') return test(a - b);
    if (typeof a === 'string' && typeof b === 'string') return test(a < b ? -1 : a > b ? 1 : 0);
    throw new ArmEvalError(`${name} compares two integers or two strings`);
  });
}

export const LOGICAL_FUNCTIONS: Record<string, ArmFunction> = {
  and: junction('and'),
  or: junction('or'),
  not,
  equals,
  true: (args, call) => {
    arity('true', args, 0);
    return known(true, call.loc);
  },
  false: (args, call) => {
    arity('false', args, 0);
    return known(false, call.loc);
  },
  greater: compare('greater', (c) => c > 0),
  greaterorequals: compare('greaterOrEquals', (c) => c >= 0),
  less: compare('less', (c) => c < 0),
  lessorequals: compare('lessOrEquals', (c) => c <= 0),
};
