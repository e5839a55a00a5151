// When an S3 bucket's lifecycle rules delete the objects that matter: the
// logs delivered to it, under the key prefix each writer uses. A rule
// limited to a prefix or tag only deletes the objects it matches, so it
// counts for the logs when its prefix covers theirs, not at all when the
// prefixes are disjoint, and leaves the answer unknown when it may match
// only some of them (a longer prefix, a tag or size condition) and would
// delete them sooner than every other rule.
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc, UnknownCause, Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { causeOf, itemsOf } from '../../lift-values.js';
import { dig, isUnresolved } from './attribute-path.js';
import type { RuleScope } from './s3-lifecycle-scope.js';
import { cloudFormationRuleScope, terraformRuleScope } from './s3-lifecycle-scope.js';
import { statusFact } from './s3-settings.js';
import { soonestExpiry, soonestOver } from '../../soonest-expiry.js';

export interface ExpirationRule {
  enabled: Fact<boolean>;
  days: Value | undefined;
  date: Value | undefined;
  scope: RuleScope;
  /** How the report names the rule: its id, else its position. */
  name: string;
  loc: SourceLoc;
}

/** The lifecycle configuration as written, kept until the writers of logs into the bucket are known. */
export interface Lifecycle {
  rules: ExpirationRule[];
  /** The rule list itself, when it may be an unresolved value. */
  whole: Value | undefined;
  definedBy: NativeResource;
}

/** Keys that some writer puts objects under. */
export interface WrittenKeys {
  /** Every object it writes has a key starting with this. */
  prefix: Fact<string>;
  /** The first character of every key after `prefix`, when the writer's key format fixes it (a date or account ID: a digit). */
  next?: RegExp;
  /** English, for causes: `the logs aws_cloudtrail.main writes`. */
  what: string;
}

function ruleName(rule: Value, idPath: string, index: number): string {
  const id = dig(rule, idPath);
  return id?.kind === 'known' && typeof id.value === 'string' && id.value ? `rule ${JSON.stringify(id.value)}` : `rule ${index + 1}`;
}

/** Terraform lifecycle rules, inline (`enabled`) or split (`status`). */
export function terraformExpirationRules(rules: Value | undefined, r: NativeResource, statusAttr: 'enabled' | 'status'): ExpirationRule[] {
  const inline = statusAttr === 'enabled';
  return itemsOf(rules).map((rule, i) => ({
    enabled: inline ? statusFact(dig(rule, 'enabled'), r, 'lifecycle_rule.enabled', false) : statusFact(dig(rule, 'status'), r, 'rule.status', false),
    days: dig(rule, 'expiration', 'days'),
    date: dig(rule, 'expiration', 'date'),
    scope: terraformRuleScope(rule, r, inline),
    name: ruleName(rule, 'id', i),
    loc: rule.loc ?? r.loc,
  }));
}

/** CloudFormation `LifecycleConfiguration.Rules`. */
export function cloudFormationExpirationRules(rules: Value | undefined, r: NativeResource): ExpirationRule[] {
  return itemsOf(rules).map((rule, i) => ({
    enabled: statusFact(dig(rule, 'Status'), r, 'Rules.Status', false),
    days: dig(rule, 'ExpirationInDays'),
    date: dig(rule, 'ExpirationDate'),
    scope: cloudFormationRuleScope(rule, r),
    name: ruleName(rule, 'Id', i),
    loc: rule.loc ?? r.loc,
  }));
}

/**
 * Days after which the rule deletes current objects; null when it does not
 * (only delete markers, noncurrent versions). S3 takes only a positive number
 * of days: 0 is the Terraform provider's unset (`days = 0` beside
 * `expired_object_delete_marker = true`, and what plan JSON writes).
 */
function ruleDays(rule: ExpirationRule, r: NativeResource): Fact<number | null> {
  const d = rule.days;
  if (d === undefined || (d.kind === 'known' && (d.value === null || Number(d.value) === 0))) {
    if (rule.date && !(rule.date.kind === 'known' && (rule.date.value === null || rule.date.value === ''))) {
      return unknownFact({ inputs: [], detail: `${rule.name} of ${r.address} expires objects on a date, not after a number of days` }, rule.date.loc ?? rule.loc);
    }
    return fact(null, rule.loc);
  }
  if (d.kind === 'known' && typeof d.value === 'number') return fact(d.value, d.loc ?? rule.loc);
  if (d.kind === 'known' && typeof d.value === 'string' && Number.isFinite(Number(d.value))) return fact(Number(d.value), d.loc ?? rule.loc);
  return unknownFact(causeOf(d, r, 'expiration days'), d.loc ?? rule.loc);
}

/** 'all' when the rule matches every key the writer uses, 'none' when it matches none, else why it is not known. */
function reach(rule: ExpirationRule, keys: WrittenKeys, r: NativeResource): 'all' | 'none' | UnknownCause {
  const s = rule.scope;
  if (s.kind === 'all') return 'all';
  if (s.kind === 'unknown') return s.cause;
  const limit = `${rule.name} of ${r.address} applies only to objects${s.prefix ? ` under ${JSON.stringify(s.prefix)}` : ''}${s.conditions.length ? ` with ${s.conditions.join(', ')}` : ''}`;
  if (!keys.prefix.known) return { ...keys.prefix.cause, detail: `${limit}; where ${keys.what} go is not known: ${keys.prefix.cause.detail}` };
  const k = keys.prefix.value;
  if (!k.startsWith(s.prefix)) {
    if (!s.prefix.startsWith(k)) return 'none';
    // A longer prefix whose next character no key of the writer has there.
    if (keys.next && !keys.next.test(s.prefix.charAt(k.length))) return 'none';
  }
  const which = `${keys.what}${k ? ` (under ${JSON.stringify(k)})` : ''}`;
  if (s.conditions.length) return { inputs: [], detail: `${limit}: whether ${which} are such objects is not in the definitions` };
  if (k.startsWith(s.prefix)) return 'all';
  return { inputs: [], detail: `${limit}: only some of ${which}, and which is not in the definitions` };
}

/**
 * The shortest time after which the lifecycle deletes objects written under
 * any of `writers`' keys (all the bucket's objects when none is given); null
 * when no rule deletes them.
 */
export function expirationDays(lifecycle: Lifecycle | undefined, writers: WrittenKeys[], bucket: NativeResource): Fact<number | null> {
  const r = lifecycle?.definedBy ?? bucket;
  const whole = lifecycle?.whole;
  if (whole && isUnresolved(whole)) return unknownFact(causeOf(whole, r, 'lifecycle rules'), whole.loc ?? r.loc);
  const rules = lifecycle?.rules ?? [];
  if (!rules.length) return defaulted(null, r.loc);
  const targets = writers.length ? writers : [{ prefix: fact('', r.loc), what: `the objects of ${bucket.address}` }];
  const soonest = soonestOver(targets, (keys) =>
    soonestExpiry(
      rules.map((rule) => ({ where: reach(rule, keys, r), whereLoc: rule.scope.kind === 'all' ? rule.loc : rule.scope.loc, enabled: rule.enabled, days: ruleDays(rule, r), loc: rule.loc })),
      r.loc,
    ),
  )!;
  return soonest.known && soonest.value === null ? fact(null, whole?.loc ?? r.loc) : soonest;
}
