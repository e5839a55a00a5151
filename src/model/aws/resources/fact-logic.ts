// Three-valued logic over boolean facts: a result is known when the known
// parts settle it, otherwise unknown with the cause of the first unknown.
import type { SourceLoc } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { fact } from '../../fact.js';

/** True if any fact is true (located there); false if all are false; else the first unknown. */
export function anyTrue(facts: readonly Fact<boolean>[], loc?: SourceLoc): Fact<boolean> {
  const hit = facts.find((f) => f.known && f.value);
  if (hit) return hit;
  const open = facts.find((f) => !f.known);
  if (open) return open;
  return allDefaulted(facts) ? { known: true, value: false, defaulted: true, ...(loc ? { loc } : {}) } : fact(false, firstLoc(facts) ?? loc);
}

/** True if all facts are true; false if any is false (located there); else the first unknown. */
export function allTrue(facts: readonly Fact<boolean>[], loc?: SourceLoc): Fact<boolean> {
  const miss = facts.find((f) => f.known && !f.value);
  if (miss) return miss;
  const open = facts.find((f) => !f.known);
  if (open) return open;
  return allDefaulted(facts) ? { known: true, value: true, defaulted: true, ...(loc ? { loc } : {}) } : fact(true, firstLoc(facts) ?? loc);
}

export function not(f: Fact<boolean>): Fact<boolean> {
  return f.known ? { ...f, value: !f.value } : f;
}

function allDefaulted(facts: readonly Fact<boolean>[]): boolean {
  return facts.every((f) => f.known && f.defaulted);
}

function firstLoc(facts: readonly Fact<boolean>[]): SourceLoc | undefined {
  return facts.find((f) => f.known && !f.defaulted && f.loc)?.loc;
}
