// Whether Systems Manager can manage an instance: its instance profile holds
// a role that may register with SSM (AmazonSSMManagedInstanceCore or a
// policy allowing ssm:UpdateInstanceInformation). Profiles and roles are
// lifted by the resources lifter; this reads them through the model.
import type { Compute } from '../../compute.js';
import type { Link } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { IamRole } from '../../identity.js';
import type { LiftContext } from '../../lifter.js';
import { linkByName } from '../resources/name-index.js';
import type { LaunchState } from './launch-state.js';

const PROFILE_TYPES = ['aws_iam_instance_profile', 'AWS::IAM::InstanceProfile'];

/** `arn:aws:iam::123456789012:instance-profile/path/name` -> `name`. */
function profileNameOf(text: string): string {
  const at = text.indexOf(':instance-profile/');
  return at < 0 ? text : (text.slice(at + ':instance-profile/'.length).split('/').pop() ?? text);
}

/** The instance profile entity the definition names: by reference, ARN or name. */
export function resolveProfile(state: LaunchState, ctx: LiftContext): Link | undefined {
  if (!state.profile) return undefined;
  return linkByName(ctx, state.native, state.profile.value, state.profile.attribute, {
    kind: 'instance-profile',
    types: PROFILE_TYPES,
    nameOf: profileNameOf,
  });
}

/** AWS managed policies that let the SSM agent register the instance. */
const SSM_POLICIES = /:policy\/(service-role\/)?(AmazonSSMManagedInstanceCore|AmazonEC2RoleforSSM|AmazonSSMManagedEC2InstanceDefaultPolicy)$/;
const SSM_ACTION = 'ssm:updateinstanceinformation';

function matches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(action);
}

function asList(x: unknown): unknown[] {
  return Array.isArray(x) ? x : x === undefined ? [] : [x];
}

/** A policy document that allows the SSM agent to register (Allow with Action or NotAction). */
function allowsSsm(document: string): boolean | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return undefined;
  }
  for (const st of asList((parsed as { Statement?: unknown })?.Statement)) {
    if (typeof st !== 'object' || st === null) continue;
    const s = st as { Effect?: unknown; Action?: unknown; NotAction?: unknown };
    if (s.Effect !== 'Allow') continue;
    if (asList(s.Action).some((a) => typeof a === 'string' && matches(a, SSM_ACTION))) return true;
    if (s.NotAction !== undefined && !asList(s.NotAction).some((a) => typeof a === 'string' && matches(a, SSM_ACTION))) return true;
  }
  return false;
}

type Grant = { known: true; value: boolean } | { known: false; fact: Fact<boolean> };

function roleGrants(role: IamRole, ctx: LiftContext): Grant {
  if (!role.managedPolicyArns.known) return { known: false, fact: role.managedPolicyArns };
  if (role.managedPolicyArns.value.some((arn) => SSM_POLICIES.test(arn))) return { known: true, value: true };
  if (!role.policies.known) return { known: false, fact: role.policies };
  let open: Grant | undefined;
  for (const link of role.policies.value) {
    const policy = link.known ? ctx.model.getOf(link.value, 'iam-policy') : undefined;
    if (!policy || !policy.document.known || policy.document.value === null) {
      open ??= { known: false, fact: link.known ? unknownFact({ inputs: [link.value], detail: `policy ${link.value} of ${role.address} is not known` }, role.loc) : link };
      continue;
    }
    const allows = allowsSsm(policy.document.value);
    if (allows) return { known: true, value: true };
    if (allows === undefined) open ??= { known: false, fact: unknownFact({ inputs: [policy.address], detail: `the document of ${policy.address} is not valid JSON` }, policy.loc) };
  }
  return open ?? { known: true, value: false };
}

/**
 * Managed when a role of the profile may register with SSM. Without a
 * profile the instance is not managed (Default Host Management, an account
 * setting, is not read here).
 */
export function managedOf(compute: Compute, ctx: LiftContext): Fact<boolean> {
  const link = compute.instanceProfile;
  if (!link) return defaulted(false, compute.loc);
  if (!link.known) return link;
  const profile = ctx.model.getOf(link.value, 'iam-role');
  const missing = unknownFact({ inputs: [link.value.split('#').pop() ?? link.value], detail: `the roles of instance profile ${link.value} are not in the model` }, link.loc);
  if (!profile || !profile.roles) return missing;
  if (!profile.roles.known) return profile.roles;
  let open: Fact<boolean> | undefined;
  for (const roleLink of profile.roles.value) {
    const role = roleLink.known ? ctx.model.getOf(roleLink.value, 'iam-role') : undefined;
    if (!role) {
      open ??= roleLink.known ? unknownFact({ inputs: [roleLink.value], detail: `role ${roleLink.value} is not in the model` }, link.loc) : roleLink;
      continue;
    }
    const g = roleGrants(role, ctx);
    if (g.known && g.value) return fact(true, link.loc);
    if (!g.known) open ??= g.fact;
  }
  return open ?? fact(false, link.loc);
}
