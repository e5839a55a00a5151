// ARM child resources (`routeTables/routes`, `networkSecurityGroups/securityRules`,
// `virtualNetworks/virtualNetworkPeerings` …) name their parent only through
// their own ID: the parent is the ID without its last type and name.
import type { NativeResource } from '../../../readers/native.js';
import type { Link } from '../../entity.js';
import { fact, unknownFact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import type { Kinds } from './references.js';
import { parentId } from './resource-ids.js';

/** The parent of an ARM child resource, when it is scanned. */
export function armParent(r: NativeResource, ctx: LiftContext): NativeResource | undefined {
  const id = r.ids?.[0];
  const pid = id ? parentId(id) : undefined;
  return pid ? ctx.links.byIdentity(pid) : undefined;
}

/** Link to the parent of an ARM child resource; unknown naming the parent's ID when it is not scanned. */
export function armParentLink(r: NativeResource, ctx: LiftContext, kinds: Kinds): Link {
  const parent = armParent(r, ctx);
  if (parent && kinds.has(parent.type)) return fact(parent.key, r.loc);
  const pid = r.ids?.[0] ? parentId(r.ids[0]) : undefined;
  return unknownFact({ inputs: [pid ?? r.address], detail: `the ${kinds.label} of ${r.address} is not defined in the scanned inputs` }, r.loc);
}
