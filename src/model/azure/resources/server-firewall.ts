// Database servers whose public endpoint denies everything until firewall
// rules admit addresses (SQL, PostgreSQL and MySQL flexible servers): the
// server is reachable from the internet when public network access is on
// and some rule admits an address range. The rule 0.0.0.0–0.0.0.0 admits
// Azure services only, not the internet. Rules are child resources, so the
// answer is derived once they are all seen.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { DataStore } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import { causeOf } from '../../lift-values.js';
import { later } from './deferred.js';
import { publicExposure } from './public-access.js';

const rules = new WeakMap<DataStore, Fact<boolean>[]>();

/** Registers a server whose exposure depends on its firewall rules. */
export function trackFirewall(ctx: LiftContext, store: DataStore, access: Fact<boolean>): void {
  const list: Fact<boolean>[] = [];
  rules.set(store, list);
  later(
    ctx,
    () => {
      const open = list.find((f) => f.known && f.value) ?? list.find((f) => !f.known) ?? defaulted(false, store.loc);
      store.publiclyAccessible = publicExposure(access, defaulted(false, store.loc), open);
    },
    'derive',
  );
}

/** A firewall rule of a tracked server: whether it admits internet addresses. */
export function addFirewallRule(store: DataStore | undefined, r: NativeResource, start: Value | undefined, end: Value | undefined): void {
  const list = store && rules.get(store);
  if (!list) return;
  for (const [v, name] of [[start, 'start IP address'], [end, 'end IP address']] as const) {
    if (!v || v.kind !== 'known') {
      list.push(unknownFact(v ? causeOf(v, r, name) : { inputs: [], detail: `${name} is not set in ${r.address}` }, v?.loc ?? r.loc));
      return;
    }
  }
  const azureOnly = start?.kind === 'known' && end?.kind === 'known' && start.value === '0.0.0.0' && end.value === '0.0.0.0';
  if (!azureOnly && r.conditional) list.push(unknownFact(r.conditional, start?.loc ?? r.loc));
  else list.push(fact(!azureOnly, start?.loc ?? r.loc));
}

