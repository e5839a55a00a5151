// Numeric functions.
import type { Value } from '../../../readers/value.js';
import { known } from '../../../readers/value.js';
import { toNum } from '../convert.js';
import { TfEvalError } from '../errors.js';
import { argElements, argInt, argNum, argStr } from './args.js';
import type { CallContext, FunctionTable, TfFunction } from './registry-types.js';

function num(n: number, ctx: CallContext): Value {
  if (!Number.isFinite(n)) throw new TfEvalError('the result is not a finite number');
  return known(n, ctx.loc);
}

function unary(f: (n: number) => number): TfFunction {
  return { min: 1, max: 1, call: (args, ctx) => num(f(argNum(args, 0)), ctx) };
}

function extreme(pick: (a: number, b: number) => number): TfFunction {
  return {
    min: 1,
    max: Infinity,
    call: (args, ctx) => num(args.map((_, i) => argNum(args, i)).reduce((a, b) => pick(a, b)), ctx),
  };
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

function parseInteger(s: string, base: number): number {
  if (!Number.isInteger(base) || base < 2 || base > 62) throw new TfEvalError(`base ${base} is not between 2 and 62`);
  const m = /^([+-]?)(.+)$/.exec(s);
  if (!m) throw new TfEvalError(`cannot parse ${JSON.stringify(s)} as a base ${base} integer`);
  let n = 0n;
  for (const c of m[2]!) {
    // Up to base 36 letters are case-insensitive, as in Go's big.Int.SetString.
    const d = base <= 36 ? DIGITS.indexOf(c.toLowerCase()) : DIGITS.indexOf(c);
    if (d < 0 || d >= base) throw new TfEvalError(`cannot parse ${JSON.stringify(s)} as a base ${base} integer`);
    n = n * BigInt(base) + BigInt(d);
  }
  return Number(m[1] === '-' ? -n : n);
}

export const numericFunctions: FunctionTable = {
  abs: unary(Math.abs),
  ceil: unary(Math.ceil),
  floor: unary(Math.floor),
  signum: unary((n) => (n > 0 ? 1 : n < 0 ? -1 : 0)),
  min: extreme(Math.min),
  max: extreme(Math.max),
  pow: { min: 2, max: 2, call: (args, ctx) => num(Math.pow(argNum(args, 0), argNum(args, 1)), ctx) },
  log: { min: 2, max: 2, call: (args, ctx) => num(Math.log(argNum(args, 0)) / Math.log(argNum(args, 1)), ctx) },
  parseint: { min: 2, max: 2, call: (args, ctx) => num(parseInteger(argStr(args, 0), argInt(args, 1)), ctx) },
  sum: {
    min: 1,
    max: 1,
    call: (args, ctx) => {
      const items = argElements(args, 0);
      if (items.length === 0) throw new TfEvalError('cannot sum an empty list');
      return num(
        items.reduce((acc, v, i) => acc + toNum(v, `element ${i}`), 0),
        ctx,
      );
    },
  },
};
