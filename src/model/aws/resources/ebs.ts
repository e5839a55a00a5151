// EBS volumes, the block devices of instances and launch templates,
// snapshots, and the account's EBS encryption by default -> DataStore
// 'ebs-volume' / 'ebs-snapshot' and AccountService 'ebs-default-encryption'
// (settings: `encryption`, Fact<Encryption> of the account's default EBS key).
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc, Value } from '../../../readers/value.js';
import type { AccountService } from '../../account.js';
import type { DataStore, Encryption } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { boolFact, causeOf, itemsOf } from '../../lift-values.js';
import type { CloudModel } from '../../model.js';
import { dig, isUnresolved, knownString } from './attribute-path.js';
import { accountService } from './account-service.js';
import { kmsEncryption } from './key-reference.js';
import { CLOUDFORMATION, TERRAFORM, isTerraform } from './sources.js';
import { tagsValue } from './tags.js';

/** The account's default EBS key is the AWS managed `aws/ebs` until aws_ebs_default_kms_key changes it. */
function awsEbsKey(loc: SourceLoc): Fact<Encryption> {
  return defaulted({ mode: 'provider-managed', keyText: 'alias/aws/ebs' }, loc);
}

interface AccountDefaults {
  byDefault?: NativeResource;
  defaultKey?: NativeResource;
}

interface EbsState {
  accounts: Map<string, AccountDefaults>;
  /** Volumes whose encryption the account settings decide. */
  pending: { store: DataStore; loc: SourceLoc; needs: 'default-encryption' | 'default-key' }[];
  snapshots: { store: DataStore; volume: Value | undefined; r: NativeResource }[];
}

const states = new WeakMap<CloudModel, EbsState>();

function stateOf(ctx: LiftContext): EbsState {
  let s = states.get(ctx.model);
  if (!s) states.set(ctx.model, (s = { accounts: new Map(), pending: [], snapshots: [] }));
  return s;
}

interface VolumeSpec {
  encrypted: Value | undefined;
  key: Value | undefined;
  keyName: string;
  encryptedName: string;
  loc: SourceLoc;
}

/**
 * Encryption of a volume: an explicit key decides; `encrypted = true` alone
 * uses the account's default EBS key; nothing written leaves it to the
 * account's encryption by default, which may be on outside the code (joined
 * in finishEbs). `encrypted = false` is taken as written.
 */
function volumeEncryption(ctx: LiftContext, r: NativeResource, store: DataStore, v: VolumeSpec): void {
  const hasKey = v.key !== undefined && !(v.key.kind === 'known' && (v.key.value === null || v.key.value === ''));
  if (hasKey) {
    store.encryption = kmsEncryption(ctx, r, v.key, v.keyName, awsEbsKey(v.loc));
    return;
  }
  if (v.encrypted === undefined || (v.encrypted.kind === 'known' && v.encrypted.value === null)) {
    stateOf(ctx).pending.push({ store, loc: v.loc, needs: 'default-encryption' });
    return;
  }
  const on = boolFact(v.encrypted, r, { name: v.encryptedName });
  if (!on.known) store.encryption = on;
  else if (!on.value) store.encryption = fact({ mode: 'none' }, on.loc);
  else stateOf(ctx).pending.push({ store, loc: on.loc ?? v.loc, needs: 'default-key' });
}

function volumeStore(r: NativeResource, ctx: LiftContext, part: string | undefined, tags: Value | undefined, loc: SourceLoc): DataStore {
  const base = baseOf(r, ctx, tags);
  return part === undefined
    ? { ...base, kind: 'data-store', storeType: 'ebs-volume' }
    : { ...base, id: `${r.key}#${part}`, loc, kind: 'data-store', storeType: 'ebs-volume' };
}

const terraformVolumes: LiftHandler = {
  types: ['aws_ebs_volume'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const a = r.attrs.fields;
    const store = volumeStore(r, ctx, undefined, tagsValue(r), r.loc);
    volumeEncryption(ctx, r, store, { encrypted: a.encrypted, key: a.kms_key_id, keyName: 'kms_key_id', encryptedName: 'encrypted', loc: r.loc });
    ctx.model.add(store);
  },
};

const cloudFormationVolumes: LiftHandler = {
  types: ['AWS::EC2::Volume'],
  sources: CLOUDFORMATION,
  pass: 'entity',
  lift(r, ctx) {
    const a = r.attrs.fields;
    const store = volumeStore(r, ctx, undefined, tagsValue(r), r.loc);
    volumeEncryption(ctx, r, store, { encrypted: a.Encrypted, key: a.KmsKeyId, keyName: 'KmsKeyId', encryptedName: 'Encrypted', loc: r.loc });
    ctx.model.add(store);
  },
};

/** Volume tags: the block's own, else the resource's volume tags, else the instance's (its disks hold its data). */
function deviceTags(r: NativeResource, block: Value | undefined): Value | undefined {
  return dig(block, 'tags') ?? r.attrs.fields.volume_tags ?? tagsValue(r);
}

function addDevice(ctx: LiftContext, r: NativeResource, part: string, block: Value | undefined, spec: Omit<VolumeSpec, 'loc'>, synthesized?: string): void {
  const loc = block?.loc ?? r.loc;
  const store = volumeStore(r, ctx, part, isTerraform(r.source) ? deviceTags(r, block) : tagsValue(r), loc);
  // The device is part of its instance (or launch template): it sits in that segment.
  store.parent = fact(r.key, r.loc);
  if (synthesized) store.platformDefault = synthesized;
  if (block && isUnresolved(block)) store.encryption = unknownFact(causeOf(block, r, part), loc);
  else volumeEncryption(ctx, r, store, { ...spec, loc });
  ctx.model.add(store);
}

function deviceName(block: Value, index: number): string {
  return knownString(dig(block, 'device_name')) ?? knownString(dig(block, 'DeviceName')) ?? String(index);
}

const terraformInstanceDevices: LiftHandler = {
  types: ['aws_instance'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const a = r.attrs.fields;
    const root = dig(r.attrs, 'root_block_device');
    const tfSpec = (b: Value | undefined) => ({ encrypted: dig(b, 'encrypted'), key: dig(b, 'kms_key_id'), keyName: 'kms_key_id', encryptedName: 'encrypted' });
    // Every instance has a root volume, written or not.
    addDevice(ctx, r, 'root_block_device', root, tfSpec(root), root === undefined ? 'root volume of the instance' : undefined);
    itemsOf(a.ebs_block_device).forEach((b, i) => addDevice(ctx, r, `ebs_block_device[${deviceName(b, i)}]`, b, tfSpec(b)));
  },
};

const terraformLaunchTemplateDevices: LiftHandler = {
  types: ['aws_launch_template'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    itemsOf(r.attrs.fields.block_device_mappings).forEach((m, i) => {
      const ebs = dig(m, 'ebs');
      if (ebs === undefined && !isUnresolved(m)) return; // instance store or no_device
      addDevice(ctx, r, `block_device_mappings[${deviceName(m, i)}]`, isUnresolved(m) ? m : ebs, {
        encrypted: dig(ebs, 'encrypted'),
        key: dig(ebs, 'kms_key_id'),
        keyName: 'kms_key_id',
        encryptedName: 'encrypted',
      });
    });
  },
};

/** Root device names of the usual AMIs: a mapping with one of them describes the root volume. */
const ROOT_DEVICES = new Set(['/dev/xvda', '/dev/sda1']);

function cloudFormationMappings(ctx: LiftContext, r: NativeResource, mappings: Value | undefined, synthesizeRoot: boolean): void {
  if (mappings && isUnresolved(mappings)) {
    addDevice(ctx, r, 'BlockDeviceMappings', mappings, { encrypted: undefined, key: undefined, keyName: 'KmsKeyId', encryptedName: 'Encrypted' });
    return;
  }
  let rootWritten = false;
  itemsOf(mappings).forEach((m, i) => {
    const name = dig(m, 'DeviceName');
    if (name?.kind !== 'known' || ROOT_DEVICES.has(String(name.value))) rootWritten = true;
    const ebs = dig(m, 'Ebs');
    if (ebs === undefined && !isUnresolved(m)) return;
    addDevice(ctx, r, `BlockDeviceMappings[${deviceName(m, i)}]`, isUnresolved(m) ? m : ebs, {
      encrypted: dig(ebs, 'Encrypted'),
      key: dig(ebs, 'KmsKeyId'),
      keyName: 'KmsKeyId',
      encryptedName: 'Encrypted',
    });
  });
  if (synthesizeRoot && !rootWritten) {
    addDevice(ctx, r, 'root_block_device', undefined, { encrypted: undefined, key: undefined, keyName: 'KmsKeyId', encryptedName: 'Encrypted' }, 'root volume of the instance');
  }
}

const cloudFormationInstanceDevices: LiftHandler = {
  types: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate'],
  sources: CLOUDFORMATION,
  pass: 'entity',
  lift(r, ctx) {
    // A live instance's volumes are their own AWS::EC2::Volume items: no root volume to assume.
    if (r.type === 'AWS::EC2::Instance') cloudFormationMappings(ctx, r, r.attrs.fields.BlockDeviceMappings, r.source !== 'aws-config');
    else cloudFormationMappings(ctx, r, dig(r.attrs, 'LaunchTemplateData', 'BlockDeviceMappings'), false);
  },
};

const terraformSnapshots: LiftHandler = {
  types: ['aws_ebs_snapshot', 'aws_ebs_snapshot_copy'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const a = r.attrs.fields;
    const store: DataStore = { ...baseOf(r, ctx, tagsValue(r)), kind: 'data-store', storeType: 'ebs-snapshot' };
    const source = r.type === 'aws_ebs_snapshot' ? a.volume_id : a.source_snapshot_id;
    if (source) store.snapshotOf = ctx.links.link(source, r, r.type === 'aws_ebs_snapshot' ? 'volume_id' : 'source_snapshot_id');
    const written = (v: Value | undefined) => v !== undefined && !(v.kind === 'known' && v.value === null);
    if (r.type === 'aws_ebs_snapshot_copy' && (written(a.encrypted) || written(a.kms_key_id))) {
      volumeEncryption(ctx, r, store, { encrypted: a.encrypted, key: a.kms_key_id, keyName: 'kms_key_id', encryptedName: 'encrypted', loc: r.loc });
    } else {
      // A snapshot (or a copy that says nothing) is encrypted exactly as its source.
      stateOf(ctx).snapshots.push({ store, volume: source, r });
    }
    ctx.model.add(store);
  },
};

const terraformAccountDefaults: LiftHandler = {
  types: ['aws_ebs_encryption_by_default', 'aws_ebs_default_kms_key'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const accounts = stateOf(ctx).accounts;
    const d = accounts.get(r.scope) ?? {};
    if (r.type === 'aws_ebs_encryption_by_default') d.byDefault = r;
    else d.defaultKey = r;
    accounts.set(r.scope, d);
  },
};

function accountServiceOf(ctx: LiftContext, d: AccountDefaults): AccountService | undefined {
  const r = d.byDefault ?? d.defaultKey;
  if (!r) return undefined;
  const encryption = d.defaultKey
    ? kmsEncryption(ctx, d.defaultKey, d.defaultKey.attrs.fields.key_arn, 'key_arn', awsEbsKey(d.defaultKey.loc))
    : awsEbsKey(r.loc);
  const enabled = d.byDefault
    ? boolFact(d.byDefault.attrs.fields.enabled, d.byDefault, { name: 'enabled', default: true })
    : unknownFact({ inputs: ['aws_ebs_encryption_by_default'], detail: 'the default EBS key is set, but not whether EBS encryption by default is on' }, r.loc);
  const svc = accountService(r, ctx, 'ebs-default-encryption', enabled, { encryption });
  ctx.model.add(svc);
  return svc;
}

/**
 * What the user can supply for the account's EBS encryption by default:
 * Terraform has a resource for it; CloudFormation has none, so it is the
 * account setting itself (declare it, or scan the account live).
 */
function accountSettingInput(store: DataStore): string {
  return isTerraform(store.source) ? 'aws_ebs_encryption_by_default' : 'EBS encryption by default (account setting)';
}

/** Creates the account defaults and applies them to volumes that leave encryption to the account. */
export function finishEbs(ctx: LiftContext): void {
  const s = stateOf(ctx);
  const services = new Map<string, AccountService | undefined>();
  for (const [scope, d] of s.accounts) services.set(scope, accountServiceOf(ctx, d));
  for (const p of s.pending) {
    const svc = services.get(p.store.scope);
    const key = svc ? (svc.settings.encryption as Fact<Encryption>) : awsEbsKey(p.loc);
    if (p.needs === 'default-key') {
      p.store.encryption = key.known ? { ...key, loc: p.loc } : key;
      continue;
    }
    if (!svc) {
      p.store.encryption = unknownFact(
        {
          inputs: [accountSettingInput(p.store)],
          detail: 'the volume does not set encryption; it is encrypted only if EBS encryption by default is on in the account',
        },
        p.loc,
      );
    } else if (!svc.enabled.known) p.store.encryption = svc.enabled;
    else p.store.encryption = svc.enabled.value ? key : defaulted({ mode: 'none' }, p.loc);
  }
  for (const snap of s.snapshots) {
    if (snap.store.encryption) continue;
    const src = snap.store.snapshotOf?.known ? ctx.model.getOf(snap.store.snapshotOf.value, 'data-store') : undefined;
    snap.store.encryption =
      src?.encryption ??
      unknownFact(snap.volume ? causeOf(snap.volume, snap.r, 'volume') : { inputs: [], detail: 'the snapshot source is not known' }, snap.r.loc);
  }
}

export const ebsHandlers: LiftHandler[] = [
  terraformVolumes,
  cloudFormationVolumes,
  terraformInstanceDevices,
  terraformLaunchTemplateDevices,
  cloudFormationInstanceDevices,
  terraformSnapshots,
  terraformAccountDefaults,
];
