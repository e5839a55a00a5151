// Managed disks -> DataStore 'managed-disk'; disk encryption sets -> Key
// 'disk-encryption-set' (parent: the Key Vault key they wrap). A disk is
// encrypted with a platform-managed key unless it names a disk encryption
// set (`encryption.diskEncryptionSetId`, `disk_encryption_set_id`, the
// confidential-VM variants) or an Azure Disk Encryption key. The OS and data
// disks a VM or scale set creates with itself are stores of their own,
// `<vm key>#osDisk` and `<vm key>#dataDisk<lun>`; disks attached by ID are
// lifted where they are defined. The VM itself is the network lifter's.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { DataStore, Encryption } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { Key } from '../../keys.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { causeOf, itemsOf } from '../../lift-values.js';
import { armPath, attr, blocks, isSet, knownText, prop, tfPath } from './attribute-paths.js';
import { azureBase, newDataStore } from './base.js';
import { keyReference, linkKeyLater, mayBeEmpty } from './key-reference.js';
import { attachDisk } from './machine-disks.js';
import { redundancyFact } from './redundancy.js';
import { ARM, TERRAFORM } from './sources.js';

/** The ID inside an ARM sub-resource reference `{ "id": … }`; a bare string stands for itself. */
function subResourceId(v: Value | undefined): Value | undefined {
  return v?.kind === 'object' ? armPath(v, 'id') : v;
}

/** Encrypted with a disk encryption set when one is named; else with the platform key. */
function desEncryption(ctx: LiftContext, r: NativeResource, sets: { v: Value | undefined; name: string }[], platform: Fact<Encryption>): Fact<Encryption> {
  const named = sets.find((s) => isSet(s.v));
  if (!named?.v) return platform;
  const v = named.v;
  if (mayBeEmpty(v)) return unknownFact(causeOf(v, r, named.name), v.loc ?? r.loc);
  return fact({ mode: 'customer-managed', key: ctx.links.link(v, r, named.name), ...(knownText(v) ? { keyText: knownText(v) } : {}) }, v.loc ?? r.loc);
}

/** ARM `encryption.type`: the platform key unless it names customer keys. */
function armDiskEncryption(ctx: LiftContext, r: NativeResource): Fact<Encryption> {
  const type = prop(r, 'encryption', 'type');
  const typeText = knownText(type);
  let platform: Fact<Encryption> = defaulted({ mode: 'provider-managed' }, r.loc);
  if (isSet(type) && typeText === undefined) platform = unknownFact(causeOf(type, r, 'encryption.type'), type.loc ?? r.loc);
  else if (typeText && /customerkey/i.test(typeText)) {
    platform = unknownFact({ inputs: ['encryption.diskEncryptionSetId'], detail: `${r.address} asks for customer keys but names no disk encryption set` }, type?.loc ?? r.loc);
  } else if (typeText) platform = fact({ mode: 'provider-managed' }, type?.loc ?? r.loc);
  return desEncryption(
    ctx,
    r,
    [
      { v: prop(r, 'encryption', 'diskEncryptionSetId'), name: 'encryption.diskEncryptionSetId' },
      { v: prop(r, 'securityProfile', 'secureVMDiskEncryptionSetId'), name: 'securityProfile.secureVMDiskEncryptionSetId' },
    ],
    platform,
  );
}

const armDisks: LiftHandler = {
  types: ['Microsoft.Compute/disks'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const d = newDataStore(r, ctx, 'managed-disk');
    d.encryption = armDiskEncryption(ctx, r);
    // Standard_LRS, Premium_ZRS …: zone-redundant disks replicate across zones.
    d.redundancy = redundancyFact(armPath(r.attrs, 'sku', 'name'), r, 'sku.name');
    if (!isSet(armPath(r.attrs, 'sku', 'name'))) d.redundancy = defaulted('LRS', r.loc);
    ctx.model.add(d);
  },
};

/** Azure Disk Encryption: the key encryption key when there is one, else the secret in the customer's vault. */
function adeEncryption(ctx: LiftContext, r: NativeResource, settings: Value): Fact<Encryption> {
  const kek = tfPath(settings, 'key_encryption_key', 'key_url');
  if (isSet(kek)) return keyReference(ctx, r, kek, 'encryption_settings.key_encryption_key.key_url');
  const secret = tfPath(settings, 'disk_encryption_key', 'secret_url');
  return fact({ mode: 'customer-managed', ...(knownText(secret) ? { keyText: knownText(secret) } : {}) }, settings.loc ?? r.loc);
}

const terraformDisks: LiftHandler = {
  types: ['azurerm_managed_disk'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const d = newDataStore(r, ctx, 'managed-disk');
    const ade = blocks(r, 'encryption_settings')[0];
    const platform: Fact<Encryption> = ade ? adeEncryption(ctx, r, ade) : defaulted({ mode: 'provider-managed' }, r.loc);
    d.encryption = desEncryption(
      ctx,
      r,
      [
        { v: attr(r, 'disk_encryption_set_id'), name: 'disk_encryption_set_id' },
        { v: attr(r, 'secure_vm_disk_encryption_set_id'), name: 'secure_vm_disk_encryption_set_id' },
      ],
      platform,
    );
    d.redundancy = redundancyFact(attr(r, 'storage_account_type'), r, 'storage_account_type');
    ctx.model.add(d);
  },
};

function encryptionSet(r: NativeResource, ctx: LiftContext, keyValue: Value | undefined, keyName: string, vault?: Value): Key {
  const k: Key = { ...azureBase(r, ctx), kind: 'key', keyType: 'disk-encryption-set' };
  if (isSet(keyValue)) {
    k.parent = unknownFact(causeOf(keyValue, r, keyName), keyValue.loc ?? r.loc);
    linkKeyLater(ctx, r, keyValue, keyName, (l) => (k.parent = l));
  } else {
    k.parent = vault ? ctx.links.link(vault, r, 'sourceVault') : unknownFact({ inputs: [], detail: `${keyName} is not set in ${r.address}` }, r.loc);
  }
  return k;
}

const armEncryptionSets: LiftHandler = {
  types: ['Microsoft.Compute/diskEncryptionSets'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const k = encryptionSet(r, ctx, prop(r, 'activeKey', 'keyUrl'), 'activeKey.keyUrl', subResourceId(prop(r, 'activeKey', 'sourceVault')));
    // Follows new versions of its key automatically (it does not rotate the key itself).
    k.enabled = defaulted(true, r.loc);
    ctx.model.add(k);
  },
};

const terraformEncryptionSets: LiftHandler = {
  types: ['azurerm_disk_encryption_set'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const k = encryptionSet(r, ctx, attr(r, 'key_vault_key_id'), 'key_vault_key_id');
    k.enabled = defaulted(true, r.loc);
    ctx.model.add(k);
  },
};

/** A disk a VM or scale set creates with itself. */
function vmDisk(r: NativeResource, ctx: LiftContext, part: string, what: string, encryption: Fact<Encryption>, sku: Value | undefined, skuName: string): DataStore {
  const d: DataStore = {
    ...azureBase(r, ctx),
    id: `${r.key}#${part}`,
    address: `${r.address}#${part}`,
    kind: 'data-store',
    storeType: 'managed-disk',
    encryption,
    parent: fact(r.key, r.loc),
  };
  d.name = fact(`${what} of ${r.address}`, r.loc);
  d.redundancy = isSet(sku) ? redundancyFact(sku, r, skuName) : defaulted('LRS', r.loc);
  return d;
}

/** Disks of an ARM storage profile: those created with the machine (not attached by ID, not unmanaged VHDs). */
function armProfileDisks(r: NativeResource, ctx: LiftContext, profile: Value | undefined, at: string): DataStore[] {
  const out: DataStore[] = [];
  const entries: { disk: Value; part: string; what: string; where: string }[] = [];
  const os = armPath(profile, 'osDisk');
  if (os) entries.push({ disk: os, part: 'osDisk', what: 'OS disk', where: `${at}.osDisk` });
  const data = armPath(profile, 'dataDisks');
  if (data?.kind === 'unknown' || data?.kind === 'ref') entries.push({ disk: data, part: 'dataDisks', what: 'data disks', where: `${at}.dataDisks` });
  else {
    itemsOf(data).forEach((disk, i) => {
      const lun = armPath(disk, 'lun');
      const n = lun?.kind === 'known' ? String(lun.value) : String(i);
      entries.push({ disk, part: `dataDisk${n}`, what: `data disk ${n}`, where: `${at}.dataDisks[${i}]` });
    });
  }
  for (const e of entries) {
    if (e.disk.kind === 'unknown' || e.disk.kind === 'ref') {
      // A disk (or disk list) that could not be evaluated may be created here: its encryption is unknown.
      const unknownDisk = unknownFact(causeOf(e.disk, r, e.where), e.disk.loc ?? r.loc);
      out.push({ ...vmDisk(r, ctx, e.part, e.what, unknownDisk, undefined, e.where), redundancy: unknownDisk });
      continue;
    }
    const attachedId = armPath(e.disk, 'managedDisk', 'id');
    if (isSet(attachedId)) attachDisk(ctx, r.key, attachedId, r, `${e.where}.managedDisk.id`);
    if (isSet(attachedId) || isSet(armPath(e.disk, 'vhd'))) continue;
    const enc = desEncryption(
      ctx,
      r,
      [
        { v: subResourceId(armPath(e.disk, 'managedDisk', 'diskEncryptionSet')), name: `${e.where}.managedDisk.diskEncryptionSet.id` },
        { v: subResourceId(armPath(e.disk, 'managedDisk', 'securityProfile', 'diskEncryptionSet')), name: `${e.where}.managedDisk.securityProfile.diskEncryptionSet.id` },
      ],
      defaulted({ mode: 'provider-managed' }, e.disk.loc ?? r.loc),
    );
    out.push(vmDisk(r, ctx, e.part, e.what, enc, armPath(e.disk, 'managedDisk', 'storageAccountType'), `${e.where}.managedDisk.storageAccountType`));
  }
  return out;
}

const armMachineDisks: LiftHandler = {
  types: ['Microsoft.Compute/virtualMachines', 'Microsoft.Compute/virtualMachineScaleSets'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const scaleSet = r.type.toLowerCase().endsWith('scalesets');
    const profile = scaleSet ? prop(r, 'virtualMachineProfile', 'storageProfile') : prop(r, 'storageProfile');
    for (const d of armProfileDisks(r, ctx, profile, scaleSet ? 'virtualMachineProfile.storageProfile' : 'storageProfile')) ctx.model.add(d);
  },
};

/** azurerm VMs and scale sets write `os_disk` (and scale sets `data_disk`) blocks with the encryption set inline. */
const terraformMachineDisks: LiftHandler = {
  types: [
    'azurerm_linux_virtual_machine',
    'azurerm_windows_virtual_machine',
    'azurerm_linux_virtual_machine_scale_set',
    'azurerm_windows_virtual_machine_scale_set',
    'azurerm_orchestrated_virtual_machine_scale_set',
  ],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const disks: { block: Value; part: string; what: string; where: string }[] = [];
    const os = attr(r, 'os_disk');
    if (isSet(os)) disks.push({ block: os.kind === 'list' ? (os.items[0] ?? os) : os, part: 'osDisk', what: 'OS disk', where: 'os_disk' });
    blocks(r, 'data_disk').forEach((block, i) => {
      const lun = tfPath(block, 'lun');
      const n = lun?.kind === 'known' ? String(lun.value) : String(i);
      disks.push({ block, part: `dataDisk${n}`, what: `data disk ${n}`, where: `data_disk[${i}]` });
    });
    for (const e of disks) {
      const enc = desEncryption(
        ctx,
        r,
        [
          { v: tfPath(e.block, 'disk_encryption_set_id'), name: `${e.where}.disk_encryption_set_id` },
          { v: tfPath(e.block, 'secure_vm_disk_encryption_set_id'), name: `${e.where}.secure_vm_disk_encryption_set_id` },
        ],
        defaulted({ mode: 'provider-managed' }, e.block.loc ?? r.loc),
      );
      ctx.model.add(vmDisk(r, ctx, e.part, e.what, enc, tfPath(e.block, 'storage_account_type'), `${e.where}.storage_account_type`));
    }
  },
};

/** The legacy azurerm_virtual_machine cannot name an encryption set: its managed disks use the platform key. */
const terraformLegacyMachineDisks: LiftHandler = {
  types: ['azurerm_virtual_machine'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const disks: { block: Value; part: string; what: string; where: string }[] = [];
    const os = attr(r, 'storage_os_disk');
    if (isSet(os)) disks.push({ block: os.kind === 'list' ? (os.items[0] ?? os) : os, part: 'osDisk', what: 'OS disk', where: 'storage_os_disk' });
    blocks(r, 'storage_data_disk').forEach((block, i) => {
      const lun = tfPath(block, 'lun');
      const n = lun?.kind === 'known' ? String(lun.value) : String(i);
      disks.push({ block, part: `dataDisk${n}`, what: `data disk ${n}`, where: `storage_data_disk[${i}]` });
    });
    for (const e of disks) {
      const attach = knownText(tfPath(e.block, 'create_option'))?.toLowerCase() === 'attach';
      const attachedId = tfPath(e.block, 'managed_disk_id');
      if (isSet(attachedId)) attachDisk(ctx, r.key, attachedId, r, `${e.where}.managed_disk_id`);
      if (attach || isSet(attachedId) || isSet(tfPath(e.block, 'vhd_uri'))) continue;
      const d = vmDisk(r, ctx, e.part, e.what, defaulted({ mode: 'provider-managed' }, e.block.loc ?? r.loc), tfPath(e.block, 'managed_disk_type'), `${e.where}.managed_disk_type`);
      ctx.model.add(d);
    }
  },
};

export const diskHandlers: LiftHandler[] = [
  armDisks,
  terraformDisks,
  armEncryptionSets,
  terraformEncryptionSets,
  armMachineDisks,
  terraformMachineDisks,
  terraformLegacyMachineDisks,
];

