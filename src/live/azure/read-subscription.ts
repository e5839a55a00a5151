// Reads one subscription (or some of its resource groups) through Resource
// Manager: resource groups with their tags, every resource with its full
// properties (each type at its own API version), the child settings the
// resource list leaves out, diagnostic settings per resource, and the
// subscription-wide settings (Activity Log export, locks, Defender plans,
// security contacts, policy and role assignments, custom roles). A call that
// fails is recorded with what it prevented; the rest of the read goes on.
import type { ResourceManagementClient } from '@azure/arm-resources';
import type { NativeResource, NotScanned, ReadError } from '../../readers/native.js';
import { ApiVersions } from './api-versions.js';
import type { ArmCallError } from './arm-calls.js';
import { ArmCaller, asCallError } from './arm-calls.js';
import { childCollectionsOf } from './child-collections.js';
import type { ReadGap } from './read-gaps.js';
import { forEachLimited } from './concurrency.js';
import { liveLoc, nativesOf, resourceGroupNative, subscriptionScope } from './to-native.js';

/** API versions of the calls that are not resource reads (these types are not in a provider's list with a stable version). */
const DIAGNOSTIC_SETTINGS_API = '2021-05-01-preview';
const LOGGED_CHILDREN = /(?:\/blobservices|^microsoft\.cache\/redisenterprise\/databases)$/i;

/**
 * Resources and child collections that settle other resources' results: a
 * vault's protected items are the backups of disks, VMs and databases, a
 * private endpoint is a store's private path, a flow log a network's. When one
 * cannot be read, a failure elsewhere in the subscription ("no backup plan
 * selects it", "no private endpoint") may only reflect the unread setting.
 * Keyed by lower-cased type.
 */
/** What an unread resource of a type leaves open elsewhere; `skipTypes`/`onlyTypes` narrow the results it touches. */
interface Settles {
  controls: string[];
  what: string;
  skipTypes?: string[];
  onlyTypes?: string[];
}
const BACKUP_VAULTS = ['microsoft.recoveryservices/vaults', 'microsoft.dataprotection/backupvaults'];
const BACKUPS: Settles = { controls: ['LG-4.4'], what: 'backup vaults and their protected items', skipTypes: BACKUP_VAULTS };
const PRIVATE_ENDPOINTS: Settles = { controls: ['LG-3.7'], what: 'private endpoints' };
const FLOW_LOGS: Settles = { controls: ['LG-6.4'], what: 'flow logs (kept in NetworkWatcherRG by default)', onlyTypes: ['microsoft.network/virtualnetworks', 'microsoft.network/networksecuritygroups'] };
const SETTLES_OTHERS: Record<string, Settles> = {
  'microsoft.recoveryservices/vaults': BACKUPS,
  'microsoft.recoveryservices/vaults/backupprotecteditems': BACKUPS,
  'microsoft.dataprotection/backupvaults': BACKUPS,
  'microsoft.dataprotection/backupvaults/backupinstances': BACKUPS,
  'microsoft.network/privateendpoints': PRIVATE_ENDPOINTS,
  'microsoft.network/networkwatchers/flowlogs': FLOW_LOGS,
};

interface SubscriptionCall {
  path: string;
  apiVersion: string;
  query?: Record<string, string>;
  /** The action the scan's identity needs for it. */
  permission: string;
  /** What the scan misses when the call fails. */
  prevents: string;
  /** Controls whose results the call informs. */
  controls: string[];
}

function subscriptionCalls(sub: string): SubscriptionCall[] {
  const base = `/subscriptions/${sub}`;
  return [
    { path: `${base}/providers/Microsoft.Insights/diagnosticSettings`, permission: 'Microsoft.Insights/diagnosticSettings/read', apiVersion: DIAGNOSTIC_SETTINGS_API, prevents: 'the Activity Log export (LG-6.1, LG-6.5, LG-7.3)', controls: ['LG-6.1', 'LG-6.5', 'LG-7.3'] },
    { path: `${base}/providers/Microsoft.Authorization/locks`, permission: 'Microsoft.Authorization/locks/read', apiVersion: '2020-05-01', prevents: 'management locks (LG-4.5)', controls: ['LG-4.5'] },
    { path: `${base}/providers/Microsoft.Security/pricings`, permission: 'Microsoft.Security/pricings/read', apiVersion: '2024-01-01', prevents: 'Defender for Cloud plans (LG-6.10)', controls: ['LG-6.10'] },
    { path: `${base}/providers/Microsoft.Security/securityContacts`, permission: 'Microsoft.Security/securityContacts/read', apiVersion: '2020-01-01-preview', prevents: 'security contacts (LG-1.2)', controls: ['LG-1.2'] },
    { path: `${base}/providers/Microsoft.Authorization/policyAssignments`, permission: 'Microsoft.Authorization/policyAssignments/read', apiVersion: '2022-06-01', prevents: 'Azure Policy assignments (LG-7.3)', controls: ['LG-7.3'] },
    { path: `${base}/providers/Microsoft.Authorization/roleAssignments`, permission: 'Microsoft.Authorization/roleAssignments/read', apiVersion: '2022-04-01', prevents: 'role assignments', controls: [] },
    {
      path: `${base}/providers/Microsoft.Authorization/roleDefinitions`,
      permission: 'Microsoft.Authorization/roleDefinitions/read',
      apiVersion: '2022-04-01',
      query: { $filter: "type eq 'CustomRole'" },
      prevents: 'custom role definitions (LG-6.7)',
      controls: ['LG-6.7'],
    },
  ];
}

export interface SubscriptionReadOptions {
  subscriptionId: string;
  /** Only these resource groups; empty: the whole subscription. */
  resourceGroups: readonly string[];
  client: ResourceManagementClient;
  endpoint: string;
  concurrency: number;
  onProgress?: (message: string) => void;
}

export interface SubscriptionRead {
  resources: NativeResource[];
  errors: ReadError[];
  gaps: ReadGap[];
  /** Listed resources that could not be read: no result of theirs can be given. */
  notScanned: NotScanned[];
}

interface Listed {
  id: string;
  type: string;
}

export async function readSubscription(o: SubscriptionReadOptions): Promise<SubscriptionRead> {
  const sub = o.subscriptionId;
  const scope = subscriptionScope(sub);
  const caller = new ArmCaller(o.client, o.endpoint);
  const versions = new ApiVersions(o.client);
  const out = new Map<string, NativeResource>();
  const errors: ReadError[] = [];
  const gaps: ReadGap[] = [];
  const notScanned: NotScanned[] = [];
  /** A listed resource without a body has no results: the report names it as not scanned. */
  const unread = (id: string, inputs: string[]) => {
    const detail = errors[errors.length - 1]?.message ?? `${id} could not be read`;
    notScanned.push({ address: id, scope, loc: liveLoc(sub), cause: { inputs, detail } });
  };

  /**
   * Records a failed call. `controls` (with `resourceId` for one resource's
   * settings) are the results it leaves open; `permission` is the action a
   * denied call needs, so the report says what to grant.
   */
  const record = (
    e: unknown,
    call: string,
    prevents: string,
    o: { controls?: ReadGap['controls']; resourceId?: string; passesToo?: boolean; permission?: string } = {},
  ): string[] => {
    const err: ArmCallError = asCallError(call, e);
    const why =
      err.status === 429
        ? ' (throttled by Resource Manager; retries exhausted)'
        : err.status === 403
          ? ` (permission denied${o.permission ? `: the scan's identity needs ${o.permission}` : ''})`
          : '';
    const message = `${err.message}${why}; not read: ${prevents}`;
    errors.push({ file: scope, message });
    // What the user can supply: the call, and the permission a denied call needs.
    const inputs = err.status === 403 && o.permission ? [err.call, o.permission] : [err.call];
    const controls = o.controls;
    if (controls && (controls === 'all' || controls.length)) {
      gaps.push({
        scope,
        controls,
        cause: { inputs, detail: message },
        ...(o.resourceId ? { resourceId: o.resourceId.toLowerCase() } : {}),
        ...(o.passesToo ? { passesToo: true } : {}),
      });
    }
    return inputs;
  };
  /** An unread resource or collection that settles others' results leaves their failures open. */
  const leaveOpen = (settles: Settles, inputs: string[], detail: string) => {
    gaps.push({ scope, controls: settles.controls, cause: { inputs, detail }, ...(settles.skipTypes ? { skipTypes: settles.skipTypes } : {}), ...(settles.onlyTypes ? { onlyTypes: settles.onlyTypes } : {}) });
  };
  const othersOpen = (type: string, inputs: string[], detail: string) => {
    const settles = SETTLES_OTHERS[type.toLowerCase()];
    if (settles) leaveOpen(settles, inputs, detail);
  };
  // Limited to some resource groups, the scan does not see what other groups hold for them: a vault in an
  // operations group backs up their disks, flow logs sit in NetworkWatcherRG, private endpoints in a hub.
  if (o.resourceGroups.length) {
    for (const settles of new Set(Object.values(SETTLES_OTHERS))) {
      leaveOpen(settles, ['--resource-group'], `the scan reads only resource group(s) ${o.resourceGroups.join(', ')}: ${settles.what} in other resource groups of subscription ${sub} are not read`);
    }
    // A key that encrypts only what the scan sees may encrypt stores of other groups too.
    gaps.push({
      scope,
      controls: ['LG-2.4'],
      passesToo: true,
      cause: { inputs: ['--resource-group'], detail: `the scan reads only resource group(s) ${o.resourceGroups.join(', ')}: stores in other resource groups of subscription ${sub} may share the key` },
    });
  }
  const add = (bodies: Record<string, unknown>[], fallbackType?: string, apiVersion?: string) => {
    for (const b of bodies) for (const r of nativesOf(sub, b, fallbackType, apiVersion)) if (!out.has(r.key)) out.set(r.key, r);
  };
  const inGroups = (id: string) =>
    o.resourceGroups.length === 0 ||
    !/\/resourcegroups\//i.test(id) ||
    o.resourceGroups.some((rg) => id.toLowerCase().startsWith(`/subscriptions/${sub.toLowerCase()}/resourcegroups/${rg.toLowerCase()}/`) || id.toLowerCase() === `/subscriptions/${sub.toLowerCase()}/resourcegroups/${rg.toLowerCase()}`);

  // Resource groups: their tags give segments to what is in them.
  const groups: Record<string, unknown>[] = [];
  if (o.resourceGroups.length) {
    for (const rg of o.resourceGroups) {
      try {
        groups.push((await o.client.resourceGroups.get(rg)) as unknown as Record<string, unknown>);
      } catch (e) {
        record(e, `GET resource group ${rg}`, `resource group ${rg} and its resources`, { controls: 'all', permission: 'Microsoft.Resources/subscriptions/resourceGroups/read' });
      }
    }
  } else {
    try {
      for await (const g of o.client.resourceGroups.list()) groups.push(g as unknown as Record<string, unknown>);
    } catch (e) {
      record(e, `GET /subscriptions/${sub}/resourcegroups`, 'resource group tags (segments given by resource group)', {
        controls: ['LG-2.1', 'LG-3.1'],
        permission: 'Microsoft.Resources/subscriptions/resourceGroups/read',
      });
    }
  }
  for (const g of groups) {
    const r = resourceGroupNative(sub, JSON.parse(JSON.stringify(g)) as Record<string, unknown>);
    if (r) out.set(r.key, r);
  }

  // The resource list gives IDs and types; each resource is then read in full.
  const listed: Listed[] = [];
  const listFrom = async (pages: AsyncIterable<{ id?: string; type?: string }>, call: string, prevents: string) => {
    try {
      for await (const r of pages) if (r.id && r.type) listed.push({ id: r.id, type: r.type });
    } catch (e) {
      record(e, call, prevents, { controls: 'all', permission: 'Microsoft.Resources/subscriptions/resources/read' });
    }
  };
  if (o.resourceGroups.length) {
    for (const g of groups) {
      const name = String(g.name);
      await listFrom(o.client.resources.listByResourceGroup(name), `GET resource group ${name} resources`, `the resources of resource group ${name}`);
    }
  } else {
    await listFrom(o.client.resources.list(), `GET /subscriptions/${sub}/resources`, `the resources of subscription ${sub}`);
  }
  o.onProgress?.(`azure ${sub}: read ${listed.length} resources`);

  const noDiagnostics = new Set<string>();
  const diagnosticSettings = async (id: string, type: string) => {
    const t = type.toLowerCase();
    if (noDiagnostics.has(t)) return;
    try {
      add(await caller.list(`${id}/providers/Microsoft.Insights/diagnosticSettings`, DIAGNOSTIC_SETTINGS_API));
    } catch (e) {
      const err = asCallError(`GET ${id} diagnostic settings`, e);
      // Types without resource logs answer 400/404: nothing to read there.
      if (err.status === 400 || err.status === 404) noDiagnostics.add(t);
      else record(err, err.call, `the diagnostic settings of ${id} (LG-6.4, LG-6.5)`, { controls: ['LG-6.4', 'LG-6.5'], resourceId: id, permission: 'Microsoft.Insights/diagnosticSettings/read' });
    }
  };

  /** Child settings of `parentId`; an unread one leaves open the results of the listed resource `rootId` and all under it. */
  const children = async (rootId: string, parentId: string, parentType: string, depth: number): Promise<void> => {
    for (const c of childCollectionsOf(parentType)) {
      const childType = `${parentType}/${c.segment}`;
      const path = `${parentId}/${c.segment}${c.name ? `/${c.name}` : ''}`;
      let version: string | undefined;
      try {
        version = (await versions.of(c.versionType ?? childType)) ?? (await versions.of(parentType));
      } catch (e) {
        record(e, `GET provider of ${childType}`, `${c.segment} of ${parentId}`, { controls: 'all', resourceId: rootId, passesToo: true });
        continue;
      }
      if (!version) continue;
      let items: Record<string, unknown>[];
      try {
        items = c.name ? [await caller.get(path, version)] : await caller.list(path, version);
      } catch (e) {
        const err = asCallError(`GET ${path}`, e);
        if (!err.notFound) {
          const inputs = record(err, err.call, `${c.segment} of ${parentId}`, { controls: 'all', resourceId: rootId, passesToo: true, permission: `${childType}/read` });
          othersOpen(childType, inputs, errors[errors.length - 1]!.message);
        }
        continue;
      }
      add(items, childType);
      if (depth > 0) {
        for (const item of items) {
          if (typeof item.id !== 'string') continue;
          const itemType = typeof item.type === 'string' ? item.type : childType;
          await children(rootId, item.id, itemType, depth - 1);
          // Storage services and Managed Redis databases carry their parent's resource logs.
          if (LOGGED_CHILDREN.test(itemType)) await diagnosticSettings(item.id, itemType);
        }
      }
    }
  };

  await forEachLimited(listed, o.concurrency, async ({ id, type }) => {
    let version: string | undefined;
    try {
      version = await versions.of(type);
    } catch (e) {
      unread(id, record(e, `GET provider of ${type}`, `${id} (its API version)`));
      return;
    }
    if (!version) {
      errors.push({ file: scope, message: `no API version of ${type} is registered in subscription ${sub}; not read: ${id}` });
      unread(id, [`provider registration of ${type}`]);
      return;
    }
    try {
      const body = JSON.parse(JSON.stringify(await o.client.resources.getById(id, version))) as Record<string, unknown>;
      // A SQL server's `master` database (kind `v12.0,system`) is the platform's, not a store the customer keeps data in.
      if (typeof body.kind === 'string' && /(^|,)system$/i.test(body.kind) && /^microsoft\.sql\/servers\/databases$/i.test(type)) return;
      add([body], type, version);
    } catch (e) {
      const inputs = record(e, `GET ${id}`, `${id} and its settings`, { permission: `${type}/read` });
      unread(id, inputs);
      // Deleted since the list (404): what it held is gone too, so others' failures stand.
      if (!asCallError(`GET ${id}`, e).notFound) othersOpen(type, inputs, errors[errors.length - 1]!.message);
      return;
    }
    await children(id, id, type, 1);
    await diagnosticSettings(id, type);
  });

  for (const c of subscriptionCalls(sub)) {
    try {
      add((await caller.list(c.path, c.apiVersion, c.query ?? {})).filter((b) => typeof b.id !== 'string' || inGroups(b.id)));
    } catch (e) {
      record(e, `GET ${c.path}`, c.prevents, { controls: c.controls, permission: c.permission });
    }
  }
  return { resources: [...out.values()], errors, gaps, notScanned };
}
