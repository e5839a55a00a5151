// Tags as the entity base expects them (an object value), from Terraform's
// `tags` map or CloudFormation's `[{Key, Value}]` list.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { field, obj, unknown } from '../../../readers/value.js';
import { causeOf, itemsOf } from '../../lift-values.js';

/**
 * Terraform: `tags_all` when the source computed it (a plan merges the
 * provider's `default_tags` there), else `tags`. CloudFormation: `Tags`
 * (or `tags` for the few types that spell it so) turned into a map.
 */
export function tagsOf(r: NativeResource, listField = 'Tags'): Value | undefined {
  if (r.source === 'cloudformation') return cfnTagMap(field(r.attrs, listField) ?? field(r.attrs, 'Tags'), r);
  const all = field(r.attrs, 'tags_all');
  if (all && all.kind === 'object') return all;
  return field(r.attrs, 'tags');
}

function cfnTagMap(v: Value | undefined, r: NativeResource): Value | undefined {
  if (v === undefined) return undefined;
  if (v.kind === 'object') return v;
  if (v.kind !== 'list') return v.kind === 'known' && v.value === null ? undefined : v;
  const fields: Record<string, Value> = {};
  for (const item of itemsOf(v)) {
    const key = field(item, 'Key');
    const value = field(item, 'Value');
    if (key?.kind !== 'known' || typeof key.value !== 'string') {
      return unknown(causeOf(key ?? item, r, 'Tags[].Key'), item.loc ?? v.loc);
    }
    fields[key.value] = value ?? { kind: 'known', value: '', loc: item.loc };
  }
  return obj(fields, v.loc);
}
