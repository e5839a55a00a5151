// Fn::ForEach (AWS::LanguageExtensions): a map entry `Fn::ForEach::Name:
// [Id, [a, b], {Key${Id}: …}]` stands for one entry per item, with `${Id}` and
// `&{Id}` (non-alphanumerics removed) replaced in the keys and `Id` bound
// while the values are evaluated.
import { known, type SourceLoc, type UnknownCause } from '../../readers/value.js';
import type { Bindings, Evaluated } from './evaluated.js';
import { NO_VALUE } from './evaluated.js';
import type { TEntry, TNode } from './template-node.js';
import { invalid } from './unknown-causes.js';
import { causeOf } from './value-text.js';

export const FOR_EACH_PREFIX = 'Fn::ForEach::';

export interface BoundEntry {
  key: string;
  keyLoc: SourceLoc;
  value: TNode;
  bindings: Bindings;
}

/** A loop whose collection could not be evaluated: its entries are not known. */
export interface UnexpandedLoop {
  key: string;
  keyLoc: SourceLoc;
  cause: UnknownCause;
}

export interface Expansion {
  entries: BoundEntry[];
  unexpanded: UnexpandedLoop[];
}

/** Upper bound on entries one map may expand to, against loops that multiply. */
export const MAX_EXPANDED_ENTRIES = 10_000;

function substituteKey(key: string, bindings: Bindings): string {
  return key.replace(/([$&])\{([^}]*)\}/g, (whole, sigil: string, name: string) => {
    const v = bindings.get(name.trim());
    if (!v || v.kind !== 'known') return whole;
    const text = v.value === null ? '' : String(v.value);
    return sigil === '&' ? text.replace(/[^A-Za-z0-9]/g, '') : text;
  });
}

export function expandForEach(
  entries: TEntry[],
  bindings: Bindings,
  evaluate: (node: TNode, bindings: Bindings) => Evaluated,
  budget: { left: number } = { left: MAX_EXPANDED_ENTRIES },
): Expansion {
  const out: Expansion = { entries: [], unexpanded: [] };
  for (const e of entries) {
    if (!e.key.startsWith(FOR_EACH_PREFIX)) {
      if (budget.left-- <= 0) {
        out.unexpanded.push({ key: e.key, keyLoc: e.keyLoc, cause: invalid('Fn::ForEach expands to too many entries') });
        continue;
      }
      out.entries.push({ key: substituteKey(e.key, bindings), keyLoc: e.keyLoc, value: e.value, bindings });
      continue;
    }
    const args = e.value.t === 'seq' ? e.value.items : [];
    const [idNode, collectionNode, template] = args;
    if (args.length !== 3 || idNode?.t !== 'scalar' || typeof idNode.value !== 'string' || template?.t !== 'map') {
      out.unexpanded.push({ key: e.key, keyLoc: e.keyLoc, cause: invalid(`${e.key}: expected [identifier, collection, template]`) });
      continue;
    }
    const collection = evaluate(collectionNode!, bindings);
    if (collection === NO_VALUE || collection.kind !== 'list' || collection.items.some((i) => i.kind !== 'known')) {
      const why = collection === NO_VALUE ? undefined : causeOf(collection);
      out.unexpanded.push({
        key: e.key,
        keyLoc: e.keyLoc,
        cause: why ?? invalid(`${e.key}: the collection is not a list of strings`),
      });
      continue;
    }
    for (const item of collection.items) {
      const text = item.kind === 'known' && item.value !== null ? String(item.value) : '';
      const inner = new Map(bindings).set(idNode.value, known(text, item.loc));
      const nested = expandForEach(template.entries, inner, evaluate, budget);
      out.entries.push(...nested.entries);
      out.unexpanded.push(...nested.unexpanded);
    }
  }
  return out;
}
