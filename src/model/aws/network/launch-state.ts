// What an instance, launch template or scaling group leaves unsaid and must
// be completed once every entity exists: settings taken from its launch
// template, from its network interfaces, from the account's defaults or from
// the platform. Handlers record a state per compute; finishNetwork completes it.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Compute } from '../../compute.js';
import type { Link } from '../../entity.js';
import type { Fact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import type { CloudModel } from '../../model.js';

export interface LaunchState {
  compute: Compute;
  native: NativeResource;
  /** Network interfaces the instance is launched with: their subnets, groups and Elastic IPs count. */
  interfaces: Link[];
  /** Settings the definition does not write: taken from the launch template, then the platform. */
  unset: { subnets: boolean; securityGroups: boolean; imds: boolean; profile: boolean; publicIp: boolean };
  /** The instance profile as written (a name, ARN or reference), resolved once IAM entities exist. */
  profile?: { value: Value; attribute: string };
  /** The launch template as written (an ID, name or reference), resolved against the scanned templates. */
  template?: { value: Value; attribute: string };
  /** A launch template's own name, by which scaling groups and instances may name it. */
  templateName?: string;
  /** `associate_public_ip_address` of a launch template's interface: what instances launched from it get. */
  templatePublicIp?: Fact<boolean>;
}

const states = new WeakMap<CloudModel, LaunchState[]>();

export function recordLaunch(ctx: LiftContext, state: LaunchState): void {
  let list = states.get(ctx.model);
  if (!list) states.set(ctx.model, (list = []));
  list.push(state);
}

export function launchStates(ctx: LiftContext): readonly LaunchState[] {
  return states.get(ctx.model) ?? [];
}

/** Account-wide instance metadata defaults (`aws_ec2_instance_metadata_defaults`) by scan scope. */
const metadataDefaults = new WeakMap<CloudModel, Map<string, Fact<boolean>>>();

export function recordMetadataDefault(ctx: LiftContext, scope: string, required: Fact<boolean>): void {
  let m = metadataDefaults.get(ctx.model);
  if (!m) metadataDefaults.set(ctx.model, (m = new Map()));
  m.set(scope, required);
}

export function metadataDefaultOf(ctx: LiftContext, scope: string): Fact<boolean> | undefined {
  return metadataDefaults.get(ctx.model)?.get(scope);
}
