// Variable type constraints and the conversions Terraform applies when a
// value is assigned: primitives from strings ("30" -> 30 for a number),
// object attributes filled from `optional(type, default)`, undeclared object
// attributes dropped. Anything this parser does not understand is `any`.
import { known, list, obj, ref, type SourceLoc, type Value } from '../value.js';
import { evalString, type Env } from './tf-eval.js';

export type TypeSpec =
  | { kind: 'any' | 'string' | 'number' | 'bool' }
  | { kind: 'list' | 'set' | 'map'; element: TypeSpec }
  | { kind: 'tuple'; elements: TypeSpec[] }
  | { kind: 'object'; attributes: Map<string, ObjectAttribute> };

export interface ObjectAttribute {
  type: TypeSpec;
  optional: boolean;
  /** Source text of the `optional(…, default)` default. */
  defaultText?: string;
}

const ANY: TypeSpec = { kind: 'any' };
const NO_NAMES: Env = { lookup: () => undefined };

/** Parse hcl2json's rendering of a `type` argument (`${list(object({a = string}))}`). */
export function parseTypeSpec(json: unknown): TypeSpec {
  if (typeof json !== 'string') return ANY;
  const m = /^\$\{([\s\S]*)\}$/.exec(json.trim());
  const text = m ? m[1]! : json;
  try {
    const p = new TypeParser(text);
    const t = p.type();
    return p.done() ? t : ANY;
  } catch {
    return ANY;
  }
}

class TypeParser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly src: string) {}

  done(): boolean {
    this.ws();
    return this.pos >= this.src.length;
  }

  /** Blanks and comments (hcl2json keeps the type's source text, comments included). */
  private ws(): void {
    for (;;) {
      while (this.pos < this.src.length && /\s/.test(this.src[this.pos]!)) this.pos++;
      const rest = this.src.slice(this.pos, this.pos + 2);
      if (rest.startsWith('#') || rest === '//') {
        const nl = this.src.indexOf('\n', this.pos);
        this.pos = nl < 0 ? this.src.length : nl;
      } else if (rest === '/*') {
        const end = this.src.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? this.src.length : end + 2;
      } else return;
    }
  }

  private expect(c: string): void {
    this.ws();
    if (this.src[this.pos] !== c) throw new Error(`expected ${c}`);
    this.pos++;
  }

  private peek(c: string): boolean {
    this.ws();
    return this.src[this.pos] === c;
  }

  private ident(): string {
    this.ws();
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.src.slice(this.pos));
    if (!m) {
      // object attribute names may be quoted
      const q = /^"((?:[^"\\]|\\.)*)"/.exec(this.src.slice(this.pos));
      if (!q) throw new Error('expected a name');
      this.pos += q[0].length;
      return q[1]!;
    }
    this.pos += m[0].length;
    return m[0];
  }

  type(): TypeSpec {
    if (++this.depth > 50) throw new Error('type nested too deeply');
    try {
      const name = this.ident();
      switch (name) {
        case 'any':
        case 'string':
        case 'number':
        case 'bool':
          return { kind: name };
        case 'list':
        case 'set':
        case 'map': {
          this.expect('(');
          const element = this.type();
          this.expect(')');
          return { kind: name, element };
        }
        case 'tuple': {
          this.expect('(');
          this.expect('[');
          const elements: TypeSpec[] = [];
          while (!this.peek(']')) {
            elements.push(this.type());
            if (this.peek(',')) this.pos++;
          }
          this.expect(']');
          this.expect(')');
          return { kind: 'tuple', elements };
        }
        case 'object': {
          this.expect('(');
          this.expect('{');
          const attributes = new Map<string, ObjectAttribute>();
          while (!this.peek('}')) {
            const key = this.ident();
            this.ws();
            if (this.src[this.pos] !== '=' && this.src[this.pos] !== ':') throw new Error('expected =');
            this.pos++;
            attributes.set(key, this.attribute());
            if (this.peek(',')) this.pos++;
          }
          this.expect('}');
          this.expect(')');
          return { kind: 'object', attributes };
        }
        default:
          throw new Error(`unknown type ${name}`);
      }
    } finally {
      this.depth--;
    }
  }

  private attribute(): ObjectAttribute {
    this.ws();
    if (!this.src.startsWith('optional', this.pos) || !/^optional\s*\(/.test(this.src.slice(this.pos))) {
      return { type: this.type(), optional: false };
    }
    this.ident();
    this.expect('(');
    const type = this.type();
    const attr: ObjectAttribute = { type, optional: true };
    if (this.peek(',')) {
      this.pos++;
      const start = this.pos;
      this.skipToClose();
      attr.defaultText = this.src.slice(start, this.pos).trim();
    }
    this.expect(')');
    return attr;
  }

  /** Skip an expression up to the `)` that closes `optional(`, strings aware. */
  private skipToClose(): void {
    let depth = 0;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === '"') {
        this.pos++;
        while (this.pos < this.src.length && this.src[this.pos] !== '"') this.pos += this.src[this.pos] === '\\' ? 2 : 1;
      } else if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) return;
        depth--;
      }
      this.pos++;
    }
  }
}

/**
 * Convert an assigned value to the declared type as Terraform does on
 * assignment. Unknowns and refs pass through; a value that does not fit is
 * kept as given (the evaluator reports misuse where it matters).
 */
export function convertToType(v: Value, t: TypeSpec, depth = 0): Value {
  if (depth > 50 || t.kind === 'any' || v.kind === 'unknown' || v.kind === 'ref') return v;
  if (v.kind === 'known') {
    if (v.value === null) return v;
    switch (t.kind) {
      case 'string':
        return typeof v.value === 'number' || typeof v.value === 'boolean' ? { ...v, value: String(v.value) } : v;
      case 'number':
        if (typeof v.value === 'string' && v.value.trim() !== '' && Number.isFinite(Number(v.value))) return { ...v, value: Number(v.value) };
        return v;
      case 'bool':
        if (v.value === 'true' || v.value === 'false') return { ...v, value: v.value === 'true' };
        return v;
      default:
        return v;
    }
  }
  if (v.kind === 'list') {
    if (t.kind === 'list' || t.kind === 'set') return list(v.items.map((i) => convertToType(i, t.element, depth + 1)), v.loc);
    if (t.kind === 'tuple') return list(v.items.map((i, n) => (t.elements[n] ? convertToType(i, t.elements[n]!, depth + 1) : i)), v.loc);
    return v;
  }
  if (t.kind === 'map') {
    const fields: Record<string, Value> = Object.create(null);
    for (const [k, f] of Object.entries(v.fields)) fields[k] = convertToType(f, t.element, depth + 1);
    return obj(fields, v.loc);
  }
  if (t.kind === 'object') {
    const fields: Record<string, Value> = Object.create(null);
    for (const [name, attr] of t.attributes) {
      // A whole resource passed in: attributes it does not configure are computed (refs).
      const given = Object.prototype.hasOwnProperty.call(v.fields, name) ? v.fields[name] : v.refTarget ? ref(v.refTarget, name, v.loc) : undefined;
      if (given && !(given.kind === 'known' && given.value === null && attr.defaultText !== undefined)) {
        fields[name] = convertToType(given, attr.type, depth + 1);
      } else if (attr.defaultText !== undefined) {
        fields[name] = convertToType(defaultValue(attr.defaultText, v.loc), attr.type, depth + 1);
      } else if (attr.optional || given) {
        fields[name] = given ?? known(null, v.loc);
      }
      // A required attribute that is missing is a Terraform error; leave it absent.
    }
    const converted = obj(fields, v.loc);
    if (v.refTarget) converted.refTarget = v.refTarget;
    return converted;
  }
  return v;
}

function defaultValue(text: string, loc: SourceLoc | undefined): Value {
  return evalString(`\${${text}}`, NO_NAMES, loc ?? { file: '', line: 0 });
}
