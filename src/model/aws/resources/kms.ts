// KMS keys, replica keys, key policies and aliases -> Key.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { Key } from '../../keys.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { boolFact, causeOf, numberFact, stringFact } from '../../lift-values.js';
import { policyTextOf } from '../../policy-document.js';
import { knownString } from './attribute-path.js';
import { KMS_KEY_TYPES } from './key-reference.js';
import { linkByName, registerName } from './name-index.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';
import { tagsValue } from './tags.js';

/** Absent key policy = the default key policy (the account root may use and administer the key): null. */
function keyPolicy(v: Value | undefined, r: NativeResource, name: string): Fact<string | null> {
  return v === undefined ? defaulted(null, r.loc) : policyTextOf(v, r, name);
}

const SYMMETRIC = 'SYMMETRIC_DEFAULT';

/**
 * Terraform's aws_kms_key keeps its material in a custom key store when
 * `custom_key_store_id` is set: CloudHSM, or an external key store with `xks_key_id`.
 */
function terraformOrigin(r: NativeResource): Fact<string> {
  const a = r.attrs.fields;
  if (r.type === 'aws_kms_external_key') return defaulted('EXTERNAL', r.loc);
  const store = a.custom_key_store_id;
  if (store === undefined || (store.kind === 'known' && store.value === null)) return defaulted('AWS_KMS', r.loc);
  // A store that is only known after apply (a ref) is still a store; an unset input may be null.
  if (store.kind !== 'known' && store.kind !== 'ref') return unknownFact(causeOf(store, r, 'custom_key_store_id'), store.loc ?? r.loc);
  const xks = a.xks_key_id;
  const external = xks !== undefined && !(xks.kind === 'known' && xks.value === null);
  return fact(external ? 'EXTERNAL_KEY_STORE' : 'AWS_CLOUDHSM', store.loc ?? r.loc);
}

function keyEntity(r: NativeResource, ctx: LiftContext, fields: Omit<Key, keyof ReturnType<typeof baseOf> | 'kind' | 'keyType'>): Key {
  return { ...baseOf(r, ctx, tagsValue(r)), kind: 'key', keyType: 'kms-key', ...fields };
}

const terraformKeys: LiftHandler = {
  types: ['aws_kms_key', 'aws_kms_external_key'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const a = r.attrs.fields;
    const external = r.type === 'aws_kms_external_key';
    ctx.model.add(
      keyEntity(r, ctx, {
        policy: keyPolicy(a.policy, r, 'policy'),
        // Keys with imported material cannot rotate automatically.
        rotationEnabled: external ? defaulted(false, r.loc) : boolFact(a.enable_key_rotation, r, { name: 'enable_key_rotation', default: false }),
        deletionWindowDays: numberFact(a.deletion_window_in_days, r, { name: 'deletion_window_in_days', default: 30 }),
        enabled: boolFact(external ? a.enabled : a.is_enabled, r, { name: external ? 'enabled' : 'is_enabled', default: true }),
        multiRegion: boolFact(a.multi_region, r, { name: 'multi_region', default: false }),
        keySpec: external
          ? stringFact(a.key_spec, r, { name: 'key_spec', default: SYMMETRIC })
          : stringFact(a.customer_master_key_spec, r, { name: 'customer_master_key_spec', default: SYMMETRIC }),
        origin: terraformOrigin(r),
      }),
    );
  },
};

const terraformReplicaKeys: LiftHandler = {
  types: ['aws_kms_replica_key', 'aws_kms_replica_external_key'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const a = r.attrs.fields;
    ctx.model.add(
      keyEntity(r, ctx, {
        policy: keyPolicy(a.policy, r, 'policy'),
        deletionWindowDays: numberFact(a.deletion_window_in_days, r, { name: 'deletion_window_in_days', default: 30 }),
        enabled: boolFact(a.enabled, r, { name: 'enabled', default: true }),
        multiRegion: defaulted(true, r.loc),
        primaryKey: linkByName(ctx, r, a.primary_key_arn, 'primary_key_arn', { kind: 'kms-alias', types: KMS_KEY_TYPES }),
      }),
    );
  },
};

const cloudFormationKeys: LiftHandler = {
  types: ['AWS::KMS::Key', 'AWS::KMS::ReplicaKey'],
  sources: CLOUDFORMATION,
  pass: 'entity',
  lift(r, ctx) {
    const a = r.attrs.fields;
    const replica = r.type === 'AWS::KMS::ReplicaKey';
    const key = keyEntity(r, ctx, {
      policy: keyPolicy(a.KeyPolicy, r, 'KeyPolicy'),
      deletionWindowDays: numberFact(a.PendingWindowInDays, r, { name: 'PendingWindowInDays', default: 30 }),
      enabled: boolFact(a.Enabled, r, { name: 'Enabled', default: true }),
      multiRegion: replica ? defaulted(true, r.loc) : boolFact(a.MultiRegion, r, { name: 'MultiRegion', default: false }),
    });
    if (replica) key.primaryKey = linkByName(ctx, r, a.PrimaryKeyArn, 'PrimaryKeyArn', { kind: 'kms-alias', types: KMS_KEY_TYPES });
    else {
      key.rotationEnabled = boolFact(a.EnableKeyRotation, r, { name: 'EnableKeyRotation', default: false });
      key.keySpec = stringFact(a.KeySpec, r, { name: 'KeySpec', default: SYMMETRIC });
      key.origin = stringFact(a.Origin, r, { name: 'Origin', default: 'AWS_KMS' });
    }
    ctx.model.add(key);
  },
};

/** aws_kms_key_policy replaces the key's policy. */
const terraformKeyPolicies: LiftHandler = {
  types: ['aws_kms_key_policy'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const k = linkByName(ctx, r, r.attrs.fields.key_id, 'key_id', { kind: 'kms-alias', types: KMS_KEY_TYPES });
    const key = k.known ? ctx.model.getOf(k.value, 'key') : undefined;
    if (key) key.policy = policyTextOf(r.attrs.fields.policy, r, 'policy');
  },
};

function aliasParts(r: NativeResource): { name: Value | undefined; target: Value | undefined } {
  return r.source === 'cloudformation'
    ? { name: r.attrs.fields.AliasName, target: r.attrs.fields.TargetKeyId }
    : { name: r.attrs.fields.name, target: r.attrs.fields.target_key_id };
}

/** Aliases name keys for data stores that say `alias/x`: registered before any store is resolved. */
const aliasNames: LiftHandler = {
  types: ['aws_kms_alias', 'AWS::KMS::Alias'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const { name, target } = aliasParts(r);
    const k = linkByName(ctx, r, target, 'target_key_id', { kind: 'kms-alias', types: KMS_KEY_TYPES });
    if (k.known) registerName(ctx, 'kms-alias', name, k.value, r);
  },
};

const aliasesOnKeys: LiftHandler = {
  types: ['aws_kms_alias', 'AWS::KMS::Alias'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'amend',
  lift(r, ctx) {
    const { name, target } = aliasParts(r);
    const k = linkByName(ctx, r, target, 'target_key_id', { kind: 'kms-alias', types: KMS_KEY_TYPES });
    const key = k.known ? ctx.model.getOf(k.value, 'key') : undefined;
    const text = knownString(name);
    if (key && text) (key.aliases ??= []).push(text);
  },
};

/** A replica key rotates with its primary and shares its key spec and material origin. */
export function finishKeys(ctx: LiftContext): void {
  for (const key of ctx.model.all('key')) {
    if (!key.primaryKey?.known) continue;
    const primary = ctx.model.getOf(key.primaryKey.value, 'key');
    if (!primary) continue;
    if (!key.rotationEnabled && primary.rotationEnabled) key.rotationEnabled = primary.rotationEnabled;
    if (!key.keySpec && primary.keySpec) key.keySpec = primary.keySpec;
    if (!key.origin && primary.origin) key.origin = primary.origin;
  }
}

export const kmsHandlers: LiftHandler[] = [
  terraformKeys,
  terraformReplicaKeys,
  cloudFormationKeys,
  terraformKeyPolicies,
  aliasNames,
  aliasesOnKeys,
];

