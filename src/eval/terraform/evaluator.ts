// Evaluates a parsed HCL expression against the reader's scope. Unknown
// operands make results unknown (naming their inputs), except where the
// operation can still say something exact: a known condition picks one
// branch, `false && x` is false, `try` takes the first argument that works.
import type { Value } from '../../readers/value.js';
import { containsUnknown, known, list, unknown } from '../../readers/value.js';
import type { BinaryNode, CallNode, ConditionalNode, ForNode, ObjectNode, SplatNode, TfNode, UnaryNode } from './ast.js';
import { type EvalContext, extendPath, type Nav, withFrame } from './context.js';
import { toBool, toNum, toStr, typeName, valuesEqual } from './convert.js';
import { ERROR_PREFIX, isEvalError, TfEvalError } from './errors.js';
import { FUNCTIONS } from './functions/registry.js';
import type { CallContext } from './functions/registry-types.js';
import { Budget, checkCollectionSize } from './limits.js';
import { parseTemplateSource } from './parser.js';
import type { TfScope } from './scope.js';
import { evaluateTemplate, iterate } from './template.js';
import { getAttr, getIndex } from './traversal.js';
import { isUnknownish, unknownFrom } from './unknowns.js';

export function evaluate(node: TfNode, ctx: EvalContext): Value {
  ctx.budget.spend();
  switch (node.type) {
    case 'literal':
      return known(node.value, ctx.loc);
    case 'template':
      return evaluateTemplate(node, ctx, evaluate);
    case 'tuple':
      checkCollectionSize(node.items.length, 'tuple');
      return list(
        node.items.map((i) => evaluate(i, ctx)),
        ctx.loc,
      );
    case 'object':
      return evaluateObject(node, ctx);
    case 'variable':
    case 'getattr':
    case 'index':
    case 'splatItem':
      return finishTraversal(navigate(node, ctx).v, node, ctx);
    case 'splat':
      return evaluateSplat(node, ctx);
    case 'call':
      return evaluateCall(node, ctx);
    case 'unary':
      return evaluateUnary(node, ctx);
    case 'binary':
      return evaluateBinary(node, ctx);
    case 'conditional':
      return evaluateConditional(node, ctx);
    case 'for':
      return evaluateFor(node, ctx);
    case 'paren':
      return evaluate(node.expr, ctx);
  }
}

/**
 * A value read from elsewhere keeps its own location. An unknown one learns
 * the expression that read it; an error elsewhere (a local that failed)
 * becomes an unknown that says so, so the error is reported once, where it is.
 */
function finishTraversal(v: Value, node: TfNode, ctx: EvalContext): Value {
  if (v.kind === 'unknown' && isEvalError(v)) {
    const detail = `${node.text} could not be evaluated (${v.cause.detail.slice(ERROR_PREFIX.length)})`;
    return unknown({ inputs: [], detail }, ctx.loc, node.text);
  }
  if (v.kind === 'unknown' && v.expr === undefined && node.type !== 'splatItem') return { ...v, expr: node.text };
  return v;
}

function navigate(node: TfNode, ctx: EvalContext): Nav {
  ctx.budget.spend();
  switch (node.type) {
    case 'variable':
      return { v: lookup(node.name, ctx) };
    case 'splatItem':
      if (!ctx.splatItem) throw new TfEvalError('splat element used outside a splat');
      return ctx.splatItem;
    case 'getattr':
      return getAttr(navigate(node.target, ctx), node.name, ctx.loc, node.text);
    case 'index': {
      const target = navigate(node.target, ctx);
      return getIndex(target, evaluate(node.key, ctx), ctx.loc, node.text);
    }
    case 'paren':
      return navigate(node.expr, ctx);
    default:
      return { v: evaluate(node, ctx) };
  }
}

function lookup(name: string, ctx: EvalContext): Value {
  for (let i = ctx.frames.length - 1; i >= 0; i--) {
    const v = ctx.frames[i]!.get(name);
    if (v !== undefined) return v;
  }
  const v = ctx.scope.lookup(name);
  if (v === undefined) throw new TfEvalError(`reference to undeclared name "${name}"`);
  return v;
}

function evaluateObject(node: ObjectNode, ctx: EvalContext): Value {
  checkCollectionSize(node.items.length, 'object');
  const fields: Record<string, Value> = Object.create(null);
  const unknownKeys: Value[] = [];
  for (const item of node.items) {
    let key = item.name;
    if (key === undefined) {
      const k = evaluate(item.key!, ctx);
      if (isUnknownish(k)) {
        unknownKeys.push(k);
        continue;
      }
      key = toStr(k, `object key ${item.key!.text}`);
    }
    fields[key] = evaluate(item.value, ctx);
  }
  // With a key unknown, no key of the object can be relied on to be present or absent.
  if (unknownKeys.length > 0) return unknownFrom(unknownKeys, ctx.loc, node.text);
  return { kind: 'object', fields, loc: ctx.loc };
}

function evaluateSplat(node: SplatNode, ctx: EvalContext): Value {
  const source = navigate(node.source, ctx);
  const v = source.v;
  const each = (item: Nav): Value => evaluate(node.each, { ...ctx, splatItem: item });
  switch (v.kind) {
    case 'unknown':
      return unknownFrom([v], ctx.loc, node.text);
    case 'ref':
      // A reference to a list attribute: the splat stays a reference to the same resource.
      return each({ v: { ...v, attribute: `${v.attribute}[*]`, loc: ctx.loc } });
    case 'list': {
      const origin = source.origin;
      return list(
        v.items.map((item, i) => each(origin ? { v: item, origin: { target: origin.target, path: extendPath(origin.path, i) } } : { v: item })),
        ctx.loc,
      );
    }
    case 'known':
      if (v.value === null) return list([], ctx.loc);
      return list([each(source)], ctx.loc);
    case 'object':
      // Splat on a single value treats it as a list of one.
      return list([each(source)], ctx.loc);
  }
}

function evaluateUnary(node: UnaryNode, ctx: EvalContext): Value {
  const v = evaluate(node.operand, ctx);
  if (isUnknownish(v)) return unknownFrom([v], ctx.loc, node.text);
  if (node.op === '!') return known(!toBool(v, `operand of "!"`), ctx.loc);
  return known(-toNum(v, `operand of "-"`), ctx.loc);
}

function evaluateBinary(node: BinaryNode, ctx: EvalContext): Value {
  const op = node.op;
  if (op === '&&' || op === '||') return evaluateLogical(node, ctx);
  const l = evaluate(node.left, ctx);
  const r = evaluate(node.right, ctx);
  if (op === '==' || op === '!=') {
    const eq = valuesEqual(l, r);
    if (eq === undefined) return unknownFrom([l, r], ctx.loc, node.text);
    return known(op === '==' ? eq : !eq, ctx.loc);
  }
  if (isUnknownish(l) || isUnknownish(r)) return unknownFrom([l, r], ctx.loc, node.text);
  const a = toNum(l, `left operand of "${op}"`);
  const b = toNum(r, `right operand of "${op}"`);
  switch (op) {
    case '<':
      return known(a < b, ctx.loc);
    case '<=':
      return known(a <= b, ctx.loc);
    case '>':
      return known(a > b, ctx.loc);
    case '>=':
      return known(a >= b, ctx.loc);
    default:
      return known(arithmetic(op, a, b), ctx.loc);
  }
}

function arithmetic(op: '+' | '-' | '*' | '/' | '%', a: number, b: number): number {
  if ((op === '/' || op === '%') && b === 0) throw new TfEvalError('division by zero');
  const n = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b;
  if (!Number.isFinite(n)) throw new TfEvalError(`the result of ${op} is too large`);
  return n;
}

/** `false && x` and `true || x` are decided by one known side, whichever it is. */
function evaluateLogical(node: BinaryNode, ctx: EvalContext): Value {
  const decisive = node.op === '||';
  const l = evaluate(node.left, ctx);
  if (!isUnknownish(l) && toBool(l, `left operand of "${node.op}"`) === decisive) return known(decisive, ctx.loc);
  const r = evaluate(node.right, ctx);
  if (!isUnknownish(r)) {
    const rb = toBool(r, `right operand of "${node.op}"`);
    if (rb === decisive || !isUnknownish(l)) return known(rb, ctx.loc);
    return unknownFrom([l], ctx.loc, node.text);
  }
  return unknownFrom(isUnknownish(l) ? [l, r] : [r], ctx.loc, node.text);
}

function evaluateConditional(node: ConditionalNode, ctx: EvalContext): Value {
  const c = evaluate(node.cond, ctx);
  if (!isUnknownish(c)) return evaluate(toBool(c, `condition ${node.cond.text}`) ? node.then : node.else, ctx);
  // Undecided: the result is one of the branches; if both are the same value, that is the result.
  const branches: Value[] = [];
  for (const b of [node.then, node.else]) {
    try {
      branches.push(evaluate(b, ctx));
    } catch (e) {
      if (!(e instanceof TfEvalError)) throw e;
    }
  }
  if (branches.length === 2 && valuesEqual(branches[0]!, branches[1]!) === true) return branches[0]!;
  return unknownFrom([c, ...branches], ctx.loc, node.text);
}

function evaluateFor(node: ForNode, ctx: EvalContext): Value {
  const coll = evaluate(node.collection, ctx);
  if (isUnknownish(coll)) return unknownFrom([coll], ctx.loc, node.text);
  const entries = iterate(coll, node.collection.text, ctx);
  const items: Value[] = [];
  const fields: Record<string, Value> = Object.create(null);
  const groups = new Map<string, Value[]>();
  const undecided: Value[] = [];
  for (const [k, v] of entries) {
    const frame = new Map<string, Value>([[node.valueVar, v]]);
    if (node.keyVar !== undefined) frame.set(node.keyVar, k);
    const inner = withFrame(ctx, frame);
    if (node.cond) {
      const c = evaluate(node.cond, inner);
      if (isUnknownish(c)) {
        undecided.push(c);
        continue;
      }
      if (!toBool(c, `condition ${node.cond.text}`)) continue;
    }
    if (!node.keyExpr) {
      items.push(evaluate(node.valueExpr, inner));
      continue;
    }
    const key = evaluate(node.keyExpr, inner);
    if (isUnknownish(key)) {
      undecided.push(key);
      continue;
    }
    const name = toStr(key, `key ${node.keyExpr.text}`);
    const value = evaluate(node.valueExpr, inner);
    if (node.group) {
      const g = groups.get(name);
      if (g) g.push(value);
      else groups.set(name, [value]);
    } else {
      if (Object.prototype.hasOwnProperty.call(fields, name)) {
        throw new TfEvalError(`duplicate key ${JSON.stringify(name)} in the for expression; add "..." to group values by key`);
      }
      fields[name] = value;
    }
  }
  // An unknown condition or key leaves the elements (or keys) of the result undecided.
  if (undecided.length > 0) return unknownFrom(undecided, ctx.loc, node.text);
  if (!node.keyExpr) return list(items, ctx.loc);
  if (node.group) for (const [name, values] of groups) fields[name] = list(values, ctx.loc);
  return { kind: 'object', fields, loc: ctx.loc };
}

function evaluateCall(node: CallNode, ctx: EvalContext): Value {
  if (node.name === 'try') return evaluateTry(node, ctx);
  if (node.name === 'can') return evaluateCan(node, ctx);
  if (node.name.startsWith('provider::')) {
    const name = node.name.slice('provider::'.length);
    return unknown({ inputs: [`${node.text} (provider function)`], detail: `provider function ${name} is not evaluated` }, ctx.loc, node.text);
  }
  const fn = Object.prototype.hasOwnProperty.call(FUNCTIONS, node.name) ? FUNCTIONS[node.name] : undefined;
  if (!fn) throw new TfEvalError(`call to unknown function "${node.name}"`);
  const args = node.args.map((a) => evaluate(a, ctx));
  if (node.expandLast) {
    const last = args.pop()!;
    if (isUnknownish(last)) return unknownFrom([last], ctx.loc, node.text);
    if (last.kind !== 'list') throw new TfEvalError(`${node.name}: the argument expanded with "..." must be a list, got ${typeName(last)}`);
    args.push(...last.items);
  }
  if (args.length < fn.min || args.length > fn.max) {
    const expected = fn.min === fn.max ? `${fn.min}` : fn.max === Infinity ? `at least ${fn.min}` : `${fn.min} to ${fn.max}`;
    throw new TfEvalError(`${node.name}: expects ${expected} arguments, got ${args.length}`);
  }
  ctx.budget.spend(args.length);
  if (!fn.handlesUnknown && args.some(containsUnknown)) return unknownFrom(args, ctx.loc, node.text);
  try {
    return fn.call(args, callContext(node, ctx));
  } catch (e) {
    if (e instanceof TfEvalError) throw new TfEvalError(`${node.name}: ${e.message}`);
    throw e;
  }
}

function callContext(node: CallNode, ctx: EvalContext): CallContext {
  return {
    loc: ctx.loc,
    text: node.text,
    budget: ctx.budget,
    scope: ctx.scope,
    evaluateTemplate: (src, vars) => {
      const template = parseTemplateSource(src);
      // templatefile sees only its variables: no module names, no enclosing for symbols.
      const isolated: TfScope = { loc: ctx.loc, lookup: () => undefined };
      if (ctx.scope.readFile) isolated.readFile = ctx.scope.readFile.bind(ctx.scope);
      const frame = new Map(Object.entries(vars));
      return evaluate(template, { scope: isolated, loc: ctx.loc, budget: ctx.budget, frames: [frame] });
    },
  };
}

/** The first argument that evaluates without an error (its value may still be unknown). */
function evaluateTry(node: CallNode, ctx: EvalContext): Value {
  if (node.args.length === 0) throw new TfEvalError('try: expects at least one argument');
  let last: TfEvalError | undefined;
  for (const arg of node.args) {
    try {
      return evaluate(arg, ctx);
    } catch (e) {
      if (!(e instanceof TfEvalError)) throw e;
      last = e;
    }
  }
  throw new TfEvalError(`try: no argument could be evaluated; the last error: ${last!.message}`);
}

/** Whether the argument evaluates without an error; unknown while its value is wholly unknown. */
function evaluateCan(node: CallNode, ctx: EvalContext): Value {
  if (node.args.length !== 1) throw new TfEvalError(`can: expects 1 argument, got ${node.args.length}`);
  let v: Value;
  try {
    v = evaluate(node.args[0]!, ctx);
  } catch (e) {
    if (!(e instanceof TfEvalError)) throw e;
    return known(false, ctx.loc);
  }
  if (v.kind === 'unknown') return unknownFrom([v], ctx.loc, node.text);
  return known(true, ctx.loc);
}

export function newContext(scope: TfScope): EvalContext {
  return { scope, loc: scope.loc, budget: new Budget(), frames: [] };
}
