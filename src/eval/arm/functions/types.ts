// The shape of a built-in function and the helpers most of them share:
// argument checks, and the "all arguments known" path that computes on
// plain JSON and wraps the result as a located value.
import type { ArmAst } from '../ast.js';
import type { SourceLoc, Value } from '../../../readers/value.js';
import { fromPlain, unknown } from '../../../readers/value.js';
import type { ArmScope } from '../scope.js';
import { unknownIn } from '../unknowns.js';
import { ArmEvalError, isLambda, plainOf, type ArmLambda, type ArmValue } from '../values.js';

export interface CallInfo {
  scope: ArmScope;
  loc: SourceLoc;
  /** The call as an unknown result shows it: `[toLower(parameters('name'))]`. */
  expr: string;
  node: ArmAst & { kind: 'call' };
}

export type ArmFunction = (args: ArmValue[], call: CallInfo) => ArmValue;

export function arity(name: string, args: ArmValue[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw new ArmEvalError(`${name} takes ${want} argument(s), got ${args.length}`);
  }
}

export function values(name: string, args: ArmValue[]): Value[] {
  for (const a of args) if (isLambda(a)) throw new ArmEvalError(`${name} does not take a lambda`);
  return args as Value[];
}

export function lambdaArg(name: string, v: ArmValue | undefined, params: number[]): ArmLambda {
  if (!v || !isLambda(v)) throw new ArmEvalError(`${name} expects a lambda`);
  if (!params.includes(v.params.length)) throw new ArmEvalError(`${name}: the lambda must take ${params.join(' or ')} parameter(s)`);
  return v;
}

/**
 * A function that needs every argument fully known: computes on plain JSON,
 * or returns an unknown that depends on every unknown part of the arguments.
 */
export function strict(name: string, min: number, max: number, impl: (args: unknown[], call: CallInfo) => unknown): ArmFunction {
  return (args, call) => {
    arity(name, args, min, max);
    const vs = values(name, args);
    const u = unknownIn(vs, call.expr, call.loc);
    if (u) return u;
    return fromPlain(impl(vs.map(plainOf), call), call.loc);
  };
}

export function asString(name: string, x: unknown): string {
  if (typeof x !== 'string') throw new ArmEvalError(`${name} expects a string, got ${x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x}`);
  return x;
}

export function asInt(name: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new ArmEvalError(`${name} expects an integer`);
  return Math.trunc(x);
}

/** Longest string a function may build: ARM's own limits are far lower, this only stops runaway input. */
export const MAX_STRING = 1024 * 1024;

export function checkedString(s: string): string {
  if (s.length > MAX_STRING) throw new ArmEvalError('string too long');
  return s;
}

/** A value that exists only once Azure runs the deployment: an unknown naming the call. */
export function deployTimeValue(detail: string): ArmFunction {
  return (_args, call) => unknown({ inputs: [call.expr.slice(1, -1)], detail }, call.loc, call.expr);
}
