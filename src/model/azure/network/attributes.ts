// Reading attributes of Azure native resources. ARM property names match
// case-insensitively (`addressPrefix`, `AddressPrefix`); Terraform attribute
// names are exact. A sub-resource reference in ARM is an object `{ "id": … }`.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import { lookupField } from '../../../eval/arm/values.js';

/** Follows field names (case-insensitive) and list indexes through an ARM value. */
export function armPath(v: Value | undefined, ...steps: (string | number)[]): Value | undefined {
  let cur = v;
  for (const s of steps) {
    if (!cur) return undefined;
    if (typeof s === 'number') cur = cur.kind === 'list' ? cur.items[s] : undefined;
    else cur = cur.kind === 'object' ? lookupField(cur, s) : undefined;
  }
  return cur;
}

/** `properties.<steps>` of an ARM resource. */
export function prop(r: NativeResource, ...steps: (string | number)[]): Value | undefined {
  return armPath(r.attrs, 'properties', ...steps);
}

/** Follows exact field names and list indexes through a Terraform value. */
export function tfPath(v: Value | undefined, ...steps: (string | number)[]): Value | undefined {
  let cur = v;
  for (const s of steps) {
    if (!cur) return undefined;
    if (typeof s === 'number') cur = cur.kind === 'list' ? cur.items[s] : undefined;
    else cur = field(cur, s);
  }
  return cur;
}

/** A Terraform attribute of the resource. */
export function attr(r: NativeResource, ...steps: (string | number)[]): Value | undefined {
  return tfPath(r.attrs, ...steps);
}

/** True when the attribute is written with a value (null and "" count as not set). */
export function isSet(v: Value | undefined): v is Value {
  return v !== undefined && !(v.kind === 'known' && (v.value === null || v.value === ''));
}

/** The ID inside an ARM sub-resource reference `{ "id": … }`; a bare string stands for itself. */
export function subResourceId(v: Value | undefined): Value | undefined {
  if (!v) return undefined;
  if (v.kind === 'object') return armPath(v, 'id');
  return v;
}

/** The API version an ARM resource is deployed with (`2024-05-01`), when it is a literal. */
export function apiVersionOf(r: NativeResource): string | undefined {
  const v = armPath(r.attrs, 'apiVersion');
  return v?.kind === 'known' && typeof v.value === 'string' ? v.value : undefined;
}

/** The value, when it is a known string. */
export function knownText(v: Value | undefined): string | undefined {
  return v?.kind === 'known' && typeof v.value === 'string' ? v.value : undefined;
}

/**
 * Whether an optional sub-resource is written: an ARM object (`{ "id": … }`,
 * whatever its ID), a reference or a literal ID is; a value that is itself
 * unknown (`if(parameters('withIp'), …, null())`, `var.public_ip_id`) may or
 * may not be, except a data source's ID, which always exists.
 */
export function presenceOf(v: Value | undefined): 'absent' | 'present' | 'unknown' {
  if (!isSet(v)) return 'absent';
  if (v.kind === 'object' || v.kind === 'ref' || v.kind === 'known') return 'present';
  // azurerm blocks (`public_ip_address { … }`) are lists of objects.
  if (v.kind === 'list') return v.items.length ? 'present' : 'absent';
  if (v.kind === 'unknown' && v.cause.inputs.length > 0 && v.cause.inputs.every((i) => i.startsWith('data.'))) return 'present';
  return 'unknown';
}
