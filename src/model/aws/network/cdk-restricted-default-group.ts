// CDK's ec2.Vpc (restrictDefaultSecurityGroup, on by default in new apps)
// deploys Custom::VpcRestrictDefaultSG, whose handler revokes the two rules
// AWS gives the VPC's default security group: ingress from its own members and
// all egress to 0.0.0.0/0. It does not touch the ::/0 egress of an IPv6 VPC, so
// the rules go once that twin is in place (finishNetworkLayer).
import { field } from '../../../readers/value.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import type { SecurityRule } from '../../security.js';
import { ALL_EGRESS_DEFAULT, DEFAULT_GROUP_MEMBERS_INGRESS } from './platform-objects.js';
import { defaultSecurityGroupId, linkTo } from './references.js';
import { CLOUDFORMATION } from './sources.js';

/** Default groups a CDK custom resource restricts, per model being lifted. */
const restricted = new WeakMap<LiftContext['model'], Set<string>>();

const restrictDefaultGroup: LiftHandler = {
  types: ['Custom::VpcRestrictDefaultSG'],
  sources: CLOUDFORMATION,
  pass: 'amend',
  lift(r, ctx) {
    // Under an unresolved condition the rules may stay: the group keeps them.
    if (r.conditional) return;
    const id = linkTo(field(r.attrs, 'DefaultSecurityGroupId'), r, ctx, 'DefaultSecurityGroupId');
    if (!id.known || !id.value.endsWith(defaultSecurityGroupId(''))) return;
    const ids = restricted.get(ctx.model) ?? new Set<string>();
    ids.add(id.value);
    restricted.set(ctx.model, ids);
  },
};

function revokedByHandler(rule: SecurityRule): boolean {
  if (rule.platformDefault === DEFAULT_GROUP_MEMBERS_INGRESS) return true;
  return (
    rule.platformDefault === ALL_EGRESS_DEFAULT &&
    rule.peers.known &&
    rule.peers.value.length === 1 &&
    rule.peers.value[0]!.kind === 'cidr' &&
    rule.peers.value[0]!.cidr === '0.0.0.0/0'
  );
}

/** Takes the revoked rules out of the default groups restricted by the custom resource. */
export function revokeRestrictedDefaultRules(ctx: LiftContext): void {
  for (const id of restricted.get(ctx.model) ?? []) {
    const group = ctx.model.getOf(id, 'security-group');
    if (group) group.rules = group.rules.filter((rule) => !revokedByHandler(rule));
  }
}

export const cdkDefaultGroupHandlers: LiftHandler[] = [restrictDefaultGroup];
