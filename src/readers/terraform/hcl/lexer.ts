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

/**
 * Tokenize a whole file, into `tokens` when given (cleared first, to reuse its
 * storage). Throws HclSyntaxError at the first token hclsyntax reports as invalid.
 */
export function lex(text: string, tokens = new TokenList(text.length >> 2)): TokenList {
  const n = text.length;
  tokens.clear();
  const modes: Mode[] = [];
  let mode = Mode.EXPRESSION;
  const heredocs: OpenHeredoc[] = [];
  let braces = 0;
  const templateBraces: number[] = [];
  let p = 0;
  // The next "*/" at or after an offset; remembered so that many unclosed
  // "/*" cost one search, not one each.
  let commentClose = -2;
  const nextCommentClose = (from: number): number => {
    if (commentClose !== -1 && commentClose < from) commentClose = text.indexOf('*/', from);
    return commentClose;
  };

  const enterTemplateSequence = (kind: Tok): void => {
    const len = text.charCodeAt(p + 2) === Ch.TILDE ? 3 : 2;
    tokens.push(kind, p, p + len);
    p += len;
    braces++;
    templateBraces.push(braces);
    modes.push(mode);
    mode = Mode.EXPRESSION;
  };

  while (p < n) {
    const c = text.charCodeAt(p);

    if (mode === Mode.QUOTED) {
      if (c === Ch.QUOTE) {
        tokens.push(Tok.CQUOTE, p, p + 1);
        p++;
        mode = modes.pop()!;
        continue;
      }
      if ((c === Ch.DOLLAR || c === Ch.PERCENT) && text.charCodeAt(p + 1) === Ch.LBRACE) {
        enterTemplateSequence(c === Ch.DOLLAR ? Tok.TEMPLATE_INTERP : Tok.TEMPLATE_CONTROL);
        continue;
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
      continue;
    }

    if (mode === Mode.HEREDOC) {
      if ((c === Ch.DOLLAR || c === Ch.PERCENT) && text.charCodeAt(p + 1) === Ch.LBRACE) {
        heredocs[heredocs.length - 1]!.startOfLine = false;
        enterTemplateSequence(c === Ch.DOLLAR ? Tok.TEMPLATE_INTERP : Tok.TEMPLATE_CONTROL);
        continue;
      }
      const heredoc = heredocs[heredocs.length - 1]!;
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
        heredocs.pop();
        mode = modes.pop()!;
        continue;
      }
      heredoc.startOfLine = newline > 0;
      tokens.push(Tok.STRING_LIT, start, p);
      continue;
    }

    // Expression mode.
    switch (c) {
      case Ch.SPACE:
      case Ch.TAB:
        p++;
        continue;
      case Ch.LF:
        tokens.push(Tok.NEWLINE, p, p + 1);
        p++;
        continue;
      case Ch.CR:
        if (text.charCodeAt(p + 1) !== Ch.LF) throw invalidCharacter(p, text);
        tokens.push(Tok.NEWLINE, p, p + 2);
        p += 2;
        continue;
      case Ch.HASH:
        p = lineComment(text, p, tokens);
        continue;
      case Ch.SLASH: {
        const e = text.charCodeAt(p + 1);
        if (e === Ch.SLASH) {
          p = lineComment(text, p, tokens);
        } else if (e === Ch.STAR && nextCommentClose(p + 2) >= 0) {
          p = commentClose + 2;
        } else {
          // An unterminated /* is no comment: the scanner falls back to "/" and goes on.
          tokens.push(Tok.SLASH, p, p + 1);
          p++;
        }
        continue;
      }
      case Ch.QUOTE:
        tokens.push(Tok.OQUOTE, p, p + 1);
        p++;
        modes.push(mode);
        mode = Mode.QUOTED;
        continue;
      case Ch.LBRACE:
        tokens.push(Tok.OBRACE, p, p + 1);
        p++;
        braces++;
        continue;
      case Ch.RBRACE:
        if (templateBraces.length > 0 && templateBraces[templateBraces.length - 1] === braces) {
          tokens.push(Tok.TEMPLATE_SEQ_END, p, p + 1);
          templateBraces.pop();
          mode = modes.pop()!;
        } else {
          tokens.push(Tok.CBRACE, p, p + 1);
        }
        braces--;
        p++;
        continue;
      case Ch.TILDE:
        if (text.charCodeAt(p + 1) !== Ch.RBRACE) throw bitwiseOperator(p, ' Did you mean boolean NOT ("!")?');
        // Always a sequence end, even where a plain brace was meant: the parser reports that.
        tokens.push(Tok.TEMPLATE_SEQ_END, p, p + 2);
        if (templateBraces.length > 0 && templateBraces[templateBraces.length - 1] === braces) {
          templateBraces.pop();
          mode = modes.pop()!;
        }
        braces--;
        p += 2;
        continue;
      case Ch.LBRACK:
        tokens.push(Tok.OBRACK, p, ++p);
        continue;
      case Ch.RBRACK:
        tokens.push(Tok.CBRACK, p, ++p);
        continue;
      case Ch.LPAREN:
        tokens.push(Tok.OPAREN, p, ++p);
        continue;
      case Ch.RPAREN:
        tokens.push(Tok.CPAREN, p, ++p);
        continue;
      case Ch.COMMA:
        tokens.push(Tok.COMMA, p, ++p);
        continue;
      case Ch.STAR:
        tokens.push(Tok.STAR, p, ++p);
        continue;
      case Ch.PLUS:
        tokens.push(Tok.PLUS, p, ++p);
        continue;
      case Ch.MINUS:
        tokens.push(Tok.MINUS, p, ++p);
        continue;
      case Ch.PERCENT:
        tokens.push(Tok.PERCENT, p, ++p);
        continue;
      case Ch.QUESTION:
        tokens.push(Tok.QUESTION, p, ++p);
        continue;
      case Ch.DOT:
        if (text.charCodeAt(p + 1) === Ch.DOT && text.charCodeAt(p + 2) === Ch.DOT) {
          tokens.push(Tok.ELLIPSIS, p, p + 3);
          p += 3;
        } else tokens.push(Tok.DOT, p, ++p);
        continue;
      case Ch.COLON:
        if (text.charCodeAt(p + 1) === Ch.COLON) {
          tokens.push(Tok.DOUBLE_COLON, p, p + 2);
          p += 2;
        } else tokens.push(Tok.COLON, p, ++p);
        continue;
      case Ch.EQ: {
        const e = text.charCodeAt(p + 1);
        if (e === Ch.EQ) {
          tokens.push(Tok.EQUAL_OP, p, p + 2);
          p += 2;
        } else if (e === Ch.GT) {
          tokens.push(Tok.FAT_ARROW, p, p + 2);
          p += 2;
        } else tokens.push(Tok.EQUAL, p, ++p);
        continue;
      }
      case Ch.BANG:
        if (text.charCodeAt(p + 1) === Ch.EQ) {
          tokens.push(Tok.NOT_EQUAL, p, p + 2);
          p += 2;
        } else tokens.push(Tok.BANG, p, ++p);
        continue;
      case Ch.GT:
        if (text.charCodeAt(p + 1) === Ch.EQ) {
          tokens.push(Tok.GREATER_EQ, p, p + 2);
          p += 2;
        } else tokens.push(Tok.GREATER, p, ++p);
        continue;
      case Ch.LT: {
        const e = text.charCodeAt(p + 1);
        if (e === Ch.EQ) {
          tokens.push(Tok.LESS_EQ, p, p + 2);
          p += 2;
          continue;
        }
        if (e === Ch.LT) {
          const heredocEnd = heredocIntroducer(text, p, heredocs);
          if (heredocEnd > 0) {
            tokens.push(Tok.OHEREDOC, p, heredocEnd);
            p = heredocEnd;
            modes.push(mode);
            mode = Mode.HEREDOC;
            continue;
          }
        }
        tokens.push(Tok.LESS, p, ++p);
        continue;
      }
      case Ch.AMP:
        if (text.charCodeAt(p + 1) !== Ch.AMP) throw bitwiseOperator(p, ' Did you mean boolean AND ("&&")?');
        tokens.push(Tok.AND, p, p + 2);
        p += 2;
        continue;
      case Ch.PIPE:
        if (text.charCodeAt(p + 1) !== Ch.PIPE) throw bitwiseOperator(p, ' Did you mean boolean OR ("||")?');
        tokens.push(Tok.OR, p, p + 2);
        p += 2;
        continue;
      case Ch.CARET:
        throw bitwiseOperator(p, '');
      case Ch.BACKTICK:
        throw new HclSyntaxError(p, 'Invalid character', 'The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".');
      case Ch.APOSTROPHE:
        throw new HclSyntaxError(p, 'Invalid character', 'Single quotes are not valid. Use double quotes (") to enclose strings.');
      case Ch.SEMICOLON:
        throw new HclSyntaxError(
          p,
          'Invalid character',
          'The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.',
        );
    }
    if (isDigit(c)) {
      const end = numberEnd(text, p);
      tokens.push(Tok.NUMBER, p, end);
      p = end;
      continue;
    }
    const end = identEnd(text, p);
    if (end === p) throw invalidCharacter(p, text);
    tokens.push(Tok.IDENT, p, end);
    p = end;
  }
  tokens.push(Tok.EOF, n, n);
  return tokens;
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
