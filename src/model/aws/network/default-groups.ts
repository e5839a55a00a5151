// Instances, interfaces, interface endpoints and Application Load Balancers
// launched without security groups get their VPC's default group. Handlers
// mark the absence with a defaulted empty list; once networks are known,
// finishNetwork puts the default group in.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Link, Links } from '../../entity.js';
import { defaulted } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import { defaultSecurityGroupId, linksTo } from './references.js';
import { hasItems } from './written.js';

/** The groups written, or a defaulted empty list standing for "the VPC's default group". */
export function groupsOrDefault(v: Value | undefined, r: NativeResource, ctx: LiftContext, name: string): Links {
  return !hasItems(v) ? defaulted([], r.loc) : linksTo(v, r, ctx, name);
}

export function usesDefaultGroup(groups: Links | undefined): boolean {
  return groups !== undefined && groups.known && groups.defaulted === true && groups.value.length === 0;
}

/** The default group of the network, or the unknown network itself. */
export function defaultGroupLinks(network: Link, loc: NativeResource['loc']): Links {
  if (!network.known) return network;
  return defaulted([defaulted(defaultSecurityGroupId(network.value), loc)], loc);
}
