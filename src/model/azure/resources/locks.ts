// Management locks -> ResourceLock. A lock protects what it is placed on and
// everything below it: a resource and its child resources, a resource group
// and every resource in it, a subscription and every resource group. ARM
// writes locks as extension resources (`scope`, or `<parent type>/providers/locks`
// with a `<parent>/Microsoft.Authorization/<name>` name) or at the template's
// own resource group or subscription; azurerm names the scope in `scope`.
// What a lock covers is derived once every entity exists.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { ResourceLock } from '../../account.js';
import type { Entity } from '../../model.js';
import type { Link, Links } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { causeOf } from '../../lift-values.js';
import type { ScopeLevel } from './arm-ids.js';
import { extensionTarget, levelOf, linkToId, namesSubscription } from './arm-ids.js';
import { armPath, attr, knownText, prop } from './attribute-paths.js';
import { azureBase } from './base.js';
import { later } from './deferred.js';
import { EXTENSION_PARENTS } from './extension-types.js';
import { ARM, TERRAFORM } from './sources.js';

const RESOURCE_GROUP_TYPES = new Set(['azurerm_resource_group', 'microsoft.resources/resourcegroups']);

function level(v: Value | undefined, r: NativeResource, name: string): Fact<'CanNotDelete' | 'ReadOnly'> {
  const text = knownText(v);
  if (text === undefined) return unknownFact(v ? causeOf(v, r, name) : { inputs: [], detail: `${name} is not set in ${r.address}` }, v?.loc ?? r.loc);
  const t = text.toLowerCase();
  if (t === 'cannotdelete') return fact('CanNotDelete', v?.loc ?? r.loc);
  if (t === 'readonly') return fact('ReadOnly', v?.loc ?? r.loc);
  return unknownFact({ inputs: [], detail: `${name} = ${text} is not a lock level` }, v?.loc ?? r.loc);
}

function idOf(e: Entity): string | undefined {
  return e.native?.ids?.[0];
}

/** Entities by resource ID, sorted, so that the ones below an ID are found by search instead of a pass over every entity per lock. */
const byIdCache = new WeakMap<LiftContext['model'], { size: number; sorted: [string, Entity][] }>();

function sortedById(ctx: LiftContext): [string, Entity][] {
  const hit = byIdCache.get(ctx.model);
  if (hit && hit.size === ctx.model.size) return hit.sorted;
  const sorted: [string, Entity][] = [];
  for (const e of ctx.model.entities()) {
    const own = idOf(e);
    if (own && e.kind !== 'lock') sorted.push([own, e]);
  }
  sorted.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  byIdCache.set(ctx.model, { size: ctx.model.size, sorted });
  return sorted;
}

/** Entities an ARM lock on `id` covers: the resource itself and everything whose ID lies below it. */
function coveredByArmId(ctx: LiftContext, id: string, lvl: ScopeLevel, loc: ResourceLock['loc']): Links {
  const prefix = id.toLowerCase();
  const out: Link[] = [];
  const sorted = sortedById(ctx);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]![0] < prefix) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length && sorted[i]![0].startsWith(prefix); i++) {
    const [own, e] = sorted[i]!;
    const below = own.startsWith(`${prefix}/`);
    // Disks a VM creates are separate resources of the group, not children of the VM.
    const synthesized = e.id !== e.native?.key;
    if (own === prefix ? !synthesized : below && (lvl !== 'resource' || !synthesized)) out.push(fact(e.id, loc));
  }
  return fact(out, loc);
}

/** The entity a child resource belongs to (a database's server, a key's vault); disks a VM creates are not its children. */
function parentOf(e: Entity): string | undefined {
  if (e.kind === 'data-store' && e.storeType === 'managed-disk') return undefined;
  const p = e.kind === 'data-store' || e.kind === 'key' ? e.parent : undefined;
  return p?.known ? p.value : undefined;
}

/** Entities below a Terraform target: the target or the resources of a resource group, and their child resources. */
function coveredByTerraform(ctx: LiftContext, target: NativeResource, loc: ResourceLock['loc']): Links {
  const rgName = knownText(armPath(target.attrs, 'name'));
  const isGroup = RESOURCE_GROUP_TYPES.has(target.type.toLowerCase());
  const covered = new Set<string>();
  const all = [...ctx.model.entities()].filter((e) => e.kind !== 'lock' && e.native);
  for (const e of all) {
    if (!isGroup) {
      if (e.id === target.key) covered.add(e.id);
      continue;
    }
    const rg = attr(e.native!, 'resource_group_name');
    if ((rg?.kind === 'ref' && rg.target === target.key) || (rgName !== undefined && knownText(rg) === rgName)) covered.add(e.id);
  }
  // Child resources (azurerm writes no resource group on them) follow their parent, level by level.
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of all) {
      const p = parentOf(e);
      if (!covered.has(e.id) && p !== undefined && covered.has(p)) {
        covered.add(e.id);
        grew = true;
      }
    }
  }
  return fact([...covered].map((id) => fact(id, loc)), loc);
}

function lock(r: NativeResource, ctx: LiftContext, lvl: Fact<'CanNotDelete' | 'ReadOnly'>, target: Link, locatedBy?: NativeResource): ResourceLock {
  return { ...azureBase(r, ctx, locatedBy), kind: 'lock', level: lvl, target };
}

const armLocks: LiftHandler = {
  types: ['Microsoft.Authorization/locks', ...EXTENSION_PARENTS.map((p) => `${p}/providers/locks`)],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const t = extensionTarget(r);
    const own = t.level === 'resource-group' || t.level === 'subscription';
    const native = t.id ? ctx.links.byIdentity(t.id) : undefined;
    const target: Link =
      own && !native
        ? unknownFact({ inputs: [], detail: `the lock applies to the ${t.level === 'subscription' ? 'subscription' : 'resource group'} ${t.id} the template deploys to` }, t.loc)
        : linkToId(ctx, t.id, r, 'scope', t.loc, t.value);
    const l = lock(r, ctx, level(prop(r, 'level'), r, 'level'), target, native);
    l.covers = unknownFact({ inputs: [], detail: 'derived once every resource is lifted' }, r.loc);
    later(ctx, () => (l.covers = t.id ? coveredByArmId(ctx, t.id, t.level, t.loc) : unknownFact(t.value ? causeOf(t.value, r, 'scope') : { inputs: [], detail: 'the lock scope cannot be told' }, t.loc)), 'derive');
    ctx.model.add(l);
  },
};

const terraformLocks: LiftHandler = {
  types: ['azurerm_management_lock'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const scope = attr(r, 'scope');
    const subscription = namesSubscription(scope);
    const targetNative = scope?.kind === 'ref' ? ctx.links.native(scope.target) : scope?.kind === 'known' ? ctx.links.byIdentity(String(scope.value)) : undefined;
    const target: Link = subscription
      ? unknownFact({ inputs: [], detail: 'the lock applies to the subscription' }, scope?.loc ?? r.loc)
      : ctx.links.link(scope, r, 'scope');
    const l = lock(r, ctx, level(attr(r, 'lock_level'), r, 'lock_level'), target, targetNative);
    const loc = scope?.loc ?? r.loc;
    l.covers = unknownFact(scope ? causeOf(scope, r, 'scope') : { inputs: [], detail: 'scope is not set' }, loc);
    later(
      ctx,
      () => {
        if (targetNative) l.covers = coveredByTerraform(ctx, targetNative, loc);
        else if (subscription) {
          // One root module deploys through one azurerm provider: its subscription holds every resource of the module.
          const mine = [...ctx.model.entities()].filter((e) => e.kind !== 'lock' && e.cloud === 'azure' && e.scope === r.scope && e.source === r.source);
          l.covers = fact(mine.map((e) => fact(e.id, loc)), loc);
        } else if (scope?.kind === 'known' && levelOf(String(scope.value)) === 'resource-group') {
          l.covers = unknownFact({ inputs: [String(scope.value)], detail: 'the locked resource group is not defined in the scanned inputs' }, loc);
        }
      },
      'derive',
    );
    ctx.model.add(l);
  },
};

export const lockHandlers: LiftHandler[] = [armLocks, terraformLocks];
