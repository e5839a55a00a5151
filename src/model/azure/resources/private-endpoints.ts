// A data store reached through private endpoints sits in the subnets of
// those endpoints: that is where its segment comes from. The network lifter
// makes the endpoints (with the resource each connects to); this joins them
// to the stores once both exist.
import type { Link } from '../../entity.js';
import { fact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';

export function joinPrivateEndpoints(ctx: LiftContext): void {
  for (const e of ctx.model.all('endpoint')) {
    if (e.endpointType !== 'private-endpoint' || !e.target?.known) continue;
    const store = ctx.model.getOf(e.target.value, 'data-store');
    if (!store) continue;
    if (!e.subnets.known) {
      store.subnets = e.subnets;
      continue;
    }
    if (store.subnets && !store.subnets.known) continue;
    const links: Link[] = [...(store.subnets?.value ?? []), ...e.subnets.value];
    store.subnets = fact(links, store.subnets?.loc ?? e.subnets.loc);
  }
}
