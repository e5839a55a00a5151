// Parses JSON with comments (ARM templates and parameter files) into located
// values, keeping the comments (for inline waivers) and the extent of every
// object (to tell which resource a comment belongs to).
import { printParseErrorCode, visit, type ParseError } from 'jsonc-parser';
import type { ReadError } from '../native.js';
import type { ObjectValue, SourceLoc, Value } from '../value.js';
import { known, list, obj } from '../value.js';

/** Deeper nesting than any template needs; the JSON parser recurses, so this guards the stack. */
export const MAX_JSON_DEPTH = 256;

export interface JsonComment {
  text: string;
  /** 1-based lines where the comment starts and ends. */
  line: number;
  endLine: number;
  offset: number;
  /** True when nothing but whitespace precedes the comment on its line. */
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
  /** Extent of each object value in the text. */
  extents: WeakMap<ObjectValue, Extent>;
  /** Each object by where it starts (`line:column`), to find the text of an evaluated object. */
  objectsAt: Map<string, ObjectValue>;
}

/** Line lookup for offsets; offsets asked in increasing order are found by stepping forward. */
class Lines {
  private readonly starts: number[] = [0];
  private last = 0;

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  loc(file: string, offset: number): SourceLoc {
    const starts = this.starts;
    let lo = this.last;
    if (starts[lo]! <= offset) {
      while (lo + 1 < starts.length && starts[lo + 1]! <= offset) lo++;
    } else {
      lo = 0;
      let hi = this.last;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
    }
    this.last = lo;
    return { file, line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

export function parseJsonc(file: string, input: string): ParsedJson {
  // A byte-order mark is not JSON; drop it (columns on line 1 shift by one, lines do not).
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lines = new Lines(text);
  const result: ParsedJson = { root: undefined, errors: [], comments: [], extents: new WeakMap(), objectsAt: new Map() };

  const prepared = protectStringControls(text);
  if (prepared.deepOffset >= 0) {
    const at = lines.loc(file, prepared.deepOffset);
    result.errors.push({ file, line: at.line, column: at.column, message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` });
    return result;
  }
  const protectedText = prepared.text;

  // One pass of the parser builds the located values and collects the comments;
  // after the first error nothing more is built (the document is rejected).
  const errors: ParseError[] = [];
  const open: Array<{ value: ObjectValue; start: number; line: number } | Value[]> = [];
  let pendingKey: string | undefined;
  const place = (v: Value) => {
    const into = open[open.length - 1];
    if (into === undefined) result.root = v;
    else if (Array.isArray(into)) into.push(v);
    else if (pendingKey !== undefined) into.value.fields[restoreStringControls(pendingKey)] = v;
    pendingKey = undefined;
  };
  // Whether a token other than a comment precedes on the line, as a token scan
  // tells it: lines here are the parser's (0-based, any line break counts).
  let lineHasToken = false;
  let lastEndLine = 0;
  const token = (line: number) => {
    lineHasToken = true;
    lastEndLine = line;
  };
  visit(
    protectedText,
    {
      onObjectBegin: (offset, _length, line) => {
        token(line);
        if (errors.length) return;
        const loc = lines.loc(file, offset);
        const o = obj({}, loc);
        result.objectsAt.set(`${loc.line}:${loc.column}`, o);
        place(o);
        open.push({ value: o, start: offset, line: loc.line });
      },
      onObjectProperty: (property, _offset, _length, line) => {
        token(line);
        if (errors.length) return;
        pendingKey = property;
      },
      onObjectEnd: (offset, length, line) => {
        token(line);
        if (errors.length) return;
        const o = open.pop() as { value: ObjectValue; start: number; line: number };
        const end = offset + length;
        result.extents.set(o.value, { start: o.start, end, line: o.line, endLine: lines.loc(file, end).line });
      },
      onArrayBegin: (offset, _length, line) => {
        token(line);
        if (errors.length) return;
        const items: Value[] = [];
        place(list(items, lines.loc(file, offset)));
        open.push(items);
      },
      onArrayEnd: (_offset, _length, line) => {
        token(line);
        if (errors.length) return;
        open.pop();
      },
      onLiteralValue: (value, offset, _length, line) => {
        token(line);
        if (errors.length) return;
        const loc = lines.loc(file, offset);
        place(known(typeof value === 'string' ? restoreStringControls(value) : (value ?? null), loc));
      },
      onSeparator: (_character, _offset, _length, line) => token(line),
      onComment: (offset, length, line) => {
        if (line > lastEndLine) lineHasToken = false;
        const raw = protectedText.slice(offset, offset + length);
        const body = raw.startsWith('//') ? raw.slice(2) : raw.slice(2, raw.endsWith('*/') ? -2 : undefined);
        const startLine = lines.loc(file, offset).line;
        result.comments.push({
          text: body.trim(),
          line: startLine,
          endLine: lines.loc(file, offset + length).line,
          offset,
          ownLine: !lineHasToken,
        });
        lastEndLine = line + (raw.match(LINE_BREAKS)?.length ?? 0);
      },
      onError: (error, offset, length) => errors.push({ error, offset, length }),
    },
    { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false },
  );
  if (errors.length) {
    result.root = undefined;
    result.objectsAt.clear();
    for (const e of errors.slice(0, 5)) {
      const at = lines.loc(file, e.offset);
      result.errors.push({ file, line: at.line, column: at.column, message: `invalid JSON: ${describe(printParseErrorCode(e.error))}` });
    }
    return result;
  }
  if (!result.root) {
    result.errors.push({ file, line: 1, message: 'invalid JSON: empty document' });
    return result;
  }
  return result;
}

function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

const LINE_BREAKS = /\r\n|\r|\n/g;

// ARM accepts line breaks and tabs written raw inside strings (multi-line
// strings), which JSON forbids. They are swapped for private-use characters
// of the same length before parsing, so offsets and lines stay true, and
// swapped back in the values.
const CONTROL_STANDINS: Record<string, string> = { '\n': '\uE000', '\r': '\uE001', '\t': '\uE002' };
const STANDIN_CONTROLS: Record<string, string> = { '\uE000': '\n', '\uE001': '\r', '\uE002': '\t' };

/**
 * The text with raw controls in strings swapped, and the offset of the first
 * bracket nested deeper than MAX_JSON_DEPTH (-1 if none), found before the
 * recursive parser runs.
 */
function protectStringControls(text: string): { text: string; deepOffset: number } {
  let out = '';
  let last = 0;
  let inString = false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      else if (c === '\n' || c === '\r' || c === '\t') {
        out += text.slice(last, i) + CONTROL_STANDINS[c];
        last = i + 1;
      }
    } else if (c === '"') {
      inString = true;
    } else if (c === '{' || c === '[') {
      if (++depth > MAX_JSON_DEPTH) return { text, deepOffset: i };
    } else if (c === '}' || c === ']') {
      depth--;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    }
  }
  return { text: last === 0 ? text : out + text.slice(last), deepOffset: -1 };
}

function restoreStringControls(s: string): string {
  return /[\uE000-\uE002]/.test(s) ? s.replace(/[\uE000-\uE002]/g, (c) => STANDIN_CONTROLS[c]!) : s;
}
