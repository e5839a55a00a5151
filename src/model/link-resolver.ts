// Resolves the ways a definition names another resource — a reader RefValue,
// an ARM resource ID, an ARN or live ID string — to the model id of that
// resource, or to an unknown naming the missing resource.
import type { NativeResource } from '../readers/native.js';
import type { Value } from '../readers/value.js';
import type { Link, Links } from './entity.js';
import type { Fact } from './fact.js';
import { fact, unknownFact } from './fact.js';
import { causeOf, itemsOf } from './lift-values.js';

export class LinkResolver {
  private readonly byKey = new Map<string, NativeResource>();
  /** Every resource an identity names: names are unique only per account and region (two accounts' `db-subnets`). */
  private readonly byId = new Map<string, NativeResource[]>();

  constructor(resources: Iterable<NativeResource>) {
    for (const r of resources) {
      this.byKey.set(r.key, r);
      for (const id of r.ids ?? []) {
        const k = id.toLowerCase();
        const all = this.byId.get(k);
        if (all) all.push(r);
        else this.byId.set(k, [r]);
      }
    }
  }

  /** The resource `id` names, the one in `scope` first; otherwise the last one read. */
  private pick(id: string, scope: string | undefined): NativeResource | undefined {
    const all = this.byId.get(id.toLowerCase());
    if (!all) return undefined;
    const inScope = scope === undefined ? undefined : all.findLast((r) => r.scope === scope);
    return inScope ?? all[all.length - 1];
  }

  native(key: string): NativeResource | undefined {
    return this.byKey.get(key);
  }

  /** The native resource a string identity names (ARM resource ID, ARN, live ID), if scanned. */
  byIdentity(id: string, scope?: string): NativeResource | undefined {
    return this.pick(id, scope);
  }

  /**
   * Resolve one reference. Absent or null: unknown unless `allowNull`, then
   * known null. A string naming something outside the scan is unknown and
   * names that string as the input to supply.
   */
  link(v: Value | undefined, from: NativeResource, name: string): Link {
    const r = this.resolve(v, from, name, false);
    return r as Link;
  }

  linkOrNull(v: Value | undefined, from: NativeResource, name: string): Fact<string | null> {
    return this.resolve(v, from, name, true);
  }

  links(v: Value | undefined, from: NativeResource, name: string): Links {
    if (v && (v.kind === 'unknown' || v.kind === 'ref')) return unknownFact(causeOf(v, from, name), v.loc ?? from.loc);
    const out: Link[] = [];
    for (const item of itemsOf(v)) {
      if (item.kind === 'known' && item.value === null) continue;
      out.push(this.link(item, from, name));
    }
    return fact(out, v?.loc ?? from.loc);
  }

  private resolve(v: Value | undefined, from: NativeResource, name: string, allowNull: boolean): Fact<string | null> {
    const loc = v?.loc ?? from.loc;
    if (v === undefined || (v.kind === 'known' && (v.value === null || v.value === ''))) {
      if (allowNull) return fact(null, loc);
      return unknownFact({ inputs: [], detail: `${name} is not set in ${from.address}` }, loc);
    }
    if (v.kind === 'ref') {
      if (this.byKey.has(v.target)) return fact(v.target, loc);
      return unknownFact({ inputs: [v.target.split('#').pop() ?? v.target], detail: `${name} refers to a resource outside the scan` }, loc);
    }
    if (v.kind === 'known' && typeof v.value === 'string') {
      const hit = this.pick(v.value, from.scope);
      if (hit) return fact(hit.key, loc);
      return unknownFact(
        { inputs: [v.value], detail: `${name} names ${v.value}, which is not defined in the scanned inputs` },
        loc,
      );
    }
    if (v.kind === 'unknown' && v.expr) {
      // An ARM ID with an unknown name part reads the same as the ID its target carries.
      const hit = this.pick(v.expr, from.scope);
      if (hit) return fact(hit.key, loc);
    }
    if (v.kind === 'list' && v.items.length === 1) return this.resolve(v.items[0], from, name, allowNull);
    return unknownFact(causeOf(v, from, name), loc);
  }
}
