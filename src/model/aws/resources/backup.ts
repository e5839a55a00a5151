// AWS Backup: vaults (DataStore 'backup-vault'; without a key the AWS
// managed `aws/backup`; a vault lock makes it immutable), plans (BackupPlan
// with the longest retention of its rules; a rule without delete_after keeps
// recovery points forever: null) and selections (resources, `*`, tags).
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { BackupPlan } from '../../account.js';
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
    store.immutable = tf || a.LockConfiguration === undefined ? defaulted(false, r.loc) : fact(true, a.LockConfiguration.loc ?? r.loc);
    ctx.model.add(store);
  },
};

const vaultLocks: LiftHandler = {
  types: ['aws_backup_vault_lock_configuration'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const l = linkByName(ctx, r, r.attrs.fields.backup_vault_name, 'backup_vault_name', { kind: 'backup-vault', types: VAULT_TYPES });
    const vault = l.known ? ctx.model.getOf(l.value, 'data-store') : undefined;
    if (vault) vault.immutable = r.conditional ? unknownFact(r.conditional, r.loc) : fact(true, r.loc);
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

function addSelection(ctx: LiftContext, r: NativeResource, plan: BackupPlan, resources: Value | undefined, tags: { key: Value | undefined; value: Value | undefined }[]): void {
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

const selections: LiftHandler = {
  types: ['aws_backup_selection', 'AWS::Backup::BackupSelection'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'amend',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const planLink = ctx.links.link(r.attrs.fields[tf ? 'plan_id' : 'BackupPlanId'], r, 'plan_id');
    const plan = planLink.known ? ctx.model.getOf(planLink.value, 'backup-plan') : undefined;
    if (!plan) return;
    if (tf) {
      const a = r.attrs.fields;
      const tags = [
        ...itemsOf(a.selection_tag).map((t) => ({ key: dig(t, 'key'), value: dig(t, 'value') })),
        ...itemsOf(dig(r.attrs, 'condition', 'string_equals')).map((t) => ({ key: dig(t, 'key'), value: dig(t, 'value') })),
      ];
      addSelection(ctx, r, plan, a.resources, tags);
    } else {
      const sel = dig(r.attrs, 'BackupSelection');
      const tags = [
        ...itemsOf(dig(sel, 'ListOfTags')).map((t) => ({ key: dig(t, 'ConditionKey'), value: dig(t, 'ConditionValue') })),
        ...itemsOf(dig(sel, 'Conditions', 'StringEquals')).map((t) => ({ key: dig(t, 'ConditionKey'), value: dig(t, 'ConditionValue') })),
      ];
      addSelection(ctx, r, plan, dig(sel, 'Resources'), tags);
    }
  },
};

export const backupHandlers: LiftHandler[] = [vaults, vaultLocks, plans, planVaults, selections];
