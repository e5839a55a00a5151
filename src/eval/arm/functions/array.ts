// Functions that build arrays: createArray, array, range, flatten, join.
import type { Value } from '../../../readers/value.js';
import { known, list } from '../../../readers/value.js';
import { spend } from '../scope.js';
import { displayText, unknownFrom, unknownIn } from '../unknowns.js';
import { ArmEvalError, typeName } from '../values.js';
import { arity, asInt, strict, values, type ArmFunction } from './types.js';

/** ARM's own limit on range() counts; also keeps a template from building huge arrays. */
export const MAX_RANGE = 10000;

const createArray: ArmFunction = (args, call) => list(values('createArray', args), call.loc);

const array: ArmFunction = (args, call) => {
  arity('array', args, 1);
  const [v] = values('array', args);
  if (v!.kind === 'unknown' || v!.kind === 'ref') return unknownFrom([v!], call.expr, call.loc);
  return v!.kind === 'list' ? v! : list([v!], call.loc);
};

const range = strict('range', 2, 2, ([start, count]) => {
  const s = asInt('range', start);
  const n = asInt('range', count);
  if (n < 0 || n > MAX_RANGE) throw new ArmEvalError(`range count must be between 0 and ${MAX_RANGE}`);
  return Array.from({ length: n }, (_, i) => s + i);
});

const flatten: ArmFunction = (args, call) => {
  arity('flatten', args, 1);
  const [v] = values('flatten', args);
  if (v!.kind !== 'list') {
    if (v!.kind === 'unknown' || v!.kind === 'ref') return unknownFrom([v!], call.expr, call.loc);
    throw new ArmEvalError(`flatten expects an array, got ${typeName(v!)}`);
  }
  const out: Value[] = [];
  for (const item of v!.items) {
    if (item.kind === 'list') {
      spend(call.scope.budget, item.items.length);
      for (const i of item.items) out.push(i);
    }
    else if (item.kind === 'unknown' || item.kind === 'ref') return unknownFrom([item], call.expr, call.loc);
    else throw new ArmEvalError('flatten expects an array of arrays');
  }
  return list(out, call.loc);
};

const join: ArmFunction = (args, call) => {
  arity('join', args, 2);
  const [arr, delim] = values('join', args);
  if (arr!.kind !== 'list' || delim!.kind !== 'known') return unknownFrom([arr!, delim!], call.expr, call.loc);
  if (typeof delim!.value !== 'string') throw new ArmEvalError('join expects a string delimiter');
  const text = arr!.items.map(displayText).join(delim!.value);
  return unknownIn(arr!.items, text, call.loc) ?? known(text, call.loc);
};

export const ARRAY_FUNCTIONS: Record<string, ArmFunction> = {
  createarray: createArray,
  array,
  range,
  flatten,
  join,
};
