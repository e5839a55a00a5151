// Terraform's JSON syntax (`.tf.json`, `.tfvars.json`): hcl2json does not read
// it, so parse it here with offsets and bring it to hcl2json's shape (blocks as
// arrays of bodies) together with the same located tree the HCL scanner gives.
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { isRecord, TOP_LEVEL_LABELS } from './config-body.js';
import { LineIndex } from './line-index.js';
import type { LocatedAttribute, LocatedBody, LocatedComment, LocatedExpr, LocatedHcl } from './locate.js';
import { timeParse } from '../parse-time.js';

export type JsonConfigResult =
  | { ok: true; body: Record<string, unknown>; located: LocatedHcl }
  | { ok: false; line: number; column: number; message: string };

export type JsonVarsResult =
  | { ok: true; values: Record<string, unknown>; located: LocatedAttribute[] }
  | { ok: false; line: number; column: number; message: string };

// Terraform's JSON syntax: a property named "//" is a comment.
const COMMENT_KEY = '//';

export function readTfJson(text: string): JsonConfigResult {
  try {
    return tfJson(text);
  } catch (e) {
    return tooDeep(e);
  }
}

function tfJson(text: string): JsonConfigResult {
  const tree = parseJson(text);
  if (!tree.ok) return tree;
  const lines = new LineIndex(text);
  const root = tree.node;
  const body: Record<string, unknown> = {};
  const located: LocatedHcl = { body: { attributes: [], blocks: [] }, comments: [] };
  if (root.type !== 'object') return { ok: false, ...lines.at(root.offset), message: 'a .tf.json file must hold a JSON object' };
  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode) continue;
    const type = String(keyNode.value);
    const labelCount = TOP_LEVEL_LABELS[type];
    if (type === COMMENT_KEY) {
      located.comments.push(...commentsOf(valueNode, lines));
      continue;
    }
    if (labelCount === undefined) continue;
    collectBlocks(type, labelCount, [], keyNode, valueNode, body, located, lines);
  }
  return { ok: true, body, located };
}

/** A `.tfvars.json` file: top-level properties are literal values (no templates). */
export function readJsonVars(text: string): JsonVarsResult {
  try {
    return jsonVars(text);
  } catch (e) {
    return tooDeep(e);
  }
}

function jsonVars(text: string): JsonVarsResult {
  const tree = parseJson(text);
  if (!tree.ok) return tree;
  const lines = new LineIndex(text);
  if (tree.node.type !== 'object') return { ok: false, ...lines.at(tree.node.offset), message: 'a .tfvars.json file must hold a JSON object' };
  const values: Record<string, unknown> = Object.create(null);
  const located: LocatedAttribute[] = [];
  for (const prop of tree.node.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode) continue;
    const name = String(keyNode.value);
    values[name] = getNodeValue(valueNode);
    located.push({ name, ...lines.at(keyNode.offset), value: exprOf(valueNode, lines) });
  }
  return { ok: true, values, located };
}

/** The JSON parser and our walk are recursive: absurd nesting must become an error, not a crash. */
function tooDeep(e: unknown): { ok: false; line: number; column: number; message: string } {
  if (e instanceof RangeError) return { ok: false, line: 1, column: 1, message: 'JSON is nested too deeply to read' };
  throw e;
}

function parseJson(text: string): { ok: true; node: Node } | { ok: false; line: number; column: number; message: string } {
  const errors: ParseError[] = [];
  const node = timeParse(() => parseTree(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text, errors, { allowTrailingComma: false }));
  const first = errors[0];
  if (first || !node) {
    const lines = new LineIndex(text);
    const offset = first?.offset ?? 0;
    return { ok: false, ...lines.at(offset), message: first ? `invalid JSON: ${printParseErrorCode(first.error)}` : 'empty JSON file' };
  }
  return { ok: true, node };
}

/**
 * `"resource": {"aws_vpc": {"main": {...}}}`: descend one object level per
 * label, then take the body (an object, or an array of objects for repeats).
 */
function collectBlocks(
  type: string,
  labelsLeft: number,
  labels: string[],
  headerKey: Node,
  node: Node,
  out: Record<string, unknown>,
  located: LocatedHcl,
  lines: LineIndex,
): void {
  if (labelsLeft > 0) {
    if (node.type !== 'object') return;
    for (const prop of node.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (!keyNode || !valueNode) continue;
      collectBlocks(type, labelsLeft - 1, [...labels, String(keyNode.value)], keyNode, valueNode, out, located, lines);
    }
    return;
  }
  const bodies = node.type === 'array' ? (node.children ?? []).filter((c) => c.type === 'object') : node.type === 'object' ? [node] : [];
  const slot = slotFor(out, type, labels);
  for (const b of bodies) {
    const { json, body, comments } = bodyOf(b, lines, false);
    slot.push(json);
    located.comments.push(...comments);
    located.body.blocks.push({ type, labels, ...lines.at(headerKey.offset), endLine: lines.at(b.offset + b.length - 1).line, body });
  }
}

/** The array in hcl2json's shape where bodies of this block go: `out.resource.aws_vpc.main`. */
function slotFor(out: Record<string, unknown>, type: string, labels: string[]): unknown[] {
  let cur: Record<string, unknown> = out;
  const keys = [type, ...labels];
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i]!;
    if (!isRecord(cur[k])) cur[k] = Object.create(null);
    cur = cur[k] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (!Array.isArray(cur[last])) cur[last] = [];
  return cur[last] as unknown[];
}

/**
 * A block body: every property is an attribute (JSON cannot tell nested
 * blocks from object-valued attributes without the provider schema), except
 * `dynamic` blocks and, inside them, `content`, whose meaning is fixed.
 */
function bodyOf(node: Node, lines: LineIndex, insideDynamic: boolean): { json: Record<string, unknown>; body: LocatedBody; comments: LocatedComment[] } {
  const json: Record<string, unknown> = Object.create(null);
  const body: LocatedBody = { attributes: [], blocks: [] };
  const comments: LocatedComment[] = [];
  for (const prop of node.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode) continue;
    const name = String(keyNode.value);
    if (name === COMMENT_KEY) {
      comments.push(...commentsOf(valueNode, lines));
    } else if (name === 'dynamic' && valueNode.type === 'object') {
      const dyn: Record<string, unknown[]> = Object.create(null);
      for (const d of valueNode.children ?? []) {
        const [dKey, dValue] = d.children ?? [];
        if (!dKey || !dValue) continue;
        const label = String(dKey.value);
        const list = (dyn[label] ??= []);
        for (const b of dValue.type === 'array' ? (dValue.children ?? []) : [dValue]) {
          if (b.type !== 'object') continue;
          const inner = bodyOf(b, lines, true);
          list.push(inner.json);
          comments.push(...inner.comments);
          body.blocks.push({ type: 'dynamic', labels: [label], ...lines.at(dKey.offset), endLine: lines.at(b.offset + b.length - 1).line, body: inner.body });
        }
      }
      json.dynamic = dyn;
    } else if (insideDynamic && name === 'content' && valueNode.type === 'object') {
      const inner = bodyOf(valueNode, lines, false);
      json.content = [inner.json];
      comments.push(...inner.comments);
      body.blocks.push({ type: 'content', labels: [], ...lines.at(keyNode.offset), endLine: lines.at(valueNode.offset + valueNode.length - 1).line, body: inner.body });
    } else {
      json[name] = getNodeValue(valueNode);
      body.attributes.push({ name, ...lines.at(keyNode.offset), value: exprOf(valueNode, lines) });
    }
  }
  return { json, body, comments };
}

function exprOf(node: Node, lines: LineIndex): LocatedExpr {
  const at = lines.at(node.offset);
  if (node.type === 'object') {
    return {
      ...at,
      object: (node.children ?? []).flatMap((p) => {
        const [k, v] = p.children ?? [];
        return k && v ? [{ key: String(k.value), ...lines.at(k.offset), value: exprOf(v, lines) }] : [];
      }),
    };
  }
  if (node.type === 'array') return { ...at, tuple: (node.children ?? []).map((c) => exprOf(c, lines)) };
  return at;
}

function commentsOf(node: Node, lines: LineIndex): LocatedComment[] {
  const texts = node.type === 'array' ? (node.children ?? []) : [node];
  return texts.filter((n) => n.type === 'string').map((n) => ({ line: lines.at(n.offset).line, text: String(n.value) }));
}
