// YAML templates: parsed with `yaml` (one pass of the CST gives both the
// document and the comments that hold inline waivers), short-form tags
// rewritten to long forms, every node located by line and column.
import { indentQuotedContinuations } from './yaml-quoted-indent.js';
import { Composer, LineCounter, Parser, isAlias, isMap, isScalar, isSeq, type Document, type Node, type ParsedNode } from 'yaml';
import type { TEntry, TNode } from '../../eval/cloudformation/template-node.js';
import type { SourceLoc } from '../value.js';
import type { ReadError } from '../native.js';
import {
  MAX_EXPANDED_NODES,
  MAX_NESTING,
  TemplateLimitError,
  stackOverflowError,
  type CommentLine,
  type ParsedTemplate,
} from './parsed-template.js';
import { timeParse } from '../parse-time.js';

/** Short-form tag -> long-form key. */
const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!If': 'Fn::If',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!GetAZs': 'Fn::GetAZs',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
};

// Each short form may tag a scalar, a sequence or a mapping; the evaluator checks the arguments.
const CUSTOM_TAGS = Object.keys(SHORT_FORMS).flatMap((tag) => [
  { tag, resolve: (s: string) => s },
  { tag, collection: 'seq' as const, resolve: (c: unknown) => c },
  { tag, collection: 'map' as const, resolve: (c: unknown) => c },
]);

interface Built {
  node: TNode;
  /** Node count with aliases expanded. */
  size: number;
}

class YamlTreeBuilder {
  private readonly anchored = new Map<Node, Built>();
  private expanded = 0;

  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
    private readonly doc: Document.Parsed,
    private readonly text: string,
  ) {}

  private loc(offset: number): SourceLoc {
    const p = this.lines.linePos(offset);
    return { file: this.file, line: p.line, column: p.col };
  }

  private endLine(range: [number, number, number] | undefined | null, start: number): number {
    const end = range ? Math.max(range[0], range[1] - 1) : start;
    return this.lines.linePos(end).line;
  }

  private count(n: number, offset: number): void {
    this.expanded += n;
    if (this.expanded > MAX_EXPANDED_NODES) {
      throw new TemplateLimitError(`more than ${MAX_EXPANDED_NODES} nodes after expanding aliases`, this.lines.linePos(offset).line);
    }
  }

  build(node: unknown, depth: number, fallbackOffset: number, ignoreTag = false): Built {
    if (depth > MAX_NESTING) throw new TemplateLimitError(`nesting deeper than ${MAX_NESTING} levels`, this.lines.linePos(fallbackOffset).line);
    if (node === null || node === undefined) {
      this.count(1, fallbackOffset);
      const loc = this.loc(fallbackOffset);
      return { node: { t: 'scalar', value: null, loc, endLine: loc.line }, size: 1 };
    }
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      const offset = node.range?.[0] ?? fallbackOffset;
      if (!target) throw new TemplateLimitError(`alias *${node.source} has no anchor`, this.lines.linePos(offset).line);
      const memo = this.anchored.get(target);
      if (memo) {
        this.count(memo.size, offset);
        return memo;
      }
      return this.build(target, depth + 1, offset);
    }
    const n = node as ParsedNode;
    const start = n.range?.[0] ?? fallbackOffset;
    const tag = n.tag;
    if (!ignoreTag && tag !== undefined && tag.startsWith('!')) {
      const longForm = Object.prototype.hasOwnProperty.call(SHORT_FORMS, tag) ? SHORT_FORMS[tag]! : undefined;
      const loc = this.loc(this.tagOffset(tag, start));
      const endLine = this.endLine(n.range, start);
      if (longForm === undefined) {
        this.count(1, start);
        const node: TNode = { t: 'unknown-tag', tag, loc, endLine };
        if (isScalar(n) && n.value !== null) node.text = String(n.value);
        return { node, size: 1 };
      }
      const inner = this.build(n, depth + 1, start, true);
      this.count(1, start);
      const built = { node: { t: 'map' as const, entries: [{ key: longForm, keyLoc: loc, value: inner.node }], loc, endLine }, size: inner.size + 1 };
      return this.remember(n, built);
    }
    return this.remember(n, this.buildUntagged(n, depth, start));
  }

  /** A tagged block collection starts on the line after its tag; the tag's line is where the author wrote it. */
  private tagOffset(tag: string, start: number): number {
    const i = this.text.lastIndexOf(tag, start);
    return i >= 0 && this.text.slice(i + tag.length, start).trim() === '' ? i : start;
  }

  private remember(n: ParsedNode, built: Built): Built {
    if (n.anchor) this.anchored.set(n, built);
    return built;
  }

  private buildUntagged(n: ParsedNode, depth: number, start: number): Built {
    const loc = this.loc(start);
    const endLine = this.endLine(n.range, start);
    this.count(1, start);
    if (isScalar(n)) return { node: { t: 'scalar', value: scalarValue(n.value, n.source), loc, endLine }, size: 1 };
    if (isSeq(n)) {
      let size = 1;
      const items = n.items.map((i) => {
        const b = this.build(i, depth + 1, start);
        size += b.size;
        return b.node;
      });
      return { node: { t: 'seq', items, loc, endLine }, size };
    }
    if (isMap(n)) {
      let size = 1;
      const entries: TEntry[] = [];
      for (const pair of n.items) {
        const keyNode = pair.key as ParsedNode | null;
        const keyOffset = keyNode?.range?.[0] ?? start;
        const key = this.keyText(keyNode, keyOffset);
        const b = this.build(pair.value, depth + 1, keyOffset);
        size += b.size;
        entries.push({ key, keyLoc: this.loc(keyOffset), value: b.node });
      }
      return { node: { t: 'map', entries, loc, endLine }, size };
    }
    throw new TemplateLimitError('unsupported YAML node', loc.line);
  }

  private keyText(key: unknown, offset: number): string {
    if (key === null || key === undefined) return '';
    const k = isAlias(key) ? key.resolve(this.doc) : key;
    if (isScalar(k)) {
      const v = scalarValue(k.value, k.source);
      return v === null ? '' : String(v);
    }
    throw new TemplateLimitError('a mapping key must be a scalar', this.lines.linePos(offset).line);
  }
}

/** Numbers whose text would change (`012345678901`, `8.0`) stay the text the author wrote. */
function scalarValue(value: unknown, source: string | undefined): string | number | boolean | null {
  if (typeof value === 'number') return source !== undefined && String(value) !== source ? source : value;
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  return source ?? String(value);
}

/** Comments of the CST (never `#` inside strings or block scalars). */
function collectComments(tokens: unknown[], lines: LineCounter, text: string): CommentLine[] {
  const out: CommentLine[] = [];
  const stack: unknown[] = [...tokens];
  while (stack.length > 0) {
    const t = stack.pop();
    if (!t || typeof t !== 'object') continue;
    if (Array.isArray(t)) {
      stack.push(...t);
      continue;
    }
    const tok = t as { type?: unknown; offset?: unknown; source?: unknown };
    if (tok.type === 'comment' && typeof tok.offset === 'number' && typeof tok.source === 'string') {
      const pos = lines.linePos(tok.offset);
      const lineStart = tok.offset - (pos.col - 1);
      out.push({ line: pos.line, text: tok.source, ownLine: text.slice(lineStart, tok.offset).trim() === '' });
      continue;
    }
    for (const v of Object.values(t)) if (v && typeof v === 'object') stack.push(v);
  }
  return out.sort((a, b) => a.line - b.line);
}

/**
 * `yaml` reports an unclosed quote where the file (or document) ends; the
 * author needs the line where the quote opens, which is the last quote of
 * that kind before the end (the quoted text cannot contain one unescaped).
 */
function errorOffset(text: string, offset: number, message: string): number {
  const quote = /Missing closing (["'])quote/.exec(message)?.[1];
  if (!quote) return offset;
  let i = text.lastIndexOf(quote, offset - 1);
  while (i > 0 && quote === '"' && text[i - 1] === '\\') i = text.lastIndexOf(quote, i - 1);
  return i >= 0 ? i : offset;
}

export function parseYamlTemplate(file: string, text: string): ParsedTemplate {
  return timeParse(() => parseYaml(file, text));
}

function parseYaml(file: string, text: string): ParsedTemplate {
  const parsed = parseYamlText(file, text);
  if (parsed.errors.length === 0) return parsed;
  // Quoted scalars continued at the key's indentation: accepted by CloudFormation, not by YAML 1.2.
  const indented = indentQuotedContinuations(text);
  if (indented === undefined) return parsed;
  const again = parseYamlText(file, indented);
  return again.errors.length === 0 ? again : parsed;
}

function parseYamlText(file: string, text: string): ParsedTemplate {
  const lines = new LineCounter();
  const errors: ReadError[] = [];
  const at = (offset: number): { line: number; column: number } => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  try {
    const tokens = Array.from(new Parser(lines.addNewLine).parse(text));
    const comments = collectComments(tokens, lines, text);
    const docs = Array.from(
      new Composer({ customTags: CUSTOM_TAGS, uniqueKeys: true, prettyErrors: false }).compose(tokens, true, text.length),
    );
    if (docs.length === 0) return { comments, errors: [{ file, line: 1, message: 'the template is empty' }] };
    for (const e of docs.flatMap((d) => d.errors)) {
      // yaml catches its own stack overflow on deep nesting and reports the engine's words; say what happened.
      const message = e.code === 'RESOURCE_EXHAUSTION' ? `nesting too deep to parse (${e.message.split(' at line')[0]})` : e.message;
      errors.push({ file, ...at(errorOffset(text, e.pos[0], e.message)), message });
    }
    if (docs.length > 1) errors.push({ file, ...at(docs[1]!.range[0]), message: 'a template must be a single YAML document' });
    if (errors.length > 0) return { comments, errors };
    const doc = docs[0]!;
    try {
      const root = new YamlTreeBuilder(file, lines, doc, text).build(doc.contents, 0, 0).node;
      return { root, comments, errors };
    } catch (e) {
      if (e instanceof TemplateLimitError) return { comments, errors: [{ file, line: e.line, message: e.message }] };
      throw e;
    }
  } catch (e) {
    const overflow = stackOverflowError(file, e);
    if (overflow) return { comments: [], errors: [overflow] };
    throw e;
  }
}
