// Diagnostic settings -> LogSetting 'diagnostic-setting' on the resource they
// apply to; one at subscription scope is the Activity Log export -> Trail
// 'activity-log' (management events = the `Administrative` category, or the
// `allLogs` group). ARM writes them as extension resources (`scope`, or the
// old `<parent type>/providers/diagnosticSettings` type with a
// `<parent>/Microsoft.Insights/<name>` name) or, for the Activity Log, at a
// subscription-scope template's root; azurerm names the target in
// `target_resource_id`. Destinations: Log Analytics workspace, storage
// account, Event Hub. Settings on a sub-resource that only carries its
// parent's logs (storage services, Managed Redis databases) count for the
// parent, which is the modelled store.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Link, Links } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact, causeOf, itemsOf } from '../../lift-values.js';
import type { LogSetting, Trail } from '../../logging.js';
import type { ScopeTarget } from './arm-ids.js';
import { extensionTarget, linkToId, namesSubscription, referencedKey } from './arm-ids.js';
import { armPath, attr, blocks, isSet, knownText, prop, tfPath } from './attribute-paths.js';
import { azureBase } from './base.js';
import { EXTENSION_PARENTS } from './extension-types.js';
import { ARM, TERRAFORM } from './sources.js';

/** Categories an entry enables: a category or a category group (`allLogs`, `audit`). */
interface LogEntry {
  name: Value | undefined;
  enabled: Fact<boolean>;
}

function categories(entries: LogEntry[], r: NativeResource, loc: Value | undefined): Fact<string[]> {
  const out: string[] = [];
  for (const e of entries) {
    if (!e.enabled.known) return e.enabled;
    if (!e.enabled.value) continue;
    const text = knownText(e.name);
    if (text === undefined) return unknownFact(e.name ? causeOf(e.name, r, 'category') : { inputs: [], detail: 'a log entry names no category' }, e.name?.loc ?? r.loc);
    out.push(text);
  }
  return fact(out, loc?.loc ?? r.loc);
}

function destinations(ctx: LiftContext, r: NativeResource, values: { v: Value | undefined; name: string }[]): Links {
  const out: Link[] = [];
  for (const { v, name } of values) if (isSet(v)) out.push(ctx.links.link(v, r, name));
  return fact(out, r.loc);
}

/** The Activity Log records control-plane writes under `Administrative`. */
function managementEvents(cats: Fact<string[]>): Fact<boolean> {
  if (!cats.known) return cats;
  return { ...cats, value: cats.value.some((c) => ['administrative', 'alllogs', 'audit'].includes(c.toLowerCase())) };
}

/** A LogSetting on `target`, or the subscription's Activity Log export. */
function emit(ctx: LiftContext, r: NativeResource, target: Link | 'subscription', cats: Fact<string[]>, dest: Links): void {
  const targetNative = target !== 'subscription' && target.known ? ctx.links.native(target.value) : undefined;
  const base = azureBase(r, ctx, targetNative);
  if (target === 'subscription') {
    const trail: Trail = {
      ...base,
      kind: 'trail',
      trailType: 'activity-log',
      // The Activity Log covers the whole subscription, every region.
      multiRegion: fact(true, r.loc),
      managementEvents: managementEvents(cats),
      destinations: dest,
      loggingEnabled: cats.known ? { ...cats, value: cats.value.length > 0 } : cats,
    };
    ctx.model.add(trail);
    return;
  }
  const setting: LogSetting = {
    ...base,
    kind: 'log-setting',
    settingType: 'diagnostic-setting',
    target,
    destinations: dest,
    enabled: cats.known ? { ...cats, value: cats.value.length > 0 } : cats,
    categories: cats,
  };
  ctx.model.add(setting);
}

/**
 * Storage logs are set on the blob, file, queue and table services
 * (`<account>/blobServices/default`), which belong to the account: the
 * setting is the account's (the account itself only has metrics).
 */
const STORAGE_SERVICE = /^(.*\/providers\/microsoft\.storage\/storageaccounts\/[^/]+)\/(?:blob|file|queue|table)services\/[^/]+\/?$/i;

/** `${azurerm_storage_account.x.id}/blobServices/default` as the Terraform reader keeps it. */
const TERRAFORM_STORAGE_SERVICE = /^\$\{([^${}]+)\.id\}\/(?:blob|file|queue|table)services\/[^/]+\/?$/i;

/**
 * Managed Redis / Redis Enterprise logs (`ConnectionEvents`) are set on the
 * cluster's databases (`<cluster>/databases/default`); the cluster is the store.
 */
const REDIS_DATABASE = /^(.*\/providers\/microsoft\.cache\/redisenterprise\/[^/]+)\/databases\/[^/]+\/?$/i;

/**
 * SQL server-level auditing to Azure Monitor leaves through a setting on the
 * server's `master` database (`SQLSecurityAuditEvents`); it is the server's.
 */
const SQL_MASTER = /^(.*\/providers\/microsoft\.sql\/servers\/[^/]+)\/databases\/master\/?$/i;

function ownerOf(id: string): string {
  return STORAGE_SERVICE.exec(id)?.[1] ?? REDIS_DATABASE.exec(id)?.[1] ?? SQL_MASTER.exec(id)?.[1] ?? id;
}

/** `${azurerm_managed_redis.x.id}/databases/default`: the cluster's database as azurerm writes it. */
const TERRAFORM_REDIS_DATABASE = /^\$\{([^${}]+)\.id\}\/databases\/[^/]+\/?$/i;
const REDIS_CLUSTERS = new Set(['azurerm_managed_redis', 'azurerm_redis_enterprise_cluster']);

function armTargetLink(ctx: LiftContext, r: NativeResource, t: ScopeTarget): Link {
  return linkToId(ctx, t.id === undefined ? undefined : ownerOf(t.id), r, 'scope', t.loc, t.value);
}

/** The entity `target_resource_id` names; a storage service, Managed Redis database or SQL `master` stands for its owner. */
function terraformTargetLink(ctx: LiftContext, r: NativeResource, v: Value | undefined): Link {
  const loc = v?.loc ?? r.loc;
  const text = knownText(v);
  if (text !== undefined && ownerOf(text) !== text) return linkToId(ctx, ownerOf(text), r, 'target_resource_id', loc);
  const expr = v?.kind === 'unknown' ? v.expr : undefined;
  const service = expr ? TERRAFORM_STORAGE_SERVICE.exec(expr) : null;
  const database = expr ? TERRAFORM_REDIS_DATABASE.exec(expr) : null;
  if (service || database) {
    // References inside a module are relative to it.
    const at = r.address.lastIndexOf(r.type);
    const modulePrefix = at > 0 ? r.address.slice(0, at) : '';
    const owner = ctx.links.native(`${r.scope}#${modulePrefix}${(service ?? database)![1]}`);
    const master = database && /\/databases\/master\/?$/i.test(expr!) && owner?.type === 'azurerm_mssql_server';
    if (owner && (service || master || REDIS_CLUSTERS.has(owner.type))) return fact(owner.key, loc);
  }
  const link = ctx.links.link(v, r, 'target_resource_id');
  const named = link.known ? ctx.links.native(link.value) : undefined;
  // An azapi storage service or Managed Redis database, read as the ARM resource it creates.
  const armId = named?.ids?.[0];
  if (armId && ownerOf(armId) !== armId) return linkToId(ctx, ownerOf(armId), r, 'target_resource_id', loc);
  if (named?.type === 'azurerm_redis_enterprise_database') {
    // The database's logs are its cluster's.
    const cluster = referencedKey(ctx, attr(named, 'cluster_id'));
    return cluster ? fact(cluster, loc) : ctx.links.link(attr(named, 'cluster_id'), named, 'cluster_id');
  }
  return link;
}

const armSettings: LiftHandler = {
  types: ['Microsoft.Insights/diagnosticSettings', ...EXTENSION_PARENTS.map((p) => `${p}/providers/diagnosticSettings`)],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const t = extensionTarget(r);
    const logs = prop(r, 'logs');
    const entries = itemsOf(logs).map((l) => ({
      // Bicep modules write both, one of them null.
      name: [armPath(l, 'category'), armPath(l, 'categoryGroup')].find(isSet),
      enabled: boolFact(armPath(l, 'enabled'), r, { name: 'logs.enabled' }),
    }));
    const target = armTargetLink(ctx, r, t);
    const dest = destinations(ctx, r, [
      { v: prop(r, 'workspaceId'), name: 'workspaceId' },
      { v: prop(r, 'storageAccountId'), name: 'storageAccountId' },
      { v: prop(r, 'eventHubAuthorizationRuleId'), name: 'eventHubAuthorizationRuleId' },
    ]);
    emit(ctx, r, t.level === 'subscription' ? 'subscription' : target, categories(entries, r, logs), dest);
  },
};

const terraformSettings: LiftHandler = {
  types: ['azurerm_monitor_diagnostic_setting'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const targetValue = attr(r, 'target_resource_id');
    // azurerm 4.x writes `enabled_log` blocks; 3.x `log` blocks with `enabled`.
    const entries: LogEntry[] = [
      ...blocks(r, 'enabled_log').map((b) => ({ name: [tfPath(b, 'category'), tfPath(b, 'category_group')].find(isSet), enabled: fact(true, b.loc ?? r.loc) })),
      ...blocks(r, 'log').map((b) => ({
        name: [tfPath(b, 'category'), tfPath(b, 'category_group')].find(isSet),
        enabled: boolFact(tfPath(b, 'enabled'), r, { name: 'log.enabled', default: true }),
      })),
    ];
    const target = namesSubscription(targetValue) ? 'subscription' : terraformTargetLink(ctx, r, targetValue);
    // A dynamic block over values known only at plan time gives no blocks to read.
    const written = [attr(r, 'enabled_log'), attr(r, 'log'), ...blocks(r, 'enabled_log'), ...blocks(r, 'log')].find((b) => b?.kind === 'unknown' || b?.kind === 'ref');
    const dest = destinations(ctx, r, [
      { v: attr(r, 'log_analytics_workspace_id'), name: 'log_analytics_workspace_id' },
      { v: attr(r, 'storage_account_id'), name: 'storage_account_id' },
      { v: attr(r, 'eventhub_authorization_rule_id'), name: 'eventhub_authorization_rule_id' },
    ]);
    const cats = written ? unknownFact(causeOf(written, r, 'enabled_log'), written.loc ?? r.loc) : categories(entries, r, attr(r, 'enabled_log') ?? attr(r, 'log'));
    emit(ctx, r, target, cats, dest);
  },
};

export const diagnosticSettingHandlers: LiftHandler[] = [armSettings, terraformSettings];
