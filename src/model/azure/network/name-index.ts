// Terraform's azurerm resources name each other by name and resource group
// (`virtual_network_name`, `network_security_group_name`), and sometimes by
// an ID string written out. Entity handlers register every resource's name
// under its Resource Manager type; references look them up, whatever order
// the inputs came in. Names compare case-insensitively, as Azure does.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { LiftContext } from '../../lifter.js';
import type { CloudModel } from '../../model.js';
import { parseResourceId } from './resource-ids.js';

const indexes = new WeakMap<CloudModel, Map<string, string>>();

function indexOf(ctx: LiftContext): Map<string, string> {
  let i = indexes.get(ctx.model);
  if (!i) indexes.set(ctx.model, (i = new Map()));
  return i;
}

/**
 * Text of one name part. A known name is global; an unknown one matches only
 * the same inputs in the same scope (`var.resource_group_name` on both sides).
 */
function partText(v: Value | undefined, scope: string): { text: string; scoped: boolean } | undefined {
  if (!v) return undefined;
  if (v.kind === 'known' && v.value !== null && v.value !== '') return { text: String(v.value).toLowerCase(), scoped: false };
  if (v.kind === 'unknown' && v.cause.inputs.length > 0) return { text: `{${v.cause.inputs.join(',')}}@${scope}`, scoped: true };
  return undefined;
}

function keyOf(type: string, resourceGroup: Value | undefined, names: (Value | undefined)[], scope: string): string | undefined {
  const parts = [resourceGroup, ...names].map((v) => partText(v, scope));
  if (parts.some((p) => !p)) return undefined;
  return `${type.toLowerCase()}|${parts.map((p) => p!.text).join('|')}`;
}

/** Records that entity `id` is the `type` resource `names` in `resourceGroup` (a resource group itself: its name, no names). */
export function registerName(
  ctx: LiftContext,
  type: string,
  resourceGroup: Value | undefined,
  names: (Value | undefined)[],
  id: string,
  r: NativeResource,
): void {
  const key = keyOf(type, resourceGroup, names, r.scope);
  if (key) indexOf(ctx).set(key, id);
}

/** The entity registered under a type, resource group and name levels. */
export function idByName(
  ctx: LiftContext,
  type: string,
  resourceGroup: Value | undefined,
  names: (Value | undefined)[],
  r: NativeResource,
): string | undefined {
  const key = keyOf(type, resourceGroup, names, r.scope);
  return key ? indexOf(ctx).get(key) : undefined;
}

/** The entity a literal Azure resource ID names, when it was registered by name. */
export function idByResourceId(ctx: LiftContext, id: string): string | undefined {
  const p = parseResourceId(id);
  if (!p || p.resourceGroup === undefined) return undefined;
  const key = `${p.type.toLowerCase()}|${[p.resourceGroup, ...p.names].map((x) => x.toLowerCase()).join('|')}`;
  return indexOf(ctx).get(key);
}
