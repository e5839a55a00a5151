// Whether an S3 bucket keeps its data across availability zones. S3 does by
// design, except for objects in the One Zone-IA storage class: an enabled
// lifecycle rule that moves current or noncurrent versions there leaves that
// data in a single zone.
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc, Value } from '../../../readers/value.js';
import type { Fact, UnknownFact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { causeOf, itemsOf } from '../../lift-values.js';
import { dig, isUnresolved } from './attribute-path.js';
import { statusFact } from './s3-settings.js';

const ONE_ZONE_CLASSES = new Set(['ONEZONE_IA']);

export interface TransitionRule {
  enabled: Fact<boolean>;
  /** The storage classes its transitions move objects to, current and noncurrent versions alike. */
  classes: Value[];
  loc: SourceLoc;
}

/** A rule block the reader could not resolve is read as an enabled rule of unknown classes. */
function unresolvedRule(rule: Value, r: NativeResource): TransitionRule {
  return { enabled: fact(true, rule.loc ?? r.loc), classes: [rule], loc: rule.loc ?? r.loc };
}

/** Terraform lifecycle rules, inline on the bucket (`enabled`) or in aws_s3_bucket_lifecycle_configuration (`status`). */
export function terraformTransitionRules(rules: Value | undefined, r: NativeResource, statusAttr: 'enabled' | 'status'): TransitionRule[] {
  return itemsOf(rules).map((rule) => {
    if (isUnresolved(rule)) return unresolvedRule(rule, r);
    const transitions = [...itemsOf(dig(rule, 'transition')), ...itemsOf(dig(rule, 'noncurrent_version_transition'))];
    return {
      enabled:
        statusAttr === 'enabled'
          ? statusFact(dig(rule, 'enabled'), r, 'lifecycle_rule.enabled', false)
          : statusFact(dig(rule, 'status'), r, 'rule.status', false),
      classes: transitions.map((t) => dig(t, 'storage_class')).filter((c): c is Value => c !== undefined),
      loc: rule.loc ?? r.loc,
    };
  });
}

/** CloudFormation LifecycleConfiguration.Rules, with the legacy single Transition properties too. */
export function cloudFormationTransitionRules(rules: Value | undefined, r: NativeResource): TransitionRule[] {
  return itemsOf(rules).map((rule) => {
    if (isUnresolved(rule)) return unresolvedRule(rule, r);
    const transitions = ['Transitions', 'Transition', 'NoncurrentVersionTransitions', 'NoncurrentVersionTransition'].flatMap((name) => itemsOf(dig(rule, name)));
    return {
      enabled: statusFact(dig(rule, 'Status'), r, 'Rules.Status', false),
      classes: transitions.map((t) => dig(t, 'StorageClass')).filter((c): c is Value => c !== undefined),
      loc: rule.loc ?? r.loc,
    };
  });
}

/** false at the first enabled transition to a one-zone class; unknown when a class or a rule's status cannot be told. */
export function lifecycleMultiZone(rules: TransitionRule[], r: NativeResource, whole: Value | undefined): Fact<boolean> {
  if (whole && isUnresolved(whole)) return unknownFact(causeOf(whole, r, 'lifecycle rules'), whole.loc ?? r.loc);
  let open: UnknownFact | undefined;
  for (const rule of rules) {
    if (rule.enabled.known && !rule.enabled.value) continue;
    for (const c of rule.classes) {
      const oneZone = c.kind === 'known' ? ONE_ZONE_CLASSES.has(String(c.value).toUpperCase()) : undefined;
      if (oneZone === false) continue;
      const loc = c.loc ?? rule.loc;
      if (oneZone === undefined) open ??= unknownFact(causeOf(c, r, 'storage_class'), loc);
      else if (!rule.enabled.known) open ??= unknownFact(rule.enabled.cause, rule.enabled.loc ?? loc);
      else return fact(false, loc);
    }
  }
  return open ?? (rules.length ? fact(true, whole?.loc ?? r.loc) : defaulted(true, r.loc));
}
