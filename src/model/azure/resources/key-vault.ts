// Key Vaults and their keys -> Key 'key-vault' / 'key-vault-key'.
// Platform defaults: soft delete is always on with 90 days' retention
// (`softDeleteRetentionInDays` / `soft_delete_retention_days`); purge
// protection is off unless set; public network access is enabled and the
// network ACL allows by default. A key rotates only when its rotation policy
// has a `rotate` lifetime action (azurerm: an `automatic` block); a key
// without `exp` / `expiration_date` never expires.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { Key } from '../../keys.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact, causeOf, itemsOf, numberFact, stringFact } from '../../lift-values.js';
import { parentLink } from './arm-ids.js';
import { armPath, attr, isSet, knownText, prop } from './attribute-paths.js';
import { azureBase } from './base.js';
import { registerName } from './name-index.js';
import { admitsAddresses, allowsByDefault, enabledText, publicExposure } from './public-access.js';
import { ARM, TERRAFORM } from './sources.js';

function key(r: NativeResource, ctx: LiftContext, keyType: Key['keyType'], locatedBy?: NativeResource): Key {
  return { ...azureBase(r, ctx, locatedBy), kind: 'key', keyType };
}

const armVaults: LiftHandler = {
  types: ['Microsoft.KeyVault/vaults'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const k = key(r, ctx, 'key-vault');
    k.purgeProtection = boolFact(prop(r, 'enablePurgeProtection'), r, { name: 'enablePurgeProtection', default: false });
    k.softDeleteRetentionDays = numberFact(prop(r, 'softDeleteRetentionInDays'), r, { name: 'softDeleteRetentionInDays', default: 90 });
    Object.assign(k, publicExposure(
      enabledText(prop(r, 'publicNetworkAccess'), r, 'publicNetworkAccess', true),
      allowsByDefault(prop(r, 'networkAcls', 'defaultAction'), r, 'networkAcls.defaultAction'),
      admitsAddresses(prop(r, 'networkAcls', 'ipRules'), r, 'networkAcls.ipRules'),
    ));
    registerName(ctx, 'key-vault', armPath(r.attrs, 'name'), r.key);
    ctx.model.add(k);
  },
};

/** `attributes.exp` is seconds since the epoch. */
function expiryOfSeconds(v: Value | undefined, r: NativeResource): Fact<string | null> {
  if (!isSet(v)) return defaulted(null, r.loc);
  const n = numberFact(v, r, { name: 'attributes.exp' });
  return n.known ? fact(new Date(n.value * 1000).toISOString(), n.loc) : n;
}

/** A rotation policy rotates when one of its lifetime actions is `rotate`. */
function armRotation(policy: Value | undefined, r: NativeResource): Fact<boolean> {
  if (!isSet(policy)) return defaulted(false, r.loc);
  if (policy.kind !== 'object') return unknownFact(causeOf(policy, r, 'rotationPolicy'), policy.loc ?? r.loc);
  const actions = armPath(policy, 'lifetimeActions');
  if (actions && actions.kind !== 'list' && isSet(actions)) return unknownFact(causeOf(actions, r, 'rotationPolicy.lifetimeActions'), actions.loc ?? r.loc);
  let unknownType: Fact<boolean> | undefined;
  for (const a of itemsOf(actions)) {
    const t = armPath(a, 'action', 'type');
    const text = knownText(t);
    if (text?.toLowerCase() === 'rotate') return fact(true, t?.loc ?? a.loc ?? r.loc);
    if (t && t.kind !== 'known') unknownType ??= unknownFact(causeOf(t, r, 'rotationPolicy action type'), t.loc ?? r.loc);
  }
  return unknownType ?? fact(false, policy.loc ?? r.loc);
}

const armKeys: LiftHandler = {
  types: ['Microsoft.KeyVault/vaults/keys'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const parent = parentLink(ctx, r, 1, 'vault');
    const k = key(r, ctx, 'key-vault-key', parent.known ? ctx.links.native(parent.value) : undefined);
    k.parent = parent;
    k.rotationEnabled = armRotation(prop(r, 'rotationPolicy'), r);
    k.expires = expiryOfSeconds(prop(r, 'attributes', 'exp'), r);
    k.enabled = boolFact(prop(r, 'attributes', 'enabled'), r, { name: 'attributes.enabled', default: true });
    // Key URIs name `<vault>/<key>`: a template's key is named so, a live one by its last level only (the vault is in its ID).
    const name = knownText(armPath(r.attrs, 'name'));
    const vaultOfId = /\/vaults\/([^/]+)\/keys\/[^/]+$/i.exec(r.address)?.[1];
    registerName(ctx, 'key-vault-key', name && !name.includes('/') && vaultOfId ? `${vaultOfId}/${name}` : armPath(r.attrs, 'name'), r.key);
    ctx.model.add(k);
  },
};

const terraformVaults: LiftHandler = {
  types: ['azurerm_key_vault'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const k = key(r, ctx, 'key-vault');
    k.purgeProtection = boolFact(attr(r, 'purge_protection_enabled'), r, { name: 'purge_protection_enabled', default: false });
    k.softDeleteRetentionDays = numberFact(attr(r, 'soft_delete_retention_days'), r, { name: 'soft_delete_retention_days', default: 90 });
    Object.assign(k, publicExposure(
      boolFact(attr(r, 'public_network_access_enabled'), r, { name: 'public_network_access_enabled', default: true }),
      allowsByDefault(attr(r, 'network_acls', 'default_action'), r, 'network_acls.default_action'),
      admitsAddresses(attr(r, 'network_acls', 'ip_rules'), r, 'network_acls.ip_rules'),
    ));
    registerName(ctx, 'key-vault', attr(r, 'name'), r.key);
    ctx.model.add(k);
  },
};

const terraformKeys: LiftHandler = {
  types: ['azurerm_key_vault_key'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const vaultRef = attr(r, 'key_vault_id');
    const vault = vaultRef?.kind === 'ref' ? ctx.links.native(vaultRef.target) : vaultRef?.kind === 'known' ? ctx.links.byIdentity(String(vaultRef.value)) : undefined;
    const k = key(r, ctx, 'key-vault-key', vault);
    k.parent = ctx.links.link(vaultRef, r, 'key_vault_id');
    const policy = attr(r, 'rotation_policy');
    // A rotation policy rotates only with an `automatic` block.
    k.rotationEnabled = !isSet(policy)
      ? defaulted(false, r.loc)
      : policy.kind === 'unknown' || policy.kind === 'ref'
        ? unknownFact(causeOf(policy, r, 'rotation_policy'), policy.loc ?? r.loc)
        : fact(isSet(attr(r, 'rotation_policy', 'automatic')), (attr(r, 'rotation_policy', 'automatic') ?? policy).loc ?? r.loc);
    k.expires = isSet(attr(r, 'expiration_date'))
      ? stringFact(attr(r, 'expiration_date'), r, { name: 'expiration_date' })
      : defaulted(null, r.loc);
    k.enabled = defaulted(true, r.loc);
    const vaultName = vault ? knownText(armPath(vault.attrs, 'name')) : undefined;
    const keyName = knownText(attr(r, 'name'));
    if (vaultName && keyName) registerName(ctx, 'key-vault-key', `${vaultName}/${keyName}`, r.key);
    ctx.model.add(k);
  },
};

export const keyVaultHandlers: LiftHandler[] = [armVaults, armKeys, terraformVaults, terraformKeys];
