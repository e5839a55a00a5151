// Tokens of HCL expressions, and the literal chunks of templates. The parser
// drives it: expression tokens are read with peek/next, and after an opening
// quote or heredoc marker the parser reads template text straight from the
// current position (nothing is buffered past those tokens).
import { TfEvalError } from './errors.js';

export type Token =
  | { type: 'ident'; value: string; start: number; end: number }
  | { type: 'number'; value: number; start: number; end: number }
  | { type: 'punct'; value: string; start: number; end: number }
  | { type: 'oquote'; start: number; end: number }
  | { type: 'heredoc'; marker: string; indent: boolean; start: number; end: number }
  | { type: 'eof'; start: number; end: number };

/** How a template's text is written: inside `"…"` (backslash escapes), or raw (hcl2json strings, heredocs). */
export type TemplateMode = 'quoted' | 'raw';

export interface LiteralChunk {
  value: string;
  /** What ended the chunk: `${`, `%{`, the closing quote, or the end of the text. */
  stop: 'interp' | 'directive' | 'quote' | 'end';
  /** The opening `${~` / `%{~` asks to strip whitespace before it. */
  stripBefore: boolean;
  /** Offset where the `${`, `%{` or closing quote starts. */
  stopAt: number;
}

const PUNCTUATORS = [
  '...', '=>', '==', '!=', '<=', '>=', '&&', '||', '::',
  '+', '-', '*', '/', '%', '<', '>', '!', '?', ':', '.', ',', '(', ')', '[', ']', '{', '}', '=', '~',
];

const ID_START = /[\p{L}_]/u;
const ID_CONTINUE = /[\p{L}\p{N}\p{Mn}\p{Mc}_-]/u;

export class Lexer {
  private buffer: Token[] = [];
  private last: Token | undefined;
  pos: number;

  constructor(
    readonly src: string,
    start = 0,
    readonly end = src.length,
  ) {
    this.pos = start;
  }

  /**
   * Look ahead n tokens. Nothing is read past a string or heredoc opener (its
   * content is template text, not tokens): looking beyond one returns it again.
   */
  peek(n = 0): Token {
    while (this.buffer.length <= n) {
      const last = this.buffer[this.buffer.length - 1];
      if (last && (last.type === 'oquote' || last.type === 'heredoc')) return last;
      this.buffer.push(this.scan());
    }
    return this.buffer[n]!;
  }

  next(): Token {
    const t = this.buffer.length > 0 ? this.buffer.shift()! : this.scan();
    this.last = t;
    return t;
  }

  /** Raw reads are only meaningful when no token is buffered. */
  private assertUnbuffered(): void {
    if (this.buffer.length > 0) this.fail('unexpected token in template', this.buffer[0]!.start);
  }

  private fail(message: string, at = this.pos): never {
    throw new TfEvalError(`${message} at offset ${at}`);
  }

  private skipTrivia(): void {
    const s = this.src;
    while (this.pos < this.end) {
      const c = s[this.pos]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\uFEFF') {
        this.pos++;
      } else if (c === '#' || (c === '/' && s[this.pos + 1] === '/')) {
        while (this.pos < this.end && s[this.pos] !== '\n') this.pos++;
      } else if (c === '/' && s[this.pos + 1] === '*') {
        const close = s.indexOf('*/', this.pos + 2);
        if (close < 0 || close + 2 > this.end) this.fail('unterminated comment');
        this.pos = close + 2;
      } else {
        break;
      }
    }
  }

  private scan(): Token {
    this.skipTrivia();
    const s = this.src;
    const start = this.pos;
    if (start >= this.end) return { type: 'eof', start, end: start };
    const c = s[start]!;
    const previous = this.buffer.length > 0 ? this.buffer[this.buffer.length - 1] : this.last;
    if (c >= '0' && c <= '9') {
      // After `.` only digits: `a.0.1` is two legacy index steps, not 0.1.
      const afterDot = previous?.type === 'punct' && previous.value === '.';
      const re = afterDot ? /[0-9]+/y : /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
      re.lastIndex = start;
      const m = re.exec(s)!;
      this.pos = start + m[0].length;
      return { type: 'number', value: Number(m[0]), start, end: this.pos };
    }
    if (ID_START.test(c)) {
      let p = start + 1;
      while (p < this.end && ID_CONTINUE.test(s[p]!)) p++;
      this.pos = p;
      return { type: 'ident', value: s.slice(start, p), start, end: p };
    }
    if (c === '"') {
      this.pos = start + 1;
      return { type: 'oquote', start, end: this.pos };
    }
    if (c === '<' && s[start + 1] === '<') {
      const m = /<<(-?)([\p{L}_][\p{L}\p{N}_-]*)[ \t]*\r?\n/uy;
      m.lastIndex = start;
      const hit = m.exec(s);
      if (hit && start + hit[0].length <= this.end) {
        this.pos = start + hit[0].length;
        return { type: 'heredoc', marker: hit[2]!, indent: hit[1] === '-', start, end: this.pos };
      }
    }
    for (const p of PUNCTUATORS) {
      if (s.startsWith(p, start) && start + p.length <= this.end) {
        this.pos = start + p.length;
        return { type: 'punct', value: p, start, end: this.pos };
      }
    }
    return this.fail(`unexpected character ${JSON.stringify(c)}`);
  }

  /**
   * Read template text up to the next interpolation, directive or end. The
   * opening `${`/`%{` (and a following `~`) is consumed.
   */
  readLiteral(mode: TemplateMode): LiteralChunk {
    this.assertUnbuffered();
    const s = this.src;
    let out = '';
    let p = this.pos;
    while (p < this.end) {
      const c = s[p]!;
      if (mode === 'quoted' && c === '"') {
        this.pos = p + 1;
        return { value: out, stop: 'quote', stripBefore: false, stopAt: p };
      }
      if ((c === '$' || c === '%') && s[p + 1] === '{') {
        const stopAt = p;
        p += 2;
        const stripBefore = s[p] === '~';
        if (stripBefore) p++;
        this.pos = p;
        return { value: out, stop: c === '$' ? 'interp' : 'directive', stripBefore, stopAt };
      }
      if ((c === '$' || c === '%') && s[p + 1] === c && s[p + 2] === '{') {
        out += c + '{';
        p += 3;
        continue;
      }
      if (mode === 'quoted' && c === '\\') {
        const [text, length] = this.escape(p);
        out += text;
        p += length;
        continue;
      }
      out += c;
      p++;
    }
    if (mode === 'quoted') this.fail('unterminated string', this.pos);
    this.pos = p;
    return { value: out, stop: 'end', stripBefore: false, stopAt: p };
  }

  private escape(p: number): [string, number] {
    const s = this.src;
    const e = s[p + 1];
    switch (e) {
      case 'n':
        return ['\n', 2];
      case 'r':
        return ['\r', 2];
      case 't':
        return ['\t', 2];
      case '"':
        return ['"', 2];
      case '\\':
        return ['\\', 2];
      case 'u':
      case 'U': {
        const digits = e === 'u' ? 4 : 8;
        const hex = s.slice(p + 2, p + 2 + digits);
        const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === digits ? parseInt(hex, 16) : NaN;
        if (!(code <= 0x10ffff)) this.fail(`invalid unicode escape \\${e}${hex}`, p);
        return [String.fromCodePoint(code), 2 + digits];
      }
      default:
        return this.fail(`invalid escape sequence \\${e ?? ''}`, p);
    }
  }

  /** Body of a heredoc whose marker line was just read: up to the line holding only the marker. */
  readHeredocBody(marker: string): string {
    this.assertUnbuffered();
    const s = this.src;
    const bodyStart = this.pos;
    let p = this.pos;
    while (p < this.end) {
      let eol = s.indexOf('\n', p);
      if (eol < 0 || eol > this.end) eol = this.end;
      if (s.slice(p, eol).trim() === marker) {
        this.pos = eol;
        return s.slice(bodyStart, p);
      }
      p = eol + 1;
    }
    return this.fail(`heredoc ${marker} has no closing marker`, bodyStart);
  }
}
