// Evaluates ARM expression trees to located values. Unknown inputs flow
// through as unknown values that name their cause; errors ARM would raise
// become unknowns too (the evaluator never throws, except when the budget is
// spent: the reader reports that as a read error).
import type { SourceLoc, Value } from '../../readers/value.js';
import { known, unknown } from '../../readers/value.js';
import { printAst, type ArmAst } from './ast.js';
import { BUILTIN_FUNCTIONS } from './functions/index.js';
import type { CallInfo } from './functions/types.js';
import { parseArmExpression } from './parser.js';
import type { ArmScope } from './scope.js';
import { spend } from './scope.js';
import { deepEqual, ArmEvalError, isLambda, isNull, lookupField, typeName, type ArmLambda, type ArmValue } from './values.js';
import { evaluationError, unknownFrom } from './unknowns.js';

/** Evaluation steps one file may take (each expression node is one step). */
export const DEFAULT_EVAL_BUDGET = 1_000_000;

interface LambdaFrame {
  names: Map<string, Value>;
  parent: LambdaFrame | undefined;
}

interface Ctx {
  scope: ArmScope;
  frame: LambdaFrame | undefined;
}

type ExpressionResult = { ok: true; value: Value } | { ok: false; message: string; pos: number; value: Value };

/** Parse and evaluate the text between `[` and `]`. A syntax error yields an unknown and the error. */
export function evaluateExpressionText(text: string, scope: ArmScope): ExpressionResult {
  const parsed = parseArmExpression(text);
  if (!parsed.ok) {
    const value = unknown({ inputs: [], detail: `invalid expression: ${parsed.message}` }, scope.loc, `[${text}]`);
    return { ok: false, message: parsed.message, pos: parsed.pos, value };
  }
  return { ok: true, value: evaluateAst(parsed.ast, scope) };
}

export function evaluateAst(ast: ArmAst, scope: ArmScope): Value {
  const v = evalNode(ast, { scope, frame: undefined });
  if (isLambda(v)) return evaluationError('a lambda is only allowed as a function argument', exprOf(ast), scope.loc);
  return v;
}

/** The written form of each node, printed once: messages need it, and every call and property access carries it. */
const printed = new WeakMap<ArmAst, string>();

function exprOf(ast: ArmAst): string {
  let text = printed.get(ast);
  if (text === undefined) {
    text = `[${printAst(ast)}]`;
    printed.set(ast, text);
  }
  return text;
}

function evalNode(ast: ArmAst, ctx: Ctx): ArmValue {
  spend(ctx.scope.budget, 1);
  const loc = ctx.scope.loc;
  switch (ast.kind) {
    case 'string':
    case 'number':
      return known(ast.value, loc);
    case 'property':
      return access(evalNode(ast.target, ctx), known(ast.name, loc), ast, loc);
    case 'index':
      return access(evalNode(ast.target, ctx), evalValue(ast.index, ctx), ast, loc);
    case 'call':
      try {
        return call(ast, ctx);
      } catch (e) {
        if (e instanceof ArmEvalError) return evaluationError(e.message, exprOf(ast), loc);
        throw e;
      }
  }
}

function evalValue(ast: ArmAst, ctx: Ctx): Value {
  const v = evalNode(ast, ctx);
  if (isLambda(v)) throw new ArmEvalError('a lambda is only allowed as a function argument');
  return v;
}

/** `x.name` and `x[index]`. */
function access(target: ArmValue, key: Value, node: ArmAst, loc: SourceLoc): Value {
  const expr = exprOf(node);
  if (isLambda(target)) return evaluationError('a lambda has no properties', expr, loc);
  if (target.kind === 'unknown' || target.kind === 'ref' || key.kind === 'unknown' || key.kind === 'ref') {
    return unknownFrom([target, key], expr, loc);
  }
  if (key.kind !== 'known') return evaluationError('an index must be a string or an integer', expr, loc);
  if (target.kind === 'object' && typeof key.value === 'string') {
    const v = lookupField(target, key.value);
    if (v !== undefined) return v;
    // Objects that stand for deployed resources have more properties than the template sets.
    if (target.refTarget !== undefined)
      return unknown({ inputs: [target.refTarget], detail: 'known only after deployment' }, loc, expr);
    return evaluationError(`the object has no property '${key.value}'`, expr, loc);
  }
  if (target.kind === 'list' && typeof key.value === 'number') {
    const v = target.items[key.value];
    if (v !== undefined) return v;
    return evaluationError(`index ${key.value} is out of range (length ${target.items.length})`, expr, loc);
  }
  return evaluationError(`cannot index ${typeName(target)} with ${typeName(key)}`, expr, loc);
}

function call(node: ArmAst & { kind: 'call' }, ctx: Ctx): ArmValue {
  const { scope } = ctx;
  const loc = scope.loc;
  const expr = exprOf(node);
  const name = node.name.toLowerCase();
  switch (name) {
    case 'if':
      return evalIf(node, ctx);
    case 'coalesce':
      return evalCoalesce(node, ctx);
    case 'lambda':
      return makeLambda(node, ctx);
    case 'lambdavariables': {
      if (node.args.length !== 1) throw new ArmEvalError('lambdaVariables takes 1 argument');
      const n = evalValue(node.args[0]!, ctx);
      if (n.kind !== 'known' || typeof n.value !== 'string') throw new ArmEvalError('lambdaVariables expects a name');
      for (let f = ctx.frame; f; f = f.parent) if (f.names.has(n.value)) return f.names.get(n.value)!;
      throw new ArmEvalError(`lambda variable '${n.value}' is not defined`);
    }
  }
  const args = node.args.map((a) => evalNode(a, ctx));
  if (node.name.includes('.')) {
    const r = scope.callUserFunction(node.name, args.map((a) => (isLambda(a) ? evaluationError('lambda argument', expr, loc) : a)));
    if (r === undefined) throw new ArmEvalError(`function '${node.name}' is not defined`);
    // The function body's own expressions mean nothing where the call is written: show the call.
    return r.kind === 'unknown' ? { ...r, expr } : r;
  }
  const fn = BUILTIN_FUNCTIONS.get(name);
  const info: CallInfo = { scope, loc, expr, node };
  if (fn) return charged(fn(args, info), scope);
  if (name.startsWith('list')) {
    return unknown({ inputs: [printAst(node)], detail: 'secrets and keys are known only after deployment' }, loc, expr);
  }
  return unknown({ inputs: [], detail: `kikan does not evaluate the function '${node.name}'` }, loc, expr);
}

/**
 * Functions can build values much larger than their expression (range,
 * concat of an array with itself): what they build counts against the budget
 * too, so memory stays bounded.
 */
function charged(v: ArmValue, scope: ArmScope): ArmValue {
  const size = v.kind === 'list' ? v.items.length : v.kind === 'object' ? Object.keys(v.fields).length : v.kind === 'known' && typeof v.value === 'string' ? v.value.length >> 6 : 0;
  spend(scope.budget, size);
  return v;
}

/** `if()` evaluates only the branch its condition selects; an unknown condition is precise when both branches agree. */
function evalIf(node: ArmAst & { kind: 'call' }, ctx: Ctx): Value {
  if (node.args.length !== 3) throw new ArmEvalError('if takes 3 arguments');
  const cond = evalValue(node.args[0]!, ctx);
  if (cond.kind === 'known') {
    if (typeof cond.value !== 'boolean') throw new ArmEvalError(`if expects a bool condition, got ${typeName(cond)}`);
    return evalValue(node.args[cond.value ? 1 : 2]!, ctx);
  }
  if (cond.kind !== 'unknown' && cond.kind !== 'ref') throw new ArmEvalError(`if expects a bool condition, got ${typeName(cond)}`);
  const a = evalValue(node.args[1]!, ctx);
  const b = evalValue(node.args[2]!, ctx);
  if (deepEqual(a, b) === true) return a;
  return unknownFrom([cond, a, b], exprOf(node), ctx.scope.loc);
}

/** First non-null argument; an unknown before it makes the result unknown. */
function evalCoalesce(node: ArmAst & { kind: 'call' }, ctx: Ctx): Value {
  const pending: Value[] = [];
  for (const a of node.args) {
    const v = evalValue(a, ctx);
    if (v.kind === 'unknown' || v.kind === 'ref') {
      pending.push(v);
      continue;
    }
    if (isNull(v)) continue;
    return pending.length ? unknownFrom(pending, exprOf(node), ctx.scope.loc) : v;
  }
  return pending.length ? unknownFrom(pending, exprOf(node), ctx.scope.loc) : known(null, ctx.scope.loc);
}

function makeLambda(node: ArmAst & { kind: 'call' }, ctx: Ctx): ArmLambda {
  if (node.args.length < 2) throw new ArmEvalError('lambda takes parameter names and a body');
  const params = node.args.slice(0, -1).map((a) => {
    if (a.kind !== 'string') throw new ArmEvalError('lambda parameter names must be string literals');
    return a.value;
  });
  const body = node.args[node.args.length - 1]!;
  return {
    kind: 'lambda',
    params,
    invoke: (args: Value[]) => {
      const names = new Map<string, Value>();
      params.forEach((p, i) => names.set(p, args[i] ?? known(null, ctx.scope.loc)));
      return evalValue(body, { scope: ctx.scope, frame: { names, parent: ctx.frame } });
    },
  };
}
