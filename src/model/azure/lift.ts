// Azure lifter: ARM templates, azurerm Terraform and live Resource Manager
// resources become one Azure model.
import type { NativeResource } from '../../readers/native.js';
import type { LiftContext, LiftHandler } from '../lifter.js';
import { runLifters } from '../lifter.js';
import { finishNetwork, networkHandlers } from './network/index.js';
import { finishResources, resourceHandlers } from './resources/index.js';

/**
 * Resource Manager type names are case-insensitive (`Microsoft.Web/Sites`,
 * `Microsoft.Network/publicIpAddresses`): resources read from ARM take the
 * spelling the handlers use.
 */
function withHandlerSpelling(resources: readonly NativeResource[], handlers: readonly LiftHandler[]): NativeResource[] {
  const spelling = new Map<string, string>();
  for (const h of handlers) for (const t of h.types) spelling.set(t.toLowerCase(), t);
  return resources.map((r) => {
    if (r.cloud !== 'azure' || r.source === 'terraform' || r.source === 'terraform-plan') return r;
    const s = spelling.get(r.type.toLowerCase());
    return s && s !== r.type ? { ...r, type: s } : r;
  });
}

/** Lifts the Azure resources into ctx.model; returns those no handler understood. */
export function liftAzure(resources: readonly NativeResource[], ctx: LiftContext): NativeResource[] {
  const handlers = [...networkHandlers, ...resourceHandlers];
  return runLifters('azure', handlers, withHandlerSpelling(resources, handlers), ctx, (c) => {
    finishNetwork(c);
    finishResources(c);
  });
}
