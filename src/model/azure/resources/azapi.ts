// Terraform `azapi_resource` blocks carry a Resource Manager body as it is
// (`type = "Microsoft.Storage/storageAccounts@2023-05-01"`, `body = { properties
// = … }`), so they are read as the ARM resources they create: the ARM handlers
// judge them, with the Terraform address, key and lines kept (references to
// them still resolve). The resource ID is built from `parent_id` and `name`
// the way the ARM reader builds it, so children find their parents; an azurerm
// resource group or parent named by `parent_id` gets that ID as an identity
// too, so the azapi child finds it the way an ARM child finds its parent. A body
// written with `jsonencode()` (azapi 1.x) is decoded; a body that is not
// known leaves every property unknown, naming the input.
import type { NativeResource } from '../../../readers/native.js';
import type { ObjectValue, UnknownCause, Value } from '../../../readers/value.js';
import { fromPlain, known, obj, unknown } from '../../../readers/value.js';
import { levelOf, namesSubscription } from './arm-ids.js';
import { knownText } from './attribute-paths.js';

const TERRAFORM_SOURCES = new Set(['terraform', 'terraform-plan']);

function isAzapi(r: NativeResource): boolean {
  return r.type === 'azapi_resource' && TERRAFORM_SOURCES.has(r.source);
}

/** `Microsoft.Storage/storageAccounts@2023-05-01` -> type and API version. */
function splitType(v: Value | undefined): { type: string; apiVersion?: string } | undefined {
  const text = knownText(v);
  if (!text || !/^[A-Za-z0-9.]+\/[A-Za-z0-9/]+(@[\w.-]+)?$/.test(text)) return undefined;
  const [type, apiVersion] = text.split('@') as [string, string | undefined];
  return apiVersion ? { type, apiVersion } : { type };
}

/** The body's top-level fields (`properties`, `sku`, `kind` …); a JSON string is decoded. */
function bodyFields(body: Value | undefined): Record<string, Value> {
  if (!body || (body.kind === 'known' && body.value === null)) return {};
  if (body.kind === 'object') return body.fields;
  if (body.kind === 'known' && typeof body.value === 'string') {
    try {
      const parsed = fromPlain(JSON.parse(body.value), body.loc);
      if (parsed.kind === 'object') return parsed.fields;
    } catch {
      // Not JSON: nothing in it can be read, so every property is unknown.
    }
  }
  // Whatever is inside an unknown body is unknown for the same reason.
  return body.kind === 'unknown' || body.kind === 'ref' ? { properties: body } : {};
}

function namePart(v: Value | undefined, r: NativeResource): string {
  const text = knownText(v);
  if (text) return text;
  return `[${v?.kind === 'unknown' && v.expr ? v.expr : `${r.address}.name`}]`;
}

/** Resource IDs of azapi resources, built from their parents'. */
class AzapiIds {
  private readonly memo = new Map<string, string>();
  private readonly byKey: Map<string, NativeResource>;
  /** Resource IDs of azurerm resources named as a parent, by key. */
  readonly azurermIds = new Map<string, string>();

  constructor(resources: readonly NativeResource[]) {
    this.byKey = new Map(resources.map((r) => [r.key, r]));
  }

  idOf(r: NativeResource, type: string): string {
    const done = this.memo.get(r.key);
    if (done) return done;
    this.memo.set(r.key, `[${r.address}]`); // A parent cycle ends here.
    const base = this.parentId(r, type);
    const name = namePart(r.attrs.fields.name, r);
    const level = levelOf(base);
    // A type of another namespace than its parent's (diagnostic settings, locks) is an extension resource.
    const parentNamespace = /\/providers\/([^/]+)(?:\/[^/]+\/[^/]+)+$/i.exec(base)?.[1];
    const extension = parentNamespace !== undefined && parentNamespace.toLowerCase() !== type.split('/')[0]!.toLowerCase();
    const id = /^microsoft\.resources\/resourcegroups$/i.test(type)
      ? `${base}/resourceGroups/${name}`
      : level === 'subscription' || level === 'resource-group' || extension || !/\/providers\//i.test(base)
        ? `${base}/providers/${type}/${name}`
        : `${base}/${type.split('/').pop()}/${name}`;
    const lower = id.toLowerCase();
    this.memo.set(r.key, lower);
    return lower;
  }

  private parentId(r: NativeResource, type: string): string {
    const p = r.attrs.fields.parent_id;
    const text = knownText(p);
    if (text) return text.replace(/\/+$/, '');
    if (p?.kind === 'ref') {
      const target = this.byKey.get(p.target);
      const t = target && isAzapi(target) ? splitType(target.attrs.fields.type) : undefined;
      if (target && t) return this.idOf(target, t.type);
      const azurerm = target && this.azurermParentId(target, type);
      if (azurerm) return azurerm;
      return `[${p.target.split('#').pop()}]`;
    }
    // `/subscriptions/${data.azapi_client_config.current.subscription_id}`: the subscription, as the ARM reader writes it.
    if (namesSubscription(p)) return '/subscriptions/{subscription}';
    if (p?.kind === 'unknown' && p.expr) return this.fromExpression(r, p.expr) ?? `[${p.expr}]`;
    return '/subscriptions/{subscription}/resourceGroups/{resourceGroup}';
  }

  /**
   * The ID of an azurerm resource group, or of an azurerm resource whose type is
   * the child's type without its last part (`azurerm_virtual_network` for
   * `virtualNetworks/subnets`), from its known names; recorded as its identity.
   */
  private azurermParentId(target: NativeResource, childType: string): string | undefined {
    const f = target.attrs.fields;
    let id: string | undefined;
    if (target.type === 'azurerm_resource_group') {
      id = `/subscriptions/{subscription}/resourceGroups/${namePart(f.name, target)}`;
    } else {
      const parentType = childType.split('/').slice(0, -1).join('/');
      const group = this.groupName(f.resource_group_name);
      const name = knownText(f.name);
      if (!parentType.includes('/') || !group || !name) return undefined;
      id = `/subscriptions/{subscription}/resourceGroups/${group}/providers/${parentType}/${name}`;
    }
    this.azurermIds.set(target.key, id.toLowerCase());
    return id;
  }

  /** A resource group name written out or taken from an azurerm resource group. */
  private groupName(v: Value | undefined): string | undefined {
    if (v?.kind === 'ref') {
      const rg = this.byKey.get(v.target);
      return rg?.type === 'azurerm_resource_group' ? knownText(rg.attrs.fields.name) : undefined;
    }
    return knownText(v);
  }

  /** `${azapi_resource.account.id}/blobServices/default`: the ID of that resource in the same module, then the rest. */
  private fromExpression(r: NativeResource, expr: string): string | undefined {
    const m = /^\$\{(azapi_resource\.[\w-]+(?:\[[^\]]*\])?)\.id\}(\/.*)?$/.exec(expr.trim());
    const at = r.address.lastIndexOf('azapi_resource.');
    if (!m || at < 0) return undefined;
    const target = this.byKey.get(`${r.key.slice(0, r.key.length - r.address.length)}${r.address.slice(0, at)}${m[1]}`);
    const t = target && isAzapi(target) ? splitType(target.attrs.fields.type) : undefined;
    return target && t ? `${this.idOf(target, t.type)}${(m[2] ?? '').replace(/\/+$/, '')}` : undefined;
  }
}

/** A patch laid over a value: objects merge field by field (ARM names match case-insensitively), anything else is replaced. */
function merged(base: Value | undefined, patch: Value, conditional: UnknownCause | undefined): Value {
  if (patch.kind === 'object' && base?.kind === 'object') {
    const fields: Record<string, Value> = { ...base.fields };
    for (const [k, v] of Object.entries(patch.fields)) {
      const same = Object.keys(fields).find((x) => x.toLowerCase() === k.toLowerCase()) ?? k;
      fields[same] = merged(fields[same], v, conditional);
    }
    return obj(fields, base.loc);
  }
  // An update that may not be applied leaves the value either way.
  return conditional ? unknown(conditional, patch.loc) : patch;
}

/** `azapi_update_resource` patches the body of the azapi resource it names (`resource_id`), in the order written. */
function applyUpdates(resources: NativeResource[]): NativeResource[] {
  const index = new Map(resources.map((r, i) => [r.key, i]));
  for (const u of resources) {
    if (u.type !== 'azapi_update_resource' || !TERRAFORM_SOURCES.has(u.source)) continue;
    const target = u.attrs.fields.resource_id;
    const at = target?.kind === 'ref' ? index.get(target.target) : undefined;
    const t = at === undefined ? undefined : resources[at]!;
    if (at === undefined || !t || t.source !== 'arm') continue;
    const patch = obj(bodyFields(u.attrs.fields.body));
    resources[at] = { ...t, attrs: merged(t.attrs, patch, u.conditional) as ObjectValue };
  }
  return resources;
}

/** Every `azapi_resource` of a known type as an ARM resource, with its updates; other resources unchanged. */
export function armFromAzapi(resources: readonly NativeResource[]): NativeResource[] {
  if (!resources.some(isAzapi)) return [...resources];
  const ids = new AzapiIds(resources);
  for (const r of resources) {
    const t = isAzapi(r) ? splitType(r.attrs.fields.type) : undefined;
    if (t) ids.idOf(r, t.type);
  }
  return applyUpdates(resources.map((r) => {
    if (!isAzapi(r)) {
      const id = ids.azurermIds.get(r.key);
      return id ? { ...r, ids: [...(r.ids ?? []), id] } : r;
    }
    const t = splitType(r.attrs.fields.type);
    if (!t) return r;
    const f = r.attrs.fields;
    const fields: Record<string, Value> = {
      type: known(t.type, f.type?.loc),
      ...(t.apiVersion ? { apiVersion: known(t.apiVersion, f.type?.loc) } : {}),
      ...bodyFields(f.body),
    };
    for (const k of ['name', 'location', 'tags'] as const) if (f[k]) fields[k] = f[k];
    // A Terraform block arrives as a list of one object.
    const identity = f.identity?.kind === 'list' ? f.identity.items[0] : f.identity;
    if (identity) fields.identity = identity;
    const attrs: ObjectValue = obj(fields, r.attrs.loc);
    const region = f.location ?? r.region;
    // Lifted by the ARM handlers, reported as the Terraform it is written in.
    const out: NativeResource = { ...r, source: 'arm', readBy: r.source, type: t.type, attrs, ids: [ids.idOf(r, t.type)] };
    if (region) out.region = region;
    else delete out.region;
    return out;
  }));
}
