// VPCs and their extra CIDR blocks.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { boolFact, stringFact } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import type { Network } from '../../network.js';
import { referencedNative } from './references.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';
import { tagsOf } from './tags.js';
import { addIpv6Block, blockPresence } from './ipv6-block.js';
import { mayNotExist, ownCondition } from './own-condition.js';
import { isWritten } from './written.js';

/** Every default VPC is created with this block. */
const DEFAULT_VPC_CIDR = '172.31.0.0/16';

/** IPv4 block: written, or allocated from an IPAM pool (known only after deployment). */
function ipv4Cidrs(r: NativeResource, cidrAttr: string, poolAttr: string): Fact<string[]> {
  const cidr = field(r.attrs, cidrAttr);
  if (!isWritten(cidr) && isWritten(field(r.attrs, poolAttr))) {
    return unknownFact(
      { inputs: [poolAttr], detail: `the IPv4 block of ${r.address} is allocated from an IPAM pool at deployment` },
      field(r.attrs, poolAttr)?.loc ?? r.loc,
    );
  }
  const f = stringFact(cidr, r, { name: cidrAttr });
  return f.known ? { ...f, value: [f.value] } : f;
}

/** An IPv6 block is present when one is requested, written or drawn from a pool. */
function ipv6FromAttributes(r: NativeResource, flagAttr: string, valueAttrs: string[]): Fact<boolean> {
  for (const a of valueAttrs) {
    const v = field(r.attrs, a);
    if (isWritten(v)) return blockPresence(v, r, a);
  }
  return boolFact(field(r.attrs, flagAttr), r, { name: flagAttr, default: false });
}

const terraformVpc: LiftHandler = {
  types: ['aws_vpc', 'aws_default_vpc'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const isDefault = r.type === 'aws_default_vpc';
    const network: Network = {
      ...baseOf(r, ctx, tagsOf(r)),
      kind: 'network',
      cidrs: isDefault ? defaulted([DEFAULT_VPC_CIDR], r.loc) : ipv4Cidrs(r, 'cidr_block', 'ipv4_ipam_pool_id'),
      ipv6Enabled: ipv6FromAttributes(r, 'assign_generated_ipv6_cidr_block', ['ipv6_cidr_block', 'ipv6_ipam_pool_id']),
    };
    if (isDefault) network.isDefault = true;
    ctx.model.add(network);
  },
};

const cloudFormationVpc: LiftHandler = {
  types: ['AWS::EC2::VPC'],
  sources: CLOUDFORMATION,
  pass: 'entity',
  lift(r, ctx) {
    ctx.model.add({
      ...baseOf(r, ctx, tagsOf(r)),
      kind: 'network',
      cidrs: ipv4Cidrs(r, 'CidrBlock', 'Ipv4IpamPoolId'),
      // AWS::EC2::VPC has no IPv6 property: blocks come from AWS::EC2::VPCCidrBlock.
      ipv6Enabled: defaulted(false, r.loc),
    });
  },
};

function networkOf(v: Value | undefined, r: NativeResource, ctx: LiftContext): Network | undefined {
  const n = referencedNative(v, ctx, r);
  return n ? ctx.model.getOf(n.key, 'network') : undefined;
}

/**
 * A secondary block associated only under a condition the VPC does not share
 * may or may not be there: the VPC's blocks are unknown on that condition
 * (a segment selected by CIDR must not take the VPC in for sure).
 */
function addIpv4(network: Network, r: NativeResource, written: Fact<string[]>): void {
  const condition = ownCondition(r, network);
  const cidrs = condition && written.known ? mayNotExist(r, condition, written.loc ?? r.loc) : written;
  if (!network.cidrs.known) return;
  network.cidrs = cidrs.known ? { ...network.cidrs, value: [...network.cidrs.value, ...cidrs.value] } : cidrs;
}

/**
 * Secondary blocks. A block on a VPC outside the scan says nothing the model
 * can hold; a block created only under an unresolved condition leaves IPv6,
 * or the IPv4 blocks, unknown on it.
 */
const terraformCidrAssociation: LiftHandler = {
  types: ['aws_vpc_ipv4_cidr_block_association', 'aws_vpc_ipv6_cidr_block_association'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const network = networkOf(field(r.attrs, 'vpc_id'), r, ctx);
    if (!network) return;
    if (r.type === 'aws_vpc_ipv6_cidr_block_association') {
      addIpv6Block(network, r.conditional ? unknownFact(r.conditional, r.loc) : fact(true, r.loc));
      return;
    }
    addIpv4(network, r, ipv4Cidrs(r, 'cidr_block', 'ipv4_ipam_pool_id'));
  },
};

const cloudFormationCidrBlock: LiftHandler = {
  types: ['AWS::EC2::VPCCidrBlock'],
  sources: CLOUDFORMATION,
  pass: 'amend',
  lift(r, ctx) {
    const network = networkOf(field(r.attrs, 'VpcId'), r, ctx);
    if (!network) return;
    const ipv6 = ipv6FromAttributes(r, 'AmazonProvidedIpv6CidrBlock', ['Ipv6CidrBlock', 'Ipv6Pool', 'Ipv6IpamPoolId']);
    if (ipv6.known && ipv6.value) {
      // Under a condition the template cannot resolve, the block may or may not be there.
      addIpv6Block(network, r.conditional ? unknownFact(r.conditional, ipv6.loc ?? r.loc) : ipv6);
      return;
    }
    if (!ipv6.known) addIpv6Block(network, ipv6);
    const hasIpv4 = isWritten(field(r.attrs, 'CidrBlock')) || isWritten(field(r.attrs, 'Ipv4IpamPoolId'));
    if (hasIpv4) addIpv4(network, r, ipv4Cidrs(r, 'CidrBlock', 'Ipv4IpamPoolId'));
  },
};

export const vpcHandlers: LiftHandler[] = [
  terraformVpc,
  cloudFormationVpc,
  terraformCidrAssociation,
  cloudFormationCidrBlock,
];
