// Gateways: internet, egress-only internet, NAT, virtual private (VPN),
// customer and Direct Connect gateways, and their attachments to VPCs.
import type { NativeResource } from '../../../readers/native.js';
import { field } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, unknownFact } from '../../fact.js';
import { stringFact } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import type { Gateway, GatewayType } from '../../network.js';
import { linkOrNullTo, linkTo } from './references.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';
import { tagsOf } from './tags.js';
import { isWritten } from './written.js';

function gatewayOf(r: NativeResource, ctx: LiftContext, gatewayType: GatewayType, vpcAttr?: string): Gateway {
  const g: Gateway = { ...baseOf(r, ctx, tagsOf(r)), kind: 'gateway', gatewayType };
  if (vpcAttr) g.network = linkOrNullTo(field(r.attrs, vpcAttr), r, ctx, vpcAttr);
  return g;
}

function simpleGateway(
  types: string[],
  sources: LiftHandler['sources'],
  gatewayType: GatewayType,
  vpcAttr?: string,
): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      ctx.model.add(gatewayOf(r, ctx, gatewayType, vpcAttr));
    },
  };
}

/** NAT gateway connectivity; absent means `public` on both sources. */
function connectivityOf(r: NativeResource, attribute: string): Fact<'public' | 'private'> {
  const f = stringFact(field(r.attrs, attribute), r, { name: attribute, default: 'public' });
  if (!f.known) return f;
  const v = f.value.toLowerCase();
  if (v === 'public' || v === 'private') return { ...f, value: v };
  return unknownFact({ inputs: [], detail: `${attribute} = ${JSON.stringify(f.value)} is not a valid value` }, f.loc);
}

interface NatAttrs {
  subnet: string;
  vpc: string;
  connectivity: string;
}

function natGateway(types: string[], sources: LiftHandler['sources'], a: NatAttrs): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      const g = gatewayOf(r, ctx, 'nat');
      g.connectivity = connectivityOf(r, a.connectivity);
      const subnet = field(r.attrs, a.subnet);
      const vpc = field(r.attrs, a.vpc);
      // A regional NAT gateway names its VPC and no subnet; a zonal one sits in a subnet (its VPC is joined in finishNetwork).
      if (isWritten(subnet) || !isWritten(vpc)) g.subnet = linkTo(subnet, r, ctx, a.subnet);
      if (isWritten(vpc)) g.network = linkTo(vpc, r, ctx, a.vpc);
      ctx.model.add(g);
    },
  };
}

/** Attaches an internet or VPN gateway to a VPC. */
function attachment(types: string[], sources: LiftHandler['sources'], vpcAttr: string, gatewayAttrs: string[]): LiftHandler {
  return {
    types,
    sources,
    pass: 'amend',
    lift(r, ctx) {
      for (const attr of gatewayAttrs) {
        const ref = field(r.attrs, attr);
        if (!isWritten(ref)) continue;
        const id = linkTo(ref, r, ctx, attr);
        const gateway = id.known ? ctx.model.getOf(id.value, 'gateway') : undefined;
        if (gateway) gateway.network = linkTo(field(r.attrs, vpcAttr), r, ctx, vpcAttr);
      }
    },
  };
}

export const gatewayHandlers: LiftHandler[] = [
  simpleGateway(['aws_internet_gateway'], TERRAFORM, 'internet', 'vpc_id'),
  // Created detached; AWS::EC2::VPCGatewayAttachment attaches it.
  {
    types: ['AWS::EC2::InternetGateway', 'AWS::EC2::VPNGateway'],
    sources: CLOUDFORMATION,
    pass: 'entity',
    lift(r, ctx) {
      const g = gatewayOf(r, ctx, r.type === 'AWS::EC2::InternetGateway' ? 'internet' : 'virtual-private');
      g.network = defaulted(null, r.loc);
      ctx.model.add(g);
    },
  },
  simpleGateway(['aws_egress_only_internet_gateway'], TERRAFORM, 'egress-only-internet', 'vpc_id'),
  simpleGateway(['AWS::EC2::EgressOnlyInternetGateway'], CLOUDFORMATION, 'egress-only-internet', 'VpcId'),
  natGateway(['aws_nat_gateway'], TERRAFORM, { subnet: 'subnet_id', vpc: 'vpc_id', connectivity: 'connectivity_type' }),
  natGateway(['AWS::EC2::NatGateway'], CLOUDFORMATION, { subnet: 'SubnetId', vpc: 'VpcId', connectivity: 'ConnectivityType' }),
  simpleGateway(['aws_vpn_gateway'], TERRAFORM, 'virtual-private', 'vpc_id'),
  simpleGateway(['aws_customer_gateway'], TERRAFORM, 'customer'),
  simpleGateway(['AWS::EC2::CustomerGateway'], CLOUDFORMATION, 'customer'),
  simpleGateway(['aws_dx_gateway'], TERRAFORM, 'direct-connect'),
  attachment(['aws_internet_gateway_attachment'], TERRAFORM, 'vpc_id', ['internet_gateway_id']),
  attachment(['aws_vpn_gateway_attachment'], TERRAFORM, 'vpc_id', ['vpn_gateway_id']),
  attachment(['AWS::EC2::VPCGatewayAttachment'], CLOUDFORMATION, 'VpcId', ['InternetGatewayId', 'VpnGatewayId']),
];
