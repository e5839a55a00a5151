// Pieces both clouds' reachability builds paths from: hops, partial paths
// (what lies beyond a route), certainty and zone matching.
import type { Entity } from '../model/model.js';
import type { Subnet } from '../model/network.js';
import type { SourceLoc, UnknownCause } from '../readers/value.js';
import type { InternetExit, PathHop } from './types.js';

/** What lies beyond a point on the way out: the hops after it and how the path leaves. */
export interface Beyond {
  hops: PathHop[];
  exit: InternetExit;
  firewall?: string;
  certainty: 'definite' | 'possible';
  cause?: UnknownCause;
}

/** A partial path starting at a route of a table: where it opens, its family, what lies beyond. */
export interface Tail extends Beyond {
  family: 'ipv4' | 'ipv6';
  openedAt: SourceLoc;
  openedBy: string;
}

/** Guard against pathological fan-out (many firewall subnets times many transit attachments). */
export const MAX_TAILS_PER_TABLE = 200;

export function hopOf(e: Pick<Entity, 'id' | 'address' | 'loc'>, role: string, note?: string): PathHop {
  const h: PathHop = { id: e.id, address: e.address, role, loc: e.loc };
  if (note) h.note = note;
  return h;
}

/** A hop for something the scan does not hold (a gateway named by an ID or a data source). */
export function namedHop(name: string, role: string, note?: string): PathHop {
  const h: PathHop = { id: name, address: name, role };
  if (note) h.note = note;
  return h;
}

export function possible(hops: PathHop[], exit: InternetExit, cause: UnknownCause, firewall?: string): Beyond {
  const b: Beyond = { hops, exit, certainty: 'possible', cause };
  if (firewall) b.firewall = firewall;
  return b;
}

/**
 * Prefixes hops to what lies beyond. A firewall on the way makes the exit
 * `firewall` (its domain rules decide LG-3.8); otherwise `exit` names how the
 * traffic leaves when the caller knows better than the tail (a NAT gateway).
 */
export function through(prefix: PathHop[], b: Beyond, exit?: InternetExit, firewall?: string): Beyond {
  const fw = firewall ?? b.firewall;
  const out: Beyond = { hops: [...prefix, ...b.hops], exit: fw ? 'firewall' : (exit ?? b.exit), certainty: b.certainty };
  if (b.cause) out.cause = b.cause;
  if (fw) out.firewall = fw;
  return out;
}

export function weaken(b: Beyond, cause: UnknownCause | undefined): Beyond {
  if (!cause || b.certainty === 'possible') return b;
  return { ...b, certainty: 'possible', cause };
}

export function zoneOf(s: Subnet | undefined): string | undefined {
  return s?.zone?.known ? s.zone.value : undefined;
}

/** The subnets in the same zone as the traffic, when the zones say so; all of them otherwise. */
export function sameZone(subnets: string[], zone: string | undefined, lookup: (id: string) => Subnet | undefined): string[] {
  if (!zone || subnets.length <= 1) return subnets;
  const hit = subnets.filter((s) => zoneOf(lookup(s)) === zone);
  return hit.length > 0 ? hit : subnets;
}
