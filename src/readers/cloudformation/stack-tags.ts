// Stack tags (a template configuration file's `Tags`): CloudFormation puts
// them on every resource of the stack that takes tags, so they are added to
// each resource's `Tags`, a tag the resource writes itself keeping its value.
import type { SourceLoc, UnknownValue } from '../value.js';
import { known, list, obj, type ObjectValue, type Value } from '../value.js';

export interface StackTag {
  /** Text from a configuration file; a parent stack's tag may be an unknown. */
  value: string | Value;
  loc: SourceLoc;
}

function tagKeyOf(item: Value): string | undefined {
  const k = item.kind === 'object' ? item.fields.Key : undefined;
  return k?.kind === 'known' && typeof k.value === 'string' ? k.value : undefined;
}

function tagValue(t: StackTag): Value {
  return typeof t.value === 'string' ? known(t.value, t.loc) : t.value;
}

export function withStackTags(attrs: ObjectValue, tags: ReadonlyMap<string, StackTag>): ObjectValue {
  if (tags.size === 0) return attrs;
  const own = attrs.fields.Tags;
  if (own !== undefined && own.kind !== 'list' && own.kind !== 'object') return attrs;
  let merged: Value;
  if (own?.kind === 'object') {
    // Map-shaped Tags (SAM, SSM parameters …).
    const fields = { ...own.fields };
    for (const [key, t] of tags) if (!Object.prototype.hasOwnProperty.call(fields, key)) fields[key] = tagValue(t);
    merged = obj(fields, own.loc);
  } else {
    const items = own?.items ?? [];
    const written = new Set(items.map(tagKeyOf));
    // A tag list with an unresolved key may already hold the key: leave the resource's own list alone then.
    if (items.some((i) => tagKeyOf(i) === undefined)) return attrs;
    const added = [...tags].filter(([key]) => !written.has(key)).map(([key, t]) => obj({ Key: known(key, t.loc), Value: tagValue(t) }, t.loc));
    merged = list([...items, ...added], own?.loc);
  }
  return obj({ ...attrs.fields, Tags: merged }, attrs.loc);
}

/** Stack tags that are not known: any tag of the resource may be one of them, so its Tags are unknown. */
export function withUnknownTags(attrs: ObjectValue, tags: UnknownValue): ObjectValue {
  return obj({ ...attrs.fields, Tags: { ...tags, loc: attrs.fields.Tags?.loc ?? tags.loc } }, attrs.loc);
}
