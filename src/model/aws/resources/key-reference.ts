// Encryption at rest by a KMS key, from the ways a definition names the key:
// a reference to a key or alias resource, a key ARN or ID, an alias name or
// alias ARN, or an input the scan cannot resolve.
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc, Value } from '../../../readers/value.js';
import type { Encryption } from '../../data.js';
import type { Link } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import { causeOf } from '../../lift-values.js';
import { dig } from './attribute-path.js';
import { idByName } from './name-index.js';

export const KMS_KEY_TYPES: readonly string[] = [
  'aws_kms_key',
  'aws_kms_replica_key',
  'aws_kms_external_key',
  'aws_kms_replica_external_key',
  'AWS::KMS::Key',
  'AWS::KMS::ReplicaKey',
];

const KMS_ALIAS_TYPES: readonly string[] = ['aws_kms_alias', 'AWS::KMS::Alias'];

/**
 * AWS managed keys are named `alias/aws/<service>`; only AWS may create such
 * aliases, so the name alone says the key is not the customer's.
 */
const AWS_MANAGED_ALIAS = /(^|:)alias\/aws\/[A-Za-z0-9_./-]+$/;
const ALIAS_NAME = /(?:^|:)(alias\/[A-Za-z0-9_./-]+)$/;

interface AliasFixup {
  encryption: Encryption;
  alias: string;
  loc?: SourceLoc;
}

const fixups = new WeakMap<object, AliasFixup[]>();

function isAwsManagedKeyName(text: string): boolean {
  return AWS_MANAGED_ALIAS.test(text);
}

/**
 * Encryption with the KMS key named by `key`. When `key` is absent, the
 * caller's `withoutKey` applies (usually the service's AWS managed key).
 */
export function kmsEncryption(
  ctx: LiftContext,
  r: NativeResource,
  key: Value | undefined,
  attribute: string,
  withoutKey: Fact<Encryption>,
): Fact<Encryption> {
  if (!key || (key.kind === 'known' && (key.value === null || key.value === ''))) return withoutKey;
  const loc = key.loc ?? r.loc;
  const customer = (k: Link, keyText?: string): Fact<Encryption> => {
    const e: Encryption = { mode: 'customer-managed', key: k };
    if (keyText !== undefined) e.keyText = keyText;
    return fact(e, loc);
  };
  if (key.kind === 'list' && key.items.length === 1) return kmsEncryption(ctx, r, key.items[0], attribute, withoutKey);
  if (key.kind === 'ref') {
    const target = ctx.links.native(key.target);
    if (!target) return unknownFact(causeOf(key, r, attribute), loc);
    if (KMS_KEY_TYPES.includes(target.type)) return customer(fact(target.key, loc));
    if (KMS_ALIAS_TYPES.includes(target.type)) return viaAlias(ctx, target, loc, customer);
    return unknownFact({ inputs: [target.address], detail: `${attribute} refers to ${target.type}, not a KMS key` }, loc);
  }
  if (key.kind === 'known' && typeof key.value === 'string') {
    const text = key.value;
    if (isAwsManagedKeyName(text)) return fact({ mode: 'provider-managed', keyText: text }, loc);
    const live = ctx.links.byIdentity(text);
    if (live && KMS_KEY_TYPES.includes(live.type)) return customer(fact(live.key, loc), text);
    const alias = ALIAS_NAME.exec(text)?.[1];
    const enc = customer(
      unknownFact({ inputs: [text], detail: `${attribute} names the key ${text}, which is not defined in the scanned inputs` }, loc),
      text,
    );
    // Customer aliases are resolved once every alias is known (finishKeyReferences).
    if (alias && enc.known) pendingFixups(ctx).push({ encryption: enc.value, alias, loc });
    return enc;
  }
  if (key.kind === 'unknown' && key.expr && AWS_MANAGED_ALIAS.test(key.expr)) {
    return fact({ mode: 'provider-managed', keyText: key.expr }, loc);
  }
  return unknownFact(causeOf(key, r, attribute), loc);
}

/** An alias resource: the key it targets; aliases made in a definition are never AWS managed. */
function viaAlias(
  ctx: LiftContext,
  alias: NativeResource,
  loc: SourceLoc,
  customer: (k: Link, keyText?: string) => Fact<Encryption>,
): Fact<Encryption> {
  const target = dig(alias.attrs, alias.source === 'cloudformation' ? 'TargetKeyId' : 'target_key_id');
  const name = dig(alias.attrs, alias.source === 'cloudformation' ? 'AliasName' : 'name');
  const nameText = name?.kind === 'known' && typeof name.value === 'string' ? name.value : undefined;
  if (target?.kind === 'ref') {
    const t = ctx.links.native(target.target);
    if (t && KMS_KEY_TYPES.includes(t.type)) return customer(fact(t.key, loc), nameText);
  }
  if (target?.kind === 'known' && typeof target.value === 'string') {
    const live = ctx.links.byIdentity(target.value);
    if (live && KMS_KEY_TYPES.includes(live.type)) return customer(fact(live.key, loc), nameText);
    return customer(
      unknownFact({ inputs: [target.value], detail: `alias ${alias.address} targets ${target.value}, which is not defined in the scanned inputs` }, loc),
      nameText,
    );
  }
  return customer(unknownFact(target ? causeOf(target, alias, 'target_key_id') : { inputs: [alias.address], detail: 'the alias has no target key' }, loc), nameText);
}

function pendingFixups(ctx: LiftContext): AliasFixup[] {
  let l = fixups.get(ctx.model);
  if (!l) fixups.set(ctx.model, (l = []));
  return l;
}

/** Points keys named by a customer alias at the key entity the alias targets. Run after all aliases are registered. */
export function finishKeyReferences(ctx: LiftContext): void {
  for (const f of pendingFixups(ctx)) {
    const id = idByName(ctx, 'kms-alias', f.alias);
    if (id) f.encryption.key = fact(id, f.loc);
  }
  fixups.delete(ctx.model);
}
