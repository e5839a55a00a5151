// Configuration items of types whose CloudFormation properties say the same
// thing (S3 buckets, RDS instances and clusters …) are translated into those
// properties and lifted by the CloudFormation handlers themselves, so a live
// resource and its template give the same entity with the same facts. The
// translated native keeps the item's key, address, scope and source. Network
// handlers tell the dialects apart by `source === 'cloudformation'`, so a live
// item (source aws-config) reads as Terraform there: those types are
// translated into Terraform arguments and lifted by the Terraform handler.
import type { NativeResource } from '../../../readers/native.js';
import type { ObjectValue, UnknownCause } from '../../../readers/value.js';
import { fromPlain, toPlain, unknown } from '../../../readers/value.js';
import type { Link, Links } from '../../entity.js';
import type { Fact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { LinkResolver } from '../../link-resolver.js';
import type { Value } from '../../../readers/value.js';
import { networkHandlers } from '../network/index.js';
import { resourceHandlers } from '../resources/index.js';
import { CONFIG } from './network.js';

export interface Translated {
  /** The CloudFormation type when Config names it otherwise (Config `AWS::IAM::Policy` is CloudFormation's `AWS::IAM::ManagedPolicy`). */
  type?: string;
  /** CloudFormation properties of the resource itself. */
  properties: Record<string, unknown>;
  /** Properties the item cannot settle (a key named by ARN whose item was not read). */
  unknowns?: Record<string, UnknownCause>;
  /** Companion resources CloudFormation models apart (a bucket's policy). */
  companions?: { type: string; suffix: string; properties: Record<string, unknown> }[];
}

/** The item as plain JSON: configuration fields, `supplementaryConfiguration`, `tags` (a map), `relationships`. */
export type ConfigItem = Record<string, unknown>;

/** Undefined: the item describes nothing the model holds (a peering connection never accepted). */
export type Translate = (item: ConfigItem, r: NativeResource, ctx: LiftContext) => Translated | undefined;

type Dialect = 'cloudformation' | 'terraform';

const byTypeAndDialect = new Map<string, LiftHandler[]>();

function definitionHandlers(type: string, dialect: Dialect): LiftHandler[] {
  const key = `${dialect} ${type}`;
  let found = byTypeAndDialect.get(key);
  if (!found) {
    found = [...networkHandlers, ...resourceHandlers].filter((h) => h.types.includes(type) && (!h.sources || h.sources.includes(dialect)));
    byTypeAndDialect.set(key, found);
  }
  return found;
}

function withProperties(r: NativeResource, type: string, key: string, properties: Record<string, unknown>): NativeResource {
  return { ...r, type, key, attrs: fromPlain(properties, r.loc) as ObjectValue };
}

/** One translation per item, so both passes see the same native resources. */
const translations = new WeakMap<NativeResource, NativeResource[]>();

function translatedOf(r: NativeResource, translate: Translate, ctx: LiftContext): NativeResource[] {
  let out = translations.get(r);
  if (!out) {
    const t = translate((toPlain(r.attrs) ?? {}) as ConfigItem, r, ctx);
    if (!t) {
      translations.set(r, (out = []));
      return out;
    }
    const main = withProperties(r, t.type ?? r.type, r.key, t.properties);
    for (const [name, cause] of Object.entries(t.unknowns ?? {})) main.attrs.fields[name] = unknown(cause, r.loc);
    out = [
      main,
      ...(t.companions ?? []).map((c) => ({ ...withProperties(r, c.type, `${r.key}/${c.suffix}`, c.properties), address: `${r.address}/${c.suffix}`, ids: [] })),
    ];
    translations.set(r, out);
  }
  return out;
}

/** Every Config type with a translation, so that handlers reading a linked resource see it translated too. */
const translators = new Map<string, Translate>();

/**
 * The scan's links as the definition handlers must see them: a linked Config
 * item of a translated type (a firewall's policy, read through the firewall)
 * comes back in its translated form; names resolve as before.
 */
class TranslatedLinks extends LinkResolver {
  constructor(
    private readonly inner: LinkResolver,
    private readonly ctx: LiftContext,
  ) {
    super([]);
  }

  private translated(r: NativeResource | undefined): NativeResource | undefined {
    const translate = r && r.source === 'aws-config' ? translators.get(r.type) : undefined;
    return translate ? (translatedOf(r!, translate, this.ctx)[0] ?? r) : r;
  }

  override native(key: string): NativeResource | undefined {
    return this.translated(this.inner.native(key));
  }

  override byIdentity(id: string, scope?: string): NativeResource | undefined {
    return this.translated(this.inner.byIdentity(id, scope));
  }

  override link(v: Value | undefined, from: NativeResource, name: string): Link {
    return this.inner.link(v, from, name);
  }

  override linkOrNull(v: Value | undefined, from: NativeResource, name: string): Fact<string | null> {
    return this.inner.linkOrNull(v, from, name);
  }

  override links(v: Value | undefined, from: NativeResource, name: string): Links {
    return this.inner.links(v, from, name);
  }
}

const views = new WeakMap<LinkResolver, LiftContext>();

function handlerContext(ctx: LiftContext): LiftContext {
  let view = views.get(ctx.links);
  if (!view) {
    view = { ...ctx };
    view.links = new TranslatedLinks(ctx.links, view);
    views.set(ctx.links, view);
  }
  return view;
}

function viaDefinitions(type: string, dialect: Dialect, translate: Translate): LiftHandler[] {
  translators.set(type, translate);
  return (['entity', 'amend'] as const).map((pass) => ({
    types: [type],
    sources: CONFIG,
    pass,
    lift(r: NativeResource, ctx: LiftContext) {
      const view = handlerContext(ctx);
      for (const t of translatedOf(r, translate, view)) for (const h of definitionHandlers(t.type, dialect)) if (h.pass === pass) h.lift(t, view);
      // Reports name the type as Config recorded it, not the type the translation borrowed.
      const e = ctx.model.get(r.key);
      if (e) e.nativeType = r.type;
    },
  }));
}

/** Config handlers for `type`: every CloudFormation handler of the translated resources, pass by pass. */
export function viaCloudFormation(type: string, translate: Translate): LiftHandler[] {
  return viaDefinitions(type, 'cloudformation', translate);
}

/**
 * Config handlers for `type` through the Terraform handlers of the type the
 * translation names (`aws_lb`); the entities keep the Config type.
 */
export function viaTerraform(type: string, translate: Translate): LiftHandler[] {
  return viaDefinitions(type, 'terraform', translate);
}
