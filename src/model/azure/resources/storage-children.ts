// Resources that amend a storage account: blob services (versioning),
// containers (anonymous access), container
// immutability policies, lifecycle management policies (deletion after N
// days, judged against the containers logs are written to), and azurerm's separate customer-managed-key and network-rules
// resources. ARM children find their account by resource ID; azurerm ones
// by reference, account ID or account name.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { DataStore } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact, causeOf } from '../../lift-values.js';
import { ancestorId } from './arm-ids.js';
import { attr, isSet, knownText, prop } from './attribute-paths.js';
import { customerKey } from './key-reference.js';
import { idByName } from './name-index.js';
import { admitsAddresses, allowsByDefault, firewallState } from './public-access.js';
import { ARM, TERRAFORM } from './sources.js';
import { later } from './deferred.js';
import type { BlobLifecycle } from './storage-lifecycle.js';
import { armLifecycle, blobExpirationDays, terraformLifecycle } from './storage-lifecycle.js';
import { blobWritersInto } from './storage-log-blobs.js';
import { storageParts } from './storage-state.js';

function armAccount(ctx: LiftContext, r: NativeResource, levels: number): DataStore | undefined {
  const id = ancestorId(r, levels);
  const n = id ? ctx.links.byIdentity(id) : undefined;
  const s = n ? ctx.model.getOf(n.key, 'data-store') : undefined;
  return s?.storeType === 'storage-account' ? s : undefined;
}

/** The account an azurerm resource names by `storage_account_id` or `storage_account_name`. */
function terraformAccount(ctx: LiftContext, r: NativeResource): DataStore | undefined {
  const v = attr(r, 'storage_account_id') ?? attr(r, 'storage_account_name');
  let id: string | undefined;
  if (v?.kind === 'ref') id = v.target;
  else if (v?.kind === 'known' && typeof v.value === 'string') id = ctx.links.byIdentity(v.value)?.key ?? idByName(ctx, 'storage-account', v.value);
  const s = id ? ctx.model.getOf(id, 'data-store') : undefined;
  return s?.storeType === 'storage-account' ? s : undefined;
}

/**
 * A container grants anonymous read with `Blob`/`Container` (ARM) or
 * `blob`/`container` (azurerm) access; a public container that exists only
 * under an unresolved condition may or may not be there.
 */
function publicAccess(v: Value | undefined, r: NativeResource, name: string): Fact<boolean> {
  if (!isSet(v)) return defaulted(false, r.loc);
  const text = knownText(v);
  if (text === undefined) return unknownFact(causeOf(v, r, name), v.loc ?? r.loc);
  const t = text.toLowerCase();
  const open = t === 'blob' || t === 'container';
  if (open && r.conditional) return unknownFact(r.conditional, v.loc ?? r.loc);
  return fact(open, v.loc ?? r.loc);
}

const armBlobServices: LiftHandler = {
  types: ['Microsoft.Storage/storageAccounts/blobServices'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const s = armAccount(ctx, r, 1);
    if (s) s.versioning = boolFact(prop(r, 'isVersioningEnabled'), r, { name: 'isVersioningEnabled', default: false });
  },
};

const armContainers: LiftHandler = {
  types: ['Microsoft.Storage/storageAccounts/blobServices/containers'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const s = armAccount(ctx, r, 2);
    const p = s && storageParts(s);
    if (!p) return;
    // Version-level immutability support on the container protects nothing until an immutability policy is set.
    p.containers.push({ public: publicAccess(prop(r, 'publicAccess'), r, 'publicAccess') });
  },
};

const armImmutabilityPolicies: LiftHandler = {
  types: ['Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const s = armAccount(ctx, r, 3);
    const p = s && storageParts(s);
    const container = ancestorId(r, 1)?.split('/').pop();
    if (p && container && !r.conditional) p.immutableContainers.add(container);
  },
};

/**
 * The account expires the logs delivered to it after the soonest of the
 * rules that reach their containers and blob type: judged once every
 * diagnostic setting and flow log is known. A policy created only under an
 * unresolved condition may not be there to delete them.
 */
function judgeExpiration(ctx: LiftContext, s: DataStore, lifecycle: BlobLifecycle): void {
  later(
    ctx,
    () => {
      const e = blobExpirationDays(lifecycle, blobWritersInto(ctx, s.id), s.native, s.address);
      const r = lifecycle.definedBy;
      s.expirationDays = r.conditional && e.known && e.value !== null ? unknownFact(r.conditional, e.loc ?? r.loc) : e;
    },
    'derive',
  );
}

const armManagementPolicies: LiftHandler = {
  types: ['Microsoft.Storage/storageAccounts/managementPolicies'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const s = armAccount(ctx, r, 1);
    if (!s) return;
    judgeExpiration(ctx, s, armLifecycle(r, prop(r, 'policy', 'rules')));
  },
};

const terraformContainers: LiftHandler = {
  types: ['azurerm_storage_container'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const s = terraformAccount(ctx, r);
    const p = s && storageParts(s);
    if (p) p.containers.push({ public: publicAccess(attr(r, 'container_access_type'), r, 'container_access_type') });
  },
};

const terraformContainerImmutability: LiftHandler = {
  types: ['azurerm_storage_container_immutability_policy'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const v = attr(r, 'storage_container_resource_manager_id');
    const container = v?.kind === 'ref' ? ctx.links.native(v.target) : undefined;
    const s = container ? terraformAccount(ctx, container) : undefined;
    const p = s && storageParts(s);
    const name = container ? knownText(attr(container, 'name')) : undefined;
    if (p && name && !r.conditional) p.immutableContainers.add(name);
  },
};

const terraformCustomerKeys: LiftHandler = {
  types: ['azurerm_storage_account_customer_managed_key'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const s = terraformAccount(ctx, r);
    if (!s) return;
    const keyId = attr(r, 'key_vault_key_id');
    if (isSet(keyId)) s.encryption = customerKey(ctx, r, keyId, 'key_vault_key_id');
    else {
      const vault = attr(r, 'key_vault_id') ?? attr(r, 'key_vault_uri') ?? attr(r, 'managed_hsm_key_id');
      s.encryption = vault ? customerKey(ctx, r, vault, 'key_vault_id', attr(r, 'key_name')) : unknownFact({ inputs: [], detail: `${r.address} names no key` }, r.loc);
    }
    if (r.conditional) s.encryption = unknownFact(r.conditional, r.loc);
  },
};

const terraformNetworkRules: LiftHandler = {
  types: ['azurerm_storage_account_network_rules'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const s = terraformAccount(ctx, r);
    if (!s) return;
    // The rules narrow what the firewall admits; public network access stays the account's own setting.
    const withRules = firewallState(allowsByDefault(attr(r, 'default_action'), r, 'default_action'), admitsAddresses(attr(r, 'ip_rules'), r, 'ip_rules'));
    // Rules that may not be created leave the account as it is without them, unless that is the same.
    const without = s.publicFirewall;
    const same = withRules.known && without?.known && withRules.value === without.value;
    s.publicFirewall = r.conditional && !same ? unknownFact(r.conditional, r.loc) : withRules;
  },
};

const terraformManagementPolicies: LiftHandler = {
  types: ['azurerm_storage_management_policy'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const s = terraformAccount(ctx, r);
    if (!s) return;
    judgeExpiration(ctx, s, terraformLifecycle(r));
  },
};

export const storageChildHandlers: LiftHandler[] = [
  armBlobServices,
  armContainers,
  armImmutabilityPolicies,
  armManagementPolicies,
  terraformContainers,
  terraformContainerImmutability,
  terraformCustomerKeys,
  terraformNetworkRules,
  terraformManagementPolicies,
];
