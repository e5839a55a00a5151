// AWS Backup: vaults (DataStore 'backup-vault'; without a key the AWS
// managed `aws/backup`; a vault lock in compliance mode makes it immutable),
// plans (BackupPlan with the longest retention of its rules; a rule without
// delete_after keeps recovery points forever: null) and selections
// (resources, `*`, tags; tag Conditions and NotResources are evaluated
// against the scanned stores once every entity is in place).
import type { NativeResource } from '../../../readers/native.js';
import type { UnknownCause, Value } from '../../../readers/value.js';
import type { BackupPlan, BackupSelection, BackupSelectionPart } from '../../account.js';
import type { CloudModel, Entity } from '../../model.js';
import type { Link } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { causeOf, itemsOf } from '../../lift-values.js';
import { dig, isUnresolved, knownString } from './attribute-path.js';
import { kmsEncryption } from './key-reference.js';
import { linkByName, linkToResource } from './name-index.js';
import { CLOUDFORMATION, TERRAFORM, isTerraform } from './sources.js';
import { dataStore, nameStore } from './store-base.js';
import { tagsValue } from './tags.js';

const VAULT_TYPES = ['aws_backup_vault', 'AWS::Backup::BackupVault'];
const PLAN_TYPES = ['aws_backup_plan', 'AWS::Backup::BackupPlan'];

const vaults: LiftHandler = {
  types: VAULT_TYPES,
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const a = r.attrs.fields;
    const store = dataStore(r, ctx, 'backup-vault', tf ? tagsValue(r) : a.BackupVaultTags);
    nameStore(ctx, store, r, tf ? 'name' : 'BackupVaultName', 'backup-vault');
    const keyName = tf ? 'kms_key_arn' : 'EncryptionKeyArn';
    store.encryption = kmsEncryption(ctx, r, a[keyName], keyName, defaulted({ mode: 'provider-managed', keyText: 'alias/aws/backup' }, r.loc));
    const lock = tf ? undefined : a.LockConfiguration;
    store.immutable = lock === undefined ? defaulted(false, r.loc) : lockImmutable(r, lock, dig(lock, 'ChangeableForDays'), 'ChangeableForDays');
    if (lock !== undefined && store.immutable.known && !store.immutable.value) store.liftableLock = 'governance';
    ctx.model.add(store);
  },
};

/**
 * A vault lock is in compliance mode, which no one can remove once its
 * cooling-off period (`changeable_for_days`) is over, only when that period
 * is set. Without it the lock is in governance mode: users with the right IAM
 * permissions can remove it and delete recovery points, so the vault is not
 * immutable.
 */
function lockImmutable(r: NativeResource, lock: Value, changeable: Value | undefined, name: string): Fact<boolean> {
  if (changeable === undefined || (changeable.kind === 'known' && changeable.value === null)) return fact(false, lock.loc ?? r.loc);
  if (changeable.kind !== 'known') return unknownFact(causeOf(changeable, r, name), changeable.loc ?? r.loc);
  return fact(true, changeable.loc ?? r.loc);
}

const vaultLocks: LiftHandler = {
  types: ['aws_backup_vault_lock_configuration'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const l = linkByName(ctx, r, r.attrs.fields.backup_vault_name, 'backup_vault_name', { kind: 'backup-vault', types: VAULT_TYPES });
    const vault = l.known ? ctx.model.getOf(l.value, 'data-store') : undefined;
    if (!vault) return;
    const own = lockImmutable(r, { ...r.attrs, loc: r.loc }, r.attrs.fields.changeable_for_days, 'changeable_for_days');
    vault.immutable = r.conditional && (!own.known || own.value) ? unknownFact(r.conditional, r.loc) : own;
    if (vault.immutable.known && !vault.immutable.value) vault.liftableLock = 'governance';
  },
};

/** The longest retention among rules: any rule without deletion keeps points forever (null). */
function retention(r: NativeResource, rules: Value | undefined, tf: boolean): Fact<number | null> {
  if (rules === undefined) return unknownFact({ inputs: [], detail: `${r.address} has no rules` }, r.loc);
  if (isUnresolved(rules)) return unknownFact(causeOf(rules, r, 'rule'), rules.loc ?? r.loc);
  let best: Fact<number | null> | undefined;
  for (const rule of itemsOf(rules)) {
    const d = tf ? dig(rule, 'lifecycle', 'delete_after') : dig(rule, 'Lifecycle', 'DeleteAfterDays');
    if (isUnresolved(rule) || (d && d.kind !== 'known')) return unknownFact(causeOf(d ?? rule, r, 'delete_after'), (d ?? rule).loc ?? r.loc);
    if (d === undefined || d.value === null) return fact(null, rule.loc ?? r.loc);
    const n = Number(d.value);
    if (!Number.isFinite(n)) return unknownFact({ inputs: [], detail: `delete_after = ${String(d.value)} is not a number` }, d.loc ?? r.loc);
    if (!best || (best.known && best.value !== null && n > best.value)) best = fact(n, d.loc ?? r.loc);
  }
  return best ?? unknownFact({ inputs: [], detail: `${r.address} has no rules` }, r.loc);
}

function rulesOf(r: NativeResource): Value | undefined {
  return isTerraform(r.source) ? r.attrs.fields.rule : dig(r.attrs, 'BackupPlan', 'BackupPlanRule');
}

const plans: LiftHandler = {
  types: PLAN_TYPES,
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const rules = rulesOf(r);
    const plan: BackupPlan = {
      ...baseOf(r, ctx, tf ? tagsValue(r) : r.attrs.fields.BackupPlanTags),
      kind: 'backup-plan',
      retentionDays: retention(r, rules, tf),
      selects: fact([], r.loc),
      selectsAll: defaulted(false, r.loc),
    };
    ctx.model.add(plan);
  },
};

/** The vault of the plan's first rule, by name once every vault is registered. */
const planVaults: LiftHandler = {
  types: PLAN_TYPES,
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'amend',
  lift(r, ctx) {
    const plan = ctx.model.getOf(r.key, 'backup-plan');
    if (!plan) return;
    const vault = dig(rulesOf(r), isTerraform(r.source) ? 'target_vault_name' : 'TargetBackupVault');
    if (vault !== undefined) plan.vault = linkByName(ctx, r, vault, 'target_vault_name', { kind: 'backup-vault', types: VAULT_TYPES });
    plan.copyRegions = copyRegions(ctx, r);
  },
};

/** `arn:aws:backup:ap-northeast-3:111122223333:backup-vault:dr` -> `ap-northeast-3`, also inside a partly unknown ARN. */
function regionInArn(text: string): string | undefined {
  const m = /^arn:[^:]+:backup:([a-z0-9-]+):/.exec(text);
  return m ? m[1] : undefined;
}

/** Regions of the vaults the plan's copy actions send recovery points to. */
function copyRegions(ctx: LiftContext, r: NativeResource): Fact<string[]> {
  const tf = isTerraform(r.source);
  const rules = rulesOf(r);
  if (rules && isUnresolved(rules)) return unknownFact(causeOf(rules, r, 'rule'), rules.loc ?? r.loc);
  const regions: string[] = [];
  let loc = r.loc;
  for (const rule of itemsOf(rules)) {
    for (const copy of itemsOf(dig(rule, tf ? 'copy_action' : 'CopyActions'))) {
      const dest = dig(copy, tf ? 'destination_vault_arn' : 'DestinationBackupVaultArn');
      loc = dest?.loc ?? loc;
      const text = knownString(dest) ?? (dest?.kind === 'unknown' ? dest.expr : undefined);
      const written = text !== undefined ? regionInArn(text) : undefined;
      if (written) {
        regions.push(written);
        continue;
      }
      const link = linkToResource(ctx, r, dest, 'destination_vault_arn');
      const target = link.known ? ctx.model.getOf(link.value, 'data-store') : undefined;
      if (!target) return link.known ? unknownFact({ inputs: [link.value], detail: 'the copy destination is not a vault of the scan' }, loc) : link;
      if (!target.region.known) return target.region;
      regions.push(target.region.value);
    }
  }
  return regions.length ? fact([...new Set(regions)], loc) : defaulted([], r.loc);
}

/** ARNs that select every resource of every supported type. */
function selectsEverything(text: string): boolean {
  return text === '*' || /^arn:aws:\*:\*:\*:\*$/.test(text) || text === 'arn:aws:*:*:*';
}

/** Adds a selection's resources and tags to its plan, or to the part kept apart for a conditional selection. */
function addSelection(ctx: LiftContext, r: NativeResource, plan: BackupSelection, resources: Value | undefined, tags: { key: Value | undefined; value: Value | undefined }[]): void {
  const links: Link[] = plan.selects.known ? [...plan.selects.value] : [];
  if (resources && isUnresolved(resources)) plan.selects = unknownFact(causeOf(resources, r, 'resources'), resources.loc ?? r.loc);
  for (const item of itemsOf(resources)) {
    const text = knownString(item);
    if (text !== undefined && selectsEverything(text)) {
      plan.selectsAll = fact(true, item.loc ?? r.loc);
      continue;
    }
    if (text !== undefined && text.includes('*')) {
      links.push(unknownFact({ inputs: [text], detail: 'a wildcard ARN selects resources kikan cannot enumerate from the definition' }, item.loc ?? r.loc));
      continue;
    }
    links.push(linkToResource(ctx, r, item, 'resources'));
  }
  if (plan.selects.known) plan.selects = fact(links, plan.selects.loc);
  if (!tags.length) return;
  const pairs: { key: string; value: string }[] = plan.selectsByTag?.known ? [...plan.selectsByTag.value] : [];
  for (const t of tags) {
    const k = knownString(t.key);
    const v = knownString(t.value);
    if (k === undefined || v === undefined) {
      const bad = k === undefined ? t.key : t.value;
      plan.selectsByTag = unknownFact(bad ? causeOf(bad, r, 'selection tag') : { inputs: [], detail: 'selection tag incomplete' }, bad?.loc ?? r.loc);
      return;
    }
    // Conditions name tags as `aws:ResourceTag/<key>`.
    pairs.push({ key: k.replace(/^aws:ResourceTag\//, ''), value: v });
  }
  if (!plan.selectsByTag || plan.selectsByTag.known) plan.selectsByTag = fact(pairs, r.loc);
}

/** One tag test of a selection's Conditions; a selection's tests must all hold. */
interface TagCondition {
  operator: 'StringEquals' | 'StringLike' | 'StringNotEquals' | 'StringNotLike';
  key: string;
  value: string;
}

const OPERATORS: { operator: TagCondition['operator']; tf: string }[] = [
  { operator: 'StringEquals', tf: 'string_equals' },
  { operator: 'StringLike', tf: 'string_like' },
  { operator: 'StringNotEquals', tf: 'string_not_equals' },
  { operator: 'StringNotLike', tf: 'string_not_like' },
];

/** A selection whose Conditions or NotResources the plan's union of resources and tags cannot express. */
interface FilteredSelection {
  r: NativeResource;
  plan: BackupSelection;
  resources: Value | undefined;
  anyTags: { key: Value | undefined; value: Value | undefined }[];
  conditions: TagCondition[] | UnknownCause;
  notResources: Value | undefined;
}

const pendingSelections = new WeakMap<CloudModel, FilteredSelection[]>();

function conditionsOf(r: NativeResource, tf: boolean): { written: boolean; tests: TagCondition[] | UnknownCause } {
  const blocks = tf ? itemsOf(r.attrs.fields.condition) : itemsOf(dig(r.attrs, 'BackupSelection', 'Conditions'));
  const tests: TagCondition[] = [];
  for (const block of blocks) {
    if (isUnresolved(block)) return { written: true, tests: causeOf(block, r, 'condition') };
    for (const { operator, tf: tfName } of OPERATORS) {
      const list = dig(block, tf ? tfName : operator);
      if (isUnresolved(list)) return { written: true, tests: causeOf(list!, r, operator) };
      for (const item of itemsOf(list)) {
        const k = dig(item, tf ? 'key' : 'ConditionKey');
        const v = dig(item, tf ? 'value' : 'ConditionValue');
        const key = knownString(k);
        const value = knownString(v);
        if (key === undefined || value === undefined) {
          const bad = key === undefined ? k : v;
          return { written: true, tests: bad ? causeOf(bad, r, 'condition') : { inputs: [], detail: `a ${operator} condition of ${r.address} is incomplete` } };
        }
        tests.push({ operator, key: key.replace(/^aws:ResourceTag\//, ''), value });
      }
    }
  }
  return { written: tests.length > 0, tests };
}

const selections: LiftHandler = {
  types: ['aws_backup_selection', 'AWS::Backup::BackupSelection'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'amend',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const planLink = ctx.links.link(r.attrs.fields[tf ? 'plan_id' : 'BackupPlanId'], r, 'plan_id');
    const owner = planLink.known ? ctx.model.getOf(planLink.value, 'backup-plan') : undefined;
    if (!owner) return;
    const plan: BackupSelection = r.conditional ? conditionalPart(owner, r.conditional, r) : owner;
    const sel = tf ? r.attrs : dig(r.attrs, 'BackupSelection');
    const resources = dig(sel, tf ? 'resources' : 'Resources');
    const notResources = dig(sel, tf ? 'not_resources' : 'NotResources');
    const anyTags = tf
      ? itemsOf(r.attrs.fields.selection_tag).map((t) => ({ key: dig(t, 'key'), value: dig(t, 'value') }))
      : itemsOf(dig(sel, 'ListOfTags')).map((t) => ({ key: dig(t, 'ConditionKey'), value: dig(t, 'ConditionValue') }));
    const conditions = conditionsOf(r, tf);
    if (!conditions.written && itemsOf(notResources).length === 0) {
      addSelection(ctx, r, plan, resources, anyTags);
      return;
    }
    // Conditions narrow the selection (AND) and NotResources take stores out: judged per store in finishBackup.
    let list = pendingSelections.get(ctx.model);
    if (!list) pendingSelections.set(ctx.model, (list = []));
    list.push({ r, plan, resources, anyTags, conditions: conditions.tests, notResources });
  },
};

/** A selection created under an unresolved condition selects into a part of its own, so coverage can tell it apart. */
function conditionalPart(plan: BackupPlan, cause: UnknownCause, r: NativeResource): BackupSelectionPart {
  const part: BackupSelectionPart = { selects: fact([], r.loc), cause };
  (plan.conditionalSelections ??= []).push(part);
  return part;
}

// ---------------------------------------------------------------------------
// Selections with Conditions or NotResources, per scanned store

type Judged = { state: 'yes' } | { state: 'no' } | { state: 'open'; cause: UnknownCause };

const YES: Judged = { state: 'yes' };
const NO: Judged = { state: 'no' };

function both(a: Judged, b: Judged): Judged {
  if (a.state === 'no' || b.state === 'no') return NO;
  if (a.state === 'open') return a;
  return b;
}

function either(list: Judged[]): Judged {
  if (list.some((j) => j.state === 'yes')) return YES;
  return list.find((j) => j.state === 'open') ?? NO;
}

/** Whether a resource list names the entity: `*`, its reference, or a wildcard or unknown that may. */
function namesEntity(ctx: LiftContext, f: FilteredSelection, list: Value | undefined, e: Entity, name: string): Judged {
  if (isUnresolved(list)) return { state: 'open', cause: causeOf(list!, f.r, name) };
  return either(
    itemsOf(list).map((item): Judged => {
      const text = knownString(item);
      if (text !== undefined && selectsEverything(text)) return YES;
      if (text !== undefined && text.includes('*')) {
        return { state: 'open', cause: { inputs: [text], detail: `a wildcard ARN in ${name} of ${f.r.address} may name ${e.address}` } };
      }
      const link = linkToResource(ctx, f.r, item, name);
      if (!link.known) return { state: 'open', cause: link.cause };
      return link.value === e.id ? YES : NO;
    }),
  );
}

function tagValue(e: Entity, key: string): { has: boolean; value?: string } | UnknownCause {
  if (!e.tags.known) return e.tags.cause;
  if (Object.prototype.hasOwnProperty.call(e.tags.value, key)) return { has: true, value: e.tags.value[key] };
  const u = e.unknownTags?.[key];
  return u ? u.cause : { has: false };
}

/** AWS Backup's StringLike: `*` stands for any run of characters, case-sensitive. */
function likeMatches(pattern: string, value: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === value;
  if (!value.startsWith(parts[0]!) || !value.endsWith(parts[parts.length - 1]!)) return false;
  let at = parts[0]!.length;
  const stop = value.length - parts[parts.length - 1]!.length;
  for (const mid of parts.slice(1, -1)) {
    const found = value.indexOf(mid, at);
    if (found < 0 || found + mid.length > stop) return false;
    at = found + mid.length;
  }
  return at <= stop;
}

function conditionHolds(e: Entity, c: TagCondition): Judged {
  const t = tagValue(e, c.key);
  if (!('has' in t)) return { state: 'open', cause: t };
  const equal = t.has && t.value === c.value;
  const like = t.has && likeMatches(c.value, t.value!);
  // As in IAM, the negated tests hold for a resource without the tag.
  const holds = { StringEquals: equal, StringLike: like, StringNotEquals: !equal, StringNotLike: !like }[c.operator];
  return holds ? YES : NO;
}

function anyTagMatches(f: FilteredSelection, e: Entity): Judged {
  return either(
    f.anyTags.map((t): Judged => {
      const key = knownString(t.key);
      const value = knownString(t.value);
      if (key === undefined || value === undefined) {
        const bad = key === undefined ? t.key : t.value;
        return { state: 'open', cause: bad ? causeOf(bad, f.r, 'selection tag') : { inputs: [], detail: 'selection tag incomplete' } };
      }
      return conditionHolds(e, { operator: 'StringEquals', key: key.replace(/^aws:ResourceTag\//, ''), value });
    }),
  );
}

function selects(ctx: LiftContext, f: FilteredSelection, e: Entity): Judged {
  const hasResources = itemsOf(f.resources).length > 0 || isUnresolved(f.resources);
  // AWS Backup adds what Resources name and what ListOfTags match (OR), then keeps what meets every
  // condition (AND); nothing written selects everything. Reading ListOfTags as also bound by the
  // conditions is the narrower reading, so coverage is never overstated.
  const picked: Judged[] = [];
  if (hasResources) picked.push(namesEntity(ctx, f, f.resources, e, 'resources'));
  if (f.anyTags.length) picked.push(anyTagMatches(f, e));
  let j: Judged = picked.length ? either(picked) : YES;
  if (!Array.isArray(f.conditions)) j = both(j, { state: 'open', cause: f.conditions });
  else for (const c of f.conditions) j = both(j, conditionHolds(e, c));
  if (j.state === 'no') return NO;
  const excluded = namesEntity(ctx, f, f.notResources, e, 'not_resources');
  if (excluded.state === 'yes') return NO;
  return excluded.state === 'open' ? excluded : j;
}

/** Stores AWS Backup protects, and instances (whose volumes an instance backup takes). */
function candidates(ctx: LiftContext): Entity[] {
  const stores = ctx.model.all('data-store').filter((d) => d.cloud === 'aws' && d.storeType !== 'backup-vault');
  const instances = ctx.model.all('compute').filter((c) => c.cloud === 'aws' && c.computeType === 'ec2-instance');
  return [...stores, ...instances];
}

/** Adds what each filtered selection selects to its plan: the stores it names, and one open link when some may be. */
export function finishBackup(ctx: LiftContext): void {
  for (const f of pendingSelections.get(ctx.model) ?? []) {
    if (!f.plan.selects.known) continue;
    const links: Link[] = [...f.plan.selects.value];
    let open: UnknownCause | undefined;
    for (const e of candidates(ctx)) {
      const j = selects(ctx, f, e);
      if (j.state === 'yes') links.push(fact(e.id, f.r.loc));
      else if (j.state === 'open') open ??= j.cause;
    }
    if (open) links.push(unknownFact(open, f.r.loc));
    f.plan.selects = fact(links, f.plan.selects.loc);
  }
}

export const backupHandlers: LiftHandler[] = [vaults, vaultLocks, plans, planVaults, selections];
