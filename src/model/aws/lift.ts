// AWS lifter: Terraform (HCL and plan), CloudFormation and AWS Config
// resources become one AWS model.
import type { NativeResource } from '../../readers/native.js';
import type { LiftContext } from '../lifter.js';
import { runLifters } from '../lifter.js';
import { configHandlers } from './config/index.js';
import { finishNetwork, networkHandlers } from './network/index.js';
import { finishResources, resourceHandlers } from './resources/index.js';

/** Lifts the AWS resources into ctx.model; returns those no handler understood. */
export function liftAws(resources: readonly NativeResource[], ctx: LiftContext): NativeResource[] {
  return runLifters('aws', [...networkHandlers, ...resourceHandlers, ...configHandlers], resources, ctx, (c) => {
    // Resources first: the network finish reads roles and their policies to tell which instances SSM manages.
    finishResources(c);
    finishNetwork(c);
  });
}
