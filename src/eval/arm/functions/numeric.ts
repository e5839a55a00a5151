// Integer arithmetic as ARM does it: division and modulo truncate.
import { ArmEvalError } from '../values.js';
import { asInt, strict, type ArmFunction } from './types.js';

function binary(name: string, op: (a: number, b: number) => number): ArmFunction {
  return strict(name, 2, 2, ([a, b]) => {
    const x = asInt(name, a);
    const y = asInt(name, b);
    if ((name === 'div' || name === 'mod') && y === 0) throw new ArmEvalError(`${name} by zero`);
    return op(x, y);
  });
}

function extreme(name: 'min' | 'max'): ArmFunction {
  return strict(name, 1, Infinity, (args) => {
    const nums = (args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args).map((x) => asInt(name, x));
    if (nums.length === 0) throw new ArmEvalError(`${name} of an empty array`);
    return nums.reduce((m, n) => (name === 'min' ? Math.min(m, n) : Math.max(m, n)));
  });
}

export const NUMERIC_FUNCTIONS: Record<string, ArmFunction> = {
  add: binary('add', (a, b) => a + b),
  sub: binary('sub', (a, b) => a - b),
  mul: binary('mul', (a, b) => a * b),
  div: binary('div', (a, b) => Math.trunc(a / b)),
  mod: binary('mod', (a, b) => a % b),
  min: extreme('min'),
  max: extreme('max'),
};
