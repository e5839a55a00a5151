// hcl2json gives no positions, so this scanner walks the HCL source once and
// records where every block, attribute and literal object key or tuple element
// starts. It only needs HCL's lexical shape (strings, templates, heredocs,
// comments, brackets), never the meaning of an expression, and it never fails:
// on text the parser rejects it still returns whatever it could see.
import { LineIndex } from './line-index.js';
import { timeParse } from '../parse-time.js';

export interface LocatedExpr {
  line: number;
  column: number;
  /** Items of an object constructor `{ k = v }`, in source order. */
  object?: LocatedObjectItem[];
  /** Elements of a tuple constructor `[a, b]`, in source order. */
  tuple?: LocatedExpr[];
}

export interface LocatedObjectItem {
  /** The key as hcl2json spells it: literal keys unquoted, others as `${…}`. */
  key: string;
  line: number;
  column: number;
  value: LocatedExpr;
}

export interface LocatedAttribute {
  name: string;
  line: number;
  column: number;
  value: LocatedExpr;
}

export interface LocatedBlock {
  type: string;
  labels: string[];
  line: number;
  column: number;
  /** Line of the closing brace (the header line when it is missing). */
  endLine: number;
  body: LocatedBody;
}

export interface LocatedBody {
  attributes: LocatedAttribute[];
  blocks: LocatedBlock[];
}

/** One line of comment text (a block comment gives one entry per line). */
export interface LocatedComment {
  line: number;
  text: string;
}

export interface LocatedHcl {
  body: LocatedBody;
  comments: LocatedComment[];
}

type ExprContext = 'body' | 'object' | 'tuple';

// Beyond this nesting the scanner stops recording and only skips, so hostile
// input cannot exhaust the call stack.
const MAX_NESTING = 150;

const IDENT_START = /[A-Za-z_]/;
const IDENT_CHAR = /[A-Za-z0-9_-]/;

export function locateHcl(text: string): LocatedHcl {
  return timeParse(() => locate(text));
}

function locate(text: string): LocatedHcl {
  return new HclLocator(text).run();
}

class HclLocator {
  private pos = 0;
  private readonly lines: LineIndex;
  private readonly comments: LocatedComment[] = [];
  private readonly seenComments = new Set<number>();

  constructor(private readonly src: string) {
    this.lines = new LineIndex(src);
    if (src.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  run(): LocatedHcl {
    const body = this.body(0);
    return { body, comments: this.comments };
  }

  private lineOf(pos: number): number {
    return this.lines.lineOf(pos);
  }

  private where(pos: number): { line: number; column: number } {
    return this.lines.at(pos);
  }

  private ch(offset = 0): string {
    return this.src.charAt(this.pos + offset);
  }

  private atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  /** Skip blanks and comments; newlines too unless `keepNewlines`. */
  private skipTrivia(keepNewlines: boolean): void {
    while (!this.atEnd()) {
      const c = this.ch();
      if (c === ' ' || c === '\t' || c === '\r' || c === '\uFEFF') this.pos++;
      else if (c === '\n') {
        if (keepNewlines) return;
        this.pos++;
      } else if (c === '#' || (c === '/' && this.ch(1) === '/')) this.lineComment();
      else if (c === '/' && this.ch(1) === '*') this.blockComment();
      else return;
    }
  }

  private lineComment(): void {
    const start = this.pos;
    const end = this.src.indexOf('\n', start);
    this.pos = end < 0 ? this.src.length : end;
    this.recordComment(start, this.src.slice(start, this.pos).replace(/^(#|\/\/)/, '').replace(/\r$/, ''));
  }

  private blockComment(): void {
    const start = this.pos;
    const end = this.src.indexOf('*/', start + 2);
    this.pos = end < 0 ? this.src.length : end + 2;
    const inner = this.src.slice(start + 2, end < 0 ? this.src.length : end);
    let offset = start + 2;
    for (const part of inner.split('\n')) {
      this.recordComment(offset, part.replace(/\r$/, ''));
      offset += part.length + 1;
    }
  }

  private recordComment(pos: number, text: string): void {
    if (this.seenComments.has(pos)) return;
    this.seenComments.add(pos);
    this.comments.push({ line: this.lineOf(pos), text });
  }

  private ident(): string {
    const start = this.pos;
    if (!IDENT_START.test(this.ch())) return '';
    while (!this.atEnd() && IDENT_CHAR.test(this.ch())) this.pos++;
    return this.src.slice(start, this.pos);
  }

  /** Attributes and blocks until `}` or the end of the text; does not consume the `}`. */
  private body(depth: number): LocatedBody {
    const body: LocatedBody = { attributes: [], blocks: [] };
    for (;;) {
      this.skipTrivia(false);
      if (this.atEnd() || this.ch() === '}') return body;
      const start = this.pos;
      const name = this.ident();
      if (!name) {
        if (this.ch() === '{') this.skipBalancedFrom('{', '}');
        else this.skipRestOfLine();
        if (this.pos === start) this.pos++;
        continue;
      }
      this.skipTrivia(true);
      if (this.ch() === '=' && this.ch(1) !== '=') {
        this.pos++;
        this.skipTrivia(true);
        body.attributes.push({ name, ...this.where(start), value: this.expr('body', depth + 1) });
      } else {
        const block = this.block(name, start, depth + 1);
        if (block) body.blocks.push(block);
      }
      if (this.pos === start) this.pos++;
    }
  }

  private block(type: string, start: number, depth: number): LocatedBlock | undefined {
    const labels: string[] = [];
    for (;;) {
      this.skipTrivia(true);
      const c = this.ch();
      if (c === '"') labels.push(this.quotedText());
      else if (IDENT_START.test(c)) labels.push(this.ident());
      else break;
    }
    if (this.ch() !== '{') {
      this.skipRestOfLine();
      return undefined;
    }
    this.pos++;
    const at = this.where(start);
    if (depth > MAX_NESTING) {
      this.skipBalanced('}');
      return { type, labels, ...at, endLine: this.lineOf(Math.max(this.pos - 1, 0)), body: { attributes: [], blocks: [] } };
    }
    const body = this.body(depth);
    const endLine = this.lineOf(this.pos);
    if (this.ch() === '}') this.pos++;
    return { type, labels, ...at, endLine, body };
  }

  private skipRestOfLine(): void {
    while (!this.atEnd() && this.ch() !== '\n') {
      if (this.ch() === '"') this.skipString();
      else if (this.ch() === '{' || this.ch() === '}') return;
      else this.pos++;
    }
  }

  private expr(context: ExprContext, depth: number): LocatedExpr {
    const at = this.where(this.pos);
    const c = this.ch();
    if ((c === '{' || c === '[') && depth <= MAX_NESTING && !this.startsForExpression()) {
      const located: LocatedExpr = { ...at };
      if (c === '{') located.object = this.objectItems(depth);
      else located.tuple = this.tupleItems(depth);
      // `{…}.key` or `[…][0]` continue as an ordinary expression.
      this.skipOpaque(context);
      return located;
    }
    this.skipOpaque(context);
    return at;
  }

  private startsForExpression(): boolean {
    const rest = this.src.slice(this.pos + 1, this.pos + 200);
    return /^\s*for\s/.test(rest);
  }

  private objectItems(depth: number): LocatedObjectItem[] {
    const items: LocatedObjectItem[] = [];
    this.pos++; // {
    for (;;) {
      this.skipTrivia(false);
      if (this.atEnd()) return items;
      if (this.ch() === '}') {
        this.pos++;
        return items;
      }
      const start = this.pos;
      const key = this.objectKey();
      this.skipTrivia(true);
      if (key !== undefined && (this.ch() === '=' || this.ch() === ':') && this.ch(1) !== '=') {
        this.pos++;
        this.skipTrivia(false);
        items.push({ key, ...this.where(start), value: this.expr('object', depth + 1) });
      } else this.skipOpaque('object');
      this.skipTrivia(true);
      if (this.ch() === ',') this.pos++;
      if (this.pos === start) this.pos++;
    }
  }

  private objectKey(): string | undefined {
    const c = this.ch();
    if (c === '"') return this.quotedText();
    if (c === '(') {
      const start = this.pos;
      this.skipBalancedFrom('(', ')');
      return `\${${this.src.slice(start, this.pos)}}`;
    }
    if (IDENT_START.test(c)) return this.ident();
    if (/[0-9-]/.test(c)) {
      const m = /^-?[0-9][0-9.eE+-]*/.exec(this.src.slice(this.pos, this.pos + 64));
      if (m) {
        this.pos += m[0].length;
        return m[0];
      }
    }
    return undefined;
  }

  private tupleItems(depth: number): LocatedExpr[] {
    const items: LocatedExpr[] = [];
    this.pos++; // [
    for (;;) {
      this.skipTrivia(false);
      if (this.atEnd()) return items;
      if (this.ch() === ']') {
        this.pos++;
        return items;
      }
      const start = this.pos;
      items.push(this.expr('tuple', depth + 1));
      this.skipTrivia(false);
      if (this.ch() === ',') this.pos++;
      else if (this.ch() !== ']' && this.pos === start) this.pos++;
    }
  }

  /**
   * Skip the rest of an expression up to its terminator, which stays unread:
   * a newline (body, object), `,` (object, tuple), or an unmatched closer.
   */
  private skipOpaque(context: ExprContext): void {
    let depth = 0;
    while (!this.atEnd()) {
      const c = this.ch();
      if (c === '\n') {
        if (depth === 0 && context !== 'tuple') return;
        this.pos++;
      } else if (c === '"') this.skipString();
      else if (c === '#' || (c === '/' && this.ch(1) === '/')) this.lineComment();
      else if (c === '/' && this.ch(1) === '*') this.blockComment();
      else if (c === '<' && this.ch(1) === '<' && this.heredoc()) continue;
      else if (c === '(' || c === '[' || c === '{') {
        depth++;
        this.pos++;
      } else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) {
          if (c === '}' || (c === ']' && context === 'tuple')) return;
          this.pos++; // a stray closer: skip it rather than stop forever
        } else {
          depth--;
          this.pos++;
        }
      } else if (c === ',' && depth === 0 && context !== 'body') return;
      else this.pos++;
    }
  }

  /** At `<<`: skip a heredoc through its closing marker line. False when it is not one. */
  private heredoc(): boolean {
    const m = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(this.src.slice(this.pos, this.pos + 300));
    if (!m) return false;
    const marker = m[1]!;
    let lineStart = this.pos + m[0].length;
    while (lineStart < this.src.length) {
      const nl = this.src.indexOf('\n', lineStart);
      const lineEnd = nl < 0 ? this.src.length : nl;
      if (this.src.slice(lineStart, lineEnd).trim() === marker) {
        this.pos = lineEnd;
        return true;
      }
      lineStart = lineEnd + 1;
    }
    this.pos = this.src.length;
    return true;
  }

  /** At `"`: skip a quoted template, interpolations included; stops at an unterminated line. */
  private skipString(): void {
    this.pos++;
    while (!this.atEnd()) {
      const c = this.ch();
      if (c === '\\') this.pos += 2;
      else if (c === '"') {
        this.pos++;
        return;
      } else if (c === '\n') return;
      else if ((c === '$' || c === '%') && this.ch(1) === c && this.ch(2) === '{') this.pos += 3;
      else if ((c === '$' || c === '%') && this.ch(1) === '{') {
        this.pos += 1;
        this.skipBalancedFrom('{', '}');
      } else this.pos++;
    }
  }

  /** At an opener: skip to just after its matching closer, strings and heredocs aware. */
  private skipBalancedFrom(open: string, close: string): void {
    this.pos++;
    this.skipBalanced(close, open);
  }

  /** Inside an opened bracket: skip to just after the matching `close`. */
  private skipBalanced(close: string, open = close === '}' ? '{' : close === ']' ? '[' : '('): void {
    let depth = 1;
    while (!this.atEnd()) {
      const c = this.ch();
      if (c === '"') this.skipString();
      else if (c === '#' || (c === '/' && this.ch(1) === '/')) this.lineComment();
      else if (c === '/' && this.ch(1) === '*') this.blockComment();
      else if (c === '<' && this.ch(1) === '<' && this.heredoc()) continue;
      else {
        if (c === open) depth++;
        else if (c === close && --depth === 0) {
          this.pos++;
          return;
        }
        this.pos++;
      }
    }
  }

  /** At `"`: the literal text of a quoted string (escapes resolved), positioned after it. */
  private quotedText(): string {
    const start = this.pos;
    this.skipString();
    const raw = this.src.slice(start, this.pos);
    try {
      const v: unknown = JSON.parse(raw);
      if (typeof v === 'string') return v;
    } catch {
      // HCL escapes that JSON lacks (`\U`, templates with quotes): keep the raw text.
    }
    return raw.replace(/^"/, '').replace(/"$/, '');
  }
}
