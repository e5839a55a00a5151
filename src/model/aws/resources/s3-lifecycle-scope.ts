// Which objects an S3 lifecycle rule applies to: every object of the bucket,
// or only those under a key prefix and/or carrying a tag or of a size
// (Terraform `filter`, `filter { and { … } }`, the deprecated rule-level
// `prefix`, provider v3 inline `prefix`/`tags`; CloudFormation `Prefix`,
// `TagFilters`, `ObjectSizeGreaterThan`/`ObjectSizeLessThan`).
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc, UnknownCause, Value } from '../../../readers/value.js';
import { causeOf, itemsOf } from '../../lift-values.js';
import { dig, isUnresolved } from './attribute-path.js';

export type RuleScope =
  | { kind: 'all' }
  /** Limited to keys starting with `prefix` ('' = any key) that also meet every one of `conditions` (tags, sizes), described in English. */
  | { kind: 'filtered'; prefix: string; conditions: string[]; loc: SourceLoc }
  | { kind: 'unknown'; cause: UnknownCause; loc: SourceLoc };

/** Absent, null, '' and an empty block or map all mean "not set" (plan JSON writes every attribute). */
function isUnset(v: Value | undefined): boolean {
  if (v === undefined) return true;
  if (v.kind === 'known') return v.value === null || v.value === '';
  if (v.kind === 'list') return v.items.length === 0 || v.items.every(isUnset);
  if (v.kind === 'object') return Object.values(v.fields).every(isUnset);
  return false;
}

/** A size bound of 0 (plan JSON's unset number) filters nothing out. */
function isUnsetSize(v: Value | undefined): boolean {
  return isUnset(v) || (v?.kind === 'known' && Number(v.value) === 0);
}

function shown(v: Value | undefined): string {
  if (v?.kind === 'known') return JSON.stringify(v.value);
  if (v?.kind === 'object') return Object.entries(v.fields).map(([k, f]) => `${k}=${shown(f)}`).join(', ');
  if (v?.kind === 'list') return v.items.map(shown).join('; ');
  return 'an unresolved value';
}

interface Parts {
  prefixes: (Value | undefined)[];
  /** Tag and size conditions: [English label, value]. */
  conditions: [string, Value | undefined][];
}

/** Combines the parts; a prefix from an unresolved input leaves the scope unknown. */
function scopeOf(parts: Parts, r: NativeResource, loc: SourceLoc, attribute: string): RuleScope {
  const prefixes: string[] = [];
  for (const p of parts.prefixes) {
    if (isUnset(p)) continue;
    if (p!.kind !== 'known' || typeof p!.value !== 'string') return { kind: 'unknown', cause: causeOf(p!, r, attribute), loc: p!.loc ?? loc };
    prefixes.push(p!.value);
  }
  const conditions = parts.conditions.filter(([label, v]) => (label.startsWith('size') ? !isUnsetSize(v) : !isUnset(v))).map(([label, v]) => `${label} ${shown(v)}`);
  // A rule has one prefix; one that writes two different ones (rule-level and in its filter) is not one S3 accepts.
  if (new Set(prefixes).size > 1) return { kind: 'unknown', cause: { inputs: [], detail: `a lifecycle rule of ${r.address} gives two prefixes: ${prefixes.join(', ')}` }, loc };
  const prefix = prefixes[0] ?? '';
  return prefix === '' && conditions.length === 0 ? { kind: 'all' } : { kind: 'filtered', prefix, conditions, loc };
}

function unresolvedRule(rule: Value, r: NativeResource, attribute: string): RuleScope {
  return { kind: 'unknown', cause: causeOf(rule, r, attribute), loc: rule.loc ?? r.loc };
}

/** Terraform: `aws_s3_bucket_lifecycle_configuration` rules (`inline` false) or provider v3 `lifecycle_rule` blocks. */
export function terraformRuleScope(rule: Value, r: NativeResource, inline: boolean): RuleScope {
  const loc = rule.loc ?? r.loc;
  if (isUnresolved(rule)) return unresolvedRule(rule, r, 'lifecycle rule');
  if (inline) {
    return scopeOf({ prefixes: [dig(rule, 'prefix')], conditions: [['tags', dig(rule, 'tags')]] }, r, loc, 'lifecycle_rule.prefix');
  }
  const filter = dig(rule, 'filter');
  if (filter !== undefined && isUnresolved(filter)) return unresolvedRule(filter, r, 'rule.filter');
  const and = dig(filter, 'and');
  if (and !== undefined && isUnresolved(and)) return unresolvedRule(and, r, 'rule.filter.and');
  return scopeOf(
    {
      prefixes: [dig(rule, 'prefix'), dig(filter, 'prefix'), dig(and, 'prefix')],
      conditions: [
        ['tag', dig(filter, 'tag')],
        ['tags', dig(and, 'tags')],
        ['size greater than', dig(filter, 'object_size_greater_than')],
        ['size less than', dig(filter, 'object_size_less_than')],
        ['size greater than', dig(and, 'object_size_greater_than')],
        ['size less than', dig(and, 'object_size_less_than')],
      ],
    },
    r,
    filter?.loc ?? loc,
    'rule.filter.prefix',
  );
}

/** CloudFormation `LifecycleConfiguration.Rules[]` (also what live AWS Config items are translated to). */
export function cloudFormationRuleScope(rule: Value, r: NativeResource): RuleScope {
  if (isUnresolved(rule)) return unresolvedRule(rule, r, 'Rules');
  const tags = dig(rule, 'TagFilters');
  if (tags !== undefined && isUnresolved(tags)) return unresolvedRule(tags, r, 'Rules.TagFilters');
  return scopeOf(
    {
      prefixes: [dig(rule, 'Prefix')],
      conditions: [
        ['tags', itemsOf(tags).length ? tags : undefined],
        ['size greater than', dig(rule, 'ObjectSizeGreaterThan')],
        ['size less than', dig(rule, 'ObjectSizeLessThan')],
      ],
    },
    r,
    rule.loc ?? r.loc,
    'Rules.Prefix',
  );
}
