// String templates: literal text, `${…}` interpolations and `%{if}`/`%{for}`
// directives. A template that is exactly one interpolation yields the
// expression's own value; otherwise the result is a string. When a part is
// unknown the result is unknown, and its `expr` keeps the known parts with
// the unknown ones shown as written (`sg-${var.env}-app`).
import type { Value } from '../../readers/value.js';
import { known, unknown } from '../../readers/value.js';
import type { TemplateNode, TemplatePart, TfNode } from './ast.js';
import { type EvalContext, withFrame } from './context.js';
import { sortedKeys, toBool, toStr, typeName } from './convert.js';
import { TfEvalError } from './errors.js';
import { checkCollectionSize, checkStringSize } from './limits.js';
import { collectCauses, isUnknownish, mergeCauses } from './unknowns.js';

export type Evaluate = (node: TfNode, ctx: EvalContext) => Value;

type Piece = string | { unknown: Value; display: string };

export function evaluateTemplate(node: TemplateNode, ctx: EvalContext, evaluate: Evaluate): Value {
  const parts = node.parts;
  if (parts.length === 1 && parts[0]!.kind === 'interp') return evaluate(parts[0]!.expr, ctx);
  const out = new Output();
  render(parts, ctx, evaluate, out);
  const pieces = out.pieces;
  const unknowns = pieces.filter((p): p is Exclude<Piece, string> => typeof p !== 'string');
  if (unknowns.length === 0) return known(pieces.join(''), ctx.loc);
  const causes = unknowns.flatMap((p) => collectCauses(p.unknown));
  const expr = pieces.map((p) => (typeof p === 'string' ? p : p.display)).join('');
  return unknown(mergeCauses(causes), ctx.loc, expr);
}

/**
 * How an unknown interpolation shows in the partial text: as written, unless
 * the value is itself a partly known template (a local `"${var.p}-x"`),
 * whose known parts are worth keeping.
 */
function displayOf(v: Value, written: string): string {
  return v.kind === 'unknown' && v.expr !== undefined && v.expr.includes('${') ? v.expr : written;
}

class Output {
  readonly pieces: Piece[] = [];
  private length = 0;
  emit(piece: Piece): void {
    this.length += typeof piece === 'string' ? piece.length : piece.display.length;
    checkStringSize(this.length, 'template result');
    this.pieces.push(piece);
  }
}

function render(parts: TemplatePart[], ctx: EvalContext, evaluate: Evaluate, out: Output): void {
  for (const part of parts) {
    ctx.budget.spend();
    switch (part.kind) {
      case 'literal':
        out.emit(part.value);
        break;
      case 'interp': {
        const v = evaluate(part.expr, ctx);
        if (isUnknownish(v)) out.emit({ unknown: v, display: displayOf(v, part.text) });
        else if (v.kind === 'known' && v.value === null) throw new TfEvalError(`the value of ${part.expr.text} is null and cannot be included in a string`);
        else if (v.kind !== 'known') throw new TfEvalError(`cannot include a ${typeName(v)} (${part.expr.text}) in a string template`);
        else out.emit(toStr(v, part.expr.text));
        break;
      }
      case 'if': {
        const c = evaluate(part.cond, ctx);
        if (isUnknownish(c)) out.emit({ unknown: c, display: part.text });
        else render(toBool(c, `condition ${part.cond.text}`) ? part.then : part.else, ctx, evaluate, out);
        break;
      }
      case 'for': {
        const coll = evaluate(part.collection, ctx);
        if (isUnknownish(coll)) {
          out.emit({ unknown: coll, display: part.text });
          break;
        }
        const entries = iterate(coll, part.collection.text, ctx);
        for (const [k, v] of entries) {
          const frame = new Map<string, Value>([[part.valueVar, v]]);
          if (part.keyVar !== undefined) frame.set(part.keyVar, k);
          render(part.body, withFrame(ctx, frame), evaluate, out);
        }
        break;
      }
    }
  }
}

/** Key/value pairs of a collection as `for` sees them: list indexes, or map keys in lexical order. */
export function iterate(coll: Value, what: string, ctx: EvalContext): [Value, Value][] {
  if (coll.kind === 'list') {
    checkCollectionSize(coll.items.length, what);
    return coll.items.map((v, i) => [known(i, ctx.loc), v]);
  }
  if (coll.kind === 'object') {
    const keys = sortedKeys(coll.fields);
    checkCollectionSize(keys.length, what);
    return keys.map((k) => [known(k, ctx.loc), coll.fields[k]!]);
  }
  if (coll.kind === 'known' && coll.value === null) throw new TfEvalError(`cannot iterate over ${what}: it is null`);
  throw new TfEvalError(`cannot iterate over ${what}: a ${typeName(coll)} is not a collection`);
}
