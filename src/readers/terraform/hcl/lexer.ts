// HCL's scanner (hclsyntax scan_tokens.rl) by hand: the same tokens at the
// same offsets, with the same three modes (expressions, quoted templates,
// heredoc templates) and the same brace counting that decides whether a "}"
// closes an object or a `${`/`%{` sequence. One pass, no backtracking beyond
// a few characters, so it is linear in the input.
import { isGoSpace } from './go-space.js';
import { HclSyntaxError } from './syntax-error.js';
import { Tok, TokenList } from './tokens.js';
import { isNonAsciiIdContinue, isNonAsciiIdStart } from './unicode-ident.js';

const enum Mode {
  EXPRESSION,
  QUOTED,
  HEREDOC,
}

interface OpenHeredoc {
  marker: string;
  /** The next literal starts a line, so it may be the closing marker. */
  startOfLine: boolean;
}

const enum Ch {
  TAB = 0x09,
  LF = 0x0a,
  CR = 0x0d,
  SPACE = 0x20,
  BANG = 0x21,
  QUOTE = 0x22,
  HASH = 0x23,
  DOLLAR = 0x24,
  PERCENT = 0x25,
  AMP = 0x26,
  APOSTROPHE = 0x27,
  LPAREN = 0x28,
  RPAREN = 0x29,
  STAR = 0x2a,
  PLUS = 0x2b,
  COMMA = 0x2c,
  MINUS = 0x2d,
  DOT = 0x2e,
  SLASH = 0x2f,
  ZERO = 0x30,
  NINE = 0x39,
  COLON = 0x3a,
  SEMICOLON = 0x3b,
  LT = 0x3c,
  EQ = 0x3d,
  GT = 0x3e,
  QUESTION = 0x3f,
  UPPER_E = 0x45,
  LBRACK = 0x5b,
  BACKSLASH = 0x5c,
  RBRACK = 0x5d,
  CARET = 0x5e,
  UNDERSCORE = 0x5f,
  BACKTICK = 0x60,
  LOWER_E = 0x65,
  LBRACE = 0x7b,
  PIPE = 0x7c,
  RBRACE = 0x7d,
  TILDE = 0x7e,
}

const ID_START = 1;
const ID_CONTINUE = 2;
/** ASCII identifier classes; a "-" may continue an identifier but not start it. */
const ASCII_ID = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (letter || c === Ch.UNDERSCORE) ASCII_ID[c] = ID_START | ID_CONTINUE;
  else if ((c >= Ch.ZERO && c <= Ch.NINE) || c === Ch.MINUS) ASCII_ID[c] = ID_CONTINUE;
}

function isDigit(c: number): boolean {
  return c >= Ch.ZERO && c <= Ch.NINE;
}

function codePointAt(text: string, i: number): number {
  return text.codePointAt(i)!;
}

function invalidCharacter(offset: number, text: string): HclSyntaxError {
  const c = text.charCodeAt(offset);
  if (c === 0x201c || c === 0x201d) {
    return new HclSyntaxError(
      offset,
      'Invalid character',
      '"Curly quotes" are not valid here. These can sometimes be inadvertently introduced when sharing code via documents or discussion forums. It might help to replace the character with a "straight quote".',
    );
  }
  return new HclSyntaxError(offset, 'Invalid character', 'This character is not used within the language.');
}

function bitwiseOperator(offset: number, suggestion: string): HclSyntaxError {
  return new HclSyntaxError(offset, 'Unsupported operator', `Bitwise operators are not supported.${suggestion}`);
}

/** Offset just past the identifier starting at `i`, or `i` when none starts there. */
function identEnd(text: string, i: number): number {
  const n = text.length;
  if (i >= n) return i;
  const first = text.charCodeAt(i);
  if (first < 128) {
    if ((ASCII_ID[first]! & ID_START) === 0) return i;
    i++;
  } else {
    const cp = codePointAt(text, i);
    if (!isNonAsciiIdStart(cp)) return i;
    i += cp > 0xffff ? 2 : 1;
  }
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if ((ASCII_ID[c]! & ID_CONTINUE) === 0) break;
      i++;
    } else {
      const cp = codePointAt(text, i);
      if (!isNonAsciiIdContinue(cp)) break;
      i += cp > 0xffff ? 2 : 1;
    }
  }
  return i;
}

/**
 * End of a number literal starting with the digit at `start`: digits, dots and
 * exponents (`e`, `E`, optional sign, digit) in any order, never ending in a dot.
 * Forms like `1.2.3` are tokens here and rejected by the parser, as in HCL.
 */
function numberEnd(text: string, start: number): number {
  const n = text.length;
  let p = start + 1;
  let end = p;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (isDigit(c)) {
      p++;
      end = p;
    } else if (c === Ch.DOT) {
      p++;
    } else if (c === Ch.LOWER_E || c === Ch.UPPER_E) {
      let q = p + 1;
      const sign = text.charCodeAt(q);
      if (sign === Ch.PLUS || sign === Ch.MINUS) q++;
      if (q < n && isDigit(text.charCodeAt(q))) {
        p = q + 1;
        end = p;
      } else break;
    } else break;
  }
  return end;
}

/** Characters that make a one-character token unless a two-character operator starts with them. */
const SINGLE = new Uint8Array(128);
SINGLE[Ch.LBRACK] = Tok.OBRACK;
SINGLE[Ch.RBRACK] = Tok.CBRACK;
SINGLE[Ch.LPAREN] = Tok.OPAREN;
SINGLE[Ch.RPAREN] = Tok.CPAREN;
SINGLE[Ch.COMMA] = Tok.COMMA;
SINGLE[Ch.STAR] = Tok.STAR;
SINGLE[Ch.PLUS] = Tok.PLUS;
SINGLE[Ch.MINUS] = Tok.MINUS;
SINGLE[Ch.PERCENT] = Tok.PERCENT;
SINGLE[Ch.QUESTION] = Tok.QUESTION;
SINGLE[Ch.DOT] = Tok.DOT;
SINGLE[Ch.COLON] = Tok.COLON;
SINGLE[Ch.EQ] = Tok.EQUAL;
SINGLE[Ch.BANG] = Tok.BANG;
SINGLE[Ch.GT] = Tok.GREATER;

/** Two-character operators, indexed by (first << 7) | second. */
const PAIR = new Uint8Array(128 * 128);
const pair = (a: string, b: string, kind: Tok): void => {
  PAIR[(a.charCodeAt(0) << 7) | b.charCodeAt(0)] = kind;
};
pair('=', '=', Tok.EQUAL_OP);
pair('=', '>', Tok.FAT_ARROW);
pair('!', '=', Tok.NOT_EQUAL);
pair('>', '=', Tok.GREATER_EQ);
pair(':', ':', Tok.DOUBLE_COLON);

/**
 * Tokenize a whole file, into `tokens` when given (cleared first, to reuse its
 * storage). Throws HclSyntaxError at the first token hclsyntax reports as invalid.
 */
export function lex(text: string, tokens = new TokenList(text.length >> 2)): TokenList {
  tokens.clear();
  new Lexer(text, tokens).run();
  return tokens;
}

/**
 * One method per scanner mode, each looping until the mode changes; rare
 * characters go through `special` so the hot loops stay small and settle
 * quickly in the JIT.
 */
class Lexer {
  private mode = Mode.EXPRESSION;
  /** Modes to return to, innermost last (hclsyntax's fcall stack). */
  private readonly modes: Mode[] = [];
  private readonly heredocs: OpenHeredoc[] = [];
  /** Open braces; a "}" closes a template sequence when it matches the top of `templateBraces`. */
  private braces = 0;
  private readonly templateBraces: number[] = [];
  /** The next "*" + "/" at or after some offset, so many unclosed "/" + "*" cost one search. */
  private commentClose = -2;

  constructor(
    private readonly text: string,
    private readonly tokens: TokenList,
  ) {}

  run(): void {
    const n = this.text.length;
    let p = 0;
    while (p < n) {
      if (this.mode === Mode.EXPRESSION) p = this.expression(p);
      else if (this.mode === Mode.QUOTED) p = this.quoted(p);
      else p = this.heredoc(p);
    }
    this.tokens.push(Tok.EOF, n, n);
  }

  private push(mode: Mode): void {
    this.modes.push(this.mode);
    this.mode = mode;
  }

  private pop(): void {
    this.mode = this.modes.pop()!;
  }

  private expression(p: number): number {
    const { text, tokens } = this;
    const n = text.length;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c === Ch.SPACE || c === Ch.TAB) {
        p++;
        continue;
      }
      if (c === Ch.LF) {
        tokens.push(Tok.NEWLINE, p, ++p);
        continue;
      }
      if (c < 128) {
        const single = SINGLE[c]!;
        if (single !== 0) {
          const d = text.charCodeAt(p + 1);
          const both = d < 128 ? PAIR[(c << 7) | d]! : 0;
          if (both !== 0) {
            tokens.push(both, p, p + 2);
            p += 2;
          } else if (c === Ch.DOT && d === Ch.DOT && text.charCodeAt(p + 2) === Ch.DOT) {
            tokens.push(Tok.ELLIPSIS, p, p + 3);
            p += 3;
          } else {
            tokens.push(single, p, ++p);
          }
          continue;
        }
        const cls = ASCII_ID[c]!;
        if ((cls & ID_START) !== 0) {
          const end = identEnd(text, p);
          tokens.push(Tok.IDENT, p, end);
          p = end;
          continue;
        }
        if (cls !== 0 && isDigit(c)) {
          const end = numberEnd(text, p);
          tokens.push(Tok.NUMBER, p, end);
          p = end;
          continue;
        }
      } else {
        const end = identEnd(text, p);
        if (end === p) throw invalidCharacter(p, text);
        tokens.push(Tok.IDENT, p, end);
        p = end;
        continue;
      }
      p = this.special(c, p);
      if (this.mode !== Mode.EXPRESSION) return p;
    }
    return p;
  }

  /** Comments, strings, braces, heredocs, `<`, `&&`, `||` and the characters HCL refuses. */
  private special(c: number, p: number): number {
    const { text, tokens } = this;
    const d = text.charCodeAt(p + 1);
    switch (c) {
      case Ch.CR:
        if (d !== Ch.LF) throw invalidCharacter(p, text);
        tokens.push(Tok.NEWLINE, p, p + 2);
        return p + 2;
      case Ch.HASH:
        return lineComment(text, p, tokens);
      case Ch.SLASH:
        if (d === Ch.SLASH) return lineComment(text, p, tokens);
        if (d === Ch.STAR && this.nextCommentClose(p + 2) >= 0) return this.commentClose + 2;
        // An unterminated /* is no comment: the scanner falls back to "/" and goes on.
        tokens.push(Tok.SLASH, p, p + 1);
        return p + 1;
      case Ch.QUOTE:
        tokens.push(Tok.OQUOTE, p, p + 1);
        this.push(Mode.QUOTED);
        return p + 1;
      case Ch.LBRACE:
        tokens.push(Tok.OBRACE, p, p + 1);
        this.braces++;
        return p + 1;
      case Ch.RBRACE:
        if (this.closesTemplateSequence()) {
          tokens.push(Tok.TEMPLATE_SEQ_END, p, p + 1);
          this.templateBraces.pop();
          this.pop();
        } else {
          tokens.push(Tok.CBRACE, p, p + 1);
        }
        this.braces--;
        return p + 1;
      case Ch.TILDE:
        if (d !== Ch.RBRACE) throw bitwiseOperator(p, ' Did you mean boolean NOT ("!")?');
        // Always a sequence end, even where a plain brace was meant: the parser reports that.
        tokens.push(Tok.TEMPLATE_SEQ_END, p, p + 2);
        if (this.closesTemplateSequence()) {
          this.templateBraces.pop();
          this.pop();
        }
        this.braces--;
        return p + 2;
      case Ch.LT: {
        if (d === Ch.EQ) {
          tokens.push(Tok.LESS_EQ, p, p + 2);
          return p + 2;
        }
        const heredocEnd = d === Ch.LT ? heredocIntroducer(text, p, this.heredocs) : 0;
        if (heredocEnd > 0) {
          tokens.push(Tok.OHEREDOC, p, heredocEnd);
          this.push(Mode.HEREDOC);
          return heredocEnd;
        }
        tokens.push(Tok.LESS, p, p + 1);
        return p + 1;
      }
      case Ch.AMP:
        if (d !== Ch.AMP) throw bitwiseOperator(p, ' Did you mean boolean AND ("&&")?');
        tokens.push(Tok.AND, p, p + 2);
        return p + 2;
      case Ch.PIPE:
        if (d !== Ch.PIPE) throw bitwiseOperator(p, ' Did you mean boolean OR ("||")?');
        tokens.push(Tok.OR, p, p + 2);
        return p + 2;
      default:
        throw refusedCharacter(c, p, text);
    }
  }

  private closesTemplateSequence(): boolean {
    const open = this.templateBraces;
    return open.length > 0 && open[open.length - 1] === this.braces;
  }

  private nextCommentClose(from: number): number {
    if (this.commentClose !== -1 && this.commentClose < from) this.commentClose = this.text.indexOf('*/', from);
    return this.commentClose;
  }

  /** At `${` or `%{` (or `${~`, `%{~`): the sequence opener; back to expressions until its `}`. */
  private templateSequence(kind: Tok, p: number): number {
    const len = this.text.charCodeAt(p + 2) === Ch.TILDE ? 3 : 2;
    this.tokens.push(kind, p, p + len);
    this.braces++;
    this.templateBraces.push(this.braces);
    this.push(Mode.EXPRESSION);
    return p + len;
  }

  private quoted(p: number): number {
    const { text, tokens } = this;
    const n = text.length;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c === Ch.QUOTE) {
        tokens.push(Tok.CQUOTE, p, p + 1);
        this.pop();
        return p + 1;
      }
      if ((c === Ch.DOLLAR || c === Ch.PERCENT) && text.charCodeAt(p + 1) === Ch.LBRACE) {
        return this.templateSequence(c === Ch.DOLLAR ? Tok.TEMPLATE_INTERP : Tok.TEMPLATE_CONTROL, p);
      }
      if (c === Ch.LF || c === Ch.CR) {
        throw new HclSyntaxError(
          p,
          'Invalid multi-line string',
          'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
        );
      }
      const start = p;
      while (p < n) {
        const d = text.charCodeAt(p);
        if (d === Ch.QUOTE || d === Ch.LF || d === Ch.CR) break;
        if (d === Ch.BACKSLASH) {
          const e = text.charCodeAt(p + 1);
          if (p + 1 >= n || e === Ch.LF || e === Ch.CR) break;
          p += 2;
        } else if (d === Ch.DOLLAR || d === Ch.PERCENT) {
          const e = text.charCodeAt(p + 1);
          if (e === Ch.LBRACE) break;
          // `$${` and `%%{` are escapes, not sequences.
          p += e === d && text.charCodeAt(p + 2) === Ch.LBRACE ? 3 : 1;
        } else p++;
      }
      if (p === start) throw invalidCharacter(p, text); // a backslash before a newline or the end
      tokens.push(Tok.QUOTED_LIT, start, p);
    }
    return p;
  }

  /** Heredoc lines, one literal token per line (or up to a `${`/`%{`), until the closing marker. */
  private heredoc(p: number): number {
    const { text, tokens } = this;
    const n = text.length;
    const heredoc = this.heredocs[this.heredocs.length - 1]!;
    while (p < n) {
      const c = text.charCodeAt(p);
      if ((c === Ch.DOLLAR || c === Ch.PERCENT) && text.charCodeAt(p + 1) === Ch.LBRACE) {
        heredoc.startOfLine = false;
        return this.templateSequence(c === Ch.DOLLAR ? Tok.TEMPLATE_INTERP : Tok.TEMPLATE_CONTROL, p);
      }
      const start = p;
      let newline = 0;
      while (p < n) {
        const d = text.charCodeAt(p);
        if (d === Ch.LF) {
          newline = 1;
          p++;
          break;
        }
        if (d === Ch.CR) {
          if (text.charCodeAt(p + 1) !== Ch.LF) throw invalidCharacter(p, text);
          newline = 2;
          p += 2;
          break;
        }
        if (d === Ch.DOLLAR || d === Ch.PERCENT) {
          const e = text.charCodeAt(p + 1);
          if (e === Ch.LBRACE) break;
          p += e === d && text.charCodeAt(p + 2) === Ch.LBRACE ? 3 : 1;
        } else p++;
      }
      if (newline > 0 && heredoc.startOfLine && isClosingMarker(text, start, p, heredoc.marker)) {
        tokens.push(Tok.CHEREDOC, start, p - newline);
        tokens.push(Tok.NEWLINE, p - newline, p);
        this.heredocs.pop();
        this.pop();
        return p;
      }
      heredoc.startOfLine = newline > 0;
      tokens.push(Tok.STRING_LIT, start, p);
    }
    return p;
  }
}

/** A character no token starts with; some get a hint. */
function refusedCharacter(c: number, p: number, text: string): HclSyntaxError {
  switch (c) {
    case Ch.CARET:
      return bitwiseOperator(p, '');
    case Ch.BACKTICK:
      return new HclSyntaxError(p, 'Invalid character', 'The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".');
    case Ch.APOSTROPHE:
      return new HclSyntaxError(p, 'Invalid character', 'Single quotes are not valid. Use double quotes (") to enclose strings.');
    case Ch.SEMICOLON:
      return new HclSyntaxError(
        p,
        'Invalid character',
        'The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.',
      );
    default:
      return invalidCharacter(p, text);
  }
}

/** `#` or `//` to the end of the line; one that ends in a newline stands for that newline. */
function lineComment(text: string, start: number, tokens: TokenList): number {
  const lf = text.indexOf('\n', start);
  if (lf < 0) return text.length;
  tokens.push(Tok.NEWLINE, start, lf + 1);
  return lf + 1;
}

/**
 * At `<<`: the end of a heredoc introducer (`<<EOT` or `<<-EOT` and the
 * newline right after it), pushing its marker; 0 when this is no heredoc.
 */
function heredocIntroducer(text: string, start: number, heredocs: OpenHeredoc[]): number {
  let i = start + 2;
  if (text.charCodeAt(i) === Ch.MINUS) i++;
  const markerEnd = identEnd(text, i);
  if (markerEnd === i) return 0;
  let end: number;
  if (text.charCodeAt(markerEnd) === Ch.LF) end = markerEnd + 1;
  else if (text.charCodeAt(markerEnd) === Ch.CR && text.charCodeAt(markerEnd + 1) === Ch.LF) end = markerEnd + 2;
  else return 0;
  heredocs.push({ marker: text.slice(i, markerEnd), startOfLine: true });
  return end;
}

/** A whole heredoc line that, stripped of Go white space, is the marker. */
function isClosingMarker(text: string, start: number, end: number, marker: string): boolean {
  let a = start;
  let b = end;
  while (a < b && isGoSpace(text.charCodeAt(a))) a++;
  while (b > a && isGoSpace(text.charCodeAt(b - 1))) b--;
  return b - a === marker.length && text.startsWith(marker, a);
}
