// Service Bus and Event Hubs namespaces -> DataStore 'servicebus-namespace' /
// 'eventhub-namespace'. The two services share one resource shape.
// Defaults: public network access on; without a network rule set the
// public endpoint admits every address (a rule set's default action is
// Allow unless written); minimum TLS 1.2 (the default since API
// 2022-01-01-preview, and TLS 1.0/1.1 are no longer accepted); messages
// encrypted with Microsoft-managed keys unless `encryption.keySource` is
// `Microsoft.KeyVault` (Premium) / a customer_managed_key is given.
// The network rule set can also turn public access off
// (`networkRuleSets.publicNetworkAccess`, azurerm's
// `network_rule_set.public_network_access_enabled`): either setting written
// Disabled closes the public endpoint.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { DataStore, StoreType } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact, causeOf, itemsOf } from '../../lift-values.js';
import { armPath, attr, isSet, knownText, prop, tfPath } from './attribute-paths.js';
import { newDataStore } from './base.js';
import { keyReference } from './key-reference.js';
import { admitsAddresses, allowsByDefault, enabledText, firewallState } from './public-access.js';
import { ARM, TERRAFORM } from './sources.js';
import { armAncestorStore, referencedStore } from './store-lookup.js';
import { tlsFact } from './tls.js';

const ARM_TYPES: Record<string, StoreType> = {
  'Microsoft.ServiceBus/namespaces': 'servicebus-namespace',
  'Microsoft.EventHub/namespaces': 'eventhub-namespace',
};

/** A rule set's public access setting overrides the namespace's only when it closes the endpoint or cannot be read. */
function withRuleSetAccess(namespace: Fact<boolean> | undefined, ruleSet: Fact<boolean>): Fact<boolean> | undefined {
  if (ruleSet.known && ruleSet.defaulted) return namespace;
  if (ruleSet.known && !ruleSet.value) return ruleSet;
  if (namespace?.known && !namespace.value) return namespace;
  return ruleSet.known ? namespace : ruleSet;
}

/** What a rule set admits and whether it closes public access. */
function applyRuleSet(s: DataStore, access: Fact<boolean>, allowAll: Fact<boolean>, ipRanges: Fact<boolean>): void {
  const merged = withRuleSetAccess(s.publiclyAccessible, access);
  if (merged) s.publiclyAccessible = merged;
  s.publicFirewall = firewallState(allowAll, ipRanges);
}

/** Encryption from `encryption.keySource` and the first Key Vault key of `keyVaultProperties`. */
function armEncryption(ctx: LiftContext, r: NativeResource) {
  const source = prop(r, 'encryption', 'keySource');
  if (!isSet(source)) return defaulted({ mode: 'provider-managed' as const }, r.loc);
  const text = knownText(source);
  if (text === undefined) return unknownFact(causeOf(source, r, 'encryption.keySource'), source.loc ?? r.loc);
  if (text.toLowerCase() !== 'microsoft.keyvault') return fact({ mode: 'provider-managed' as const }, source.loc ?? r.loc);
  const props = prop(r, 'encryption', 'keyVaultProperties');
  const first = props?.kind === 'list' ? props.items[0] : props;
  const uri = armPath(first, 'keyVaultUri');
  if (!isSet(uri)) return unknownFact({ inputs: ['encryption.keyVaultProperties'], detail: `${r.address} uses Key Vault encryption but names no key vault` }, source.loc ?? r.loc);
  return keyReference(ctx, r, uri, 'encryption.keyVaultProperties.keyVaultUri', armPath(first, 'keyName'));
}

const armNamespaces: LiftHandler = {
  types: Object.keys(ARM_TYPES),
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, ARM_TYPES[r.type]!);
    s.publiclyAccessible = enabledText(prop(r, 'publicNetworkAccess'), r, 'publicNetworkAccess', true);
    // No rule set (yet): the endpoint admits every address; a networkRuleSets child amends this.
    s.publicFirewall = defaulted('allows-all', r.loc);
    s.minTlsVersion = tlsFact(prop(r, 'minimumTlsVersion'), r, 'minimumTlsVersion', '1.2');
    s.encryption = armEncryption(ctx, r);
    ctx.model.add(s);
  },
};

const armRuleSets: LiftHandler = {
  types: Object.keys(ARM_TYPES).map((t) => `${t}/networkRuleSets`),
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const type = ARM_TYPES[r.type.replace(/\/networkRuleSets$/, '')]!;
    const s = armAncestorStore(ctx, r, 1, type);
    if (!s) return;
    applyRuleSet(
      s,
      enabledText(prop(r, 'publicNetworkAccess'), r, 'networkRuleSets.publicNetworkAccess', true),
      allowsByDefault(prop(r, 'defaultAction'), r, 'networkRuleSets.defaultAction'),
      admitsAddresses(prop(r, 'ipRules'), r, 'networkRuleSets.ipRules'),
    );
  },
};

/**
 * The rules of API versions before the network rule set (`ipFilterRules`
 * with Accept/Reject, `virtualNetworkRules`): what the endpoint admits with
 * them is not modelled, so the firewall is unknown, naming the rule.
 */
const armLegacyRules: LiftHandler = {
  types: Object.keys(ARM_TYPES).flatMap((t) => [`${t}/ipFilterRules`, `${t}/virtualNetworkRules`]),
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const type = ARM_TYPES[r.type.replace(/\/(ipFilterRules|virtualNetworkRules)$/, '')]!;
    const s = armAncestorStore(ctx, r, 1, type);
    if (!s) return;
    s.publicFirewall = unknownFact({ inputs: [r.address], detail: `${r.address} is a rule of the pre-2018 namespace firewall, whose effect kikan does not model` }, r.loc);
  },
};

/** The IP rules of an azurerm rule set: Service Bus writes `ip_rules` (strings), Event Hubs `ip_rule` blocks. */
function tfIpRules(ruleSet: Value, r: NativeResource, prefix: string): Fact<boolean> {
  const strings = tfPath(ruleSet, 'ip_rules');
  if (isSet(strings)) return admitsAddresses(strings, r, `${prefix}.ip_rules`);
  return admitsAddresses(fieldList(ruleSet, 'ip_rule'), r, `${prefix}.ip_rule`);
}

/** A repeated block inside a single block, as the list of its items. */
function fieldList(block: Value | undefined, name: string): Value | undefined {
  const first = block?.kind === 'list' ? block.items[0] : block;
  return first?.kind === 'object' ? first.fields[name] : first;
}

/** An azurerm rule set block or resource: access, default action (Allow when unset) and IP rules. */
function tfRuleSet(s: DataStore, ruleSet: Value, r: NativeResource, prefix: string): void {
  applyRuleSet(
    s,
    boolFact(tfPath(ruleSet, 'public_network_access_enabled'), r, { name: `${prefix}.public_network_access_enabled`, default: true }),
    allowsByDefault(tfPath(ruleSet, 'default_action'), r, `${prefix}.default_action`),
    tfIpRules(ruleSet, r, prefix),
  );
}

function terraformNamespace(type: string, storeType: StoreType, ruleSetBlock: string): LiftHandler {
  return {
    types: [type],
    sources: TERRAFORM,
    pass: 'entity',
    lift(r, ctx) {
      const s = newDataStore(r, ctx, storeType);
      s.publiclyAccessible = boolFact(attr(r, 'public_network_access_enabled'), r, { name: 'public_network_access_enabled', default: true });
      s.publicFirewall = defaulted('allows-all', r.loc);
      const ruleSet = attr(r, ruleSetBlock);
      if (isSet(ruleSet) && !(ruleSet.kind === 'list' && ruleSet.items.length === 0)) {
        if (ruleSet.kind === 'unknown' || ruleSet.kind === 'ref') s.publicFirewall = unknownFact(causeOf(ruleSet, r, ruleSetBlock), ruleSet.loc ?? r.loc);
        else tfRuleSet(s, ruleSet, r, ruleSetBlock);
      }
      s.minTlsVersion = tlsFact(attr(r, 'minimum_tls_version'), r, 'minimum_tls_version', '1.2');
      const key = attr(r, 'customer_managed_key', 'key_vault_key_id');
      s.encryption = isSet(key) ? keyReference(ctx, r, key, 'customer_managed_key.key_vault_key_id') : defaulted({ mode: 'provider-managed' }, r.loc);
      ctx.model.add(s);
    },
  };
}

/** azurerm 3.x wrote the Service Bus rule set as a resource of its own. */
const terraformServiceBusRuleSet: LiftHandler = {
  types: ['azurerm_servicebus_namespace_network_rule_set'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const s = referencedStore(ctx, attr(r, 'namespace_id'), 'servicebus-namespace');
    if (s) tfRuleSet(s, r.attrs, r, r.address);
  },
};

/** A customer key set by a resource of its own: the first key it names. */
function terraformCustomerKey(type: string, storeType: StoreType, namespaceAttr: string, keyAttr: string): LiftHandler {
  return {
    types: [type],
    sources: TERRAFORM,
    pass: 'amend',
    lift(r, ctx) {
      const s = referencedStore(ctx, attr(r, namespaceAttr), storeType);
      if (!s) return;
      const v = attr(r, keyAttr);
      const key = v?.kind === 'list' ? itemsOf(v)[0] : v;
      s.encryption = isSet(key) ? keyReference(ctx, r, key, keyAttr) : unknownFact({ inputs: [`${r.address}.${keyAttr}`], detail: `${r.address} names no key` }, r.loc);
    },
  };
}

export const messagingNamespaceHandlers: LiftHandler[] = [
  armNamespaces,
  armRuleSets,
  armLegacyRules,
  terraformNamespace('azurerm_servicebus_namespace', 'servicebus-namespace', 'network_rule_set'),
  terraformNamespace('azurerm_eventhub_namespace', 'eventhub-namespace', 'network_rulesets'),
  terraformServiceBusRuleSet,
  terraformCustomerKey('azurerm_servicebus_namespace_customer_managed_key', 'servicebus-namespace', 'namespace_id', 'key_vault_key_id'),
  terraformCustomerKey('azurerm_eventhub_namespace_customer_managed_key', 'eventhub-namespace', 'eventhub_namespace_id', 'key_vault_key_ids'),
];
