// Resource IDs as kikan writes them, so that lifters can join a reference
// (`resourceId(...)`, `concat(resourceGroup().id, ...)`) to the resource it
// names by comparing strings.
//
// The scheme is Azure's own ID layout:
//   /subscriptions/<sub>/resourceGroups/<rg>/providers/<ns>/<type>/<name>[/<child type>/<child name>]
//   /subscriptions/<sub>/providers/...                      (subscription scope)
//   /providers/Microsoft.Management/managementGroups/<mg>/providers/...
//   /providers/...                                          (tenant scope)
//   <scope ID>/providers/<ns>/<type>/<name>                 (extension resources: locks, diagnostic settings …)
// The scanned deployment's own subscription, resource group and management
// group are not known before deployment; in IDs they are the placeholders
// `{subscription}`, `{resourceGroup}` and `{managementGroup}`. These are
// stable (every ID in the scan uses them) and cannot collide with real names
// (Azure names cannot contain braces), so an ID built from known names and
// these placeholders is a KNOWN string. Any other unknown part (a parameter
// without value) makes the ID unknown; its `expr` is then the same ID text
// with that part shown as its expression (`[parameters('vnetName')]`), which
// is also the text the named resource carries in NativeResource.ids.
// IDs compare case-insensitively: NativeResource.ids holds them lower-cased.
import type { SourceLoc, Value } from '../../readers/value.js';
import { known } from '../../readers/value.js';
import type { ArmDeploymentTarget } from './scope.js';
import { displayText, unknownIn } from './unknowns.js';

export const SUBSCRIPTION_PLACEHOLDER = '{subscription}';
export const RESOURCE_GROUP_PLACEHOLDER = '{resourceGroup}';
export const MANAGEMENT_GROUP_PLACEHOLDER = '{managementGroup}';

/** Expressions of the root deployment's own target; the evaluator gives its unknowns exactly these. */
export const ROOT_SUBSCRIPTION_EXPR = '[subscription().subscriptionId]';
export const ROOT_RESOURCE_GROUP_EXPR = '[resourceGroup().name]';
export const ROOT_MANAGEMENT_GROUP_EXPR = '[managementGroup().name]';

const PLACEHOLDERS: Record<string, string> = {
  [ROOT_SUBSCRIPTION_EXPR]: SUBSCRIPTION_PLACEHOLDER,
  [ROOT_RESOURCE_GROUP_EXPR]: RESOURCE_GROUP_PLACEHOLDER,
  [ROOT_MANAGEMENT_GROUP_EXPR]: MANAGEMENT_GROUP_PLACEHOLDER,
};

/** True when the value is the root deployment's own (unknown) subscription, resource group or management group. */
export function isPlaceholder(v: Value): boolean {
  return v.kind === 'unknown' && v.expr !== undefined && PLACEHOLDERS[v.expr] !== undefined;
}

/** Text of one ID segment. */
export function segmentText(v: Value): string {
  if (v.kind === 'unknown' && v.expr !== undefined && PLACEHOLDERS[v.expr] !== undefined) return PLACEHOLDERS[v.expr]!;
  return displayText(v);
}

export interface IdPart {
  /** Values that make up the ID, for known/unknown: placeholders count as known. */
  values: Value[];
  text: string;
}

/** The ID prefix for resources deployed at a target's scope. */
export function scopeBase(target: ArmDeploymentTarget): IdPart {
  switch (target.scope) {
    case 'resourceGroup':
      return resourceGroupBase(target.subscriptionId, target.resourceGroupName);
    case 'subscription':
      return subscriptionBase(target.subscriptionId);
    case 'managementGroup':
      return {
        values: [target.managementGroupName],
        text: `/providers/Microsoft.Management/managementGroups/${segmentText(target.managementGroupName)}`,
      };
    case 'tenant':
      return { values: [], text: '' };
  }
}

export function resourceGroupBase(subscriptionId: Value, resourceGroupName: Value): IdPart {
  return {
    values: [subscriptionId, resourceGroupName],
    text: `/subscriptions/${segmentText(subscriptionId)}/resourceGroups/${segmentText(resourceGroupName)}`,
  };
}

export function subscriptionBase(subscriptionId: Value): IdPart {
  return { values: [subscriptionId], text: `/subscriptions/${segmentText(subscriptionId)}` };
}

/**
 * Append `/providers/<type>/<names>` to a base. Returns undefined when the
 * number of names does not fit the type (`Microsoft.Network/virtualNetworks/subnets`
 * takes two names).
 */
export function appendResource(base: IdPart, type: string, names: Value[]): IdPart | undefined {
  // A known name may carry its parent's name (`vnet/app`); split it.
  const texts = names.flatMap((n) => (n.kind === 'known' ? segmentText(n).split('/') : [segmentText(n)]));
  const text = appendSegments(base.text, type, texts);
  return text === undefined ? undefined : { values: [...base.values, ...names], text };
}

/**
 * The ID text of a resource whose name is given as display text, one
 * segment per name level (`vnet-[parameters('env')]`, `app`): the form a
 * NativeResource carries in `ids`.
 */
export function appendSegments(baseText: string, type: string, nameSegments: string[]): string | undefined {
  const typeParts = type.split('/').filter((p) => p !== '');
  if (typeParts.length < 2) return undefined;
  const [namespace, ...types] = typeParts;
  const names = nameSegments.map((s) => PLACEHOLDERS[s] ?? s);
  if (names.length !== types.length) return undefined;
  // Resource groups and subscriptions have IDs outside `/providers/`.
  if (namespace!.toLowerCase() === 'microsoft.resources' && types.length === 1) {
    const t = types[0]!.toLowerCase();
    if (t === 'resourcegroups') return `${baseText}/resourceGroups/${names[0]}`;
    if (t === 'subscriptions') return `/subscriptions/${names[0]}`;
  }
  let text = `${baseText}/providers/${namespace}`;
  types.forEach((t, i) => (text += `/${t}/${names[i]}`));
  return text;
}

/** The ID as a value: known when every part is known or a placeholder, else unknown showing the ID text. */
export function idValue(id: IdPart, loc: SourceLoc): Value {
  const real = id.values.filter((v) => !isPlaceholder(v));
  return unknownIn(real, id.text, loc) ?? known(id.text, loc);
}
