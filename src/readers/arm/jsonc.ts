// Parses JSON with comments (ARM templates and parameter files) into located
// values, keeping the comments (for inline waivers) and the extent of every
// object (to tell which resource a comment belongs to).
import { createScanner, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
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

/** Line lookup for offsets. */
class Lines {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  loc(file: string, offset: number): SourceLoc {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}

export function parseJsonc(file: string, input: string): ParsedJson {
  // A byte-order mark is not JSON; drop it (columns on line 1 shift by one, lines do not).
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lines = new Lines(text);
  const result: ParsedJson = { root: undefined, errors: [], comments: [], extents: new WeakMap(), objectsAt: new Map() };

  const protectedText = protectStringControls(text);
  const scan = scanTrivia(protectedText, lines, file);
  result.comments = scan.comments;
  if (scan.maxDepth > MAX_JSON_DEPTH) {
    const at = lines.loc(file, scan.deepOffset);
    result.errors.push({ file, line: at.line, column: at.column, message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` });
    return result;
  }

  const errors: ParseError[] = [];
  const tree = parseTree(protectedText, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  if (errors.length) {
    for (const e of errors.slice(0, 5)) {
      const at = lines.loc(file, e.offset);
      result.errors.push({ file, line: at.line, column: at.column, message: `invalid JSON: ${describe(printParseErrorCode(e.error))}` });
    }
    return result;
  }
  if (!tree) {
    result.errors.push({ file, line: 1, message: 'invalid JSON: empty document' });
    return result;
  }

  const convert = (node: Node): Value => {
    const loc = lines.loc(file, node.offset);
    switch (node.type) {
      case 'object': {
        const o = obj({}, loc);
        const endLoc = lines.loc(file, node.offset + node.length);
        result.extents.set(o, { start: node.offset, end: node.offset + node.length, line: loc.line, endLine: endLoc.line });
        result.objectsAt.set(`${loc.line}:${loc.column}`, o);
        for (const prop of node.children ?? []) {
          const [key, value] = prop.children ?? [];
          if (key && value) o.fields[restoreStringControls(String(key.value))] = convert(value);
        }
        return o;
      }
      case 'array':
        return list((node.children ?? []).map(convert), loc);
      case 'string':
        return known(restoreStringControls(String(node.value)), loc);
      default:
        return known(node.value ?? null, loc);
    }
  };
  result.root = convert(tree);
  return result;
}

function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** One pass over the tokens: comments, and the deepest nesting (checked before the recursive parser runs). */
function scanTrivia(text: string, lines: Lines, file: string): { comments: JsonComment[]; maxDepth: number; deepOffset: number } {
  const scanner = createScanner(text, false);
  const comments: JsonComment[] = [];
  let depth = 0;
  let maxDepth = 0;
  let deepOffset = 0;
  let lineHasToken = false;
  for (;;) {
    const token = scanner.scan();
    if (token === 17 /* EOF */) break;
    const offset = scanner.getTokenOffset();
    switch (token) {
      case 1 /* { */:
      case 3 /* [ */:
        if (++depth > maxDepth) {
          maxDepth = depth;
          deepOffset = offset;
        }
        break;
      case 2 /* } */:
      case 4 /* ] */:
        depth--;
        break;
      case 12 /* line comment */:
      case 13 /* block comment */: {
        const raw = text.slice(offset, offset + scanner.getTokenLength());
        const body = token === 12 ? raw.slice(2) : raw.slice(2, raw.endsWith('*/') ? -2 : undefined);
        comments.push({
          text: body.trim(),
          line: lines.loc(file, offset).line,
          endLine: lines.loc(file, offset + raw.length).line,
          offset,
          ownLine: !lineHasToken,
        });
        break;
      }
      default:
        break;
    }
    if (token === 14 /* line break */) lineHasToken = false;
    else if (token !== 15 /* whitespace */ && token !== 12 && token !== 13) lineHasToken = true;
    if (maxDepth > MAX_JSON_DEPTH) break;
  }
  return { comments, maxDepth, deepOffset };
}

// ARM accepts line breaks and tabs written raw inside strings (multi-line
// strings), which JSON forbids. They are swapped for private-use characters
// of the same length before parsing, so offsets and lines stay true, and
// swapped back in the values.
const CONTROL_STANDINS: Record<string, string> = { '\n': '\uE000', '\r': '\uE001', '\t': '\uE002' };
const STANDIN_CONTROLS: Record<string, string> = { '\uE000': '\n', '\uE001': '\r', '\uE002': '\t' };

function protectStringControls(text: string): string {
  let out = '';
  let last = 0;
  let inString = false;
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
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

function restoreStringControls(s: string): string {
  return /[\uE000-\uE002]/.test(s) ? s.replace(/[\uE000-\uE002]/g, (c) => STANDIN_CONTROLS[c]!) : s;
}
