// Resources that other resources name by their provider name rather than by
// reference: a trail's bucket by bucket name, a key by alias, a role by role
// name. Entity handlers register names; amend handlers and the finish step
// resolve them, so input order does not matter.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Link } from '../../entity.js';
import { fact, unknownFact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import { causeOf } from '../../lift-values.js';
import type { CloudModel } from '../../model.js';

export type NameKind =
  | 's3-bucket'
  | 'kms-alias'
  | 'log-group'
  | 'db-subnet-group'
  | 'cache-subnet-group'
  | 'db-instance'
  | 'db-cluster'
  | 'iam-role'
  | 'iam-user'
  | 'iam-group'
  | 'iam-policy'
  | 'instance-profile'
  | 'backup-vault'
  | 'sns-topic'
  | 'config-recorder'
  | 'event-rule'
  | 'efs-file-system'
  | 'secret';

interface Index {
  /** `kind name` -> the entities so called, with their scopes: names repeat across accounts and regions. */
  byName: Map<string, { id: string; scope: string }[]>;
  /** `kind scope expr` -> entity id, for names that are unknown but written alike (`${AWS::StackName}-logs`). */
  byExpr: Map<string, string>;
}

const indexes = new WeakMap<CloudModel, Index>();

function indexOf(ctx: LiftContext): Index {
  let i = indexes.get(ctx.model);
  if (!i) indexes.set(ctx.model, (i = { byName: new Map(), byExpr: new Map() }));
  return i;
}

/** Records that entity `id` is called `name` (a value of its own resource `r`). */
export function registerName(ctx: LiftContext, kind: NameKind, name: Value | undefined, id: string, r: NativeResource): void {
  if (!name) return;
  const i = indexOf(ctx);
  if (name.kind === 'known' && typeof name.value === 'string') {
    const k = `${kind} ${name.value}`;
    const all = i.byName.get(k);
    if (all) all.push({ id, scope: r.scope });
    else i.byName.set(k, [{ id, scope: r.scope }]);
  }
  else if (name.kind === 'unknown' && name.expr) i.byExpr.set(`${kind} ${r.scope} ${name.expr}`, id);
}

/** The entity called `name`, the one in `scope` first; otherwise the last one registered. */
export function idByName(ctx: LiftContext, kind: NameKind, name: string, scope?: string): string | undefined {
  const all = indexOf(ctx).byName.get(`${kind} ${name}`);
  if (!all) return undefined;
  return ((scope === undefined ? undefined : all.findLast((e) => e.scope === scope)) ?? all[all.length - 1])?.id;
}

export interface NamedLookup {
  kind: NameKind;
  /** Native types a RefValue may point at for this kind. */
  types: readonly string[];
  /** Extracts the name from an ARN or other identifier form (`arn:aws:s3:::logs` -> `logs`). */
  nameOf?: (text: string) => string;
}

/**
 * Resolves how a definition names another resource: a reference to it, its
 * name (or ARN) as a string, or an unknown whose expression matches the
 * target's unknown name in the same scope. Unresolved: an unknown naming
 * what the user would have to scan or supply.
 */
export function linkByName(ctx: LiftContext, r: NativeResource, v: Value | undefined, attribute: string, q: NamedLookup): Link {
  const loc = v?.loc ?? r.loc;
  if (!v || (v.kind === 'known' && (v.value === null || v.value === ''))) {
    return unknownFact({ inputs: [], detail: `${attribute} is not set in ${r.address}` }, loc);
  }
  if (v.kind === 'list' && v.items.length === 1) return linkByName(ctx, r, v.items[0], attribute, q);
  if (v.kind === 'ref') {
    const target = ctx.links.native(v.target);
    if (target && q.types.includes(target.type)) return fact(target.key, loc);
    if (target) {
      return unknownFact({ inputs: [target.address], detail: `${attribute} refers to ${target.type}, not a ${q.kind}` }, loc);
    }
    return unknownFact(causeOf(v, r, attribute), loc);
  }
  if (v.kind === 'known' && typeof v.value === 'string') {
    const byId = ctx.links.byIdentity(v.value, r.scope);
    if (byId && q.types.includes(byId.type) && byId.scope === r.scope) return fact(byId.key, loc);
    const name = q.nameOf ? q.nameOf(v.value) : v.value;
    const hit = idByName(ctx, q.kind, name, r.scope);
    if (hit) return fact(hit, loc);
    if (byId && q.types.includes(byId.type)) return fact(byId.key, loc);
    return unknownFact({ inputs: [v.value], detail: `${attribute} names ${v.value}, which is not defined in the scanned inputs` }, loc);
  }
  if (v.kind === 'unknown' && v.expr) {
    const hit = indexOf(ctx).byExpr.get(`${q.kind} ${r.scope} ${v.expr}`);
    if (hit) return fact(hit, loc);
    const target = interpolatedTarget(ctx, r, v.expr);
    if (target && q.types.includes(target.type)) return fact(target.key, loc);
  }
  return unknownFact(causeOf(v, r, attribute), loc);
}

/**
 * The resource a string built around one resource reference names, such as
 * `${aws_cloudwatch_log_group.trail.arn}:*`, `${LogBucket.Arn}/*` or
 * `arn:aws:rds:${AWS::Region}:${AWS::AccountId}:cluster:${Cluster}`: the
 * account, region and other inputs only fill in the ARN around it.
 */
function interpolatedTarget(ctx: LiftContext, r: NativeResource, expr: string): NativeResource | undefined {
  const refs = [...expr.matchAll(/\$\{([^${}]+)\}/g)].map((m) => m[1].trim()).filter((t) => !NOT_RESOURCES.test(t));
  if (refs.length !== 1) return undefined;
  // Terraform references inside a module are relative to it.
  const at = r.address.lastIndexOf(r.type);
  const modulePrefix = r.source === 'cloudformation' || at < 0 ? '' : r.address.slice(0, at);
  const steps = refs[0].split('.');
  for (let n = steps.length; n >= 1; n--) {
    const address = steps.slice(0, n).join('.');
    const hit = ctx.links.native(`${r.scope}#${modulePrefix}${address}`) ?? ctx.links.native(`${r.scope}#${address}`);
    if (hit) return hit;
  }
  return undefined;
}

/** Pseudo parameters, variables, locals and data sources: parts of an ARN, not the resource it names. */
const NOT_RESOURCES = /^(AWS::|var\.|local\.|data\.|each\.|count\.|path\.|terraform\.)/;

/** Any resource of the scan a value names: a reference, a string identity, or an ARN built around one reference. */
export function linkToResource(ctx: LiftContext, r: NativeResource, v: Value | undefined, attribute: string): Link {
  if (v?.kind === 'unknown' && v.expr) {
    const target = interpolatedTarget(ctx, r, v.expr);
    if (target) return fact(target.key, v.loc ?? r.loc);
  }
  return ctx.links.link(v, r, attribute);
}
