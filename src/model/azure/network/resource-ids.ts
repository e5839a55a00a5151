// Azure resource IDs taken apart: the resource group, the resource type and
// the name levels, so that an ID written in Terraform can be matched to a
// resource defined by name, and an ARM child resource to its parent.

export interface ParsedId {
  /** Resource group name, when the ID is inside one. */
  resourceGroup?: string;
  /** Full type: `Microsoft.Network/virtualNetworks/subnets`. */
  type: string;
  /** Name levels: `['vnet-mn', 'app']`. */
  names: string[];
}

/**
 * `/subscriptions/<s>/resourceGroups/<rg>/providers/<ns>/<type>/<name>[/<type>/<name>]…`.
 * Extension resources (`…/providers/<ns>/<type>/<name>/providers/…`) are parsed
 * from their last provider segment.
 */
export function parseResourceId(id: string): ParsedId | undefined {
  const parts = id.split('/').filter((p) => p !== '');
  let rg: string | undefined;
  for (let i = 0; i + 1 < parts.length; i++) {
    if (parts[i]!.toLowerCase() === 'resourcegroups') rg = parts[i + 1];
  }
  let p = -1;
  for (let i = 0; i < parts.length; i++) if (parts[i]!.toLowerCase() === 'providers') p = i;
  if (p < 0 || p + 3 > parts.length) return undefined;
  const namespace = parts[p + 1]!;
  const rest = parts.slice(p + 2);
  if (rest.length % 2 !== 0) return undefined;
  const types: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    types.push(rest[i]!);
    names.push(rest[i + 1]!);
  }
  const out: ParsedId = { type: `${namespace}/${types.join('/')}`, names };
  if (rg !== undefined) out.resourceGroup = rg;
  return out;
}

/** The ID of the parent of a child resource (`…/virtualNetworks/vnet/subnets/app` -> `…/virtualNetworks/vnet`). */
export function parentId(id: string): string | undefined {
  const parts = id.split('/');
  const p = parts.map((x) => x.toLowerCase()).lastIndexOf('providers');
  // A child has at least namespace, type, name, child type, child name after `providers`.
  if (p < 0 || parts.length - p - 1 < 5) return undefined;
  return parts.slice(0, -2).join('/');
}

/** The ID of the resource group an ID lies in (`/subscriptions/<s>/resourceGroups/<rg>`). */
export function resourceGroupId(id: string): string | undefined {
  const m = /^(\/subscriptions\/[^/]+\/resourcegroups\/[^/]+)(\/|$)/i.exec(id);
  return m ? m[1] : undefined;
}
