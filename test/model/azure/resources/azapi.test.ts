import { describe, expect, it } from 'vitest';
import { armFromAzapi } from '../../../../src/model/azure/resources/azapi.js';
import { armPath, prop } from '../../../../src/model/azure/resources/attribute-paths.js';
import type { NativeResource } from '../../../../src/readers/native.js';
import { unknown } from '../../../../src/readers/value.js';
import { tf, tfKey, tfRef, unk } from './builder.js';
import { get, inputsOf, lift, liftAll } from './harness.js';

function byAddress(list: NativeResource[], address: string): NativeResource {
  const r = list.find((x) => x.address === address);
  if (!r) throw new Error(`no ${address}`);
  return r;
}

describe('azapi_resource as the ARM resource it creates', () => {
  const rg = tf('azurerm_resource_group', 'rg', { name: 'rg-juki', location: 'japaneast' });
  const account = tf('azapi_resource', 'st', {
    type: 'Microsoft.Storage/storageAccounts@2022-09-01',
    name: 'stjuki01',
    parent_id: tfRef('azurerm_resource_group.rg'),
    location: 'japaneast',
    body: { kind: 'StorageV2', sku: { name: 'Standard_LRS' }, properties: { minimumTlsVersion: 'TLS1_2' } },
    identity: [{ type: 'SystemAssigned' }],
  });
  const blob = tf('azapi_resource', 'blob', { type: 'Microsoft.Storage/storageAccounts/blobServices@2022-09-01', name: 'default', parent_id: tfRef('azapi_resource.st'), body: { properties: {} } });
  const container = tf('azapi_resource', 'c', {
    type: 'Microsoft.Storage/storageAccounts/blobServices/containers@2022-09-01',
    name: 'forms',
    parent_id: unknown({ inputs: ['azapi_resource.st.id (known after apply)'], detail: 'known after apply' }, undefined, '${azapi_resource.st.id}/blobServices/default'),
    body: { properties: { publicAccess: 'Blob' } },
  });

  it('keeps the Terraform address and key; type, API version, body fields and identity take the ARM shape', () => {
    const out = armFromAzapi([rg, account, blob, container]);
    const st = byAddress(out, 'azapi_resource.st');
    expect(st).toMatchObject({ source: 'arm', type: 'Microsoft.Storage/storageAccounts', key: tfKey('azapi_resource.st') });
    expect(armPath(st.attrs, 'apiVersion')).toMatchObject({ value: '2022-09-01' });
    expect(armPath(st.attrs, 'sku', 'name')).toMatchObject({ value: 'Standard_LRS' });
    expect(armPath(st.attrs, 'identity', 'type')).toMatchObject({ value: 'SystemAssigned' });
    expect(st.region).toMatchObject({ value: 'japaneast' });
    // The resource group named by parent_id gains that ID, so the account finds it.
    expect(byAddress(out, 'azurerm_resource_group.rg').ids).toEqual(['/subscriptions/{subscription}/resourcegroups/rg-juki']);
  });

  it('an azurerm resource group or virtual network named by parent_id is found by the azapi resource under it', () => {
    const seg = tf('azurerm_resource_group', 'seg', { name: 'rg-juki-lgwan', location: 'japaneast', tags: { 'lg:segment': 'lgwan' } });
    const vnet = tf('azurerm_virtual_network', 'mn', { name: 'vnet-juki-mn', resource_group_name: tfRef('azurerm_resource_group.seg'), location: 'japaneast', address_space: ['10.10.0.0/16'], tags: { 'lg:segment': 'mynumber' } });
    const upload = tf('azapi_resource', 'upl', {
      type: 'Microsoft.Storage/storageAccounts@2023-05-01',
      name: 'stjukiupl',
      parent_id: tfRef('azurerm_resource_group.seg'),
      location: 'japaneast',
      body: { sku: { name: 'Standard_LRS' }, properties: { publicNetworkAccess: 'Enabled' } },
    });
    const subnet = tf('azapi_resource', 'batch', {
      type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01',
      name: 'snet-batch',
      parent_id: tfRef('azurerm_virtual_network.mn'),
      body: { properties: { addressPrefix: '10.10.4.0/24' } },
    });
    const out = armFromAzapi([seg, vnet, upload, subnet]);
    expect(byAddress(out, 'azurerm_virtual_network.mn').ids).toEqual(['/subscriptions/{subscription}/resourcegroups/rg-juki-lgwan/providers/microsoft.network/virtualnetworks/vnet-juki-mn']);
    const { model } = liftAll([seg, vnet, upload, subnet]);
    expect(get(model, tfKey('azapi_resource.upl'), 'data-store').resourceGroupTags).toMatchObject({ value: { 'lg:segment': 'lgwan' } });
    expect(get(model, tfKey('azapi_resource.batch'), 'subnet').network).toMatchObject({ value: tfKey('azurerm_virtual_network.mn') });
  });

  it('builds resource IDs from parents, references and `${…id}/…` expressions, so children find their account', () => {
    const out = armFromAzapi([rg, account, blob, container]);
    const base = '/subscriptions/{subscription}/resourcegroups/rg-juki/providers/microsoft.storage/storageaccounts/stjuki01';
    expect(byAddress(out, 'azapi_resource.st').ids).toEqual([base]);
    expect(byAddress(out, 'azapi_resource.blob').ids).toEqual([`${base}/blobservices/default`]);
    expect(byAddress(out, 'azapi_resource.c').ids).toEqual([`${base}/blobservices/default/containers/forms`]);
    const { model } = lift([rg, account, blob, container]);
    const s = get(model, tfKey('azapi_resource.st'), 'data-store');
    expect(s.storeType).toBe('storage-account');
    expect(s.publicRead).toMatchObject({ value: true });
    // Lifted by the ARM handlers, reported as the Terraform it is written in.
    expect(s.source).toBe('terraform');
    expect(s.native?.source).toBe('arm');
  });

  it('a resource group under the client config subscription has a resource group ID, and what is under it nests normally', () => {
    const group = tf('azapi_resource', 'rg', {
      type: 'Microsoft.Resources/resourceGroups@2024-03-01',
      name: 'rg-juki-mn',
      parent_id: unknown({ inputs: ['data.azapi_client_config.current'], detail: 'data source' }, undefined, '/subscriptions/${data.azapi_client_config.current.subscription_id}'),
      tags: { 'lg:segment': 'mynumber' },
    });
    const vnet = tf('azapi_resource', 'vnet', { type: 'Microsoft.Network/virtualNetworks@2024-05-01', name: 'vnet-juki', parent_id: tfRef('azapi_resource.rg'), body: { properties: {} } });
    const subnet = tf('azapi_resource', 'app', { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', name: 'app', parent_id: tfRef('azapi_resource.vnet'), body: { properties: {} } });
    const out = armFromAzapi([group, vnet, subnet]);
    const rgId = '/subscriptions/{subscription}/resourcegroups/rg-juki-mn';
    expect(byAddress(out, 'azapi_resource.rg').ids).toEqual([rgId]);
    expect(byAddress(out, 'azapi_resource.app').ids).toEqual([`${rgId}/providers/microsoft.network/virtualnetworks/vnet-juki/subnets/app`]);
    const { model } = liftAll([group, vnet, subnet]);
    expect(get(model, tfKey('azapi_resource.vnet'), 'network').resourceGroupTags).toMatchObject({ value: { 'lg:segment': 'mynumber' } });
    expect(get(model, tfKey('azapi_resource.app'), 'subnet').network).toMatchObject({ value: tfKey('azapi_resource.vnet') });
  });

  it('a jsonencode body is decoded; an unknown body leaves the properties unknown, naming its input; an unknown type is left alone', () => {
    const json = tf('azapi_resource', 'kv', {
      type: 'Microsoft.KeyVault/vaults@2023-07-01',
      name: 'kv-juki',
      parent_id: '/subscriptions/0000/resourceGroups/rg-sec',
      body: JSON.stringify({ properties: { enablePurgeProtection: true, tenantId: 't' } }),
    });
    const opaque = tf('azapi_resource', 'kv2', { type: 'Microsoft.KeyVault/vaults@2023-07-01', name: 'kv-juki2', parent_id: '/subscriptions/0000/resourceGroups/rg-sec', body: unk('var.vault_body') });
    const untyped = tf('azapi_resource', 'x', { type: unk('var.type'), name: 'x', body: {} });
    const out = armFromAzapi([json, opaque, untyped]);
    expect(prop(byAddress(out, 'azapi_resource.kv'), 'enablePurgeProtection')).toMatchObject({ value: true });
    expect(byAddress(out, 'azapi_resource.kv').ids).toEqual(['/subscriptions/0000/resourcegroups/rg-sec/providers/microsoft.keyvault/vaults/kv-juki']);
    expect(byAddress(out, 'azapi_resource.x')).toBe(untyped);
    const { model } = lift([json, opaque]);
    expect(get(model, tfKey('azapi_resource.kv'), 'key').purgeProtection).toMatchObject({ value: true });
    expect(inputsOf(get(model, tfKey('azapi_resource.kv2'), 'key').purgeProtection)).toEqual(['var.vault_body']);
  });

  it('azapi_update_resource patches the body it names, field by field, so a setting loosened after creation is seen', () => {
    const st = tf('azapi_resource', 'st2', {
      type: 'Microsoft.Storage/storageAccounts@2023-05-01',
      name: 'stjuki02',
      parent_id: tfRef('azurerm_resource_group.rg'),
      body: { sku: { name: 'Standard_ZRS' }, properties: { allowBlobPublicAccess: false, minimumTlsVersion: 'TLS1_2' } },
    });
    const loosen = tf('azapi_update_resource', 'open', { type: 'Microsoft.Storage/storageAccounts@2023-05-01', resource_id: tfRef('azapi_resource.st2'), body: { properties: { AllowBlobPublicAccess: true } } });
    const out = armFromAzapi([rg, st, loosen]);
    const patched = byAddress(out, 'azapi_resource.st2');
    expect(prop(patched, 'allowBlobPublicAccess')).toMatchObject({ value: true });
    expect(prop(patched, 'minimumTlsVersion')).toMatchObject({ value: 'TLS1_2' });
    const { model } = lift([rg, st, loosen]);
    expect(get(model, tfKey('azapi_resource.st2'), 'data-store').publicAccessBlocked).toMatchObject({ value: false });
  });
});
