// EKS clusters -> Compute 'eks-cluster': placed in the subnets of its VPC
// configuration (which is where its segment comes from), with the
// Kubernetes API endpoint as its public endpoint. Defaults, the same in
// Terraform, CloudFormation and the EKS API: the public endpoint is on
// (`endpoint_public_access` / `EndpointPublicAccess` true) and admits
// 0.0.0.0/0 unless `public_access_cidrs` / `PublicAccessCidrs` narrows it.
// The public endpoint is the exposure whatever its CIDRs say (like an Azure
// PaaS firewall, the list can be widened outside the definition); the
// CIDRs are described as its firewall.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import type { Compute } from '../../compute.js';
import type { PublicFirewall } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { boolFact, causeOf, itemsOf } from '../../lift-values.js';
import type { LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { linksTo } from '../network/references.js';
import { tagsOf } from '../network/tags.js';
import { hasItems, isWritten } from '../network/written.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';

interface VpcConfigNames {
  config: string;
  subnets: string;
  groups: string;
  publicAccess: string;
  cidrs: string;
}

const TF_NAMES: VpcConfigNames = {
  config: 'vpc_config',
  subnets: 'subnet_ids',
  groups: 'security_group_ids',
  publicAccess: 'endpoint_public_access',
  cidrs: 'public_access_cidrs',
};

const CFN_NAMES: VpcConfigNames = {
  config: 'ResourcesVpcConfig',
  subnets: 'SubnetIds',
  groups: 'SecurityGroupIds',
  publicAccess: 'EndpointPublicAccess',
  cidrs: 'PublicAccessCidrs',
};

const EVERYWHERE = new Set(['0.0.0.0/0', '::/0']);

/**
 * What the public endpoint's CIDR list admits: every address when it is not
 * written, empty (EKS then applies 0.0.0.0/0) or names 0.0.0.0/0; some
 * ranges otherwise. One unknown member leaves it open unless another
 * member already admits everything.
 */
function cidrFirewall(v: Value | undefined, r: NativeResource, name: string): Fact<PublicFirewall> {
  if (!hasItems(v)) return defaulted('allows-all', r.loc);
  if (v.kind === 'unknown' || v.kind === 'ref') return unknownFact(causeOf(v, r, name), v.loc ?? r.loc);
  let open: Value | undefined;
  for (const item of itemsOf(v)) {
    if (item.kind === 'known' && typeof item.value === 'string' && EVERYWHERE.has(item.value.trim())) return fact('allows-all', item.loc ?? v.loc ?? r.loc);
    if (item.kind !== 'known') open ??= item;
  }
  if (open) return unknownFact(causeOf(open, r, name), open.loc ?? v.loc ?? r.loc);
  return fact('admits-ranges', v.loc ?? r.loc);
}

function eksCluster(types: string[], sources: LiftHandler['sources'], n: VpcConfigNames): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      // Terraform writes the block as a one-item list.
      const raw = field(r.attrs, n.config);
      const config = raw?.kind === 'list' ? itemsOf(raw)[0] : raw;
      const base = { ...baseOf(r, ctx, tagsOf(r)), kind: 'compute' as const, computeType: 'eks-cluster' as const };
      if (!isWritten(config) || config.kind !== 'object') {
        // The API requires the block; without a readable one nothing about the endpoint can be told.
        const cause = isWritten(config) ? causeOf(config, r, n.config) : { inputs: [n.config], detail: `${r.address} has no ${n.config}` };
        const open = unknownFact(cause, config?.loc ?? r.loc);
        ctx.model.add({ ...base, subnets: open, publicNetworkAccess: open, publicFirewall: open });
        return;
      }
      const compute: Compute = {
        ...base,
        subnets: linksTo(field(config, n.subnets), r, ctx, n.subnets),
        publicNetworkAccess: boolFact(field(config, n.publicAccess), r, { name: n.publicAccess, default: true }),
        publicFirewall: cidrFirewall(field(config, n.cidrs), r, n.cidrs),
      };
      const groups = field(config, n.groups);
      if (hasItems(groups)) compute.securityGroups = linksTo(groups, r, ctx, n.groups);
      ctx.model.add(compute);
    },
  };
}

export const eksHandlers: LiftHandler[] = [
  eksCluster(['aws_eks_cluster'], TERRAFORM, TF_NAMES),
  eksCluster(['AWS::EKS::Cluster'], CLOUDFORMATION, CFN_NAMES),
];
