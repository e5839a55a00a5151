// Azure lifter: ARM templates, azurerm Terraform and live Resource Manager
// resources become one Azure model.
import type { NativeResource } from '../../readers/native.js';
import type { LiftContext, LiftHandler } from '../lifter.js';
import { runLifters } from '../lifter.js';
import { finishNetwork, networkHandlers } from './network/index.js';
import { armFromAzapi } from './resources/azapi.js';
import { finishResources, resourceHandlers } from './resources/index.js';

/**
 * Resource Manager type names are case-insensitive (`Microsoft.Web/Sites`,
 * `Microsoft.Network/publicIpAddresses`): resources read from ARM take the
 * spelling the handlers use.
 */
let spellingCache: Map<string, string> | undefined;

function handlerSpellings(handlers: readonly LiftHandler[]): Map<string, string> {
  if (spellingCache) return spellingCache;
  const spelling = new Map<string, string>();
  for (const h of handlers) {
    for (const t of h.types) {
      const k = t.toLowerCase();
      const seen = spelling.get(k);
      // Handlers must agree on one spelling per type, or one of them would never run.
      if (seen !== undefined && seen !== t) throw new Error(`Azure handlers spell ${t} two ways: ${seen} and ${t}`);
      spelling.set(k, t);
    }
  }
  return (spellingCache = spelling);
}

/**
 * Resources read from ARM or live with the type spelled as the handlers spell
 * it; Terraform `azapi_resource` blocks become the ARM resources they create.
 * The engine applies this before anything indexes resources by type.
 */
export function withAzureSpelling(resources: readonly NativeResource[]): NativeResource[] {
  const spelling = handlerSpellings([...networkHandlers, ...resourceHandlers]);
  return armFromAzapi(resources).map((r) => {
    if (r.cloud !== 'azure' || r.source === 'terraform' || r.source === 'terraform-plan') return r;
    const s = spelling.get(r.type.toLowerCase());
    return s && s !== r.type ? { ...r, type: s } : r;
  });
}

/** Lifts the Azure resources into ctx.model; returns those no handler understood. */
export function liftAzure(resources: readonly NativeResource[], ctx: LiftContext): NativeResource[] {
  return runLifters('azure', [...networkHandlers, ...resourceHandlers], resources, ctx, (c) => {
    finishNetwork(c);
    finishResources(c);
  });
}
