// Tags as each dialect writes them, as the object value baseOf() expects.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { obj, unknown } from '../../../readers/value.js';
import { causeOf } from '../../lift-values.js';
import { isTerraform } from './sources.js';

/**
 * Terraform: `tags_all` (the reader merges provider default_tags into it)
 * else `tags`. CloudFormation: a `[{Key, Value}]` list (most types) or a map
 * (some types, e.g. BackupVaultTags), under `prop`.
 */
export function tagsValue(r: NativeResource, prop = 'Tags'): Value | undefined {
  if (isTerraform(r.source)) return r.attrs.fields.tags_all ?? r.attrs.fields.tags;
  const v = r.attrs.fields[prop];
  if (!v || v.kind !== 'list') return v;
  const fields: Record<string, Value> = {};
  for (const item of v.items) {
    if (item.kind !== 'object') return unknownTags(item, r);
    const k = item.fields.Key;
    const val = item.fields.Value;
    if (!k || k.kind !== 'known' || typeof k.value !== 'string') return unknownTags(k ?? item, r);
    if (val) fields[k.value] = val;
  }
  return obj(fields, v.loc);
}

function unknownTags(v: Value, r: NativeResource): Value {
  if (v.kind === 'unknown') return v;
  if (v.kind === 'ref') return unknown(causeOf(v, r, 'Tags'), v.loc ?? r.loc);
  return unknown({ inputs: [], detail: `a tag of ${r.address} has no known key` }, v.loc ?? r.loc);
}
