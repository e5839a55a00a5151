// Parses JSON with comments (ARM templates and parameter files) into located
// values, keeping the comments (for inline waivers) and the extent of every
// object (to tell which resource a comment belongs to). One hand-written pass
// that tracks lines as it goes: templates are most of a large scan's input.
// ARM also accepts line breaks and tabs written raw inside strings
// (multi-line strings) and trailing commas, so this does too.
import type { ReadError } from '../native.js';
import type { ListValue, ObjectValue, SourceLoc, Value } from '../value.js';
import { known, list, obj } from '../value.js';
import { timeParse } from '../parse-time.js';

/** Deeper nesting than any template needs; bounds the work on hostile input. */
export const MAX_JSON_DEPTH = 256;

export interface JsonComment {
  text: string;
  /** 1-based lines where the comment starts and ends. */
  line: number;
  endLine: number;
  offset: number;
  /** True when no JSON token precedes the comment on its line. */
  ownLine: boolean;
}

export interface Extent {
  start: number;
  end: number;
  line: number;
  endLine: number;
}

export interface ParsedJson {
  root: Value | undefined;
  errors: ReadError[];
  comments: JsonComment[];
  /**
   * Extent of each object that can be a resource or an inline subnet, the only ones asked for (a comment's
   * waiver belongs to the innermost resource around it): list items, and the members of a `resources`
   * object (languageVersion 2.0 keys resources by symbolic name).
   */
  extents: Map<ObjectValue, Extent>;
  /** Each of those objects by where it starts (`line:column`), to find the text of an evaluated inline subnet. */
  objectsAt: Map<string, ObjectValue>;
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const STAR = 0x2a;
const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WORD = /[A-Za-z0-9_$]+/y;

type Frame = { object: ObjectValue; start: number; line: number; key: string; item: boolean } | { list: ListValue };

export function parseJsonc(file: string, input: string): ParsedJson {
  return timeParse(() => parseJsoncText(file, input));
}

function parseJsoncText(file: string, input: string): ParsedJson {
  // A byte-order mark is not JSON; drop it (columns on line 1 shift by one, lines do not).
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const result: ParsedJson = { root: undefined, errors: [], comments: [], extents: new Map(), objectsAt: new Map() };
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  /** Line of the last JSON token, to tell comments on their own line. */
  let tokenLine = 0;

  const here = (): SourceLoc => ({ file, line, column: i - lineStart + 1 });
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(message, at);
  };
  /** Something else was expected here; a character no JSON token starts with is named as such. */
  const expected = (message: string): never => fail(i < n && !startsToken(text, i) ? 'invalid symbol' : message);

  /** Skips whitespace and comments, recording the comments. */
  function skip(): void {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) {
        line++;
        lineStart = ++i;
      } else if (c === 0x20 || c === 0x09 || c === 0x0d) {
        i++;
      } else if (c === SLASH) {
        comment();
      } else {
        return;
      }
    }
  }

  function comment(): void {
    const offset = i;
    const startLine = line;
    const next = text.charCodeAt(i + 1);
    let body: string;
    if (next === SLASH) {
      let end = text.indexOf('\n', i);
      if (end < 0) end = n;
      body = text.slice(i + 2, end);
      i = end;
    } else if (next === STAR) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) fail('unexpected end of comment', n);
      body = text.slice(i + 2, end);
      for (let k = i; k < end; k++) {
        if (text.charCodeAt(k) === NEWLINE) {
          line++;
          lineStart = k + 1;
        }
      }
      i = end + 2;
    } else {
      return fail('invalid symbol');
    }
    result.comments.push({ text: body.trim(), line: startLine, endLine: line, offset, ownLine: tokenLine !== startLine });
  }

  function string(): string {
    const open = i;
    let start = ++i;
    let out = '';
    for (;;) {
      if (i >= n) fail('unexpected end of string', open);
      const c = text.charCodeAt(i);
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        out += text.slice(start, i);
        const e = text[i + 1];
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid unicode', open);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          const decoded = e === undefined ? undefined : ESCAPES[e];
          if (decoded === undefined) fail('invalid escape character', open);
          out += decoded;
          i += 2;
        }
        start = i;
      } else if (c < 0x20) {
        if (c === NEWLINE) {
          line++;
          lineStart = i + 1;
        } else if (c !== 0x09 && c !== 0x0d) {
          fail('invalid character', open);
        }
        i++;
      } else {
        i++;
      }
    }
    out += text.slice(start, i);
    i++;
    return out;
  }

  function scalar(): Value {
    const loc = here();
    const c = text.charCodeAt(i);
    if (c === QUOTE) return known(string(), loc);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) return fail('invalid symbol');
      const after = text.charCodeAt(i + m[0].length);
      if (after === 0x2e || after === 0x65 || after === 0x45) return fail('unexpected end of number');
      i += m[0].length;
      return known(Number(m[0]), loc);
    }
    WORD.lastIndex = i;
    const word = WORD.exec(text)?.[0];
    if (word === 'true' || word === 'false' || word === 'null') {
      i += word.length;
      return known(word === 'true' ? true : word === 'false' ? false : null, loc);
    }
    return expected('value expected');
  }

  /** After `{` or `,` in an object: the property name and its colon. */
  function key(frame: { key: string }): void {
    if (text.charCodeAt(i) !== QUOTE) expected('property name expected');
    frame.key = string();
    tokenLine = line;
    skip();
    if (text.charCodeAt(i) !== COLON) expected('colon expected');
    i++;
    tokenLine = line;
  }

  function closeObject(frame: { object: ObjectValue; start: number; line: number; item: boolean }): void {
    i++;
    tokenLine = line;
    if (frame.item) result.extents.set(frame.object, { start: frame.start, end: i, line: frame.line, endLine: line });
  }

  function parse(): Value {
    const stack: Frame[] = [];
    let value: Value;
    for (;;) {
      skip();
      const c = text.charCodeAt(i);
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (stack.length >= MAX_JSON_DEPTH) fail(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
        const loc = here();
        tokenLine = line;
        if (c === OPEN_BRACE) {
          const item = mayBeResource(stack);
          const frame = { object: obj({}, loc), start: i, line, key: '', item };
          if (item) result.objectsAt.set(`${loc.line}:${loc.column}`, frame.object);
          i++;
          skip();
          if (text.charCodeAt(i) !== CLOSE_BRACE) {
            if (i >= n) fail('close brace expected');
            stack.push(frame);
            key(frame);
            continue;
          }
          closeObject(frame);
          value = frame.object;
        } else {
          const array = list([], loc);
          value = array;
          i++;
          skip();
          if (text.charCodeAt(i) !== CLOSE_BRACKET) {
            if (i >= n) fail('close bracket expected');
            stack.push({ list: array });
            continue;
          }
          i++;
          tokenLine = line;
        }
      } else {
        value = scalar();
        tokenLine = line;
      }
      // A value is complete: place it, then close every container that ends here.
      for (;;) {
        const top = stack[stack.length - 1];
        if (top === undefined) return value;
        const isList = 'list' in top;
        if (isList) top.list.items.push(value);
        else top.object.fields[top.key] = value;
        skip();
        const close = isList ? CLOSE_BRACKET : CLOSE_BRACE;
        let c2 = text.charCodeAt(i);
        if (c2 === COMMA) {
          i++;
          tokenLine = line;
          skip();
          c2 = text.charCodeAt(i);
          if (c2 !== close) {
            // Another member follows (a trailing comma before the close is allowed).
            if (!isList) key(top);
            break;
          }
        } else if (c2 !== close) {
          if (i >= n) fail(isList ? 'close bracket expected' : 'close brace expected');
          expected('comma expected');
        }
        stack.pop();
        if (isList) {
          i++;
          tokenLine = line;
          value = top.list;
        } else {
          closeObject(top);
          value = top.object;
        }
      }
    }
  }

  try {
    const root = parse();
    skip();
    if (i < n) expected('end of file expected');
    result.root = root;
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    result.root = undefined;
    result.objectsAt.clear();
    const at = locate(text, e.offset);
    const message = e.message.startsWith('JSON nested') ? e.message : `invalid JSON: ${e.message}`;
    result.errors.push({ file, line: at.line, column: at.column, message });
  }
  return result;
}

/** Whether an object opening on top of `stack` is a list item or a member of a `resources` object. */
function mayBeResource(stack: Frame[]): boolean {
  const parent = stack[stack.length - 1];
  if (parent === undefined) return false;
  if ('list' in parent) return true;
  const grandparent = stack[stack.length - 2];
  return grandparent !== undefined && 'key' in grandparent && grandparent.key.length === 9 && grandparent.key.toLowerCase() === 'resources';
}

/** Line and column of an offset (only for the one error a document can have). */
function locate(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const TOKEN_CHARS = new Set([OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET, COMMA, COLON, QUOTE]);

/** Whether a JSON token starts at `i`: punctuation, a string, a number, or true/false/null. */
function startsToken(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (TOKEN_CHARS.has(c) || (c >= 0x30 && c <= 0x39)) return true;
  if (c === 0x2d) {
    const d = text.charCodeAt(i + 1);
    return d >= 0x30 && d <= 0x39;
  }
  WORD.lastIndex = i;
  const word = WORD.exec(text)?.[0];
  return word === 'true' || word === 'false' || word === 'null';
}
