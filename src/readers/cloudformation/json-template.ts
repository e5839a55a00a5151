// JSON templates: parsed with jsonc-parser's tree (offsets kept), strict
// JSON as CloudFormation accepts it, every node located by line and column.
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { TEntry, TNode } from '../../eval/cloudformation/template-node.js';
import type { SourceLoc } from '../value.js';
import type { ReadError } from '../native.js';
import { MAX_NESTING, TemplateLimitError, stackOverflowError, type ParsedTemplate } from './parsed-template.js';
import { timeParse } from '../parse-time.js';

/** Reporting more than a few syntax errors of one file helps nobody. */
const MAX_REPORTED_ERRORS = 5;

class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}

function build(n: JsonNode, text: string, file: string, lines: LineIndex, depth: number): TNode {
  const start = lines.at(n.offset);
  if (depth > MAX_NESTING) throw new TemplateLimitError(`nesting deeper than ${MAX_NESTING} levels`, start.line);
  const loc: SourceLoc = { file, ...start };
  const endLine = lines.at(Math.max(n.offset, n.offset + n.length - 1)).line;
  switch (n.type) {
    case 'object': {
      const entries: TEntry[] = [];
      for (const p of n.children ?? []) {
        const [k, v] = p.children ?? [];
        if (!k || !v) continue;
        entries.push({ key: String(k.value), keyLoc: { file, ...lines.at(k.offset) }, value: build(v, text, file, lines, depth + 1) });
      }
      return { t: 'map', entries, loc, endLine };
    }
    case 'array':
      return { t: 'seq', items: (n.children ?? []).map((c) => build(c, text, file, lines, depth + 1)), loc, endLine };
    case 'number': {
      // `8.0` stays the text the author wrote, like in YAML.
      const source = text.slice(n.offset, n.offset + n.length);
      return { t: 'scalar', value: String(n.value) === source ? (n.value as number) : source, loc, endLine };
    }
    default:
      return { t: 'scalar', value: (n.value as string | boolean | null | undefined) ?? null, loc, endLine };
  }
}

export function parseJsonTemplate(file: string, text: string): ParsedTemplate {
  return timeParse(() => parseJson(file, text));
}

function parseJson(file: string, text: string): ParsedTemplate {
  const lines = new LineIndex(text);
  const parseErrors: ParseError[] = [];
  try {
    // A byte order mark is not JSON, but editors write it; blank it so offsets stay true.
    const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
    const tree = parseTree(body, parseErrors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    if (parseErrors.length > 0 || !tree) {
      const errors: ReadError[] = parseErrors.slice(0, MAX_REPORTED_ERRORS).map((e) => ({
        file,
        ...lines.at(e.offset),
        message: `JSON syntax error: ${printParseErrorCode(e.error)}`,
      }));
      return { comments: [], errors: errors.length > 0 ? errors : [{ file, line: 1, message: 'the template is empty' }] };
    }
    return { root: build(tree, body, file, lines, 0), comments: [], errors: [] };
  } catch (e) {
    if (e instanceof TemplateLimitError) return { comments: [], errors: [{ file, line: e.line, message: e.message }] };
    const overflow = stackOverflowError(file, e);
    if (overflow) return { comments: [], errors: [overflow] };
    throw e;
  }
}
