// Entities synthesized from a part of one resource (an instance's root
// volume, a bucket's access-log setting) share its address; the part name
// keeps their results apart (Draft.key, the fingerprint).
import type { Entity } from '../../model/model.js';

/** The part of its resource an entity stands for (`root_block_device`), or undefined for the resource itself. */
export function partKey(e: Entity): string | undefined {
  const key = e.native?.key;
  if (!key || e.id === key || !e.id.startsWith(`${key}#`)) return undefined;
  return e.id.slice(key.length + 1);
}
