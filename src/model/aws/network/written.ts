// Whether a definition writes an attribute. Plan JSON lists the attributes a
// configuration leaves out as null or "", so those count as not written.
import type { Value } from '../../../readers/value.js';

export function isWritten(v: Value | undefined): v is Value {
  return v !== undefined && !(v.kind === 'known' && (v.value === null || v.value === ''));
}

/** Written and not an empty list (an empty list of groups or subnets says nothing either). */
export function hasItems(v: Value | undefined): v is Value {
  return isWritten(v) && !(v.kind === 'list' && v.items.length === 0);
}
