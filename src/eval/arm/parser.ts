// Recursive-descent parser for ARM template expressions. Nesting is bounded
// so that a hostile template cannot exhaust the stack.
import type { ArmAst } from './ast.js';
import { ArmSyntaxError, tokenize, type ArmToken, type ArmTokenType } from './lexer.js';

export const MAX_EXPRESSION_DEPTH = 200;

export type ParseResult = { ok: true; ast: ArmAst } | { ok: false; message: string; pos: number };

/** Parsed expressions by text: copy loops and nested templates evaluate the same text many times. ASTs are never changed. */
const parsedByText = new Map<string, ParseResult>();
const MAX_CACHED = 20_000;

export function parseArmExpression(text: string): ParseResult {
  let result = parsedByText.get(text);
  if (result === undefined) {
    if (parsedByText.size >= MAX_CACHED) parsedByText.clear();
    result = parse(text);
    parsedByText.set(text, result);
  }
  return result;
}

function parse(text: string): ParseResult {
  try {
    const parser = new Parser(tokenize(text));
    const ast = parser.expression(0);
    parser.expect('end');
    return { ok: true, ast };
  } catch (e) {
    if (e instanceof ArmSyntaxError) return { ok: false, message: e.message, pos: e.pos };
    throw e;
  }
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: ArmToken[]) {}

  private peek(offset = 0): ArmToken {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!;
  }

  expect(type: ArmTokenType): ArmToken {
    const t = this.peek();
    if (t.type !== type) {
      const what = type === 'end' ? 'end of expression' : `'${type}'`;
      throw new ArmSyntaxError(`expected ${what} but found ${t.type === 'end' ? 'end of expression' : `'${t.text}'`}`, t.pos);
    }
    this.i++;
    return t;
  }

  expression(depth: number): ArmAst {
    if (depth > MAX_EXPRESSION_DEPTH) throw new ArmSyntaxError('expression nested too deeply', this.peek().pos);
    let ast = this.primary(depth);
    for (;;) {
      const t = this.peek();
      if (t.type === '.') {
        this.i++;
        ast = { kind: 'property', target: ast, name: this.expect('ident').text };
      } else if (t.type === '[') {
        this.i++;
        const index = this.expression(depth + 1);
        this.expect(']');
        ast = { kind: 'index', target: ast, index };
      } else {
        return ast;
      }
    }
  }

  private primary(depth: number): ArmAst {
    const t = this.peek();
    if (t.type === 'string') {
      this.i++;
      return { kind: 'string', value: t.text };
    }
    if (t.type === 'number') {
      this.i++;
      return { kind: 'number', value: Number(t.text) };
    }
    if (t.type === 'ident') {
      this.i++;
      let name = t.text;
      // `namespace.function(...)`: a user-defined function.
      if (this.peek().type === '.' && this.peek(1).type === 'ident' && this.peek(2).type === '(') {
        this.i++;
        name = `${name}.${this.expect('ident').text}`;
      }
      this.expect('(');
      const args: ArmAst[] = [];
      if (this.peek().type !== ')') {
        for (;;) {
          args.push(this.expression(depth + 1));
          if (this.peek().type !== ',') break;
          this.i++;
        }
      }
      this.expect(')');
      return { kind: 'call', name, args };
    }
    if (t.type === 'end') throw new ArmSyntaxError('unexpected end of expression', t.pos);
    throw new ArmSyntaxError(`unexpected '${t.text}'`, t.pos);
  }
}
