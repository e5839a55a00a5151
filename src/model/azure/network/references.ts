// References between Azure resources, resolved to model ids and checked for
// the kind of resource they must name: a Terraform reference, an ARM resource
// ID (a known string, or an unknown one whose text matches a scanned
// resource's ID), or a literal ID in Terraform matched by type, resource
// group and name.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Link, Links } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import { causeOf, itemsOf } from '../../lift-values.js';
import type { LiftContext } from '../../lifter.js';
import { idByResourceId } from './name-index.js';
import { inlineSubnetOfRef } from './inline-subnets.js';

/** Native types (ARM and azurerm) a reference may name, compared case-insensitively; none listed: any. */
export class Kinds {
  private readonly set: Set<string>;
  constructor(
    /** What the reference names, for messages: `subnet`, `network security group`. */
    readonly label: string,
    types: readonly string[],
  ) {
    this.set = new Set(types.map((t) => t.toLowerCase()));
  }
  has(type: string): boolean {
    return this.set.size === 0 || this.set.has(type.toLowerCase());
  }
}

function wrongKind(n: NativeResource, kinds: Kinds, from: NativeResource, name: string, v: Value): Fact<string | null> {
  return unknownFact(
    { inputs: [n.address], detail: `${name} of ${from.address} names ${n.address}, which is not a ${kinds.label}` },
    v.loc ?? from.loc,
  );
}

function resolve(
  v: Value | undefined,
  from: NativeResource,
  ctx: LiftContext,
  name: string,
  kinds: Kinds,
  allowNull: boolean,
): Fact<string | null> {
  const loc = v?.loc ?? from.loc;
  if (v === undefined || (v.kind === 'known' && (v.value === null || v.value === ''))) {
    if (allowNull) return fact(null, loc);
    return unknownFact({ inputs: [], detail: `${name} is not set in ${from.address}` }, loc);
  }
  if (v.kind === 'ref') {
    const n = ctx.links.native(v.target);
    if (!n) {
      return unknownFact({ inputs: [v.target.split('#').pop() ?? v.target], detail: `${name} refers to a resource outside the scan` }, loc);
    }
    if (kinds.has(n.type)) return fact(n.key, loc);
    const inline = inlineSubnetOfRef(n, v.attribute, from, name, kinds);
    if (inline) return inline.known ? fact(inline.value, loc) : { ...inline, loc };
    return wrongKind(n, kinds, from, name, v);
  }
  if (v.kind === 'known' && typeof v.value === 'string') {
    const n = ctx.links.byIdentity(v.value);
    if (n) return kinds.has(n.type) ? fact(n.key, loc) : wrongKind(n, kinds, from, name, v);
    const byName = from.source !== 'arm' ? idByResourceId(ctx, v.value) : undefined;
    if (byName) return fact(byName, loc);
    return unknownFact({ inputs: [v.value], detail: `${name} names ${v.value}, which is not defined in the scanned inputs` }, loc);
  }
  if (v.kind === 'unknown' && v.expr) {
    // An ARM ID with an unknown name part reads the same as the ID its target carries.
    const n = ctx.links.byIdentity(v.expr);
    if (n) return kinds.has(n.type) ? fact(n.key, loc) : wrongKind(n, kinds, from, name, v);
  }
  if (v.kind === 'list' && v.items.length === 1) return resolve(v.items[0], from, ctx, name, kinds, allowNull);
  return unknownFact(causeOf(v, from, name), loc);
}

/** One reference; absent is unknown ("not set"). */
export function linkTo(v: Value | undefined, from: NativeResource, ctx: LiftContext, name: string, kinds: Kinds): Link {
  return resolve(v, from, ctx, name, kinds, false) as Link;
}

/** One reference where absent means "none". */
export function linkOrNull(v: Value | undefined, from: NativeResource, ctx: LiftContext, name: string, kinds: Kinds): Fact<string | null> {
  return resolve(v, from, ctx, name, kinds, true);
}

/** A list of references; absent is the empty list, an unknown list is unknown. */
export function linksTo(
  v: Value | undefined,
  from: NativeResource,
  ctx: LiftContext,
  name: string,
  kinds: Kinds,
  idOf: (item: Value) => Value | undefined = (x) => x,
): Links {
  if (v && (v.kind === 'unknown' || v.kind === 'ref')) return unknownFact(causeOf(v, from, name), v.loc ?? from.loc);
  const out: Link[] = [];
  for (const item of itemsOf(v)) {
    if (item.kind === 'known' && item.value === null) continue;
    out.push(linkTo(idOf(item), from, ctx, name, kinds));
  }
  return fact(out, v?.loc ?? from.loc);
}
