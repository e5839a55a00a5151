// Single machines (EC2 instances, Azure VMs) made by one definition: the
// instances of a Terraform `count`/`for_each` (also through a module called
// with them) or of an ARM `copy` loop share the definition's location. Such
// siblings are one service's redundancy; a machine defined alone may be a
// bastion or a batch host, so it is not judged as a service by itself.
import type { Compute } from '../../model/compute.js';

function definitionOf(c: Compute): string {
  return [c.cloud, c.source, c.scope, c.nativeType, c.loc.file, c.loc.line].join('|');
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
