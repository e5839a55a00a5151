// When a storage account's lifecycle management policy deletes the logs
// delivered to it. A rule may be limited to blobs whose name starts with one
// of its `prefixMatch` strings (`<container>/<blob prefix>`, compared as plain
// case-sensitive string prefixes), to block or append blobs (`blobTypes`),
// and to blobs carrying index tags (`blobIndexMatch`). Like S3 rules
// (aws/resources/s3-expiration.ts) it counts for the logs when it reaches all
// of their blobs, not at all when it reaches none, and leaves the answer
// unknown when it may reach only some and would delete them sooner than
// every other rule.
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc, UnknownCause, Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import type { Fact, KnownFact, UnknownFact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { boolFact, causeOf, isUnresolved, itemsOf, numberFact } from '../../lift-values.js';
import { armPath, isSet, knownText, tfPath } from './attribute-paths.js';
import type { BlobWriter } from './storage-log-blobs.js';
import { soonestExpiry, soonestOver } from '../../soonest-expiry.js';

type BlobRuleScope =
  /** `prefixes` empty: any name; `blobTypes` undefined: both types; `conditions`: index-tag conditions, in English. */
  | { kind: 'filtered'; prefixes: string[]; blobTypes: string[] | undefined; conditions: string[]; loc: SourceLoc }
  | { kind: 'unknown'; cause: UnknownCause; loc: SourceLoc };

export interface BlobRule {
  /** How the report names the rule: its name, else its position. */
  name: string;
  enabled: Fact<boolean>;
  /** The soonest age at which the rule deletes base blobs; null when it deletes none. */
  days: Fact<number | null>;
  scope: BlobRuleScope;
  loc: SourceLoc;
}

/** A management policy as written, kept until the writers of logs into the account are known. */
export interface BlobLifecycle {
  rules: BlobRule[];
  /** Set when the rule list itself is an unresolved value. */
  whole?: UnknownFact;
  definedBy: NativeResource;
}

function ruleName(v: Value | undefined, index: number): string {
  const n = knownText(v);
  return n ? `rule ${JSON.stringify(n)}` : `rule ${index + 1}`;
}

/** A list of strings; undefined when unset or empty, a cause when any part is unresolved. */
function strings(v: Value | undefined, r: NativeResource, attribute: string): string[] | undefined | UnknownCause {
  if (!isSet(v)) return undefined;
  if (isUnresolved(v)) return causeOf(v, r, attribute);
  const items = v.kind === 'list' ? v.items : [v];
  const out: string[] = [];
  for (const i of items) {
    const t = knownText(i);
    if (t === undefined) return causeOf(i, r, attribute);
    out.push(t);
  }
  return out.length ? out : undefined;
}

/** `index tag retention == "short"`, for causes. */
function tagCondition(c: Value, name: string, op: string, value: string): string {
  const text = (k: string, otherwise: string) => knownText(armPath(c, k)) ?? otherwise;
  return `index tag ${text(name, '?')} ${text(op, '==')} ${JSON.stringify(text(value, '?'))}`;
}

function scopeOf(
  parts: { filters: Value | undefined; prefixes: Value | undefined; types: Value | undefined; index: Value | undefined },
  names: { prefixes: string; types: string; index: [string, string, string] },
  r: NativeResource,
  loc: SourceLoc,
): BlobRuleScope {
  if (isUnresolved(parts.filters)) return { kind: 'unknown', cause: causeOf(parts.filters!, r, 'filters'), loc: parts.filters!.loc ?? loc };
  const prefixes = strings(parts.prefixes, r, names.prefixes);
  if (prefixes && !Array.isArray(prefixes)) return { kind: 'unknown', cause: prefixes, loc: parts.prefixes?.loc ?? loc };
  const types = strings(parts.types, r, names.types);
  if (types && !Array.isArray(types)) return { kind: 'unknown', cause: types, loc: parts.types?.loc ?? loc };
  if (isUnresolved(parts.index)) return { kind: 'unknown', cause: causeOf(parts.index!, r, 'blob index match'), loc: parts.index!.loc ?? loc };
  const conditions = itemsOf(parts.index).map((c) => tagCondition(c, ...names.index));
  return { kind: 'filtered', prefixes: prefixes ?? [], blobTypes: types, conditions, loc: parts.filters?.loc ?? loc };
}

/**
 * The soonest of the delete ages written; null when the rule deletes no base
 * blob. azurerm defaults every age to -1, which plan JSON writes for the unset ones.
 */
function daysOf(ages: Value[], r: NativeResource, loc: SourceLoc): Fact<number | null> {
  let best: KnownFact<number> | undefined;
  for (const d of ages) {
    if (!isSet(d)) continue;
    const n = numberFact(d, r, { name: 'delete after days' });
    if (!n.known) return n;
    if (n.value < 0) continue;
    if (!best || n.value < best.value) best = n;
  }
  return best ?? fact(null, loc);
}

const ARM_AGES = ['daysAfterModificationGreaterThan', 'daysAfterCreationGreaterThan', 'daysAfterLastAccessTimeGreaterThan'];

/** ARM `properties.policy.rules[]` (`definition.filters`, `definition.actions.baseBlob.delete`). */
export function armLifecycle(r: NativeResource, rules: Value | undefined): BlobLifecycle {
  if (rules && rules.kind !== 'list' && isSet(rules)) return { rules: [], whole: unknownFact(causeOf(rules, r, 'policy.rules'), rules.loc ?? r.loc), definedBy: r };
  return {
    definedBy: r,
    rules: itemsOf(rules).map((rule, i) => {
      const loc = rule.loc ?? r.loc;
      const filters = armPath(rule, 'definition', 'filters');
      const del = armPath(rule, 'definition', 'actions', 'baseBlob', 'delete');
      return {
        name: ruleName(armPath(rule, 'name'), i),
        enabled: boolFact(armPath(rule, 'enabled'), r, { name: 'rule enabled', default: true }),
        days: daysOf(ARM_AGES.flatMap((k) => armPath(del, k) ?? []), r, loc),
        scope: scopeOf(
          { filters, prefixes: armPath(filters, 'prefixMatch'), types: armPath(filters, 'blobTypes'), index: armPath(filters, 'blobIndexMatch') },
          { prefixes: 'filters.prefixMatch', types: 'filters.blobTypes', index: ['name', 'op', 'value'] },
          r,
          loc,
        ),
        loc,
      };
    }),
  };
}

const TF_AGES = ['delete_after_days_since_modification_greater_than', 'delete_after_days_since_creation_greater_than', 'delete_after_days_since_last_access_time_greater_than'];

/** azurerm `rule { filters { prefix_match, blob_types, match_blob_index_tag } actions { base_blob { … } } }`. */
export function terraformLifecycle(r: NativeResource): BlobLifecycle {
  const rules = field(r.attrs, 'rule');
  if (isUnresolved(rules)) return { rules: [], whole: unknownFact(causeOf(rules!, r, 'rule'), rules!.loc ?? r.loc), definedBy: r };
  return {
    definedBy: r,
    rules: itemsOf(rules).map((rule, i) => {
      const loc = rule.loc ?? r.loc;
      const filters = field(rule, 'filters');
      const f = filters?.kind === 'list' ? filters.items[0] : filters;
      const base = tfPath(rule, 'actions', 'base_blob');
      return {
        name: ruleName(field(rule, 'name'), i),
        enabled: boolFact(field(rule, 'enabled'), r, { name: 'rule.enabled', default: true }),
        days: daysOf(TF_AGES.flatMap((k) => tfPath(base, k) ?? []), r, loc),
        scope: scopeOf(
          { filters: f, prefixes: tfPath(f, 'prefix_match'), types: tfPath(f, 'blob_types'), index: f && !isUnresolved(f) ? field(f, 'match_blob_index_tag') : undefined },
          { prefixes: 'filters.prefix_match', types: 'filters.blob_types', index: ['name', 'operation', 'value'] },
          r,
          loc,
        ),
        loc,
      };
    }),
  };
}

/** 'all' when the rule reaches every blob the writer writes, 'none' when it reaches none, else why it is not known. */
function reach(rule: BlobRule, w: BlobWriter, r: NativeResource): 'all' | 'none' | UnknownCause {
  const s = rule.scope;
  if (s.kind === 'unknown') return s.cause;
  if (s.blobTypes && !s.blobTypes.some((t) => t.toLowerCase() === w.blobType.toLowerCase())) return 'none';
  const limit = `${rule.name} of ${r.address} applies only to ${s.blobTypes ? s.blobTypes.join(', ') : 'blobs'}${s.prefixes.length ? ` under ${s.prefixes.map((p) => JSON.stringify(p)).join(', ')}` : ''}${s.conditions.length ? ` with ${s.conditions.join(', ')}` : ''}`;
  let covers = !s.prefixes.length;
  let some = false;
  if (!covers) {
    if (!w.prefix.known) return { ...w.prefix.cause, detail: `${limit}; where ${w.what} go is not known: ${w.prefix.cause.detail}` };
    const k = w.prefix.value;
    covers = s.prefixes.some((p) => k.startsWith(p));
    some = !covers && s.prefixes.some((p) => p.startsWith(k));
    if (!covers && !some) return 'none';
  }
  const which = `${w.what}${w.prefix.known && w.prefix.value ? ` (under ${JSON.stringify(w.prefix.value)})` : ''}`;
  if (s.conditions.length) return { inputs: [], detail: `${limit}: whether ${which} carry those index tags is not in the definitions` };
  if (covers) return 'all';
  return { inputs: [], detail: `${limit}: only some of ${which}, and which is not in the definitions` };
}

/**
 * The soonest time after which the policy deletes blobs of any of `writers`
 * (every blob of the account when none is given); null when no rule does.
 */
export function blobExpirationDays(lifecycle: BlobLifecycle, writers: BlobWriter[], account: NativeResource | undefined, address: string): Fact<number | null> {
  if (lifecycle.whole) return lifecycle.whole;
  const r = lifecycle.definedBy;
  if (!lifecycle.rules.length) return defaulted(null, r.loc);
  const targets: BlobWriter[] = writers.length
    ? writers
    : (['blockBlob', 'appendBlob'] as const).map((blobType) => ({ prefix: fact('', account?.loc ?? r.loc), blobType, what: `the ${blobType}s of ${address}` }));
  return soonestOver(targets, (w) =>
    soonestExpiry(
      lifecycle.rules.map((rule) => ({ where: reach(rule, w, r), whereLoc: rule.scope.loc, enabled: rule.enabled, days: rule.days, loc: rule.loc })),
      r.loc,
    ),
  )!;
}
