// Database servers whose public endpoint denies everything until firewall
// rules admit addresses (SQL, PostgreSQL and MySQL flexible servers): the
// server is publicly reachable when public network access is on and some
// rule admits an address range. The rule 0.0.0.0–0.0.0.0 ("allow Azure
// services") admits every Azure address, other customers' resources
// included: publicly reachable, though not the whole internet that LG-3.5
// judges everywhere. Rules are child resources, so the
// answer is derived once they are all seen. A rule spanning every public
// unicast address (what `0.0.0.0`–`255.255.255.255` "AllowAll" rules mean)
// opens the database port to the whole internet, which LG-3.5 judges anywhere.
import { parseIpv4 } from '../../../net/ip-address.js';
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { DataStore } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import { causeOf } from '../../lift-values.js';
import { later } from './deferred.js';
import { publicExposure } from './public-access.js';

interface RuleFacts {
  /** Each rule: admits some internet address. */
  admits: Fact<boolean>[];
  /** Each rule: admits every public unicast address. */
  admitsAll: Fact<boolean>[];
}

const rules = new WeakMap<DataStore, RuleFacts>();

/** The first rule that is known true, else the first unknown, else false. */
function anyOf(list: Fact<boolean>[], store: DataStore): Fact<boolean> {
  return list.find((f) => f.known && f.value) ?? list.find((f) => !f.known) ?? defaulted(false, store.loc);
}

/** Registers a server whose exposure depends on its firewall rules. */
export function trackFirewall(ctx: LiftContext, store: DataStore, access: Fact<boolean>): void {
  const facts: RuleFacts = { admits: [], admitsAll: [] };
  rules.set(store, facts);
  later(
    ctx,
    () => {
      store.publiclyAccessible = publicExposure(access, defaulted(false, store.loc), anyOf(facts.admits, store));
      store.firewallOpenToAll = publicExposure(access, defaulted(false, store.loc), anyOf(facts.admitsAll, store));
    },
    'derive',
  );
}

const FIRST_PUBLIC = parseIpv4('1.0.0.0')!;
const LAST_UNICAST = parseIpv4('223.255.255.255')!;

/** A firewall rule of a tracked server: every rule admits some public address; whether it admits them all. */
export function addFirewallRule(store: DataStore | undefined, r: NativeResource, start: Value | undefined, end: Value | undefined): void {
  const list = store && rules.get(store);
  if (!list) return;
  const push = (f: Fact<boolean>): void => {
    list.admits.push(f);
    list.admitsAll.push(f);
  };
  const bounds: bigint[] = [];
  for (const [v, name] of [[start, 'start IP address'], [end, 'end IP address']] as const) {
    if (!v || v.kind !== 'known') {
      push(unknownFact(v ? causeOf(v, r, name) : { inputs: [], detail: `${name} is not set in ${r.address}` }, v?.loc ?? r.loc));
      return;
    }
    const n = parseIpv4(String(v.value).trim());
    if (n !== undefined) bounds.push(n);
  }
  const loc = start?.loc ?? r.loc;
  const [from, to] = bounds;
  if (from === undefined || to === undefined) {
    push(unknownFact({ inputs: [r.address], detail: `the IP range of ${r.address} is not a pair of IPv4 addresses` }, loc));
    return;
  }
  const all = from <= FIRST_PUBLIC && to >= LAST_UNICAST;
  if (r.conditional) {
    list.admits.push(unknownFact(r.conditional, loc));
    if (all) list.admitsAll.push(unknownFact(r.conditional, loc));
    return;
  }
  list.admits.push(fact(true, loc));
  list.admitsAll.push(fact(all, loc));
}

