// Customer keys in Key Vault, however a definition names them: a Terraform
// reference to an azurerm_key_vault_key (or to its vault, with the key name
// apart), a key URI (`https://kv-juki.vault.azure.net/keys/data/<version>`),
// an ARM resource ID, or an ARM expression whose text names the vault and
// key with literals (`reference(resourceId('Microsoft.KeyVault/vaults', 'kv'))`).
// Keys are joined once every Key entity exists (deferred `links` phase).
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Encryption } from '../../data.js';
import type { Link } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import { causeOf } from '../../lift-values.js';
import type { LiftContext } from '../../lifter.js';
import { armPath, isSet, knownText } from './attribute-paths.js';
import { later } from './deferred.js';
import { idByName } from './name-index.js';

const KEY_TYPES = new Set(['azurerm_key_vault_key', 'microsoft.keyvault/vaults/keys']);
const VAULT_TYPES = new Set(['azurerm_key_vault', 'microsoft.keyvault/vaults']);

interface KeyNames {
  vault: string;
  key?: string;
}

/** Vault and key of a Key Vault (or managed HSM) URI; a vault URI alone gives the vault. */
export function parseKeyUri(text: string): KeyNames | undefined {
  const m = /^https:\/\/([^./]+)\.(?:vault|managedhsm)\.[^/]+\/?(?:keys\/([^/?#]+))?/i.exec(text.trim());
  return m ? { vault: m[1]!, ...(m[2] ? { key: m[2] } : {}) } : undefined;
}

/** Vault and key named by literal arguments of `resourceId(...)` in an ARM expression's text. */
function namesInExpression(expr: string): KeyNames | undefined {
  const key = /resourceId\(\s*'Microsoft\.KeyVault\/vaults\/keys'\s*,\s*'([^']+)'\s*,\s*'([^']+)'\s*\)/i.exec(expr);
  if (key) return { vault: key[1]!, key: key[2]! };
  const vault = /resourceId\(\s*'Microsoft\.KeyVault\/vaults'\s*,\s*'([^']+)'\s*\)/i.exec(expr);
  if (vault) return { vault: vault[1]! };
  const uri = /https:\/\/[^'"\s]+/i.exec(expr);
  return uri ? parseKeyUri(uri[0]) : undefined;
}

function textOf(v: Value | undefined): string | undefined {
  return knownText(v) ?? (v?.kind === 'unknown' ? v.expr : undefined);
}

function byNames(ctx: LiftContext, names: KeyNames, keyName: Value | undefined, r: NativeResource, name: string, v: Value): Link {
  const loc = v.loc ?? r.loc;
  const key = names.key ?? knownText(keyName);
  if (!key) {
    return unknownFact(keyName && isSet(keyName) ? causeOf(keyName, r, name) : { inputs: [], detail: `${name} of ${r.address} names no key` }, loc);
  }
  const id = idByName(ctx, 'key-vault-key', `${names.vault}/${key}`);
  if (id) return fact(id, loc);
  return unknownFact({ inputs: [`${names.vault}/${key}`], detail: `${name} names key ${key} of vault ${names.vault}, which is not defined in the scanned inputs` }, loc);
}

/** The name of a vault a Terraform reference points at. */
function vaultName(n: NativeResource): string | undefined {
  return knownText(armPath(n.attrs, 'name'));
}

function resolve(ctx: LiftContext, r: NativeResource, v: Value, name: string, keyName: Value | undefined): Link {
  const loc = v.loc ?? r.loc;
  if (keyName?.kind === 'ref') {
    const n = ctx.links.native(keyName.target);
    if (n && KEY_TYPES.has(n.type.toLowerCase())) return fact(n.key, loc);
  }
  if (v.kind === 'ref') {
    const n = ctx.links.native(v.target);
    if (!n) return ctx.links.link(v, r, name);
    if (VAULT_TYPES.has(n.type.toLowerCase())) {
      const vault = vaultName(n);
      return vault ? byNames(ctx, { vault }, keyName, r, name, v) : unknownFact({ inputs: [n.address], detail: `the name of ${n.address} is not known` }, loc);
    }
    return fact(n.key, loc);
  }
  const text = textOf(v);
  if (text) {
    const byId = ctx.links.byIdentity(text);
    if (byId) return fact(byId.key, loc);
    const names = v.kind === 'known' ? parseKeyUri(text) : namesInExpression(text);
    if (names) return byNames(ctx, names, keyName, r, name, v);
  }
  if (v.kind === 'known') return unknownFact({ inputs: [String(v.value)], detail: `${name} names a key that is not defined in the scanned inputs` }, loc);
  return unknownFact(causeOf(v, r, name), loc);
}

/**
 * Sets the link to the key `v` names once every key is lifted. `keyName` is
 * the key's name when the definition gives it apart from the vault (storage
 * `keyname`, azurerm `key_name`).
 */
export function linkKeyLater(ctx: LiftContext, r: NativeResource, v: Value, name: string, set: (key: Link) => void, keyName?: Value): void {
  later(ctx, () => set(resolve(ctx, r, v, name, keyName)));
}

/** Encryption with the customer key `v` names (see linkKeyLater). */
export function customerKey(ctx: LiftContext, r: NativeResource, v: Value, name: string, keyName?: Value): Fact<Encryption> {
  const enc: Encryption = { mode: 'customer-managed', key: unknownFact(causeOf(v, r, name), v.loc ?? r.loc) };
  const text = textOf(v);
  const key = knownText(keyName);
  if (text) enc.keyText = key && !text.includes('/keys/') ? `${text.replace(/\/$/, '')}/keys/${key}` : text;
  linkKeyLater(ctx, r, v, name, (l) => (enc.key = l), keyName);
  return fact(enc, v.loc ?? r.loc);
}

/**
 * An unknown that an input the user gives decides (a parameter, a variable,
 * a data source) may turn out empty, which means no key at all; one read
 * from a deployed resource (`reference()`, known after apply) is a key.
 */
export function mayBeEmpty(v: Value): boolean {
  if (v.kind !== 'unknown') return false;
  return !(v.cause.inputs.length > 0 && v.cause.inputs.every((i) => /\(known after apply\)$|^reference\(|^list\w*\(/i.test(i)));
}

/**
 * Encryption when a key reference, if present, means a customer key (an
 * `keyVaultKeyUri`, a `key_vault_key_id`): customer-managed, or unknown
 * when an input may leave the reference empty.
 */
export function keyReference(ctx: LiftContext, r: NativeResource, v: Value, name: string, keyName?: Value): Fact<Encryption> {
  if (mayBeEmpty(v)) {
    const cause = causeOf(v, r, name);
    return unknownFact({ ...cause, detail: `whether a customer key is used depends on ${name}: ${cause.detail}` }, v.loc ?? r.loc);
  }
  return customerKey(ctx, r, v, name, keyName);
}
