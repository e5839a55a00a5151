// Tags as the entity base expects them (an object value), from Terraform's
// `tags` map or CloudFormation's `[{Key, Value}]` list.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { field, obj, unknown } from '../../../readers/value.js';
import { causeOf, itemsOf } from '../../lift-values.js';

/**
 * Terraform: `tags_all` when the source computed it (a plan merges the
 * provider's `default_tags` there), else `tags`. CloudFormation: the
 * `Tags` list turned into a map.
 */
export function tagsOf(r: NativeResource): Value | undefined {
  if (r.source === 'cloudformation') return tagList(field(r.attrs, 'Tags'), r, 'Key', 'Value');
  const all = field(r.attrs, 'tags_all');
  if (all && all.kind === 'object') return all;
  // `aws_autoscaling_group` writes its tags as `tag { key, value, propagate_at_launch }` blocks.
  return field(r.attrs, 'tags') ?? tagList(field(r.attrs, 'tag'), r, 'key', 'value');
}

function tagList(v: Value | undefined, r: NativeResource, keyName: string, valueName: string): Value | undefined {
  if (v === undefined) return undefined;
  if (v.kind === 'object') return v;
  if (v.kind !== 'list') return v.kind === 'known' && v.value === null ? undefined : v;
  const fields: Record<string, Value> = {};
  for (const item of itemsOf(v)) {
    const key = field(item, keyName);
    const value = field(item, valueName);
    if (key?.kind !== 'known' || typeof key.value !== 'string') {
      return unknown(causeOf(key ?? item, r, `tag ${keyName}`), item.loc ?? v.loc);
    }
    fields[key.value] = value ?? { kind: 'known', value: '', loc: item.loc };
  }
  return obj(fields, v.loc);
}
