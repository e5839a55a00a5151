// Resource IDs of ARM resources as the ARM reader writes them (lower-cased,
// with `{subscription}`/`{resourceGroup}` placeholders and unknown name parts
// shown as their expression): the parent of a child resource, and what an
// extension resource (diagnostic setting, lock) applies to — its `scope`,
// the parent in an old-style `<parent>/providers/<type>` name, or else the
// resource group or subscription the template deploys to. Also how azurerm
// names a subscription as a scope.
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc, Value } from '../../../readers/value.js';
import type { Link } from '../../entity.js';
import { fact, unknownFact } from '../../fact.js';
import { causeOf } from '../../lift-values.js';
import type { LiftContext } from '../../lifter.js';
import { armPath, knownText } from './attribute-paths.js';

export type ScopeLevel = 'resource' | 'resource-group' | 'subscription' | 'other';

export interface ScopeTarget {
  /** The target's ID text; undefined when it cannot be told. */
  id?: string;
  level: ScopeLevel;
  /** The scope value as written, when it is not a plain string. */
  value?: Value;
  loc: SourceLoc;
}

/** Whether an ID names a subscription, a resource group or a resource. */
export function levelOf(id: string): ScopeLevel {
  if (/^\/subscriptions\/[^/]+$/i.test(id)) return 'subscription';
  if (/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/i.test(id)) return 'resource-group';
  return /\/providers\/[^/]+\/[^/]+\/[^/]+/i.test(id) ? 'resource' : 'other';
}

/** The ID of the resource `levels` levels up (a container's account is two levels up). */
export function ancestorId(r: NativeResource, levels: number): string | undefined {
  const id = r.ids?.[0];
  if (!id) return undefined;
  const parts = id.split('/');
  return parts.length - 2 * levels > 0 ? parts.slice(0, parts.length - 2 * levels).join('/') : undefined;
}

/**
 * Link to the resource `levels` levels up (a database's server), or an
 * unknown naming its ID — or, when that ID holds an unresolved expression,
 * the inputs the resource's own name is missing.
 */
export function parentLink(ctx: LiftContext, r: NativeResource, levels: number, what: string): Link {
  const id = ancestorId(r, levels);
  const n = id ? ctx.links.byIdentity(id) : undefined;
  if (n) return fact(n.key, r.loc);
  const name = armPath(r.attrs, 'name');
  if (id?.includes('[') && name && name.kind === 'unknown') {
    return unknownFact({ ...name.cause, detail: `the ${what} of ${r.address} is not known: ${name.cause.detail}` }, name.loc ?? r.loc);
  }
  return unknownFact({ inputs: [id ?? r.address], detail: `the ${what} of ${r.address} is not in the scanned inputs` }, r.loc);
}

/** What an ARM extension resource applies to. */
export function extensionTarget(r: NativeResource): ScopeTarget {
  const scope = armPath(r.attrs, 'scope');
  if (scope) {
    const loc = scope.loc ?? r.loc;
    const text = scope.kind === 'known' && typeof scope.value === 'string' ? scope.value : scope.kind === 'unknown' ? scope.expr : undefined;
    return text ? { id: text, level: levelOf(text), value: scope, loc } : { level: 'other', value: scope, loc };
  }
  const id = r.ids?.[0];
  if (!id) return { level: 'other', loc: r.loc };
  const last = id.toLowerCase().lastIndexOf('/providers/');
  const first = id.toLowerCase().indexOf('/providers/');
  // `<parent>/providers/<extension type>/<name>`: the parent; otherwise the deployment scope itself.
  const target = last > first ? id.slice(0, last) : id.slice(0, first);
  return { id: target, level: last > first ? 'resource' : levelOf(target), loc: r.loc };
}

/** Link to the resource an ID names, or an unknown naming that ID. */
export function linkToId(ctx: LiftContext, id: string | undefined, r: NativeResource, name: string, loc: SourceLoc, value?: Value): Link {
  if (id) {
    const n = ctx.links.byIdentity(id);
    if (n) return fact(n.key, loc);
    return unknownFact({ inputs: [id], detail: `${name} names ${id}, which is not defined in the scanned inputs` }, loc);
  }
  return unknownFact(value ? causeOf(value, r, name) : { inputs: [], detail: `${name} of ${r.address} cannot be told` }, loc);
}

/** A subscription as azurerm writes it: `/subscriptions/<id>`, `data.azurerm_subscription.x.id`, `"/subscriptions/${var.id}"`. */
export function namesSubscription(v: Value | undefined): boolean {
  const text = knownText(v) ?? (v?.kind === 'unknown' ? v.expr : undefined);
  if (!text) return false;
  if (v?.kind === 'known') return levelOf(text) === 'subscription';
  return /^data\.azurerm_subscription\.[^.]+\.id$/.test(text) || /^\/subscriptions\/\$\{[^}]+\}\/?$/.test(text);
}

/** The key of the scanned resource an azurerm attribute names, by reference or by resource ID. */
export function referencedKey(ctx: LiftContext, v: Value | undefined): string | undefined {
  if (v?.kind === 'ref') return v.target;
  const id = knownText(v);
  return id ? ctx.links.byIdentity(id)?.key : undefined;
}
