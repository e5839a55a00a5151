// Azure lifter: ARM templates, azurerm Terraform and live Resource Manager
// resources become one Azure model.
import type { NativeResource } from '../../readers/native.js';
import type { LiftContext } from '../lifter.js';
import { runLifters } from '../lifter.js';
import { finishNetwork, networkHandlers } from './network/index.js';
import { finishResources, resourceHandlers } from './resources/index.js';

/** Lifts the Azure resources into ctx.model; returns those no handler understood. */
export function liftAzure(resources: readonly NativeResource[], ctx: LiftContext): NativeResource[] {
  return runLifters('azure', [...networkHandlers, ...resourceHandlers], resources, ctx, (c) => {
    finishNetwork(c);
    finishResources(c);
  });
}
