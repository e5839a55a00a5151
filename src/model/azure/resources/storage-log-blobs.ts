// Where in a storage account each writer of logs puts them, and as which
// blob type. Azure Monitor writes the Activity Log to
// `insights-activity-logs/resourceId=/SUBSCRIPTIONS/<id>/y=…` and resource
// logs to `insights-logs-<category>/resourceId=/SUBSCRIPTIONS/<id>/…`
// (category in lower case), as append blobs; NSG and VNet flow logs go to
// the containers `insights-logs-networksecuritygroupflowevent` and
// `insights-logs-flowlogflowevent` as block blobs.
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import type { LogSetting, Trail } from '../../logging.js';
import type { CloudModel } from '../../model.js';

/** Blobs that some writer puts into the account. */
export interface BlobWriter {
  /** Every blob it writes has a name (`<container>/<path>`) starting with this. */
  prefix: Fact<string>;
  blobType: 'appendBlob' | 'blockBlob';
  /** English, for causes: `the logs of azurerm_monitor_diagnostic_setting.kv`. */
  what: string;
}

/** `allLogs` and `audit` stand for categories the definition does not list: somewhere under `insights-logs-`. */
const CATEGORY_GROUPS = new Set(['alllogs', 'audit']);

/** What follows the container in every blob name of the Activity Log and resource logs. */
const BY_RESOURCE = 'resourceId=/SUBSCRIPTIONS/';

const FLOW_LOG_CONTAINERS: Partial<Record<LogSetting['settingType'], string>> = {
  'nsg-flow-log': 'insights-logs-networksecuritygroupflowevent/',
  'vnet-flow-log': 'insights-logs-flowlogflowevent/',
};

function writersOf(feeder: Trail | LogSetting): BlobWriter[] {
  const what = `the logs ${feeder.address} delivers`;
  if (feeder.kind === 'trail') return [{ prefix: fact(`insights-activity-logs/${BY_RESOURCE}`, feeder.loc), blobType: 'appendBlob', what }];
  const flow = FLOW_LOG_CONTAINERS[feeder.settingType];
  if (flow) return [{ prefix: fact(flow, feeder.loc), blobType: 'blockBlob', what }];
  if (feeder.settingType !== 'diagnostic-setting') {
    return [{ prefix: unknownFact({ inputs: [feeder.address], detail: `where ${feeder.address} writes in the account is not modelled` }, feeder.loc), blobType: 'appendBlob', what }];
  }
  const c = feeder.categories;
  if (!c || !c.known) {
    const cause = c && !c.known ? c.cause : { inputs: [`${feeder.address} categories`], detail: 'the log categories of the diagnostic setting are not known' };
    return [{ prefix: unknownFact(cause, c?.loc ?? feeder.loc), blobType: 'appendBlob', what }];
  }
  if (c.value.some((x) => CATEGORY_GROUPS.has(x.toLowerCase()))) return [{ prefix: fact('insights-logs-', c.loc ?? feeder.loc), blobType: 'appendBlob', what }];
  return c.value.map((x) => ({ prefix: fact(`insights-logs-${x.toLowerCase()}/${BY_RESOURCE}`, c.loc ?? feeder.loc), blobType: 'appendBlob' as const, what }));
}

const byModel = new WeakMap<CloudModel, Map<string, Map<string, BlobWriter>>>();

/**
 * The writers of logs into the storage account `storeId`, one per distinct
 * container and blob type (a hundred settings of one category are one
 * writer). Built once, when every diagnostic setting and flow log exists.
 */
export function blobWritersInto(ctx: LiftContext, storeId: string): BlobWriter[] {
  let index = byModel.get(ctx.model);
  if (!index) {
    byModel.set(ctx.model, (index = new Map()));
    for (const feeder of [...ctx.model.all('trail'), ...ctx.model.all('log-setting')]) {
      if (feeder.cloud !== 'azure' || !feeder.destinations.known) continue;
      for (const l of feeder.destinations.value) {
        if (!l.known) continue;
        let of = index.get(l.value);
        if (!of) index.set(l.value, (of = new Map()));
        for (const w of writersOf(feeder)) {
          const key = w.prefix.known ? `${w.prefix.value}\u0000${w.blobType}` : `?${feeder.id}`;
          if (!of.has(key)) of.set(key, w);
        }
      }
    }
  }
  return [...(index.get(storeId)?.values() ?? [])];
}
