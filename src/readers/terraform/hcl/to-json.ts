// hcl2json's convert.go over our syntax tree, quirks included: blocks nest by
// label into arrays of bodies, attributes overwrite same-named blocks, any
// expression that is not a literal, template, tuple or object becomes
// "${<source>}" (taking one following ")" along), template directives are
// rebuilt as "%{if …}…%{endif}" / "%{for …}…%{endfor}", and objects come out
// with their keys in Go's order.
import { type Block, type Body, type Expr, Kind, type TemplateExpr, isLiteral } from './ast.js';
import { goOrderedObject, needsCodePointOrder } from './go-object.js';
import { goDecimalText, isInfiniteForGo } from './number.js';
import { HclSyntaxError } from './syntax-error.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A body's output while blocks are still being merged into it. */
type BodyMap = Map<string, Json | BodyMap>;

/** A template value hcl2json cannot turn into a string (a null in a literal-only branch). */
class TemplateValueError extends HclSyntaxError {}

/** `hasSurrogates`: whether the text holds characters beyond U+FFFF. */
export function bodyToJson(text: string, body: Body, hasSurrogates: boolean): Record<string, Json> {
  return new Converter(text, needsCodePointOrder(text, hasSurrogates)).body(body);
}

class Converter {
  constructor(
    private readonly text: string,
    private readonly codePointOrder: boolean,
  ) {}

  body(body: Body): Record<string, Json> {
    if (body.blocks.length === 0) {
      const keys: string[] = [];
      const values: Json[] = [];
      for (const [name, attr] of body.attributes) {
        keys.push(name);
        values.push(this.expression(attr.expr));
      }
      return goOrderedObject(keys, values, this.codePointOrder);
    }
    const out: BodyMap = new Map();
    for (const block of body.blocks) this.block(block, out);
    for (const [name, attr] of body.attributes) out.set(name, this.expression(attr.expr));
    return this.finish(out);
  }

  /** A body's merged blocks and attributes, label levels included, as objects. */
  private finish(map: BodyMap): Record<string, Json> {
    const keys = [...map.keys()];
    const values: Json[] = [];
    for (const value of map.values()) values.push(value instanceof Map ? this.finish(value) : value);
    return goOrderedObject(keys, values, this.codePointOrder);
  }

  private block(block: Block, out: BodyMap): void {
    let target = out;
    let key = block.type;
    for (const label of block.labels) {
      const existing = target.get(key);
      if (existing === undefined) {
        const created: BodyMap = new Map();
        target.set(key, created);
        target = created;
      } else if (existing instanceof Map) {
        target = existing;
      } else {
        throw new HclSyntaxError(block.typeStart, `Unable to convert Block to JSON: ${[block.type, ...block.labels].join('.')}`);
      }
      key = label;
    }
    const value = this.body(block.body);
    const current = target.get(key);
    if (current === undefined) target.set(key, [value]);
    else if (Array.isArray(current)) current.push(value);
    else {
      throw new HclSyntaxError(block.typeStart, `invalid HCL detected for ${JSON.stringify(key)} block, cannot have blocks with and without labels`);
    }
  }

  /** convert.go ConvertExpression */
  private expression(e: Expr): Json {
    switch (e.kind) {
      case Kind.NUMBER:
        return this.number(e.raw, e.start, false);
      case Kind.KEYWORD:
        return e.value;
      case Kind.UNARY:
        return this.unary(e.negate, e.operand, e);
      case Kind.TEMPLATE:
        return this.template(e);
      case Kind.WRAP:
        return this.expression(e.inner);
      case Kind.TUPLE:
        return e.items.map((item) => this.expression(item));
      case Kind.OBJECT: {
        const keys: string[] = [];
        const values: Json[] = [];
        for (let i = 0; i < e.keys.length; i++) {
          keys.push(this.key(e.keys[i]!));
          values.push(this.expression(e.values[i]!));
        }
        return goOrderedObject(keys, values, this.codePointOrder);
      }
      default:
        return this.wrap(e);
    }
  }

  private number(raw: string, offset: number, negate: boolean): number {
    if (isInfiniteForGo(raw)) {
      throw new HclSyntaxError(offset, 'Number out of range', 'json: error calling MarshalJSON: cannot serialize infinity as JSON');
    }
    return negate ? -Number(raw) : Number(raw);
  }

  /** A unary operator is evaluated only on a literal operand, as cty would. */
  private unary(negate: boolean, operand: Expr, e: Expr): Json {
    if (operand.kind === Kind.NUMBER) {
      if (negate) return this.number(operand.raw, operand.start, true);
      throw new HclSyntaxError(operand.start, 'Invalid operand', 'Unsuitable value for unary operand: bool required.');
    }
    if (operand.kind !== Kind.KEYWORD) return this.wrap(e);
    if (operand.value === null) {
      throw new HclSyntaxError(e.start, 'Operation failed', 'Error during operation: argument must not be null.');
    }
    if (negate) throw new HclSyntaxError(operand.start, 'Invalid operand', 'Unsuitable value for unary operand: number required.');
    return !operand.value;
  }

  /** convert.go convertTemplate */
  private template(t: TemplateExpr): string {
    const only = t.parts[0]!;
    if (t.parts.length === 1 && isLiteral(only)) {
      if (only.kind === Kind.KEYWORD && only.value === null) {
        throw new TemplateValueError(
          only.start,
          'Invalid template interpolation value',
          'The expression result is null. Cannot include a null value in a string template.',
        );
      }
      return escapeLiteral(this.literalText(only));
    }
    let out = '';
    for (const part of t.parts) out += this.stringPart(part);
    return out;
  }

  /** A non-null literal as cty converts it to a string. */
  private literalText(e: Expr): string {
    switch (e.kind) {
      case Kind.STRING:
        return e.value;
      case Kind.KEYWORD:
        return e.value === null ? 'null' : String(e.value);
      case Kind.NUMBER: {
        const text = goDecimalText(e.raw);
        if (text === undefined) throw new TemplateValueError(e.start, 'Number too long', 'This number would print as more than 100000 digits.');
        return text;
      }
      default:
        throw new Error('not a literal');
    }
  }

  /** convert.go convertStringPart */
  private stringPart(e: Expr): string {
    switch (e.kind) {
      case Kind.STRING:
      case Kind.KEYWORD:
      case Kind.NUMBER:
        return escapeLiteral(this.literalText(e));
      case Kind.TEMPLATE:
        return this.template(e);
      case Kind.WRAP:
        return this.stringPart(e.inner);
      case Kind.CONDITIONAL: {
        const head = `%{if ${this.source(e.condition)}}`;
        let whenTrue: string;
        try {
          whenTrue = this.stringPart(e.whenTrue);
        } catch (err) {
          // convert.go drops the whole directive when its true branch fails.
          if (err instanceof TemplateValueError) return '';
          throw err;
        }
        let whenFalse = '';
        try {
          whenFalse = this.stringPart(e.whenFalse);
        } catch (err) {
          if (!(err instanceof TemplateValueError)) throw err;
        }
        return head + whenTrue + (whenFalse.length > 0 ? `%{else}${whenFalse}` : '') + '%{endif}';
      }
      case Kind.TEMPLATE_FOR: {
        const vars = e.keyVar ? `${e.keyVar}, ${e.valueVar}` : e.valueVar;
        return `%{for ${vars} in ${this.source(e.collection)}}${this.stringPart(e.body)}%{endfor}`;
      }
      default:
        return this.wrap(e);
    }
  }

  /** convert.go convertKey: a bare traversal is its own source text. */
  private key(e: Expr): string {
    return e.kind === Kind.TRAVERSAL ? this.source(e) : this.stringPart(e);
  }

  private wrap(e: Expr): string {
    return '${' + this.source(e) + '}';
  }

  /** convert.go rangeSource: the expression's text plus a ")" right after it, if any. */
  private source(e: Expr): string {
    let end = e.end;
    if (this.text.charCodeAt(end) === 0x29) end++;
    return this.text.slice(e.start, end);
  }
}

/** convert.go escapeLiteral: literal `${` and `%{` stay escaped in the JSON form. */
function escapeLiteral(s: string): string {
  if (!s.includes('{')) return s;
  // split/join, not replaceAll: "$$" means "$" in a replacement pattern.
  return s.split('${').join('$${').split('%{').join('%%{');
}
