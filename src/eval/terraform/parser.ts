// Recursive-descent parser for HCL expressions and templates, following the
// HCL native syntax specification (operator precedence, splats, `for`
// expressions, template directives with strip markers, heredocs).
import type { BinaryOp, TemplateNode, TemplatePart, TfNode } from './ast.js';
import { TfEvalError, TfLimitError } from './errors.js';
import { Lexer, type TemplateMode, type Token } from './lexer.js';
import { MAX_PARSE_DEPTH, MAX_SOURCE } from './limits.js';

/** Binary operators by precedence level, lowest first. */
const LEVELS: BinaryOp[][] = [['||'], ['&&'], ['==', '!='], ['<', '<=', '>', '>='], ['+', '-'], ['*', '/', '%']];

type FlatItem =
  | { t: 'lit'; value: string }
  | { t: 'interp'; expr: TfNode; start: number; end: number; stripBefore: boolean; stripAfter: boolean }
  | { t: 'if'; cond: TfNode; start: number; end: number; stripBefore: boolean; stripAfter: boolean }
  | { t: 'else' | 'endif' | 'endfor'; start: number; end: number; stripBefore: boolean; stripAfter: boolean }
  | {
      t: 'for';
      keyVar?: string;
      valueVar: string;
      collection: TfNode;
      start: number;
      end: number;
      stripBefore: boolean;
      stripAfter: boolean;
    };

class Parser {
  /** End offset of the last consumed token or raw read, for node texts. */
  private lastEnd: number;

  constructor(
    private readonly lexer: Lexer,
    private depth: number,
  ) {
    this.lastEnd = lexer.pos;
  }

  private get src(): string {
    return this.lexer.src;
  }

  private fail(message: string, at: number): never {
    throw new TfEvalError(`${message} at offset ${at}`);
  }

  private enter(extra = 0): void {
    if (this.depth + extra > MAX_PARSE_DEPTH) throw new TfLimitError(`expression nested deeper than ${MAX_PARSE_DEPTH} levels`);
  }

  private take(): Token {
    const t = this.lexer.next();
    this.lastEnd = t.end;
    return t;
  }

  private isPunct(t: Token, value: string): boolean {
    return t.type === 'punct' && t.value === value;
  }

  private isIdent(t: Token, value?: string): boolean {
    return t.type === 'ident' && (value === undefined || t.value === value);
  }

  private expectPunct(value: string): Token {
    const t = this.lexer.peek();
    if (!this.isPunct(t, value)) this.fail(`expected "${value}" but found ${describe(t)}`, t.start);
    return this.take();
  }

  private expectIdent(value?: string): string {
    const t = this.lexer.peek();
    if (t.type !== 'ident' || (value !== undefined && t.value !== value)) {
      this.fail(`expected ${value ? `"${value}"` : 'a name'} but found ${describe(t)}`, t.start);
    }
    this.take();
    return t.value;
  }

  private textFrom(start: number): string {
    return this.src.slice(start, this.lastEnd);
  }

  expectEnd(): void {
    const t = this.lexer.peek();
    if (t.type !== 'eof') this.fail(`unexpected ${describe(t)} after the expression`, t.start);
  }

  expression(): TfNode {
    this.depth++;
    this.enter();
    try {
      return this.conditional();
    } finally {
      this.depth--;
    }
  }

  private conditional(): TfNode {
    const start = this.lexer.peek().start;
    const cond = this.binary(0);
    if (!this.isPunct(this.lexer.peek(), '?')) return cond;
    this.take();
    const then = this.expression();
    this.expectPunct(':');
    const otherwise = this.expression();
    return { type: 'conditional', cond, then, else: otherwise, text: this.textFrom(start) };
  }

  private binary(level: number): TfNode {
    if (level >= LEVELS.length) return this.unary();
    const start = this.lexer.peek().start;
    let left = this.binary(level + 1);
    let chain = 0;
    for (;;) {
      const t = this.lexer.peek();
      if (t.type !== 'punct') return left;
      const op = t.value as BinaryOp;
      if (!LEVELS[level]!.includes(op)) return left;
      this.enter(++chain);
      this.take();
      const right = this.binary(level + 1);
      left = { type: 'binary', op, left, right, text: this.textFrom(start) };
    }
  }

  private unary(): TfNode {
    const t = this.lexer.peek();
    if (t.type === 'punct' && (t.value === '!' || t.value === '-')) {
      const op = t.value;
      this.take();
      this.depth++;
      this.enter();
      try {
        const operand = this.unary();
        return { type: 'unary', op, operand, text: this.textFrom(t.start) };
      } finally {
        this.depth--;
      }
    }
    const start = t.start;
    return this.postfix(this.primary(), start, 'free');
  }

  /**
   * Attribute, index and splat operators. In a splat, the operators that
   * follow (attributes only for `.*`, attributes and indexes for `[*]`) apply
   * to each element.
   */
  private postfix(base: TfNode, start: number, mode: 'free' | 'full' | 'attr'): TfNode {
    let node = base;
    let chain = 0;
    for (;;) {
      const t = this.lexer.peek();
      if (this.isPunct(t, '.')) {
        const n = this.lexer.peek(1);
        this.enter(++chain);
        if (n.type === 'ident') {
          this.take();
          this.take();
          node = { type: 'getattr', target: node, name: n.value, text: this.textFrom(start) };
        } else if (n.type === 'number') {
          this.take();
          this.take();
          const key = { type: 'literal' as const, value: n.value, text: String(n.value) };
          node = { type: 'index', target: node, key, text: this.textFrom(start) };
        } else if (this.isPunct(n, '*')) {
          this.take();
          this.take();
          const each = this.postfix({ type: 'splatItem', text: '' }, start, 'attr');
          node = { type: 'splat', source: node, each, text: this.textFrom(start) };
        } else {
          this.fail(`expected an attribute name after "." but found ${describe(n)}`, n.start);
        }
      } else if (this.isPunct(t, '[') && mode !== 'attr') {
        this.enter(++chain);
        if (this.isPunct(this.lexer.peek(1), '*') && this.isPunct(this.lexer.peek(2), ']')) {
          this.take();
          this.take();
          this.take();
          const each = this.postfix({ type: 'splatItem', text: '' }, start, 'full');
          node = { type: 'splat', source: node, each, text: this.textFrom(start) };
        } else {
          this.take();
          const key = this.expression();
          this.expectPunct(']');
          node = { type: 'index', target: node, key, text: this.textFrom(start) };
        }
      } else {
        return node;
      }
    }
  }

  private primary(): TfNode {
    const t = this.lexer.peek();
    switch (t.type) {
      case 'number':
        this.take();
        return { type: 'literal', value: t.value, text: this.textFrom(t.start) };
      case 'ident':
        return this.identifier();
      case 'oquote':
        this.take();
        return this.quotedTemplate(t.start);
      case 'heredoc':
        this.take();
        return this.heredoc(t.start, t.marker, t.indent);
      case 'eof':
        return this.fail('expected an expression but the text ended', t.start);
      case 'punct':
        if (t.value === '(') {
          this.take();
          const expr = this.expression();
          this.expectPunct(')');
          return { type: 'paren', expr, text: this.textFrom(t.start) };
        }
        if (t.value === '[') return this.tuple();
        if (t.value === '{') return this.object();
        return this.fail(`expected an expression but found ${describe(t)}`, t.start);
    }
  }

  private identifier(): TfNode {
    const t = this.take() as Extract<Token, { type: 'ident' }>;
    const next = this.lexer.peek();
    if (this.isPunct(next, '(')) return this.call(t.value, t.start);
    if (this.isPunct(next, '::')) {
      let name = t.value;
      while (this.isPunct(this.lexer.peek(), '::')) {
        this.take();
        name += '::' + this.expectIdent();
      }
      if (!this.isPunct(this.lexer.peek(), '(')) this.fail(`expected "(" after ${name}`, this.lexer.peek().start);
      return this.call(name, t.start);
    }
    if (t.value === 'true' || t.value === 'false') return { type: 'literal', value: t.value === 'true', text: t.value };
    if (t.value === 'null') return { type: 'literal', value: null, text: t.value };
    return { type: 'variable', name: t.value, text: t.value };
  }

  private call(name: string, start: number): TfNode {
    this.expectPunct('(');
    const args: TfNode[] = [];
    let expandLast = false;
    while (!this.isPunct(this.lexer.peek(), ')')) {
      if (expandLast) this.fail('the "..." expansion must be on the last argument', this.lexer.peek().start);
      args.push(this.expression());
      if (this.isPunct(this.lexer.peek(), '...')) {
        this.take();
        expandLast = true;
      }
      if (!this.isPunct(this.lexer.peek(), ',')) break;
      this.take();
    }
    this.expectPunct(')');
    return { type: 'call', name, args, expandLast, text: this.textFrom(start) };
  }

  private startsFor(): boolean {
    return this.isIdent(this.lexer.peek(), 'for') && this.isIdent(this.lexer.peek(1));
  }

  private tuple(): TfNode {
    const start = this.take().start;
    if (this.startsFor()) return this.forExpression(start, false);
    const items: TfNode[] = [];
    while (!this.isPunct(this.lexer.peek(), ']')) {
      items.push(this.expression());
      if (!this.isPunct(this.lexer.peek(), ',')) break;
      this.take();
    }
    this.expectPunct(']');
    return { type: 'tuple', items, text: this.textFrom(start) };
  }

  private object(): TfNode {
    const start = this.take().start;
    if (this.startsFor()) return this.forExpression(start, true);
    const items: { name?: string; key?: TfNode; value: TfNode }[] = [];
    while (!this.isPunct(this.lexer.peek(), '}')) {
      const k = this.lexer.peek();
      const sep = this.lexer.peek(1);
      let item: { name?: string; key?: TfNode };
      if (k.type === 'ident' && (this.isPunct(sep, '=') || this.isPunct(sep, ':'))) {
        this.take();
        item = { name: k.value };
      } else {
        item = { key: this.expression() };
      }
      const s = this.lexer.peek();
      if (!this.isPunct(s, '=') && !this.isPunct(s, ':')) this.fail(`expected "=" after an object key but found ${describe(s)}`, s.start);
      this.take();
      items.push({ ...item, value: this.expression() });
      if (this.isPunct(this.lexer.peek(), ',')) this.take();
    }
    this.expectPunct('}');
    return { type: 'object', items, text: this.textFrom(start) };
  }

  private forExpression(start: number, isObject: boolean): TfNode {
    this.expectIdent('for');
    const first = this.expectIdent();
    let keyVar: string | undefined;
    let valueVar = first;
    if (this.isPunct(this.lexer.peek(), ',')) {
      this.take();
      keyVar = first;
      valueVar = this.expectIdent();
    }
    this.expectIdent('in');
    const collection = this.expression();
    this.expectPunct(':');
    let keyExpr: TfNode | undefined;
    if (isObject) {
      keyExpr = this.expression();
      this.expectPunct('=>');
    }
    const valueExpr = this.expression();
    let group = false;
    if (isObject && this.isPunct(this.lexer.peek(), '...')) {
      this.take();
      group = true;
    }
    let cond: TfNode | undefined;
    if (this.isIdent(this.lexer.peek(), 'if')) {
      this.take();
      cond = this.expression();
    }
    this.expectPunct(isObject ? '}' : ']');
    const node: TfNode = { type: 'for', valueVar, collection, valueExpr, group, text: this.textFrom(start) };
    if (keyVar !== undefined) node.keyVar = keyVar;
    if (keyExpr) node.keyExpr = keyExpr;
    if (cond) node.cond = cond;
    return node;
  }

  private quotedTemplate(start: number): TemplateNode {
    const parts = this.templateParts('quoted');
    return { type: 'template', parts, text: this.textFrom(start) };
  }

  private heredoc(start: number, marker: string, indent: boolean): TemplateNode {
    let body = this.lexer.readHeredocBody(marker);
    this.lastEnd = this.lexer.pos;
    if (indent) body = dedent(body);
    this.depth++;
    this.enter();
    try {
      const inner = new Parser(new Lexer(body), this.depth);
      const parts = inner.templateParts('raw');
      return { type: 'template', parts, text: this.textFrom(start) };
    } finally {
      this.depth--;
    }
  }

  /** Read a whole template (up to its closing quote or the end of the text) into parts. */
  templateParts(mode: TemplateMode): TemplatePart[] {
    const flat: FlatItem[] = [];
    for (;;) {
      const chunk = this.lexer.readLiteral(mode);
      this.lastEnd = this.lexer.pos;
      flat.push({ t: 'lit', value: chunk.value });
      if (chunk.stop === 'quote' || chunk.stop === 'end') break;
      const start = chunk.stopAt;
      this.depth++;
      this.enter();
      try {
        if (chunk.stop === 'interp') {
          const expr = this.expression();
          const stripAfter = this.closeTemplateSequence();
          flat.push({ t: 'interp', expr, start, end: this.lastEnd, stripBefore: chunk.stripBefore, stripAfter });
        } else {
          flat.push(this.directive(start, chunk.stripBefore));
        }
      } finally {
        this.depth--;
      }
    }
    applyStripMarkers(flat);
    return buildParts(flat, this.src);
  }

  /** `~}` or `}` ending an interpolation or directive; true when it strips what follows. */
  private closeTemplateSequence(): boolean {
    let strip = false;
    if (this.isPunct(this.lexer.peek(), '~')) {
      this.take();
      strip = true;
    }
    this.expectPunct('}');
    return strip;
  }

  private directive(start: number, stripBefore: boolean): FlatItem {
    const keyword = this.expectIdent();
    switch (keyword) {
      case 'if': {
        const cond = this.expression();
        const stripAfter = this.closeTemplateSequence();
        return { t: 'if', cond, start, end: this.lastEnd, stripBefore, stripAfter };
      }
      case 'for': {
        const first = this.expectIdent();
        let keyVar: string | undefined;
        let valueVar = first;
        if (this.isPunct(this.lexer.peek(), ',')) {
          this.take();
          keyVar = first;
          valueVar = this.expectIdent();
        }
        this.expectIdent('in');
        const collection = this.expression();
        const stripAfter = this.closeTemplateSequence();
        const item: FlatItem = { t: 'for', valueVar, collection, start, end: this.lastEnd, stripBefore, stripAfter };
        if (keyVar !== undefined) item.keyVar = keyVar;
        return item;
      }
      case 'else':
      case 'endif':
      case 'endfor': {
        const stripAfter = this.closeTemplateSequence();
        return { t: keyword, start, end: this.lastEnd, stripBefore, stripAfter };
      }
      default:
        return this.fail(`unknown template directive "${keyword}"`, start);
    }
  }
}

function describe(t: Token): string {
  switch (t.type) {
    case 'eof':
      return 'the end of the expression';
    case 'oquote':
      return 'a string';
    case 'heredoc':
      return 'a heredoc';
    case 'number':
    case 'ident':
    case 'punct':
      return `"${t.value}"`;
  }
}

/** `~` next to `${`/`%{` or `}` removes the whitespace on that side, newlines included. */
function applyStripMarkers(flat: FlatItem[]): void {
  for (let i = 0; i < flat.length; i++) {
    const item = flat[i]!;
    if (item.t === 'lit') continue;
    const before = flat[i - 1];
    const after = flat[i + 1];
    if (item.stripBefore && before?.t === 'lit') before.value = before.value.replace(/\s+$/u, '');
    if (item.stripAfter && after?.t === 'lit') after.value = after.value.replace(/^\s+/u, '');
  }
}

/** Nest the flat list of literals, interpolations and directives into if/for parts. */
function buildParts(flat: FlatItem[], src: string): TemplatePart[] {
  let i = 0;
  const failure = (message: string, at: number): TfEvalError => new TfEvalError(`${message} at offset ${at}`);
  const sequence = (terminators: string[]): { parts: TemplatePart[]; end?: FlatItem } => {
    const parts: TemplatePart[] = [];
    while (i < flat.length) {
      const item = flat[i++]!;
      switch (item.t) {
        case 'lit':
          if (item.value !== '') parts.push({ kind: 'literal', value: item.value });
          break;
        case 'interp':
          parts.push({ kind: 'interp', expr: item.expr, text: src.slice(item.start, item.end) });
          break;
        case 'if': {
          const then = sequence(['else', 'endif']);
          let otherwise: TemplatePart[] = [];
          let end = then.end;
          if (end?.t === 'else') {
            const rest = sequence(['endif']);
            otherwise = rest.parts;
            end = rest.end;
          }
          if (!end || end.t !== 'endif') throw failure('%{if} without %{endif}', item.start);
          parts.push({ kind: 'if', cond: item.cond, then: then.parts, else: otherwise, text: src.slice(item.start, end.end) });
          break;
        }
        case 'for': {
          const body = sequence(['endfor']);
          if (!body.end || body.end.t !== 'endfor') throw failure('%{for} without %{endfor}', item.start);
          const stop = body.end;
          const part: TemplatePart = {
            kind: 'for',
            valueVar: item.valueVar,
            collection: item.collection,
            body: body.parts,
            text: src.slice(item.start, stop.end),
          };
          if (item.keyVar !== undefined) part.keyVar = item.keyVar;
          parts.push(part);
          break;
        }
        default:
          if (terminators.includes(item.t)) return { parts, end: item };
          throw failure(`unexpected %{${item.t}}`, item.start);
      }
    }
    return { parts };
  };
  const result = sequence([]);
  return result.parts;
}

/** `<<-` heredocs drop the indentation shared by all non-blank lines. */
function dedent(body: string): string {
  const lines = body.split('\n');
  let min = Infinity;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)![0].length;
    min = Math.min(min, indent);
  }
  if (!Number.isFinite(min) || min === 0) return body;
  return lines.map((l) => l.slice(Math.min(min, /^[ \t]*/.exec(l)![0].length))).join('\n');
}

function checkSize(src: string): void {
  if (src.length > MAX_SOURCE) throw new TfLimitError(`expression is ${src.length} characters long, more than ${MAX_SOURCE}`);
}

/** Parse HCL expression source (`merge(local.tags, { Name = "x" })`). Throws TfEvalError/TfLimitError. */
export function parseExpressionSource(src: string): TfNode {
  checkSize(src);
  const parser = new Parser(new Lexer(src), 0);
  const node = parser.expression();
  parser.expectEnd();
  return node;
}

/**
 * Parse a string as hcl2json hands it over: a template whose literal text
 * has no backslash escapes and whose `${…}`/`%{…}` hold HCL source.
 */
export function parseTemplateSource(src: string): TemplateNode {
  checkSize(src);
  const parser = new Parser(new Lexer(src), 0);
  const parts = parser.templateParts('raw');
  return { type: 'template', parts, text: src };
}
