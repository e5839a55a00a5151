// hclsyntax's recursive-descent parser (parser.go) over our tokens: the same
// grammar, the same newline sensitivity (newlines end attributes and object
// items but are ignored inside parentheses, brackets and templates), and the
// same first error. It stops at that first error instead of recovering,
// because hcl2json rejects a file on any error.
import { type Attribute, type Block, type Body, type Expr, Kind, isLiteral } from './ast.js';
import { isValidNumberLiteral } from './number.js';
import { decodeLiteral } from './string-literal.js';
import { HclSyntaxError, MAX_NESTING, nestingError } from './syntax-error.js';
import { parseTemplate } from './template.js';
import { Tok, type TokenList } from './tokens.js';

/** Binary operator precedence, lowest first, as hclsyntax's binaryOps table. */
const BINARY_LEVEL = new Int8Array(64).fill(-1);
BINARY_LEVEL[Tok.OR] = 0;
BINARY_LEVEL[Tok.AND] = 1;
BINARY_LEVEL[Tok.EQUAL_OP] = 2;
BINARY_LEVEL[Tok.NOT_EQUAL] = 2;
BINARY_LEVEL[Tok.GREATER] = 3;
BINARY_LEVEL[Tok.GREATER_EQ] = 3;
BINARY_LEVEL[Tok.LESS] = 3;
BINARY_LEVEL[Tok.LESS_EQ] = 3;
BINARY_LEVEL[Tok.PLUS] = 4;
BINARY_LEVEL[Tok.MINUS] = 4;
BINARY_LEVEL[Tok.STAR] = 5;
BINARY_LEVEL[Tok.SLASH] = 5;
BINARY_LEVEL[Tok.PERCENT] = 5;

/** Bracketing tokens as hclsyntax's recoverAfterBodyItem tracks them. */
const IS_OPENER: boolean[] = [];
for (const k of [Tok.OBRACE, Tok.OBRACK, Tok.OPAREN, Tok.OQUOTE, Tok.OHEREDOC, Tok.TEMPLATE_INTERP, Tok.TEMPLATE_CONTROL]) IS_OPENER[k] = true;
const OPENER_OF: Tok[] = [];
OPENER_OF[Tok.CBRACE] = Tok.OBRACE;
OPENER_OF[Tok.CBRACK] = Tok.OBRACK;
OPENER_OF[Tok.CPAREN] = Tok.OPAREN;
OPENER_OF[Tok.CQUOTE] = Tok.OQUOTE;
OPENER_OF[Tok.CHEREDOC] = Tok.OHEREDOC;

export class Parser {
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  private pos = 0;
  /** Whether newlines are significant here (hclsyntax's IncludeNewlinesStack). */
  private newlines = true;
  private readonly newlineStack: boolean[] = [];
  private depth = 0;

  constructor(
    readonly text: string,
    tokens: TokenList,
    private readonly fileName: string,
  ) {
    this.kinds = tokens.kinds;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
  }

  parseFile(): Body {
    return this.parseBody(Tok.EOF, 0);
  }

  // ---- token access -------------------------------------------------------

  /** Index of the next token, skipping newlines where they are not significant. */
  peek(): number {
    let i = this.pos;
    if (!this.newlines) while (this.kinds[i] === Tok.NEWLINE) i++;
    return i;
  }

  peekKind(): Tok {
    return this.kinds[this.peek()]!;
  }

  /** Consume and return the next token's index; at the end, EOF again and again. */
  read(): number {
    const i = this.peek();
    this.pos = this.kinds[i] === Tok.EOF ? i : i + 1;
    return i;
  }

  /** Index of the token read last. */
  lastRead(): number {
    return this.pos - 1;
  }

  pushNewlines(significant: boolean): void {
    this.newlineStack.push(this.newlines);
    this.newlines = significant;
  }

  popNewlines(): void {
    this.newlines = this.newlineStack.pop()!;
  }

  tokenText(i: number): string {
    return this.text.slice(this.starts[i], this.ends[i]);
  }

  isKeyword(i: number, word: string): boolean {
    const start = this.starts[i]!;
    return this.kinds[i] === Tok.IDENT && this.ends[i]! - start === word.length && this.text.startsWith(word, start);
  }

  enter(offset: number): void {
    if (++this.depth > MAX_NESTING) throw nestingError(offset);
  }

  leave(): void {
    this.depth--;
  }

  error(i: number, summary: string, detail: string): HclSyntaxError {
    return new HclSyntaxError(this.starts[i]!, summary, detail);
  }

  // ---- bodies -------------------------------------------------------------

  private parseBody(end: Tok, openOffset: number): Body {
    const body: Body = { attributes: new Map(), blocks: [] };
    for (;;) {
      const i = this.peek();
      const kind = this.kinds[i]!;
      if (kind === end) {
        this.read();
        return body;
      }
      if (kind === Tok.NEWLINE) {
        this.read();
        continue;
      }
      if (kind === Tok.IDENT) {
        this.parseBodyItem(body);
        continue;
      }
      if (kind === Tok.OQUOTE) throw this.error(i, 'Invalid argument name', 'Argument names must not be quoted.');
      if (kind === Tok.EOF) {
        throw new HclSyntaxError(
          openOffset,
          'Unclosed configuration block',
          'There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
        );
      }
      throw this.error(i, 'Argument or block definition required', 'An argument or block definition is required here.');
    }
  }

  private parseBodyItem(body: Body): void {
    const ident = this.read();
    const next = this.peekKind();
    if (next === Tok.EQUAL) {
      this.addAttribute(body, ident, this.finishAttribute(ident, false));
    } else if (next === Tok.OQUOTE || next === Tok.OBRACE || next === Tok.IDENT) {
      body.blocks.push(this.finishBlock(ident));
    } else {
      throw this.error(
        ident,
        'Argument or block definition required',
        'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
      );
    }
  }

  private addAttribute(body: Body, ident: number, attr: Attribute): void {
    const name = this.tokenText(ident);
    const existing = body.attributes.get(name);
    if (existing) {
      const { line, column } = lineColumnOf(this.text, existing.nameStart);
      throw this.error(
        ident,
        'Attribute redefined',
        `The argument ${JSON.stringify(name)} was already set at ${this.fileName}:${line},${column}. Each argument may be set only once.`,
      );
    }
    body.attributes.set(name, attr);
  }

  private finishAttribute(ident: number, singleLine: boolean): Attribute {
    this.read(); // "="
    const expr = this.parseExpression();
    if (!singleLine) {
      const end = this.peek();
      const kind = this.kinds[end];
      if (kind === Tok.COMMA) {
        throw this.error(
          end,
          'Unexpected comma after argument',
          'Argument definitions must be separated by newlines, not commas. An argument definition must end with a newline.',
        );
      }
      if (kind !== Tok.NEWLINE && kind !== Tok.EOF) {
        throw this.error(end, 'Missing newline after argument', 'An argument definition must end with a newline.');
      }
      this.read();
    }
    return { nameStart: this.starts[ident]!, nameEnd: this.ends[ident]!, expr };
  }

  private finishBlock(ident: number): Block {
    const labels: string[] = [];
    let oBrace: number;
    for (;;) {
      const i = this.peek();
      const kind = this.kinds[i];
      if (kind === Tok.OBRACE) {
        oBrace = this.read();
        break;
      }
      if (kind === Tok.OQUOTE) {
        labels.push(this.parseQuotedStringLiteral());
      } else if (kind === Tok.IDENT) {
        labels.push(this.tokenText(this.read()));
      } else if (kind === Tok.EQUAL) {
        throw this.error(
          i,
          'Invalid block definition',
          'The equals sign "=" indicates an argument definition, and must not be used when defining a block.',
        );
      } else if (kind === Tok.NEWLINE) {
        throw this.error(
          i,
          'Invalid block definition',
          'A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.',
        );
      } else {
        throw this.error(i, 'Invalid block definition', 'Either a quoted string block label or an opening brace ("{") is expected here.');
      }
    }

    this.enter(this.starts[oBrace]!);
    let body: Body;
    const first = this.peekKind();
    if (first === Tok.NEWLINE || first === Tok.EOF || first === Tok.CBRACE) {
      body = this.parseBody(Tok.CBRACE, this.starts[oBrace]!);
    } else {
      body = this.parseSingleAttrBody();
      const close = this.peek();
      switch (this.kinds[close]) {
        case Tok.CBRACE:
          this.read();
          break;
        case Tok.COMMA:
          throw this.error(
            close,
            'Invalid single-argument block definition',
            'Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.',
          );
        case Tok.NEWLINE:
          throw this.error(
            close,
            'Invalid single-argument block definition',
            "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.",
          );
        case Tok.EOF:
          throw this.error(
            oBrace,
            'Unclosed configuration block',
            'There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
          );
        default:
          throw this.error(
            close,
            'Invalid single-argument block definition',
            'A single-line block definition must end with a closing brace immediately after its single argument definition.',
          );
      }
    }
    this.leave();

    const eol = this.peek();
    if (this.kinds[eol] !== Tok.NEWLINE && this.kinds[eol] !== Tok.EOF) {
      throw this.error(eol, 'Missing newline after block definition', 'A block definition must end with a newline.');
    }
    this.read();
    return { type: this.tokenText(ident), typeStart: this.starts[ident]!, labels, body };
  }

  /** `label { name = value }` all on one line. */
  private parseSingleAttrBody(): Body {
    const ident = this.read();
    if (this.kinds[ident] !== Tok.IDENT) {
      throw this.singleAttrBodyError(ident, 'Argument or block definition required', 'An argument or block definition is required here.');
    }
    const next = this.peekKind();
    if (next === Tok.OQUOTE || next === Tok.OBRACE || next === Tok.IDENT) {
      throw this.singleAttrBodyError(
        ident,
        'Argument definition required',
        `A single-line block definition can contain only a single argument. If you meant to define argument ${JSON.stringify(this.tokenText(ident))}, use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.`,
      );
    }
    if (next !== Tok.EQUAL) {
      throw this.singleAttrBodyError(
        ident,
        'Argument or block definition required',
        'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
      );
    }
    const attr = this.finishAttribute(ident, true);
    return { attributes: new Map([[this.tokenText(ident), attr]]), blocks: [] };
  }

  /**
   * hclsyntax skips the rest of the line after a bad single-line block body
   * and then reports what it finds there before the body's own error: a
   * comma or a newline makes "Invalid single-argument block definition".
   */
  private singleAttrBodyError(at: number, summary: string, detail: string): HclSyntaxError {
    const open: Tok[] = [];
    let i = at + 1;
    for (; ; i++) {
      const kind = this.kinds[i]!;
      if (kind === Tok.EOF) break;
      if (kind === Tok.NEWLINE) {
        if (open.length === 0) {
          i++;
          break;
        }
      } else if (kind === Tok.TEMPLATE_SEQ_END) {
        while (open.length > 0) {
          const top = open.pop();
          if (top === Tok.TEMPLATE_INTERP || top === Tok.TEMPLATE_CONTROL) break;
        }
      } else if (OPENER_OF[kind] !== undefined) {
        const opener = OPENER_OF[kind];
        while (open.length > 0 && open.pop() !== opener);
      } else if (IS_OPENER[kind]) {
        open.push(kind);
      }
    }
    const next = this.kinds[i];
    if (next === Tok.COMMA) {
      return this.error(
        i,
        'Invalid single-argument block definition',
        'Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.',
      );
    }
    if (next === Tok.NEWLINE) {
      return this.error(
        i,
        'Invalid single-argument block definition',
        "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.",
      );
    }
    return this.error(at, summary, detail);
  }

  /** A block label: a quoted string without template sequences. */
  private parseQuotedStringLiteral(): string {
    const open = this.read();
    let value = '';
    for (;;) {
      const i = this.read();
      switch (this.kinds[i]) {
        case Tok.CQUOTE:
          return value;
        case Tok.QUOTED_LIT:
          value += decodeLiteral(this.text, this.starts[i]!, this.ends[i]!, true);
          break;
        case Tok.TEMPLATE_INTERP:
        case Tok.TEMPLATE_CONTROL: {
          const which = this.kinds[i] === Tok.TEMPLATE_INTERP ? '$' : '%';
          throw this.error(
            i,
            'Invalid string literal',
            `Template sequences are not allowed in this string. To include a literal "${which}", double it (as "${which}${which}") to escape it.`,
          );
        }
        case Tok.EOF:
          throw new HclSyntaxError(
            this.starts[open]!,
            'Unterminated string literal',
            'Unable to find the closing quote mark before the end of the file.',
          );
        default:
          throw this.error(i, 'Invalid string literal', 'This item is not valid in a string literal.');
      }
    }
  }

  // ---- expressions --------------------------------------------------------

  parseExpression(): Expr {
    this.enter(this.starts[this.peek()]!);
    const condition = this.parseBinary(0);
    if (this.peekKind() !== Tok.QUESTION) {
      this.leave();
      return condition;
    }
    this.read();
    const whenTrue = this.parseExpression();
    const colon = this.peek();
    if (this.kinds[colon] !== Tok.COLON) {
      throw this.error(
        colon,
        'Missing false expression in conditional',
        'The conditional operator (...?...:...) requires a false expression, delimited by a colon.',
      );
    }
    this.read();
    const whenFalse = this.parseExpression();
    this.leave();
    return { kind: Kind.CONDITIONAL, start: condition.start, end: whenFalse.end, condition, whenTrue, whenFalse };
  }

  /** Left-associative binary operators by precedence climbing (same trees as hclsyntax's parseBinaryOps). */
  private parseBinary(minLevel: number): Expr {
    let lhs = this.parseOperand();
    for (;;) {
      const level = BINARY_LEVEL[this.peekKind()]!;
      if (level < minLevel) return lhs;
      this.read();
      const rhs = this.parseBinary(level + 1);
      lhs = { kind: Kind.OTHER, start: lhs.start, end: rhs.end };
    }
  }

  /** A term and its traversal steps (hclsyntax parseExpressionWithTraversals). */
  private parseOperand(): Expr {
    return this.parseTraversals(this.parseTerm());
  }

  private parseTerm(): Expr {
    const i = this.peek();
    const start = this.starts[i]!;
    switch (this.kinds[i]) {
      case Tok.OPAREN: {
        this.read();
        this.pushNewlines(false);
        this.parseExpression();
        const close = this.peek();
        if (this.kinds[close] !== Tok.CPAREN) {
          throw this.error(close, 'Unbalanced parentheses', 'Expected a closing parenthesis to terminate the expression.');
        }
        this.read();
        this.popNewlines();
        return { kind: Kind.OTHER, start, end: this.ends[close]! };
      }
      case Tok.NUMBER: {
        this.read();
        const raw = this.tokenText(i);
        if (!isValidNumberLiteral(raw)) {
          throw this.error(i, 'Invalid number literal', 'Failed to recognize the value of this number literal.');
        }
        return { kind: Kind.NUMBER, start, end: this.ends[i]!, raw };
      }
      case Tok.IDENT: {
        this.read();
        const next = this.peekKind();
        if (next === Tok.OPAREN || next === Tok.DOUBLE_COLON) return this.finishFunctionCall(i);
        const end = this.ends[i]!;
        if (this.isKeyword(i, 'true')) return { kind: Kind.KEYWORD, start, end, value: true };
        if (this.isKeyword(i, 'false')) return { kind: Kind.KEYWORD, start, end, value: false };
        if (this.isKeyword(i, 'null')) return { kind: Kind.KEYWORD, start, end, value: null };
        return { kind: Kind.TRAVERSAL, start, end };
      }
      case Tok.OQUOTE:
      case Tok.OHEREDOC: {
        this.read();
        const heredoc = this.kinds[i] === Tok.OHEREDOC;
        const flush = heredoc && this.text.charCodeAt(start + 2) === 0x2d; // <<-
        const { parts, passthrough } = parseTemplate(this, heredoc ? Tok.CHEREDOC : Tok.CQUOTE, flush);
        const end = this.ends[this.lastRead()]!; // the closing quote or marker
        if (passthrough) return { kind: Kind.WRAP, start, end, inner: parts[0]! };
        return { kind: Kind.TEMPLATE, start, end, parts };
      }
      case Tok.MINUS:
      case Tok.BANG: {
        this.read();
        this.enter(start);
        const operand = this.parseOperand();
        this.leave();
        return { kind: Kind.UNARY, start, end: operand.end, negate: this.kinds[i] === Tok.MINUS, operand };
      }
      case Tok.OBRACK:
        return this.parseTuple();
      case Tok.OBRACE:
        return this.parseObject();
      case Tok.EOF:
        throw this.error(i, 'Missing expression', 'Expected the start of an expression, but found the end of the file.');
      default:
        throw this.error(i, 'Invalid expression', 'Expected the start of an expression, but found an invalid expression token.');
    }
  }

  private parseTraversals(from: Expr): Expr {
    let expr = from;
    for (;;) {
      const kind = this.peekKind();
      if (kind === Tok.DOT) {
        this.read();
        const attr = this.peek();
        switch (this.kinds[attr]) {
          case Tok.IDENT:
            this.read();
            expr = extendTraversal(expr, this.ends[attr]!);
            break;
          case Tok.NUMBER:
            this.read();
            this.checkLegacyIndex(attr);
            expr = extendTraversal(expr, this.ends[attr]!);
            break;
          case Tok.STAR:
            expr = { kind: Kind.OTHER, start: expr.start, end: this.finishAttributeSplat() };
            break;
          default:
            throw this.error(attr, 'Invalid attribute name', 'An attribute name is required after a dot.');
        }
      } else if (kind === Tok.OBRACK) {
        const open = this.read();
        if (this.peekKind() === Tok.STAR) {
          this.read();
          const close = this.read();
          if (this.kinds[close] !== Tok.CBRACK) {
            throw this.error(
              this.recoveredBracket(close),
              'Missing close bracket on splat index',
              'The star for a full splat operator must be immediately followed by a closing bracket ("]").',
            );
          }
          this.enter(this.starts[open]!);
          const each = this.parseTraversals({ kind: Kind.OTHER, start: this.starts[open]!, end: this.ends[close]! });
          this.leave();
          expr = { kind: Kind.OTHER, start: expr.start, end: each.end };
        } else {
          this.pushNewlines(false);
          const key = this.parseExpression();
          const close = this.read();
          if (this.kinds[close] !== Tok.CBRACK) {
            throw this.error(
              this.recoveredBracket(close),
              'Missing close bracket on index',
              'The index operator must end with a closing bracket ("]").',
            );
          }
          this.popNewlines();
          const constantKey = isLiteral(key) || (key.kind === Kind.TEMPLATE && key.parts.length === 1 && isLiteral(key.parts[0]!));
          expr = constantKey ? extendTraversal(expr, this.ends[close]!) : { kind: Kind.OTHER, start: expr.start, end: this.ends[close]! };
        }
      } else {
        return expr;
      }
    }
  }

  /**
   * Where hclsyntax reports a missing "]": its diagnostic points at the
   * variable it then reuses for recovery, so at the next unnested "]" (or the
   * end of the file) after the token that was found instead.
   */
  private recoveredBracket(found: number): number {
    let nest = 0;
    if (this.kinds[found] === Tok.EOF) return found;
    for (let i = found + 1; ; i++) {
      const kind = this.kinds[i];
      if (kind === Tok.EOF) return i;
      if (kind === Tok.OBRACK) nest++;
      else if (kind === Tok.CBRACK && nest-- === 0) return i;
    }
  }

  /** `.0`-style index from HIL days; `.0.1` reads as one number and is refused. */
  private checkLegacyIndex(i: number): void {
    const raw = this.tokenText(i);
    const dot = raw.indexOf('.');
    if (dot >= 0) {
      throw this.error(
        i,
        'Invalid legacy index syntax',
        `When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like [${raw.slice(0, dot)}][${raw.slice(dot + 1)}].`,
      );
    }
    if (!isValidNumberLiteral(raw)) throw this.error(i, 'Invalid number literal', 'Failed to recognize the value of this number literal.');
  }

  /** After `.`, at `*`: the attribute-only splat `.*.a.b`; returns its end offset. */
  private finishAttributeSplat(): number {
    let end = this.ends[this.read()]!;
    while (this.peekKind() === Tok.DOT) {
      this.read();
      const step = this.peek();
      const kind = this.kinds[step];
      if (kind === Tok.NUMBER) {
        this.read();
        this.checkLegacyIndex(step);
      } else if (kind === Tok.IDENT) {
        this.read();
      } else if (kind === Tok.STAR) {
        throw this.error(
          step,
          'Nested splat expression not allowed',
          'A splat expression (*) cannot be used inside another attribute-only splat expression.',
        );
      } else {
        throw this.error(step, 'Invalid attribute name', 'An attribute name is required after a dot.');
      }
      end = this.ends[step]!;
    }
    return end;
  }

  private finishFunctionCall(name: number): Expr {
    let open = this.read();
    while (this.kinds[open] === Tok.DOUBLE_COLON) {
      const next = this.read();
      if (this.kinds[next] !== Tok.IDENT) {
        throw this.error(
          next,
          'Missing function name',
          'Function scope resolution symbol :: must be followed by a function name in this scope.',
        );
      }
      open = this.read();
    }
    if (this.kinds[open] !== Tok.OPAREN) {
      throw this.error(open, 'Missing open parenthesis', 'Function selector must be followed by an open parenthesis to begin the function call.');
    }
    this.pushNewlines(false);
    let close: number;
    for (;;) {
      if (this.peekKind() === Tok.CPAREN) {
        close = this.read();
        break;
      }
      this.parseExpression();
      const sep = this.read();
      const kind = this.kinds[sep];
      if (kind === Tok.CPAREN) {
        close = sep;
        break;
      }
      if (kind === Tok.ELLIPSIS) {
        if (this.peekKind() !== Tok.CPAREN) {
          throw this.error(
            sep,
            'Missing closing parenthesis',
            'An expanded function argument (with ...) must be immediately followed by closing parentheses.',
          );
        }
        close = this.read();
        break;
      }
      if (kind === Tok.EOF) {
        throw this.error(
          name,
          'Unterminated function call',
          'There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parenthesis nesting elsewhere in this file.',
        );
      }
      if (kind !== Tok.COMMA) {
        throw this.error(sep, 'Missing argument separator', 'A comma is required to separate each function argument from the next.');
      }
      if (this.peekKind() === Tok.CPAREN) {
        close = this.read();
        break;
      }
    }
    this.popNewlines();
    return { kind: Kind.OTHER, start: this.starts[name]!, end: this.ends[close]! };
  }

  private parseTuple(): Expr {
    const open = this.read();
    this.pushNewlines(false);
    if (this.isKeyword(this.peek(), 'for')) {
      const expr = this.finishForExpr(open, Tok.CBRACK);
      this.popNewlines();
      return expr;
    }
    const items: Expr[] = [];
    let close: number;
    for (;;) {
      if (this.peekKind() === Tok.CBRACK) {
        close = this.read();
        break;
      }
      items.push(this.parseExpression());
      const next = this.peek();
      const kind = this.kinds[next];
      if (kind === Tok.CBRACK) {
        close = this.read();
        break;
      }
      if (kind === Tok.EOF) {
        throw this.error(
          open,
          'Unterminated tuple constructor expression',
          'There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.',
        );
      }
      if (kind !== Tok.COMMA) throw this.error(next, 'Missing item separator', 'Expected a comma to mark the beginning of the next item.');
      this.read();
    }
    this.popNewlines();
    return { kind: Kind.TUPLE, start: this.starts[open]!, end: this.ends[close]!, items };
  }

  private parseObject(): Expr {
    const open = this.read();
    // `for` is looked for across newlines; object items are newline-separated.
    this.pushNewlines(false);
    const isFor = this.isKeyword(this.peek(), 'for');
    this.popNewlines();
    if (isFor) {
      this.pushNewlines(false);
      const expr = this.finishForExpr(open, Tok.CBRACE);
      this.popNewlines();
      return expr;
    }
    this.pushNewlines(true);
    const keys: Expr[] = [];
    const values: Expr[] = [];
    let close: number;
    for (;;) {
      const next = this.peekKind();
      if (next === Tok.NEWLINE) {
        this.read();
        continue;
      }
      if (next === Tok.CBRACE) {
        close = this.read();
        break;
      }
      const key = this.parseExpression();
      const sep = this.peek();
      const sepKind = this.kinds[sep];
      if (sepKind !== Tok.EQUAL && sepKind !== Tok.COLON) {
        if (sepKind === Tok.NEWLINE || sepKind === Tok.COMMA) {
          throw this.error(sep, 'Missing attribute value', 'Expected an attribute value, introduced by an equals sign ("=").');
        }
        if (sepKind === Tok.EOF) throw this.unterminatedObject(open);
        throw this.error(
          sep,
          'Missing key/value separator',
          sepKind === Tok.IDENT
            ? 'Expected an equals sign ("=") to mark the beginning of the attribute value. If you intended to given an attribute name containing periods or spaces, write the name in quotes to create a string literal.'
            : 'Expected an equals sign ("=") to mark the beginning of the attribute value.',
        );
      }
      this.read();
      keys.push(key);
      values.push(this.parseExpression());
      const after = this.peek();
      const afterKind = this.kinds[after];
      if (afterKind === Tok.CBRACE) {
        close = this.read();
        break;
      }
      if (afterKind !== Tok.COMMA && afterKind !== Tok.NEWLINE) {
        if (afterKind === Tok.EOF) throw this.unterminatedObject(open);
        throw this.error(after, 'Missing attribute separator', 'Expected a newline or comma to mark the beginning of the next attribute.');
      }
      this.read();
    }
    this.popNewlines();
    return { kind: Kind.OBJECT, start: this.starts[open]!, end: this.ends[close]!, keys, values };
  }

  private unterminatedObject(open: number): HclSyntaxError {
    return this.error(
      open,
      'Unterminated object constructor expression',
      'There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
    );
  }

  /** `[for …]` or `{for …}` after the opening bracket; hclsyntax finishParsingForExpr. */
  private finishForExpr(open: number, closeKind: Tok): Expr {
    const makeObject = closeKind === Tok.CBRACE;
    const invalid = (i: number, detail: string): HclSyntaxError => this.error(i, "Invalid 'for' expression", detail);
    this.pushNewlines(false);
    this.read(); // "for"
    if (this.peekKind() !== Tok.IDENT) throw invalid(this.peek(), "For expression requires variable name after 'for'.");
    this.read();
    if (this.peekKind() === Tok.COMMA) {
      this.read();
      if (this.peekKind() !== Tok.IDENT) throw invalid(this.peek(), 'For expression requires value variable name after comma.');
      this.read();
    }
    if (!this.isKeyword(this.peek(), 'in')) throw invalid(this.peek(), "For expression requires the 'in' keyword after its name declarations.");
    this.read();
    this.parseExpression();
    if (this.peekKind() !== Tok.COLON) throw invalid(this.peek(), 'For expression requires a colon after the collection expression.');
    this.read();
    let valueExpr = this.parseExpression();
    let keyExpr: Expr | undefined;
    if (this.peekKind() === Tok.FAT_ARROW) {
      this.read();
      keyExpr = valueExpr;
      valueExpr = this.parseExpression();
    }
    let ellipsis = -1;
    if (this.peekKind() === Tok.ELLIPSIS) ellipsis = this.read();
    if (this.isKeyword(this.peek(), 'if')) {
      this.read();
      this.parseExpression();
    }
    if (this.peekKind() !== closeKind) throw invalid(this.peek(), "Extra characters after the end of the 'for' expression.");
    const close = this.read();
    if (!makeObject && keyExpr) {
      throw new HclSyntaxError(keyExpr.start, "Invalid 'for' expression", 'Key expression is not valid when building a tuple.');
    }
    if (!makeObject && ellipsis >= 0) throw invalid(ellipsis, 'Grouping ellipsis (...) cannot be used when building a tuple.');
    if (makeObject && !keyExpr) {
      throw new HclSyntaxError(valueExpr.start, "Invalid 'for' expression", 'Key expression is required when building an object.');
    }
    this.popNewlines();
    return { kind: Kind.OTHER, start: this.starts[open]!, end: this.ends[close]! };
  }
}

/** hclsyntax makeRelativeTraversal: a constant step keeps a variable traversal one; after anything else it is just an expression. */
function extendTraversal(expr: Expr, end: number): Expr {
  if (expr.kind === Kind.TRAVERSAL) {
    expr.end = end;
    return expr;
  }
  return { kind: Kind.OTHER, start: expr.start, end };
}

/** 1-based line and column (in code points) of an offset. */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  let column = 1;
  for (let i = lineStart; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) column++; // a low surrogate belongs to the code point before it
  }
  return { line, column };
}
