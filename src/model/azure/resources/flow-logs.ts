// Network Watcher flow logs -> LogSetting 'nsg-flow-log' (target: an NSG) or
// 'vnet-flow-log' (a virtual network, subnet or NIC). Destinations: the
// storage account, and the Log Analytics workspace when traffic analytics is
// on. The retention policy deletes flow logs from the storage account after
// its days (0 or disabled: kept).
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Link } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact, numberFact } from '../../lift-values.js';
import type { LogSetting } from '../../logging.js';
import { armPath, attr, isSet, knownText, prop, tfPath } from './attribute-paths.js';
import { azureBase } from './base.js';
import { ARM, TERRAFORM } from './sources.js';

/** NSG flow logs and VNet flow logs differ by what they record. */
function settingType(ctx: LiftContext, target: Link, written: Value | undefined): LogSetting['settingType'] {
  const type = target.known ? ctx.links.native(target.value)?.type : undefined;
  const text = type ?? knownText(written) ?? (written?.kind === 'unknown' ? written.expr : undefined) ?? '';
  return /networksecuritygroup/i.test(text) ? 'nsg-flow-log' : 'vnet-flow-log';
}

function retention(enabled: Value | undefined, days: Value | undefined, r: NativeResource, name: string): Fact<number | null> {
  const on = boolFact(enabled, r, { name: `${name}.enabled`, default: false });
  if (!on.known) return on;
  if (!on.value) return { ...on, value: null };
  const d = numberFact(days, r, { name: `${name}.days`, default: 0 });
  return d.known ? { ...d, value: d.value === 0 ? null : d.value } : d;
}

function flowLog(
  ctx: LiftContext,
  r: NativeResource,
  f: { target: Value | undefined; targetName: string; storage: Value | undefined; storageName: string; analytics: Fact<boolean>; workspace: Value | undefined; workspaceName: string; enabled: Fact<boolean>; retention: Fact<number | null> },
): LogSetting {
  const target = ctx.links.link(f.target, r, f.targetName);
  const destinations: Link[] = [];
  if (isSet(f.storage)) destinations.push(ctx.links.link(f.storage, r, f.storageName));
  if (f.analytics.known ? f.analytics.value && isSet(f.workspace) : isSet(f.workspace)) {
    destinations.push(f.analytics.known ? ctx.links.link(f.workspace, r, f.workspaceName) : unknownFact(f.analytics.cause, f.analytics.loc));
  }
  return {
    ...azureBase(r, ctx, target.known ? ctx.links.native(target.value) : undefined),
    kind: 'log-setting',
    settingType: settingType(ctx, target, f.target),
    target,
    destinations: fact(destinations, r.loc),
    enabled: f.enabled,
    retentionDays: f.retention,
  };
}

const armFlowLogs: LiftHandler = {
  types: ['Microsoft.Network/networkWatchers/flowLogs'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const analytics = prop(r, 'flowAnalyticsConfiguration', 'networkWatcherFlowAnalyticsConfiguration');
    ctx.model.add(
      flowLog(ctx, r, {
        target: prop(r, 'targetResourceId'),
        targetName: 'targetResourceId',
        storage: prop(r, 'storageId'),
        storageName: 'storageId',
        analytics: boolFact(armPath(analytics, 'enabled'), r, { name: 'networkWatcherFlowAnalyticsConfiguration.enabled', default: false }),
        workspace: armPath(analytics, 'workspaceResourceId'),
        workspaceName: 'workspaceResourceId',
        // `enabled` defaults to true in the flow log API.
        enabled: boolFact(prop(r, 'enabled'), r, { name: 'enabled', default: true }),
        retention: retention(prop(r, 'retentionPolicy', 'enabled'), prop(r, 'retentionPolicy', 'days'), r, 'retentionPolicy'),
      }),
    );
  },
};

const terraformFlowLogs: LiftHandler = {
  types: ['azurerm_network_watcher_flow_log'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    // azurerm 3.x names the NSG; 4.x any target.
    const target = attr(r, 'target_resource_id') ?? attr(r, 'network_security_group_id');
    const analytics = attr(r, 'traffic_analytics');
    ctx.model.add(
      flowLog(ctx, r, {
        target,
        targetName: isSet(attr(r, 'target_resource_id')) ? 'target_resource_id' : 'network_security_group_id',
        storage: attr(r, 'storage_account_id'),
        storageName: 'storage_account_id',
        analytics: isSet(analytics) ? boolFact(tfPath(analytics, 'enabled'), r, { name: 'traffic_analytics.enabled' }) : defaulted(false, r.loc),
        workspace: tfPath(analytics, 'workspace_resource_id'),
        workspaceName: 'traffic_analytics.workspace_resource_id',
        enabled: boolFact(attr(r, 'enabled'), r, { name: 'enabled' }),
        retention: retention(attr(r, 'retention_policy', 'enabled'), attr(r, 'retention_policy', 'days'), r, 'retention_policy'),
      }),
    );
  },
};

export const flowLogHandlers: LiftHandler[] = [armFlowLogs, terraformFlowLogs];
