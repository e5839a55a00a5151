// One block of configuration with everything the evaluator needs: hcl2json's
// value of each attribute and nested block, joined with the position the
// scanner found for it. Format-independent: `.tf` and `.tf.json` end up here.
import type { SourceLoc } from '../value.js';
import type { LocatedBlock, LocatedBody, LocatedExpr } from './locate.js';

export interface AttrConfig {
  name: string;
  /** hcl2json's rendering: literals, `${…}` template strings, arrays, objects. */
  json: unknown;
  loc: SourceLoc;
  /** Positions of literal object keys and tuple elements, when the scanner saw them. */
  located?: LocatedExpr;
}

export interface BlockConfig {
  type: string;
  labels: string[];
  loc: SourceLoc;
  /** Last line of the block, for comments (waivers) written inside it. */
  endLine: number;
  attrs: AttrConfig[];
  /** Nested blocks in source order; a `dynamic "x"` block has type `dynamic` and labels `["x"]`. */
  blocks: BlockConfig[];
}

export function attrOf(block: BlockConfig, name: string): AttrConfig | undefined {
  return block.attrs.find((a) => a.name === name);
}

export function blocksOf(block: BlockConfig, type: string): BlockConfig[] {
  return block.blocks.filter((b) => b.type === type);
}

/** hcl2json's top-level shape: how many labels (object levels) each block type has. */
export const TOP_LEVEL_LABELS: Record<string, number> = {
  resource: 2,
  data: 2,
  module: 1,
  variable: 1,
  output: 1,
  provider: 1,
  locals: 0,
  terraform: 0,
};

/**
 * The top-level blocks of one file, joined with their positions. Repeated
 * blocks with the same labels are matched with the scanner's in order.
 */
export function topLevelBlocks(json: Record<string, unknown>, located: LocatedBody | undefined, file: string): BlockConfig[] {
  const blocks: BlockConfig[] = [];
  const seen = new Map<string, number>();
  const byHeader = new Map<string, LocatedBlock[]>();
  for (const b of located?.blocks ?? []) {
    const key = headerKey(b.type, b.labels);
    const list = byHeader.get(key);
    if (list) list.push(b);
    else byHeader.set(key, [b]);
  }
  for (const [type, labelCount] of Object.entries(TOP_LEVEL_LABELS)) {
    for (const [labels, bodies] of bodiesAt(json[type], labelCount)) {
      const key = headerKey(type, labels);
      const candidates = byHeader.get(key) ?? [];
      for (const body of bodies) {
        const n = seen.get(key) ?? 0;
        seen.set(key, n + 1);
        blocks.push(joinBlock(type, labels, body, candidates[n], file, { file, line: 1 }));
      }
    }
  }
  return blocks.sort((a, b) => a.loc.line - b.loc.line);
}

function headerKey(type: string, labels: string[]): string {
  return JSON.stringify([type, ...labels]);
}

/** Walk `labelCount` object levels of hcl2json output down to arrays of bodies. */
function bodiesAt(x: unknown, labelCount: number, labels: string[] = []): [string[], Record<string, unknown>[]][] {
  if (labelCount === 0) {
    const bodies = Array.isArray(x) ? x.filter(isRecord) : isRecord(x) ? [x] : [];
    return bodies.length ? [[labels, bodies]] : [];
  }
  if (!isRecord(x)) return [];
  return Object.entries(x).flatMap(([k, v]) => bodiesAt(v, labelCount - 1, [...labels, k]));
}

/**
 * Join one body. An unlocated element takes the position of its enclosing
 * block, so every value still has a file and line.
 */
function joinBlock(
  type: string,
  labels: string[],
  json: Record<string, unknown>,
  located: LocatedBlock | undefined,
  file: string,
  fallback: SourceLoc,
): BlockConfig {
  const loc: SourceLoc = located ? { file, line: located.line, column: located.column } : fallback;
  const block: BlockConfig = { type, labels, loc, endLine: located?.endLine ?? loc.line, attrs: [], blocks: [] };
  const body = located?.body;
  const attrsByName = new Map(body?.attributes.map((a) => [a.name, a]));
  const nestedByHeader = new Map<string, LocatedBlock[]>();
  const labelCounts = new Map<string, number>();
  for (const b of body?.blocks ?? []) {
    const labels = b.type === 'dynamic' ? b.labels.slice(0, 1) : b.labels;
    const key = headerKey(b.type, labels);
    const list = nestedByHeader.get(key);
    if (list) list.push(b);
    else nestedByHeader.set(key, [b]);
    if (b.type !== 'dynamic') labelCounts.set(b.type, labels.length);
  }
  for (const [name, value] of Object.entries(json)) {
    if (name === 'dynamic' && !attrsByName.has(name) && isRecord(value)) {
      for (const [labels, bodies] of bodiesAt(value, 1)) {
        const candidates = nestedByHeader.get(headerKey('dynamic', labels)) ?? [];
        bodies.forEach((b, i) => block.blocks.push(joinBlock('dynamic', labels, b, candidates[i], file, loc)));
      }
      continue;
    }
    const attr = attrsByName.get(name);
    const labelCount = labelCounts.get(name);
    // A labelled nested block (`provisioner "local-exec"`) is an object keyed by its labels.
    if (!attr && labelCount !== undefined && (labelCount > 0 ? isRecord(value) : Array.isArray(value) && value.every(isRecord))) {
      for (const [labels, bodies] of bodiesAt(value, labelCount)) {
        const candidates = nestedByHeader.get(headerKey(name, labels)) ?? [];
        bodies.forEach((b, i) => block.blocks.push(joinBlock(name, labels, b, candidates[i], file, loc)));
      }
      continue;
    }
    const a: AttrConfig = { name, json: value, loc: attr ? { file, line: attr.line, column: attr.column } : loc };
    if (attr) a.located = attr.value;
    block.attrs.push(a);
  }
  block.attrs.sort((a, b) => a.loc.line - b.loc.line || (a.loc.column ?? 0) - (b.loc.column ?? 0));
  block.blocks.sort((a, b) => a.loc.line - b.loc.line);
  return block;
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}
