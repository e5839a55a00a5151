import { describe, expect, it } from 'vitest';
import { notJudgedTypes } from '../../../../src/results/not-judged.js';
import { arm, armKey, tf, tfKey, tfRef, unk } from './builder.js';
import { get, inputsOf, lift } from './harness.js';

const SB = 'Microsoft.ServiceBus/namespaces';
const EH = 'Microsoft.EventHub/namespaces';
const ACR = 'Microsoft.ContainerRegistry/registries';
const KEY = 'Microsoft.KeyVault/vaults/keys';

describe('Service Bus and Event Hubs namespaces (ARM)', () => {
  it('defaults: public access on, every address admitted, TLS 1.2, Microsoft-managed keys', () => {
    const { model, unlifted } = lift([arm(SB, 'sb-juki', { sku: { name: 'Standard' }, properties: {} }), arm(EH, 'eh-juki', { sku: { name: 'Standard' }, properties: {} })]);
    expect(unlifted).toEqual([]);
    for (const [type, name, storeType] of [[SB, 'sb-juki', 'servicebus-namespace'], [EH, 'eh-juki', 'eventhub-namespace']] as const) {
      const s = get(model, armKey(type, name), 'data-store');
      expect(s.storeType).toBe(storeType);
      expect(s.publiclyAccessible).toMatchObject({ value: true, defaulted: true });
      expect(s.publicFirewall).toMatchObject({ value: 'allows-all', defaulted: true });
      expect(s.minTlsVersion).toMatchObject({ value: '1.2', defaulted: true });
      expect(s.encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    }
  });

  it('a Premium namespace with a Key Vault key, TLS 1.0 and public access off', () => {
    const { model } = lift([
      arm('Microsoft.KeyVault/vaults', 'kv-msg', { properties: {} }),
      arm(KEY, 'kv-msg/sb-cmk', { properties: {} }),
      arm(SB, 'sb-kokuho', {
        sku: { name: 'Premium' },
        properties: {
          publicNetworkAccess: 'Disabled',
          minimumTlsVersion: '1.0',
          encryption: { keySource: 'Microsoft.KeyVault', keyVaultProperties: [{ keyName: 'sb-cmk', keyVaultUri: 'https://kv-msg.vault.azure.net' }] },
        },
      }),
    ]);
    const s = get(model, armKey(SB, 'sb-kokuho'), 'data-store');
    expect(s.publiclyAccessible).toMatchObject({ value: false });
    expect(s.publiclyAccessible?.known && s.publiclyAccessible.defaulted).toBeFalsy();
    expect(s.minTlsVersion).toMatchObject({ value: '1.0' });
    expect(s.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: armKey(KEY, 'kv-msg/sb-cmk') } } });
  });

  it('a network rule set child: deny with IP rules admits ranges; its own public access Disabled closes the endpoint', () => {
    const { model, unlifted } = lift([
      arm(EH, 'eh-ranges', { properties: {} }),
      arm(`${EH}/networkRuleSets`, 'eh-ranges/default', { properties: { defaultAction: 'Deny', ipRules: [{ ipMask: '203.0.113.0/28', action: 'Allow' }] } }, { location: null }),
      arm(SB, 'sb-closed', { properties: { publicNetworkAccess: 'Enabled' } }),
      arm(`${SB}/networkRuleSets`, 'sb-closed/default', { properties: { defaultAction: 'Deny', publicNetworkAccess: 'Disabled' } }, { location: null }),
      arm(SB, 'sb-param', { properties: {} }),
      arm(`${SB}/networkRuleSets`, 'sb-param/default', { properties: { publicNetworkAccess: unk('parameter publicAccess'), defaultAction: 'Deny' } }, { location: null }),
    ]);
    expect(unlifted).toEqual([]);
    const ranges = get(model, armKey(EH, 'eh-ranges'), 'data-store');
    expect(ranges.publiclyAccessible).toMatchObject({ value: true, defaulted: true });
    expect(ranges.publicFirewall).toMatchObject({ value: 'admits-ranges' });
    const closed = get(model, armKey(SB, 'sb-closed'), 'data-store');
    expect(closed.publiclyAccessible).toMatchObject({ value: false });
    expect(closed.publicFirewall).toMatchObject({ value: 'denies' });
    expect(inputsOf(get(model, armKey(SB, 'sb-param'), 'data-store').publiclyAccessible)).toEqual(['parameter publicAccess']);
  });

  it('a pre-2018 IP filter rule leaves what the firewall admits unknown, naming the rule', () => {
    const { model, unlifted } = lift([
      arm(SB, 'sb-legacy', { sku: { name: 'Premium' }, properties: {} }, { apiVersion: '2018-01-01-preview' }),
      arm(`${SB}/IPFilterRules`, 'sb-legacy/office', { properties: { FilterName: 'office', Action: 'Accept', IpMask: '10.0.1.0/32' } }, { location: null, apiVersion: '2018-01-01-preview' }),
    ]);
    expect(unlifted).toEqual([]);
    const s = get(model, armKey(SB, 'sb-legacy'), 'data-store');
    expect(s.publiclyAccessible).toMatchObject({ value: true, defaulted: true });
    expect(inputsOf(s.publicFirewall)).toEqual([`${SB}/IPFilterRules/sb-legacy/office`]);
  });

  it('a namespace deployed under a condition keeps it', () => {
    const { model } = lift([arm(EH, 'eh-optional', { properties: {} }, { conditional: true }), arm(ACR, 'croptional', { sku: { name: 'Premium' }, properties: {} }, { conditional: true })]);
    expect(get(model, armKey(EH, 'eh-optional'), 'data-store').conditional?.inputs).toEqual(['parameter deployLock']);
    expect(get(model, armKey(ACR, 'croptional'), 'data-store').conditional?.inputs).toEqual(['parameter deployLock']);
  });

  it('Key Vault encryption whose key source is a parameter is unknown', () => {
    const { model } = lift([arm(EH, 'eh-cmk', { properties: { encryption: { keySource: unk('parameter keySource') } } })]);
    expect(inputsOf(get(model, armKey(EH, 'eh-cmk'), 'data-store').encryption)).toEqual(['parameter keySource']);
  });
});

describe('Service Bus and Event Hubs namespaces (azurerm)', () => {
  it('namespace settings, rule set blocks and customer keys written apart', () => {
    const { model, unlifted } = lift([
      tf('azurerm_key_vault', 'kv', { name: 'kv-msg' }),
      tf('azurerm_key_vault_key', 'eh', { name: 'eh-cmk', key_vault_id: tfRef('azurerm_key_vault.kv') }),
      tf('azurerm_servicebus_namespace', 'juki', {
        name: 'sb-juki',
        location: 'japaneast',
        sku: 'Premium',
        public_network_access_enabled: false,
        minimum_tls_version: '1.2',
        network_rule_set: [{ default_action: 'Deny', ip_rules: ['198.51.100.10'] }],
      }),
      tf('azurerm_eventhub_namespace', 'logs', {
        name: 'eh-logs',
        location: 'japaneast',
        sku: 'Premium',
        network_rulesets: [{ default_action: 'Deny', public_network_access_enabled: true, ip_rule: [] }],
      }),
      tf('azurerm_eventhub_namespace_customer_managed_key', 'logs', {
        eventhub_namespace_id: tfRef('azurerm_eventhub_namespace.logs'),
        key_vault_key_ids: [tfRef('azurerm_key_vault_key.eh')],
      }),
    ]);
    expect(unlifted).toEqual([]);
    const sb = get(model, tfKey('azurerm_servicebus_namespace.juki'), 'data-store');
    expect(sb.publiclyAccessible).toMatchObject({ value: false });
    expect(sb.publicFirewall).toMatchObject({ value: 'admits-ranges' });
    expect(sb.encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    const eh = get(model, tfKey('azurerm_eventhub_namespace.logs'), 'data-store');
    expect(eh.publiclyAccessible).toMatchObject({ value: true, defaulted: true });
    expect(eh.publicFirewall).toMatchObject({ value: 'denies' });
    expect(eh.minTlsVersion).toMatchObject({ value: '1.2', defaulted: true });
    expect(eh.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: tfKey('azurerm_key_vault_key.eh') } } });
  });

  it('azurerm 3.x: the rule set resource closes public access; a key block from a variable', () => {
    const { model } = lift([
      tf('azurerm_servicebus_namespace', 'old', { name: 'sb-old', sku: 'Premium', customer_managed_key: [{ key_vault_key_id: unk('var.sb_key_id') }] }),
      tf('azurerm_servicebus_namespace_network_rule_set', 'old', {
        namespace_id: tfRef('azurerm_servicebus_namespace.old'),
        default_action: 'Deny',
        public_network_access_enabled: false,
      }),
    ]);
    const s = get(model, tfKey('azurerm_servicebus_namespace.old'), 'data-store');
    expect(s.publiclyAccessible).toMatchObject({ value: false });
    expect(s.publicFirewall).toMatchObject({ value: 'denies' });
    expect(inputsOf(s.encryption)).toEqual(['var.sb_key_id']);
  });
});

describe('container registries', () => {
  it('ARM: Basic and Standard ignore a deny rule set; Premium applies it; an unknown tier with a deny rule set is unknown', () => {
    const deny = { defaultAction: 'Deny', ipRules: [] };
    const { model } = lift([
      arm(ACR, 'crbasic', { sku: { name: 'Basic' }, properties: { networkRuleSet: deny } }),
      arm(ACR, 'crpremium', { sku: { name: 'Premium' }, properties: { networkRuleSet: deny, publicNetworkAccess: 'Disabled' } }),
      arm(ACR, 'crparam', { sku: { name: unk('parameter acrSku') }, properties: { networkRuleSet: deny } }),
      arm(ACR, 'crplain', { sku: { name: unk('parameter acrSku') }, properties: {} }),
    ]);
    const basic = get(model, armKey(ACR, 'crbasic'), 'data-store');
    expect(basic.storeType).toBe('container-registry');
    expect(basic.publiclyAccessible).toMatchObject({ value: true, defaulted: true });
    expect(basic.publicFirewall).toMatchObject({ value: 'allows-all' });
    expect(basic.encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    const premium = get(model, armKey(ACR, 'crpremium'), 'data-store');
    expect(premium.publiclyAccessible).toMatchObject({ value: false });
    expect(premium.publicFirewall).toMatchObject({ value: 'denies' });
    expect(inputsOf(get(model, armKey(ACR, 'crparam'), 'data-store').publicFirewall)).toEqual(['parameter acrSku']);
    // Without a rule set every tier admits every address.
    expect(get(model, armKey(ACR, 'crplain'), 'data-store').publicFirewall).toMatchObject({ value: 'allows-all', defaulted: true });
  });

  it('ARM: a customer key is used only when encryption.status is enabled', () => {
    const { model } = lift([
      arm('Microsoft.KeyVault/vaults', 'kv-acr', { properties: {} }),
      arm(KEY, 'kv-acr/acr-cmk', { properties: {} }),
      arm(ACR, 'crcmk', {
        sku: { name: 'Premium' },
        properties: { encryption: { status: 'enabled', keyVaultProperties: { keyIdentifier: 'https://kv-acr.vault.azure.net/keys/acr-cmk' } } },
      }),
      arm(ACR, 'croff', { sku: { name: 'Premium' }, properties: { encryption: { status: 'disabled' } } }),
    ]);
    expect(get(model, armKey(ACR, 'crcmk'), 'data-store').encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: armKey(KEY, 'kv-acr/acr-cmk') } } });
    const off = get(model, armKey(ACR, 'croff'), 'data-store').encryption;
    expect(off).toMatchObject({ value: { mode: 'provider-managed' } });
    expect(off?.known && off.defaulted).toBeFalsy();
  });

  it('azurerm: network_rule_set on Premium, an encryption block with a key, a Standard registry', () => {
    const { model } = lift([
      tf('azurerm_key_vault', 'kv', { name: 'kv-acr' }),
      tf('azurerm_key_vault_key', 'acr', { name: 'acr-cmk', key_vault_id: tfRef('azurerm_key_vault.kv') }),
      tf('azurerm_container_registry', 'app', {
        name: 'crjukiapp',
        sku: 'Premium',
        network_rule_set: [{ default_action: 'Deny', ip_rule: [{ action: 'Allow', ip_range: '203.0.113.0/24' }] }],
        encryption: [{ key_vault_key_id: tfRef('azurerm_key_vault_key.acr'), identity_client_id: unk('azurerm_user_assigned_identity.acr.client_id') }],
      }),
      tf('azurerm_container_registry', 'std', { name: 'crjukistd', sku: 'Standard', public_network_access_enabled: true, anonymous_pull_enabled: true }),
      tf('azurerm_container_registry', 'basic', { name: 'crjukibasic', sku: 'Basic', public_network_access_enabled: false }),
    ]);
    const app = get(model, tfKey('azurerm_container_registry.app'), 'data-store');
    expect(app.publiclyAccessible).toMatchObject({ value: true, defaulted: true });
    expect(app.publicFirewall).toMatchObject({ value: 'admits-ranges' });
    expect(app.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: tfKey('azurerm_key_vault_key.acr') } } });
    const std = get(model, tfKey('azurerm_container_registry.std'), 'data-store');
    expect(std.publiclyAccessible).toMatchObject({ value: true });
    expect(std.publicFirewall).toMatchObject({ value: 'allows-all' });
    expect(std.publicRead).toMatchObject({ value: true });
    expect(app.publicRead).toMatchObject({ value: false, defaulted: true });
    // Only Premium can turn public access off: a Basic registry that writes it off is still public.
    expect(get(model, tfKey('azurerm_container_registry.basic'), 'data-store').publiclyAccessible).toMatchObject({ value: true });
  });
});

describe('not judged', () => {
  it('namespaces, their rule sets and registries are no longer listed as types no control looks at', () => {
    const { unlifted } = lift([
      arm(SB, 'sb-x', { properties: {} }),
      arm(`${SB}/networkRuleSets`, 'sb-x/default', { properties: { defaultAction: 'Deny' } }, { location: null }),
      arm(EH, 'eh-x', { properties: {} }),
      arm(ACR, 'crx', { sku: { name: 'Basic' }, properties: {} }),
      tf('azurerm_servicebus_namespace', 'x', { name: 'sb-x', sku: 'Standard' }),
      tf('azurerm_eventhub_namespace', 'x', { name: 'eh-x', sku: 'Standard' }),
      tf('azurerm_container_registry', 'x', { name: 'crx', sku: 'Basic' }),
      // A queue is still not judged: the control list says so.
      arm(`${SB}/queues`, 'sb-x/orders', { properties: {} }, { location: null }),
    ]);
    expect(notJudgedTypes(unlifted).map((t) => t.type)).toEqual([`${SB}/queues`]);
  });
});
