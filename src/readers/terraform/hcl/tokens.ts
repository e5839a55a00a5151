// Token kinds of HCL's native syntax, as hclsyntax's scanner emits them.
// Comments are not tokens here: a line comment that ends in a newline is
// emitted as a NEWLINE (hclsyntax's peeker turns it into one), any other
// comment is dropped. Tokens that hclsyntax always reports as errors (";",
// "&", a lone "\r", …) stop the lexer instead of being emitted.

export const enum Tok {
  EOF,
  NEWLINE,
  IDENT,
  NUMBER,
  OBRACE,
  CBRACE,
  OBRACK,
  CBRACK,
  OPAREN,
  CPAREN,
  OQUOTE,
  CQUOTE,
  OHEREDOC,
  CHEREDOC,
  STAR,
  SLASH,
  PLUS,
  MINUS,
  PERCENT,
  EQUAL,
  EQUAL_OP,
  NOT_EQUAL,
  LESS,
  LESS_EQ,
  GREATER,
  GREATER_EQ,
  AND,
  OR,
  BANG,
  DOT,
  COMMA,
  DOUBLE_COLON,
  ELLIPSIS,
  FAT_ARROW,
  QUESTION,
  COLON,
  /** `${` or `${~` inside a template. */
  TEMPLATE_INTERP,
  /** `%{` or `%{~` inside a template. */
  TEMPLATE_CONTROL,
  /** `}` or `~}` closing a template sequence. */
  TEMPLATE_SEQ_END,
  /** Literal text of a quoted template; may hold backslash escapes. */
  QUOTED_LIT,
  /** Literal text of a heredoc template; no backslash escapes. */
  STRING_LIT,
}

/** Token stream in parallel arrays: kind and [start, end) offsets into the source text. */
export class TokenList {
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;

  constructor(capacity: number) {
    const size = Math.max(16, capacity);
    this.kinds = new Uint8Array(size);
    this.starts = new Int32Array(size);
    this.ends = new Int32Array(size);
  }

  /** Empty the list for reuse, keeping its storage. */
  clear(): void {
    this.length = 0;
  }

  /** Tokens it can hold without growing. */
  get capacity(): number {
    return this.kinds.length;
  }

  push(kind: Tok, start: number, end: number): void {
    if (this.length === this.kinds.length) this.grow();
    const i = this.length++;
    this.kinds[i] = kind;
    this.starts[i] = start;
    this.ends[i] = end;
  }

  private grow(): void {
    const size = this.kinds.length * 2;
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    const starts = new Int32Array(size);
    starts.set(this.starts);
    const ends = new Int32Array(size);
    ends.set(this.ends);
    this.kinds = kinds;
    this.starts = starts;
    this.ends = ends;
  }
}
