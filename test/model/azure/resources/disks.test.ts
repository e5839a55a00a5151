import { describe, expect, it } from 'vitest';
import { arm, armId, armKey, tf, tfKey, tfRef, unk } from './builder.js';
import { get, inputsOf, lift } from './harness.js';

const DISK = 'Microsoft.Compute/disks';
const DES = 'Microsoft.Compute/diskEncryptionSets';
const VM = 'Microsoft.Compute/virtualMachines';
const KEY = 'Microsoft.KeyVault/vaults/keys';

describe('managed disks and disk encryption sets (ARM)', () => {
  const keyVault = [arm('Microsoft.KeyVault/vaults', 'kv', { properties: {} }), arm(KEY, 'kv/disks', { properties: {} })];
  const des = arm(DES, 'des-juki', {
    identity: { type: 'SystemAssigned' },
    properties: {
      encryptionType: 'EncryptionAtRestWithCustomerKey',
      activeKey: { sourceVault: { id: armId('Microsoft.KeyVault/vaults', 'kv') }, keyUrl: 'https://kv.vault.azure.net/keys/disks/0123456789abcdef' },
    },
  });

  it('a disk encryption set is a key whose parent is the Key Vault key its URL names', () => {
    const { model } = lift([...keyVault, des]);
    const k = get(model, armKey(DES, 'des-juki'), 'key');
    expect(k.keyType).toBe('disk-encryption-set');
    expect(k.parent).toMatchObject({ value: armKey(KEY, 'kv/disks') });
  });

  it('disks: platform key by default, the encryption set when named, unknown when customer keys are asked for without a set', () => {
    const { model } = lift([
      ...keyVault,
      des,
      arm(DISK, 'disk-plain', { sku: { name: 'Premium_ZRS' }, properties: { creationData: { createOption: 'Empty' }, diskSizeGB: 64 } }),
      arm(DISK, 'disk-cmk', {
        properties: {
          creationData: { createOption: 'Empty' },
          encryption: { type: 'EncryptionAtRestWithCustomerKey', diskEncryptionSetId: armId(DES, 'des-juki') },
        },
      }),
      arm(DISK, 'disk-half', { properties: { encryption: { type: 'EncryptionAtRestWithPlatformAndCustomerKeys' } } }),
    ]);
    const plain = get(model, armKey(DISK, 'disk-plain'), 'data-store');
    expect(plain.storeType).toBe('managed-disk');
    expect(plain.encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    expect(plain.redundancy).toMatchObject({ value: 'ZRS' });
    expect(get(model, armKey(DISK, 'disk-cmk'), 'data-store').encryption).toMatchObject({
      value: { mode: 'customer-managed', key: { value: armKey(DES, 'des-juki') } },
    });
    expect(inputsOf(get(model, armKey(DISK, 'disk-half'), 'data-store').encryption)).toEqual(['encryption.diskEncryptionSetId']);
  });

  it('a VM creates its OS and data disks: one store each, encrypted as its storage profile says; attached disks are not doubled', () => {
    const vm = arm(VM, 'vm-app', {
      properties: {
        storageProfile: {
          osDisk: { createOption: 'FromImage', managedDisk: { storageAccountType: 'Premium_LRS', diskEncryptionSet: { id: armId(DES, 'des-juki') } } },
          dataDisks: [
            { lun: 0, createOption: 'Empty', diskSizeGB: 128, managedDisk: { storageAccountType: 'StandardSSD_ZRS' } },
            { lun: 1, createOption: 'Attach', managedDisk: { id: armId(DISK, 'disk-cmk') } },
          ],
        },
      },
    });
    const { model } = lift([...keyVault, des, vm]);
    const os = get(model, `${vm.key}#osDisk`, 'data-store');
    expect(os.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: armKey(DES, 'des-juki') } } });
    expect(os.parent).toMatchObject({ value: vm.key });
    expect(os.address).toBe(`${VM}/vm-app#osDisk`);
    expect(os.region).toMatchObject({ value: 'japaneast' });
    const data = get(model, `${vm.key}#dataDisk0`, 'data-store');
    expect(data.encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    expect(data.redundancy).toMatchObject({ value: 'ZRS' });
    expect(model.get(`${vm.key}#dataDisk1`)).toBeUndefined();
  });

  it('a scale set encryption set given by a parameter without value is unknown, naming it', () => {
    const vmss = arm('Microsoft.Compute/virtualMachineScaleSets', 'vmss', {
      properties: { virtualMachineProfile: { storageProfile: { osDisk: { managedDisk: { diskEncryptionSet: { id: unk('parameter desId') } } } } } },
    });
    const { model } = lift([vmss]);
    expect(inputsOf(get(model, `${vmss.key}#osDisk`, 'data-store').encryption)).toEqual(['parameter desId']);
  });

  it('a storage profile that could not be evaluated still creates an OS disk, with unknown encryption', () => {
    const vm = arm(VM, 'vm-opaque', { properties: { storageProfile: unk('parameter storageProfile') } });
    const vm2 = arm(VM, 'vm-loop', { properties: { storageProfile: { osDisk: { createOption: 'FromImage' }, dataDisks: unk('parameter dataDiskCount') } } });
    const { model } = lift([vm, vm2]);
    expect(inputsOf(get(model, `${vm.key}#osDisk`, 'data-store').encryption)).toEqual(['parameter storageProfile']);
    expect(get(model, `${vm2.key}#osDisk`, 'data-store').encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    expect(inputsOf(get(model, `${vm2.key}#dataDisks`, 'data-store').encryption)).toEqual(['parameter dataDiskCount']);
  });

  it('an encryption set in another resource group is named by its ID', () => {
    const other = `/subscriptions/1111/resourceGroups/rg-keys/providers/${DES}/des-shared`;
    const { model } = lift([arm(DISK, 'd', { properties: { encryption: { diskEncryptionSetId: other } } })]);
    const enc = get(model, armKey(DISK, 'd'), 'data-store').encryption;
    expect(enc).toMatchObject({ value: { mode: 'customer-managed', keyText: other } });
    expect(enc?.known && inputsOf(enc.value.key)).toEqual([other]);
  });
});

describe('managed disks and disk encryption sets (azurerm)', () => {
  it('encryption set, managed disk and VM os_disk', () => {
    const { model } = lift([
      tf('azurerm_key_vault', 'kv', { name: 'kv', location: 'japaneast' }),
      tf('azurerm_key_vault_key', 'disks', { name: 'disks', key_vault_id: tfRef('azurerm_key_vault.kv') }),
      tf('azurerm_disk_encryption_set', 'des', { name: 'des', location: 'japaneast', key_vault_key_id: tfRef('azurerm_key_vault_key.disks', 'versionless_id') }),
      tf('azurerm_managed_disk', 'data', { name: 'data', location: 'japaneast', storage_account_type: 'Premium_LRS', disk_encryption_set_id: tfRef('azurerm_disk_encryption_set.des') }),
      tf('azurerm_managed_disk', 'plain', { name: 'plain', location: 'japaneast', storage_account_type: 'Standard_LRS' }),
      tf('azurerm_linux_virtual_machine', 'app', {
        name: 'vm-app',
        location: 'japaneast',
        os_disk: [{ caching: 'ReadWrite', storage_account_type: 'Premium_ZRS', disk_encryption_set_id: tfRef('azurerm_disk_encryption_set.des') }],
      }),
      tf('azurerm_virtual_machine', 'legacy', {
        name: 'vm-old',
        location: 'japaneast',
        storage_os_disk: [{ name: 'osdisk', create_option: 'FromImage', managed_disk_type: 'Standard_LRS' }],
        storage_data_disk: [{ name: 'd1', lun: 3, create_option: 'Attach', managed_disk_id: tfRef('azurerm_managed_disk.plain') }],
      }),
    ]);
    expect(get(model, tfKey('azurerm_disk_encryption_set.des'), 'key').parent).toMatchObject({ value: tfKey('azurerm_key_vault_key.disks') });
    expect(get(model, tfKey('azurerm_managed_disk.data'), 'data-store').encryption).toMatchObject({
      value: { mode: 'customer-managed', key: { value: tfKey('azurerm_disk_encryption_set.des') } },
    });
    expect(get(model, tfKey('azurerm_managed_disk.plain'), 'data-store').encryption).toMatchObject({ value: { mode: 'provider-managed' } });
    const os = get(model, `${tfKey('azurerm_linux_virtual_machine.app')}#osDisk`, 'data-store');
    expect(os.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: tfKey('azurerm_disk_encryption_set.des') } } });
    expect(os.redundancy).toMatchObject({ value: 'ZRS' });
    expect(get(model, `${tfKey('azurerm_virtual_machine.legacy')}#osDisk`, 'data-store').encryption).toMatchObject({ value: { mode: 'provider-managed' } });
    expect(model.get(`${tfKey('azurerm_virtual_machine.legacy')}#dataDisk3`)).toBeUndefined();
  });

  it('Azure Disk Encryption: a key encryption key from a variable leaves the key to that variable', () => {
    const { model } = lift([
      tf('azurerm_managed_disk', 'ade', {
        name: 'ade',
        location: 'japaneast',
        encryption_settings: [{ disk_encryption_key: [{ secret_url: 'https://kv.vault.azure.net/secrets/s/1', source_vault_id: 'x' }], key_encryption_key: [{ key_url: unk('var.kek_url') }] }],
      }),
    ]);
    expect(inputsOf(get(model, tfKey('azurerm_managed_disk.ade'), 'data-store').encryption)).toEqual(['var.kek_url']);
  });
});
