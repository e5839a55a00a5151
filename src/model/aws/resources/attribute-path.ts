// Walking nested attributes the same way for both dialects: Terraform gives
// a nested block as a one-item list of objects, CloudFormation as an object.
import type { Value } from '../../../readers/value.js';
import { isUnresolved } from '../../lift-values.js';

// The AWS lifters import it from here with the paths it serves.
export { isUnresolved };

/**
 * The value at a path of field names (stepping into the first item of a
 * block list) and list indexes. An unknown met on the way is returned
 * itself, so the caller reports it instead of taking the attribute as absent.
 */
export function dig(v: Value | undefined, ...steps: (string | number)[]): Value | undefined {
  let cur = v;
  for (const s of steps) {
    if (!cur || isUnresolved(cur)) return cur;
    if (typeof s === 'number') {
      cur = cur.kind === 'list' ? cur.items[s] : undefined;
      continue;
    }
    if (cur.kind === 'list') {
      if (cur.items.length === 0) return undefined;
      cur = cur.items[0];
      if (isUnresolved(cur)) return cur;
    }
    cur = cur.kind === 'object' && Object.prototype.hasOwnProperty.call(cur.fields, s) ? cur.fields[s] : undefined;
  }
  return cur;
}

/** A known string at the value, or undefined. */
export function knownString(v: Value | undefined): string | undefined {
  return v?.kind === 'known' && typeof v.value === 'string' ? v.value : undefined;
}
