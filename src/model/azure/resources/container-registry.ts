// Container registries -> DataStore 'container-registry'. Defaults: public
// network access on; the registry firewall (`networkRuleSet`, azurerm
// `network_rule_set`) admits every address unless its default action is
// Deny, and only the Premium tier applies it at all (Basic and Standard
// registries are reachable from every address, whatever they write about
// public access, and only Premium can have private endpoints); images encrypted with Microsoft-managed keys unless
// `encryption.status` is `enabled` with a Key Vault key (azurerm: an
// `encryption` block with `key_vault_key_id`); anonymous pull off (when on,
// anyone can pull the images: public read, judged by LG-2.6).
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Encryption, PublicFirewall } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact, causeOf } from '../../lift-values.js';
import { armPath, attr, isSet, knownText, prop, tfPath } from './attribute-paths.js';
import { newDataStore } from './base.js';
import { keyReference } from './key-reference.js';
import { admitsAddresses, allowsByDefault, enabledText, firewallState } from './public-access.js';
import { ARM, TERRAFORM } from './sources.js';

/**
 * The firewall as the tier applies it: Premium's rule set as written; any
 * other tier admits every address whatever is written; an unknown tier with
 * a rule set that would deny is unknown.
 */
function tierFirewall(sku: Value | undefined, skuName: string, ruleSet: Fact<PublicFirewall>, written: boolean, r: NativeResource): Fact<PublicFirewall> {
  const tier = knownText(sku)?.toLowerCase();
  if (tier === 'premium') return ruleSet;
  if (tier !== undefined) return fact('allows-all', sku?.loc ?? r.loc);
  if (!written || (ruleSet.known && ruleSet.value === 'allows-all')) return ruleSet;
  if (!isSet(sku)) return unknownFact({ inputs: [skuName], detail: `${r.address} names no tier; only Premium applies its network rule set` }, r.loc);
  return unknownFact(causeOf(sku, r, skuName), sku.loc ?? r.loc);
}

/** Public access can be turned off only on Premium: a lower tier that writes it off still has its public endpoint. */
function tierAccess(access: Fact<boolean>, sku: Value | undefined): Fact<boolean> {
  const tier = knownText(sku)?.toLowerCase();
  if (access.known && !access.value && tier !== undefined && tier !== 'premium') return fact(true, sku?.loc ?? access.loc);
  return access;
}

function keyEncryption(ctx: LiftContext, r: NativeResource, status: Fact<boolean>, key: Value | undefined, keyName: string): Fact<Encryption> {
  if (!status.known) return status;
  if (!status.value) return { ...status, value: { mode: 'provider-managed' } };
  if (!isSet(key)) return unknownFact({ inputs: [keyName], detail: `${r.address} turns on customer-key encryption but names no key` }, status.loc ?? r.loc);
  return keyReference(ctx, r, key, keyName);
}

const armRegistries: LiftHandler = {
  types: ['Microsoft.ContainerRegistry/registries'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'container-registry');
    s.publiclyAccessible = tierAccess(enabledText(prop(r, 'publicNetworkAccess'), r, 'publicNetworkAccess', true), armPath(r.attrs, 'sku', 'name'));
    const rules = prop(r, 'networkRuleSet');
    const ruleSet = firewallState(allowsByDefault(armPath(rules, 'defaultAction'), r, 'networkRuleSet.defaultAction'), admitsAddresses(armPath(rules, 'ipRules'), r, 'networkRuleSet.ipRules'));
    s.publicFirewall = tierFirewall(armPath(r.attrs, 'sku', 'name'), 'sku.name', ruleSet, isSet(rules), r);
    s.publicRead = boolFact(prop(r, 'anonymousPullEnabled'), r, { name: 'anonymousPullEnabled', default: false });
    const status = enabledText(prop(r, 'encryption', 'status'), r, 'encryption.status', false);
    s.encryption = keyEncryption(ctx, r, status, prop(r, 'encryption', 'keyVaultProperties', 'keyIdentifier'), 'encryption.keyVaultProperties.keyIdentifier');
    ctx.model.add(s);
  },
};

const terraformRegistries: LiftHandler = {
  types: ['azurerm_container_registry'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'container-registry');
    s.publiclyAccessible = tierAccess(boolFact(attr(r, 'public_network_access_enabled'), r, { name: 'public_network_access_enabled', default: true }), attr(r, 'sku'));
    const rules = attr(r, 'network_rule_set');
    const written = isSet(rules) && !(rules.kind === 'list' && rules.items.length === 0);
    const first = rules?.kind === 'list' ? rules.items[0] : rules;
    const ipRules = first?.kind === 'object' ? first.fields.ip_rule : first;
    const ruleSet = firewallState(allowsByDefault(tfPath(rules, 'default_action'), r, 'network_rule_set.default_action'), admitsAddresses(ipRules, r, 'network_rule_set.ip_rule'));
    s.publicFirewall = tierFirewall(attr(r, 'sku'), 'sku', ruleSet, written, r);
    s.publicRead = boolFact(attr(r, 'anonymous_pull_enabled'), r, { name: 'anonymous_pull_enabled', default: false });
    // azurerm 3.x wrote `encryption { enabled = true … }`; 4.x has the block only when a key is used.
    const block = attr(r, 'encryption');
    const blockWritten = isSet(block) && !(block.kind === 'list' && block.items.length === 0);
    const status = blockWritten ? boolFact(tfPath(block, 'enabled'), r, { name: 'encryption.enabled', default: true }) : defaulted(false, r.loc);
    s.encryption = keyEncryption(ctx, r, status, tfPath(block, 'key_vault_key_id'), 'encryption.key_vault_key_id');
    ctx.model.add(s);
  },
};

export const containerRegistryHandlers: LiftHandler[] = [armRegistries, terraformRegistries];
