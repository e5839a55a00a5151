// Which resource a public IP is bound to. The binding is written on the user
// (a NIC's IP configuration, a NAT gateway's list, a load balancer frontend),
// so handlers record it here and finishNetwork sets PublicIp.attachedTo.
import type { Link } from '../../entity.js';
import { defaulted, fact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import type { CloudModel } from '../../model.js';

const users = new WeakMap<CloudModel, Map<string, { user: string; loc: Link['loc'] }>>();

export function usePublicIp(ctx: LiftContext, ip: Link, user: string): void {
  if (!ip.known) return;
  let m = users.get(ctx.model);
  if (!m) users.set(ctx.model, (m = new Map()));
  if (!m.has(ip.value)) m.set(ip.value, { user, loc: ip.loc });
}

/** Sets every public IP's binding; one no scanned resource uses is unbound. */
export function bindPublicIps(ctx: LiftContext): void {
  const m = users.get(ctx.model);
  for (const ip of ctx.model.all('public-ip')) {
    if (ip.cloud !== 'azure') continue;
    const u = m?.get(ip.id);
    ip.attachedTo = u ? fact<string | null>(u.user, u.loc ?? ip.loc) : defaulted(null, ip.loc);
  }
}
