// Reading attributes of Azure native resources. ARM property names match
// case-insensitively; Terraform names are exact, and a nested block arrives
// as a list of objects (one item for single blocks).
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import { lookupField } from '../../../eval/arm/values.js';
import { itemsOf } from '../../lift-values.js';

/** Stepping into a value that is not known yields that value: what lies inside it is unknown for the same reason. */
const opaque = (v: Value): boolean => v.kind === 'unknown' || v.kind === 'ref';

/** Follows property names (case-insensitive) and list indexes through an ARM value. */
export function armPath(v: Value | undefined, ...steps: (string | number)[]): Value | undefined {
  let cur = v;
  for (const s of steps) {
    if (!cur || opaque(cur)) return cur;
    if (typeof s === 'number') cur = cur.kind === 'list' ? cur.items[s] : undefined;
    else cur = cur.kind === 'object' ? lookupField(cur, s) : undefined;
  }
  return cur;
}

/** `properties.<steps>` of an ARM resource. */
export function prop(r: NativeResource, ...steps: (string | number)[]): Value | undefined {
  return armPath(r.attrs, 'properties', ...steps);
}

/** Follows Terraform attribute names; a block given as a list is entered at its first item. */
export function tfPath(v: Value | undefined, ...steps: string[]): Value | undefined {
  let cur = v;
  for (const s of steps) {
    if (cur?.kind === 'list') cur = cur.items[0];
    if (!cur || opaque(cur)) return cur;
    cur = field(cur, s);
  }
  return cur;
}

/** A Terraform attribute (or attribute inside single blocks) of the resource. */
export function attr(r: NativeResource, ...steps: string[]): Value | undefined {
  return tfPath(r.attrs, ...steps);
}

/** The items of a repeated Terraform block (`geo_location { … }` written several times). */
export function blocks(r: NativeResource, name: string): Value[] {
  return itemsOf(field(r.attrs, name));
}

/** True when the attribute is written with a value (null and "" count as not set). */
export function isSet(v: Value | undefined): v is Value {
  return v !== undefined && !(v.kind === 'known' && (v.value === null || v.value === ''));
}

/** The value, when it is a known string. */
export function knownText(v: Value | undefined): string | undefined {
  return v?.kind === 'known' && typeof v.value === 'string' ? v.value : undefined;
}

/** The API version an ARM resource is deployed with (`2023-01-01`, `2021-05-01-preview`), when it is a literal. */
export function apiVersionOf(r: NativeResource): string | undefined {
  return knownText(armPath(r.attrs, 'apiVersion'));
}

/** Whether the resource's API version is this date or later; undefined when the version is not known. */
export function apiAtLeast(r: NativeResource, date: string): boolean | undefined {
  const v = apiVersionOf(r);
  const m = v ? /^\d{4}-\d{2}-\d{2}/.exec(v) : null;
  return m ? m[0] >= date : undefined;
}
