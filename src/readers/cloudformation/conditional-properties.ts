// `Properties: !If [Cond, {…}, {…}]` under a condition that cannot be
// evaluated: rather than losing every property (and judging the resource on
// platform defaults), the choice is pushed down to each property,
// `Key: !If [Cond, <first branch's Key or NoValue>, <second branch's>]`, so
// each one is known where the branches agree and otherwise unknown, naming the
// condition's inputs.
import type { TEntry, TMap, TNode } from '../../eval/cloudformation/template-node.js';
import { scalarText } from '../../eval/cloudformation/template-node.js';

function noValue(at: TNode): TMap {
  return { t: 'map', entries: [{ key: 'Ref', keyLoc: at.loc, value: { t: 'scalar', value: 'AWS::NoValue', loc: at.loc, endLine: at.loc.line } }], loc: at.loc, endLine: at.loc.line };
}

function isNoValue(node: TNode): boolean {
  return node.t === 'map' && node.entries.length === 1 && node.entries[0]!.key === 'Ref' && scalarText(node.entries[0]!.value) === 'AWS::NoValue';
}

/** The branches of a top-level `Fn::If`, or nothing when the node is not one. */
function ifParts(node: TNode): { cond: TNode; then: TNode; otherwise: TNode; at: TEntry } | undefined {
  if (node.t !== 'map' || node.entries.length !== 1 || node.entries[0]!.key !== 'Fn::If') return undefined;
  const args = node.entries[0]!.value;
  if (args.t !== 'seq' || args.items.length !== 3) return undefined;
  return { cond: args.items[0]!, then: args.items[1]!, otherwise: args.items[2]!, at: node.entries[0]! };
}

/** A branch as a plain map of properties: a map, NoValue (none), or a nested `Fn::If` spread the same way. */
function branchMap(node: TNode, depth: number): TMap | undefined {
  if (isNoValue(node)) return { t: 'map', entries: [], loc: node.loc, endLine: node.endLine };
  if (ifParts(node)) return spreadConditionalProperties(node, depth + 1);
  if (node.t !== 'map' || node.entries.some((e) => e.key === 'Ref' || e.key === 'Condition' || e.key.startsWith('Fn::'))) return undefined;
  return node;
}

const MAX_DEPTH = 8;

/** `Properties` with a top-level `Fn::If` rewritten property by property, or nothing when its branches are not maps. */
export function spreadConditionalProperties(node: TNode, depth = 0): TMap | undefined {
  const parts = ifParts(node);
  if (!parts || depth > MAX_DEPTH) return undefined;
  const a = branchMap(parts.then, depth);
  const b = branchMap(parts.otherwise, depth);
  if (!a || !b) return undefined;
  const keys = [...new Set([...a.entries.map((e) => e.key), ...b.entries.map((e) => e.key)])];
  const last = (m: TMap, key: string) => [...m.entries].reverse().find((e) => e.key === key);
  const entries: TEntry[] = keys.map((key) => {
    const x = last(a, key);
    const y = last(b, key);
    const keyLoc = (x ?? y)!.keyLoc;
    const items = [parts.cond, x?.value ?? noValue(parts.then), y?.value ?? noValue(parts.otherwise)];
    const seq: TNode = { t: 'seq', items, loc: keyLoc, endLine: node.endLine };
    return { key, keyLoc, value: { t: 'map', entries: [{ key: 'Fn::If', keyLoc: parts.at.keyLoc, value: seq }], loc: keyLoc, endLine: node.endLine } };
  });
  return { t: 'map', entries, loc: node.loc, endLine: node.endLine };
}
