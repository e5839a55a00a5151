// Database servers whose public endpoint denies everything until firewall
// rules admit addresses (SQL, PostgreSQL and MySQL flexible servers, MongoDB
// vCore, Synapse): public network access on is the exposure, whatever the
// rules admit; the rules say what the firewall admits there. The rule
// 0.0.0.0–0.0.0.0 ("allow Azure services") admits every Azure address,
// other customers' resources included, though not the whole internet that
// LG-3.5 judges everywhere. Rules are child resources, so what they admit is
// derived once they are all seen. A rule spanning every public unicast
// address (what `0.0.0.0`–`255.255.255.255` "AllowAll" rules mean) opens the
// database port to the whole internet, which LG-3.5 judges anywhere; for
// IPv6 rules (Azure SQL `ipv6FirewallRules`), every global unicast address.
// Several rules that together span it do the same.
import { parseIpv4, parseIpv6 } from '../../../net/ip-address.js';
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc, Value } from '../../../readers/value.js';
import type { DataStore, PublicFirewall } from '../../data.js';
import type { Fact, KnownFact, UnknownFact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import { causeOf } from '../../lift-values.js';
import { later } from './deferred.js';

interface Range {
  from: bigint;
  to: bigint;
  /** The family's whole internet: what a rule, or rules together, must span to admit everyone. */
  first: bigint;
  last: bigint;
  loc: SourceLoc;
}

interface RuleFacts {
  /** Each rule: admits some internet address. */
  admits: Fact<boolean>[];
  /** The admits of the "allow Azure services" rules (0.0.0.0–0.0.0.0), which admit Azure's addresses only. */
  azureServices: Set<Fact<boolean>>;
  /** Each rule: admits every public unicast address. */
  admitsAll: Fact<boolean>[];
  /** The ranges of the rules that certainly apply, to see whether several together span everything. */
  ranges: Range[];
  /** Databases that take what the server's firewall admits once it is derived. */
  databases: DataStore[];
  derived: boolean;
}

const rules = new WeakMap<DataStore, RuleFacts>();

/** The first rule that is known true, else the first unknown, else false. */
function anyOf(list: Fact<boolean>[], store: DataStore): Fact<boolean> {
  return list.find((f) => f.known && f.value) ?? list.find((f) => !f.known) ?? defaulted(false, store.loc);
}

/** Rules that each admit part of the internet and together all of it (`0.0.0.0–127.255.255.255` and `128.0.0.0–255.255.255.255`). */
function jointlyAll(ranges: Range[]): Fact<boolean> | undefined {
  for (const first of new Set(ranges.map((r) => r.first))) {
    const family = ranges.filter((r) => r.first === first).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    const last = family[0]!.last;
    let covered = first - 1n;
    for (const r of family) {
      if (r.from > covered + 1n) break;
      if (r.to > covered) covered = r.to;
    }
    if (covered >= last) return fact(true, family[0]!.loc);
  }
  return undefined;
}

/** A firewall fact matters only while public access is on. */
function whileOn(access: Fact<boolean>, f: Fact<boolean>, store: DataStore): Fact<boolean> {
  if (!access.known || !access.value) return access;
  return f.known && !f.value ? fact(false, store.loc) : f;
}

/** What the rules admit: everyone, some ranges, only Azure's addresses, or nothing (the server's default). */
function firewallOf(facts: RuleFacts, openToAll: Fact<boolean>, store: DataStore): Fact<PublicFirewall> {
  if (openToAll.known && openToAll.value) return { ...openToAll, value: 'allows-all' };
  const ranges = facts.admits.find((f): f is KnownFact<boolean> => f.known && f.value && !facts.azureServices.has(f));
  if (ranges) return { ...ranges, value: 'admits-ranges' };
  const open = facts.admits.find((f): f is UnknownFact => !f.known);
  if (open) return open;
  const azure = facts.admits.find((f): f is KnownFact<boolean> => f.known && f.value);
  if (azure) return { ...azure, value: 'admits-azure-services' };
  return defaulted('denies', store.loc);
}

/**
 * Registers a server whose firewall rules are its children: public network
 * access is the exposure, and once every rule is seen, what they admit.
 */
export function trackFirewall(ctx: LiftContext, store: DataStore, access: Fact<boolean>): void {
  const facts: RuleFacts = { admits: [], azureServices: new Set(), admitsAll: [], ranges: [], databases: [], derived: false };
  rules.set(store, facts);
  store.publiclyAccessible = access;
  later(
    ctx,
    () => {
      const all = anyOf(facts.admitsAll, store);
      const joint = all.known && !all.value ? jointlyAll(facts.ranges) : undefined;
      store.publicFirewall = firewallOf(facts, joint ?? all, store);
      store.firewallOpenToAll = whileOn(access, joint ?? all, store);
      facts.derived = true;
      for (const db of facts.databases) db.publicFirewall = store.publicFirewall;
    },
    'derive',
  );
}

/** A database is exposed as its server is: public access now, what the firewall admits once the rules are derived. */
export function shareExposure(server: DataStore, db: DataStore): void {
  if (server.publiclyAccessible) db.publiclyAccessible = server.publiclyAccessible;
  const facts = rules.get(server);
  if (facts && !facts.derived) facts.databases.push(db);
  else if (server.publicFirewall) db.publicFirewall = server.publicFirewall;
}

const FIRST_PUBLIC = parseIpv4('1.0.0.0')!;
const LAST_UNICAST = parseIpv4('223.255.255.255')!;
// IPv6 global unicast, 2000::/3.
const FIRST_GLOBAL6 = parseIpv6('2000::')!;
const LAST_GLOBAL6 = parseIpv6('3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')!;

/** Both ends in one address family, with the bounds that cover that family's whole internet. */
function parseRange(start: string, end: string): { from: bigint; to: bigint; first: bigint; last: bigint } | undefined {
  const [a4, b4] = [parseIpv4(start), parseIpv4(end)];
  if (a4 !== undefined && b4 !== undefined) return { from: a4, to: b4, first: FIRST_PUBLIC, last: LAST_UNICAST };
  const [a6, b6] = [parseIpv6(start), parseIpv6(end)];
  if (a6 !== undefined && b6 !== undefined) return { from: a6, to: b6, first: FIRST_GLOBAL6, last: LAST_GLOBAL6 };
  return undefined;
}

/** A firewall rule of a tracked server: every rule admits some public address; whether it admits them all. */
export function addFirewallRule(store: DataStore | undefined, r: NativeResource, start: Value | undefined, end: Value | undefined): void {
  const list = store && rules.get(store);
  if (!list) return;
  const push = (f: Fact<boolean>): void => {
    list.admits.push(f);
    list.admitsAll.push(f);
  };
  const texts: string[] = [];
  for (const [v, name] of [[start, 'start IP address'], [end, 'end IP address']] as const) {
    if (!v || v.kind !== 'known') {
      push(unknownFact(v ? causeOf(v, r, name) : { inputs: [], detail: `${name} is not set in ${r.address}` }, v?.loc ?? r.loc));
      return;
    }
    texts.push(String(v.value).trim());
  }
  const loc = start?.loc ?? r.loc;
  const range = parseRange(texts[0]!, texts[1]!);
  if (!range) {
    push(unknownFact({ inputs: [r.address], detail: `the IP range of ${r.address} is not a pair of IPv4 or IPv6 addresses` }, loc));
    return;
  }
  const all = range.from <= range.first && range.to >= range.last;
  if (r.conditional) {
    list.admits.push(unknownFact(r.conditional, loc));
    if (all) list.admitsAll.push(unknownFact(r.conditional, loc));
    return;
  }
  const admits = fact(true, loc);
  list.admits.push(admits);
  if (range.from === 0n && range.to === 0n && range.first === FIRST_PUBLIC) list.azureServices.add(admits);
  list.admitsAll.push(fact(all, loc));
  list.ranges.push({ ...range, loc });
}

