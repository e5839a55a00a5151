// Hand-built Azure native resources as the ARM and Terraform readers produce
// them: every value located on its own line; ARM resources carry their
// lower-cased resource ID with the reader's `{subscription}` and
// `{resourceGroup}` placeholders; Terraform blocks are lists of objects.
import type { NativeResource, SourceKind } from '../../../../src/readers/native.js';
import type { ObjectValue, SourceLoc, Value } from '../../../../src/readers/value.js';
import { known, list, obj, ref, unknown } from '../../../../src/readers/value.js';

let nextLine = 1;

function isValue(x: unknown): x is Value {
  if (typeof x !== 'object' || x === null) return false;
  const k = (x as { kind?: unknown }).kind;
  return (
    (k === 'ref' && 'target' in x) ||
    (k === 'unknown' && 'cause' in x) ||
    (k === 'known' && 'value' in x) ||
    (k === 'list' && 'items' in x) ||
    (k === 'object' && 'fields' in x)
  );
}

/** Converts plain data to located values; Values inside are kept (and located when they have no loc). */
export function val(x: unknown, file: string): Value {
  const loc: SourceLoc = { file, line: nextLine++ };
  if (isValue(x)) return x.loc ? x : { ...x, loc };
  if (x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return known(x, loc);
  if (Array.isArray(x)) return list(x.map((i) => val(i, file)), loc);
  if (typeof x === 'object') {
    const f: Record<string, Value> = {};
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) f[k] = val(v, file);
    return obj(f, loc);
  }
  return known(null, loc);
}

export const RG = '/subscriptions/{subscription}/resourceGroups/{resourceGroup}';

/** The resource ID the ARM reader gives `type`/`name` in the deployment's resource group. */
export function armId(type: string, name: string, base = RG): string {
  const [ns, ...types] = type.split('/');
  const names = name.split('/');
  return `${base}/providers/${ns}${types.map((t, i) => `/${t}/${names[i]}`).join('')}`;
}

export interface ArmOptions {
  file?: string;
  apiVersion?: string;
  /** Location; `null` leaves it out. Default japaneast. */
  location?: unknown;
  /** ID base: a subscription-scope template deploys at `/subscriptions/{subscription}`. */
  base?: string;
  /** The resource ID as the reader builds it, when not the plain one. */
  id?: string;
  conditional?: boolean;
  /** As the live Azure reader gives it: source `azure`, no API version, the last name level only, keyed by ID. */
  live?: boolean;
}

/** An ARM resource: `body` holds properties, sku, tags, scope … as written. */
export function arm(type: string, name: string, body: Record<string, unknown>, o: ArmOptions = {}): NativeResource {
  const file = o.file ?? 'azuredeploy.json';
  const loc = { file, line: nextLine++ };
  const id = (o.id ?? armId(type, name, o.base)).toLowerCase();
  const fields: Record<string, unknown> = o.live ? { type, name: name.split('/').pop(), ...body } : { type, apiVersion: o.apiVersion ?? '2023-05-01', name, ...body };
  if (o.location !== null) fields.location = o.location ?? 'japaneast';
  const attrs = val(fields, file) as ObjectValue;
  const r: NativeResource = {
    source: o.live ? 'azure' : 'arm',
    cloud: 'azure',
    type,
    address: o.live ? id : `${type}/${name}`,
    key: o.live ? `azure:sub#${id}` : `${file}#${type}/${name}`,
    scope: o.live ? 'azure:sub' : file,
    attrs,
    loc,
    ids: [id],
  };
  if (o.location !== null) r.region = attrs.fields.location;
  if (o.conditional) r.conditional = { inputs: ['parameter deployLock'], detail: 'condition [parameters(\'deployLock\')] is not known' };
  return r;
}

export interface TfOptions {
  scope?: string;
  file?: string;
  source?: SourceKind;
}

/** A Terraform azurerm resource `type.name` in root module `.`; nested blocks are lists of objects. */
export function tf(type: string, name: string, attrs: Record<string, unknown>, o: TfOptions = {}): NativeResource {
  const scope = o.scope ?? '.';
  const file = o.file ?? 'main.tf';
  const address = `${type}.${name}`;
  return {
    source: o.source ?? 'terraform',
    cloud: 'azure',
    type,
    address,
    key: `${scope}#${address}`,
    scope,
    attrs: val(attrs, file) as ObjectValue,
    loc: { file, line: nextLine++ },
  };
}

/** `azurerm_key_vault.kv.id` in root module `.`. */
export function tfRef(address: string, attribute = 'id', scope = '.'): Value {
  return ref(`${scope}#${address}`, attribute);
}

export function unk(input: string, detail = `${input} is not set`, expr?: string): Value {
  return unknown({ inputs: [input], detail }, undefined, expr);
}

/** The key an ARM resource gets in azuredeploy.json. */
export const armKey = (type: string, name: string, file = 'azuredeploy.json') => `${file}#${type}/${name}`;
export const tfKey = (address: string, scope = '.') => `${scope}#${address}`;
