// Subnets. Route table associations amend `routeTable` later; until then a
// subnet uses its VPC's main route table (null).
import type { NativeResource } from '../../../readers/native.js';
import { field } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { boolFact, stringFact } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import type { Subnet } from '../../network.js';
import { linkTo } from './references.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';
import type { SubnetIpv6Attrs } from './subnet-ipv6.js';
import { ipv6PresenceOf, subnetIpv6Handlers } from './subnet-ipv6.js';
import { tagsOf } from './tags.js';
import { isWritten } from './written.js';

/** Names of the attributes, which differ only in case between the sources. */
interface SubnetAttrs extends SubnetIpv6Attrs {
  vpc: string;
  cidr: string;
  ipv4Pool?: string;
  zone: string;
  zoneId: string;
  mapPublicIp: string;
}

const TF: SubnetAttrs = {
  vpc: 'vpc_id',
  cidr: 'cidr_block',
  ipv6Cidr: 'ipv6_cidr_block',
  ipv6Native: 'ipv6_native',
  zone: 'availability_zone',
  zoneId: 'availability_zone_id',
  mapPublicIp: 'map_public_ip_on_launch',
  assignIpv6: 'assign_ipv6_address_on_creation',
};

const CFN: SubnetAttrs = {
  vpc: 'VpcId',
  cidr: 'CidrBlock',
  ipv4Pool: 'Ipv4IpamPoolId',
  ipv6Cidr: 'Ipv6CidrBlock',
  ipv6Pool: 'Ipv6IpamPoolId',
  ipv6Native: 'Ipv6Native',
  zone: 'AvailabilityZone',
  zoneId: 'AvailabilityZoneId',
  mapPublicIp: 'MapPublicIpOnLaunch',
  assignIpv6: 'AssignIpv6AddressOnCreation',
};

/** Zone by name, else by zone ID; absent means AWS picks one at creation. */
function zoneOf(r: NativeResource, a: SubnetAttrs): Fact<string> {
  const byName = field(r.attrs, a.zone);
  if (isWritten(byName)) return stringFact(byName, r, { name: a.zone });
  const byId = field(r.attrs, a.zoneId);
  if (isWritten(byId)) return stringFact(byId, r, { name: a.zoneId });
  return unknownFact({ inputs: [], detail: `${r.address} sets no availability zone: AWS picks one at creation` }, r.loc);
}

function ipv4Of(r: NativeResource, a: SubnetAttrs): Fact<string | null> {
  const ipv6Only = boolFact(field(r.attrs, a.ipv6Native), r, { name: a.ipv6Native, default: false });
  const cidr = field(r.attrs, a.cidr);
  if (!isWritten(cidr) && ipv6Only.known && ipv6Only.value) return fact(null, ipv6Only.loc);
  const pool = a.ipv4Pool ? field(r.attrs, a.ipv4Pool) : undefined;
  if (!isWritten(cidr) && isWritten(pool)) {
    return unknownFact(
      { inputs: [a.ipv4Pool ?? ''], detail: `the block of ${r.address} is allocated from an IPAM pool at deployment` },
      pool.loc ?? r.loc,
    );
  }
  return stringFact(cidr, r, { name: a.cidr });
}

function ipv6Of(r: NativeResource, a: SubnetAttrs): Fact<string | null> {
  const v = field(r.attrs, a.ipv6Cidr);
  if (!isWritten(v)) return defaulted(null, r.loc);
  return stringFact(v, r, { name: a.ipv6Cidr });
}

function subnetOf(r: NativeResource, a: SubnetAttrs, ctx: LiftContext): Subnet {
  return {
    ...baseOf(r, ctx, tagsOf(r)),
    kind: 'subnet',
    network: linkTo(field(r.attrs, a.vpc), r, ctx, a.vpc),
    cidr: ipv4Of(r, a),
    ipv6Cidr: ipv6Of(r, a),
    ipv6Enabled: ipv6PresenceOf(r, a),
    zone: zoneOf(r, a),
    // No association yet: the subnet uses the VPC's main route table.
    routeTable: defaulted(null, r.loc),
    mapPublicIpOnLaunch: boolFact(field(r.attrs, a.mapPublicIp), r, { name: a.mapPublicIp, default: false }),
    assignIpv6OnCreation: boolFact(field(r.attrs, a.assignIpv6), r, { name: a.assignIpv6, default: false }),
  };
}

const terraformSubnet: LiftHandler = {
  types: ['aws_subnet'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    ctx.model.add(subnetOf(r, TF, ctx));
  },
};

/**
 * `aws_default_subnet` adopts the default subnet of a zone in the default VPC.
 * It names no VPC (finishNetwork joins it to a scanned `aws_default_vpc`);
 * its block is chosen by AWS; it keeps the default subnet's public IP
 * mapping (on) unless the configuration turns it off.
 */
const terraformDefaultSubnet: LiftHandler = {
  types: ['aws_default_subnet'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const subnet = subnetOf(r, TF, ctx);
    subnet.network = unknownFact(
      { inputs: ['aws_default_vpc'], detail: `${r.address} is in the default VPC, which the scanned code does not define` },
      r.loc,
    );
    if (!isWritten(field(r.attrs, 'cidr_block'))) {
      subnet.cidr = unknownFact({ inputs: [], detail: `the block of ${r.address} is chosen by AWS` }, r.loc);
    }
    subnet.mapPublicIpOnLaunch = boolFact(field(r.attrs, TF.mapPublicIp), r, { name: TF.mapPublicIp, default: true });
    // Adopting the subnet keeps an IPv6 block it already has.
    if (subnet.ipv6Enabled?.known && !subnet.ipv6Enabled.value) {
      subnet.ipv6Enabled = unknownFact(
        { inputs: [r.address], detail: `${r.address} adopts an existing default subnet, which may already have an IPv6 block` },
        r.loc,
      );
    }
    ctx.model.add(subnet);
  },
};

const cloudFormationSubnet: LiftHandler = {
  types: ['AWS::EC2::Subnet'],
  sources: CLOUDFORMATION,
  pass: 'entity',
  lift(r, ctx) {
    ctx.model.add(subnetOf(r, CFN, ctx));
  },
};

export const subnetHandlers: LiftHandler[] = [terraformSubnet, terraformDefaultSubnet, cloudFormationSubnet, ...subnetIpv6Handlers];
