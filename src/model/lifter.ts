// The frame every lifter plugs into: handlers keyed by native type, run in
// two passes so that association resources (route table associations,
// standalone security group rules, key aliases) can amend entities created
// by the first pass, whatever order the inputs listed them in.
import type { Cloud, NativeResource } from '../readers/native.js';
import type { Value } from '../readers/value.js';
import type { EntityBase } from './entity.js';
import type { Fact } from './fact.js';
import { defaulted, fact, unknownFact } from './fact.js';
import type { LinkResolver } from './link-resolver.js';
import { stringFact, tagsFact } from './lift-values.js';
import type { CloudModel } from './model.js';

export interface LiftContext {
  model: CloudModel;
  links: LinkResolver;
  /** `--region` / `--location`, used when a resource's own region is absent. */
  defaultRegion?: string;
}

export interface LiftHandler {
  /** Native types this handler lifts (`aws_subnet`, `AWS::EC2::Subnet`, `AWS::EC2::Subnet` from Config …). */
  types: readonly string[];
  /** Restrict to one source when the same type name means different shapes (CloudFormation vs AWS Config). */
  sources?: readonly NativeResource['source'][];
  /** `entity` handlers create entities; `amend` handlers run after all entities exist. */
  pass: 'entity' | 'amend';
  lift(r: NativeResource, ctx: LiftContext): void;
}

/** Runs the handlers over the resources of one cloud; returns the resources no handler took. */
export function runLifters(
  cloud: Cloud,
  handlers: readonly LiftHandler[],
  resources: readonly NativeResource[],
  ctx: LiftContext,
  finish?: (ctx: LiftContext) => void,
): NativeResource[] {
  const byType = new Map<string, LiftHandler[]>();
  for (const h of handlers) {
    for (const t of h.types) {
      let l = byType.get(t);
      if (!l) byType.set(t, (l = []));
      l.push(h);
    }
  }
  const unlifted: NativeResource[] = [];
  const mine = resources.filter((r) => r.cloud === cloud);
  for (const pass of ['entity', 'amend'] as const) {
    for (const r of mine) {
      const hs = (byType.get(r.type) ?? []).filter((h) => h.pass === pass && (!h.sources || h.sources.includes(r.source)));
      if (pass === 'entity' && !(byType.get(r.type) ?? []).some((h) => !h.sources || h.sources.includes(r.source))) {
        unlifted.push(r);
      }
      for (const h of hs) h.lift(r, ctx);
    }
  }
  finish?.(ctx);
  return unlifted;
}

/** Region of a native resource: its own, else `--region`, else unknown naming the flag. */
export function regionOf(r: NativeResource, ctx: LiftContext): Fact<string> {
  if (r.region) {
    const f = stringFact(r.region, r, { name: 'region' });
    if (f.known || !ctx.defaultRegion) return f;
  }
  if (ctx.defaultRegion) return defaulted(ctx.defaultRegion, r.loc);
  return unknownFact(
    { inputs: [r.cloud === 'aws' ? '--region' : '--location'], detail: 'the deployment region is not given by the definition' },
    r.loc,
  );
}

/** The fields every entity takes from its native resource. */
export function baseOf(r: NativeResource, ctx: LiftContext, tags: Value | undefined): Omit<EntityBase, 'id'> & { id: string } {
  const base: EntityBase = {
    id: r.key,
    cloud: r.cloud,
    source: r.readBy ?? r.source,
    nativeType: r.type,
    address: r.address,
    scope: r.scope,
    loc: r.loc,
    tags: fact({}, r.loc),
    region: regionOf(r, ctx),
    native: r,
  };
  const t = tagsFact(tags, r);
  base.tags = t.tags;
  if (t.unknownTags) base.unknownTags = t.unknownTags;
  if (r.waivers?.length) base.waivers = r.waivers;
  if (r.conditional) base.conditional = r.conditional;
  return base;
}
