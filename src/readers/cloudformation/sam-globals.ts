// The SAM transform's Globals section: properties under `Globals.Function`
// (and the other resource kinds) apply to every AWS::Serverless::<kind> of
// the template, as the transform merges them at deployment: a map is merged
// key by key, a list is the global items followed by the resource's own, and
// any other value the resource writes replaces the global one.
import { valueOf, type TEntry, type TMap, type TNode } from '../../eval/cloudformation/template-node.js';

const SERVERLESS_PREFIX = 'AWS::Serverless::';

/** An intrinsic function (`Ref`, `Fn::If` …) is a value, not a map to merge into. */
function isIntrinsic(node: TMap): boolean {
  if (node.entries.length !== 1) return false;
  const key = node.entries[0]!.key;
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::');
}

function merge(global: TNode, own: TNode): TNode {
  if (global.t === 'seq' && own.t === 'seq') return { ...own, items: [...global.items, ...own.items] };
  if (global.t !== 'map' || own.t !== 'map' || isIntrinsic(global) || isIntrinsic(own)) return own;
  const entries: TEntry[] = [];
  for (const g of global.entries) {
    const o = own.entries.find((e) => e.key === g.key);
    entries.push(o ? { ...o, value: merge(g.value, o.value) } : g);
  }
  for (const o of own.entries) if (!global.entries.some((g) => g.key === o.key)) entries.push(o);
  return { ...own, entries };
}

/** The resource body with the template's Globals for its kind merged into its Properties. */
export function withSamGlobals(root: TMap, type: string, body: TMap): TMap {
  if (!type.startsWith(SERVERLESS_PREFIX)) return body;
  const global = valueOf(valueOf(root, 'Globals'), type.slice(SERVERLESS_PREFIX.length));
  if (global?.t !== 'map' || global.entries.length === 0) return body;
  const own = body.entries.find((e) => e.key === 'Properties');
  if (!own) return { ...body, entries: [...body.entries, { key: 'Properties', keyLoc: global.loc, value: global }] };
  return { ...body, entries: body.entries.map((e) => (e === own ? { ...e, value: merge(global, e.value) } : e)) };
}
