// Single machines (EC2 instances, Azure VMs) made by one definition: the
// instances of a Terraform `count`/`for_each` (also through a module called
// with them) or of an ARM `copy` loop. Such siblings are one service's
// redundancy; a machine defined alone may be a bastion or a batch host, so it
// is not judged as a service by itself. Sharing a definition is not enough:
// a module called once per role (`module "dc"`, `module "sql"` with one
// source) defines different services with the same lines, so the siblings
// must also have the same address but for their instance keys (Terraform)
// or their own name (ARM copy loops name each instance).
import type { Compute } from '../../model/compute.js';

/** The address without what tells siblings apart. */
function familyOf(c: Compute): string {
  // ARM addresses start with the type (`Microsoft.Compute/virtualMachines/…`); a Terraform azapi_resource is reported as Terraform.
  if (c.source === 'arm') return c.address.slice(0, c.address.lastIndexOf('/') + 1);
  // A live VM has no definition to share (every one is at the subscription's
  // position): siblings are the VMs of one resource group whose names differ
  // only in a trailing number (vm-ap01, vm-ap02; a copy loop's vm-ap-0, vm-ap-1),
  // not every VM of the group (an AP server and a batch host).
  if (c.source === 'azure') return c.address.toLowerCase().replace(/\d+$/, '');
  return c.address.replace(/\[[^\]]*\]/g, '');
}

function definitionOf(c: Compute): string {
  return [c.cloud, c.source, c.scope, c.nativeType, c.loc.file, c.loc.line, familyOf(c)].join('|');
}

/** Machines grouped by the definition that made them, in model order. */
export function machineGroups(machines: readonly Compute[]): Compute[][] {
  const groups = new Map<string, Compute[]>();
  for (const m of machines) {
    const k = definitionOf(m);
    const g = groups.get(k);
    if (g) g.push(m);
    else groups.set(k, [m]);
  }
  return [...groups.values()];
}
