// Reading one tag of an entity for the label controls: present with a value,
// absent, or unreadable (the whole tag map or that tag's value is unknown).
import type { UnknownFact } from '../../model/fact.js';
import type { Entity } from '../../model/model.js';
import type { SourceLoc } from '../../readers/value.js';
import { tagValue } from '../../model/tags.js';

export type TagRead =
  | { state: 'absent' }
  | { state: 'known'; value: string; loc: SourceLoc }
  | { state: 'unknown'; fact: UnknownFact };

/** The entity's own tag `key`; a differently cased key matches too, as the graph reads segment tags. */
export function readTag(e: Entity, key: string): TagRead {
  if (!e.tags.known) return { state: 'unknown', fact: { ...e.tags, loc: e.tags.loc ?? e.loc } };
  const value = tagValue(e.tags.value, key);
  if (value !== undefined) return { state: 'known', value, loc: e.tags.loc ?? e.loc };
  const lower = key.toLowerCase();
  const open = e.unknownTags && Object.entries(e.unknownTags).find(([k]) => k.toLowerCase() === lower);
  if (open) return { state: 'unknown', fact: { ...open[1], loc: open[1].loc ?? e.loc } };
  return { state: 'absent' };
}
