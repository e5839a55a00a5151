// The soonest deletion of one writer's logs under a lifecycle policy (S3
// buckets, Azure storage accounts): rules that reach all of the writer's
// objects count, rules that reach none do not, and a rule that may reach only
// some (or whose switch or age is unknown) leaves the answer unknown only when
// it would delete sooner than the rules that surely apply.
import type { SourceLoc, UnknownCause } from '../readers/value.js';
import type { Fact, KnownFact, UnknownFact } from './fact.js';
import { fact, unknownFact } from './fact.js';

export interface RuleReach {
  /** 'all' / 'none' of the writer's objects, or why it is not known. */
  where: 'all' | 'none' | UnknownCause;
  /** Where a reach that is not known is written (the rule's filter). */
  whereLoc: SourceLoc;
  enabled: Fact<boolean>;
  /** Days after which the rule deletes; null = it does not delete current objects. */
  days: Fact<number | null>;
  loc: SourceLoc;
}

/** Null when no rule deletes the writer's objects. */
export function soonestExpiry(rules: Iterable<RuleReach>, noneLoc: SourceLoc): Fact<number | null> {
  let best: { days: number; loc: SourceLoc } | undefined;
  const open: { why: UnknownFact; days: number | undefined }[] = [];
  for (const rule of rules) {
    if (rule.where === 'none') continue;
    if (rule.enabled.known && !rule.enabled.value) continue;
    const days = rule.days;
    if (days.known && days.value === null) continue;
    const why = rule.where !== 'all' ? unknownFact(rule.where, rule.whereLoc) : !rule.enabled.known ? rule.enabled : !days.known ? days : undefined;
    if (why) open.push({ why, days: days.known ? (days.value ?? undefined) : undefined });
    else if (days.known && days.value !== null && (!best || days.value < best.days)) best = { days: days.value, loc: days.loc ?? rule.loc };
  }
  const sooner = open.find((o) => o.days === undefined || !best || o.days < best.days);
  if (sooner) return sooner.why;
  return best ? fact(best.days, best.loc) : fact(null, noneLoc);
}

/** The soonest over several writers; the first one that cannot be told decides. */
export function soonestOver<T>(targets: readonly T[], expiry: (t: T) => Fact<number | null>): Fact<number | null> | undefined {
  let soonest: KnownFact<number | null> | undefined;
  for (const t of targets) {
    const e = expiry(t);
    if (!e.known) return e;
    if (!soonest || (e.value !== null && (soonest.value === null || e.value < soonest.value))) soonest = e;
  }
  return soonest;
}
