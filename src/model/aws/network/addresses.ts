// Elastic IPs and network interfaces, with what they are bound to.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import type { Link } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact } from '../../fact.js';
import { itemsOf } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import type { NetworkInterface, PublicIp } from '../../network.js';
import { defaultGroupLinks, groupsOrDefault, usesDefaultGroup } from './default-groups.js';
import { linkOrNullTo, linkTo } from './references.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';
import { tagsOf } from './tags.js';
import { isWritten } from './written.js';

/** The first of several alternative attributes that is set; none set means unbound. */
function boundTo(r: NativeResource, ctx: LiftContext, attrs: string[]): Fact<string | null> {
  for (const a of attrs) {
    const v = field(r.attrs, a);
    if (isWritten(v)) return linkOrNullTo(v, r, ctx, a);
  }
  return defaulted(null, r.loc);
}

function elasticIp(types: string[], sources: LiftHandler['sources'], attrs: string[]): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      const ip: PublicIp = { ...baseOf(r, ctx, tagsOf(r)), kind: 'public-ip', attachedTo: boundTo(r, ctx, attrs) };
      ctx.model.add(ip);
    },
  };
}

function publicIpNamed(v: Value | undefined, r: NativeResource, ctx: LiftContext, name: string): PublicIp | undefined {
  if (!isWritten(v)) return undefined;
  const id = linkTo(v, r, ctx, name);
  return id.known ? ctx.model.getOf(id.value, 'public-ip') : undefined;
}

/** Binds an Elastic IP named by allocation (or address) to an instance or interface. */
function ipAssociation(types: string[], sources: LiftHandler['sources'], ipAttrs: string[], targetAttrs: string[]): LiftHandler {
  return {
    types,
    sources,
    pass: 'amend',
    lift(r, ctx) {
      for (const a of ipAttrs) {
        const ip = publicIpNamed(field(r.attrs, a), r, ctx, a);
        if (ip) {
          ip.attachedTo = boundTo(r, ctx, targetAttrs);
          return;
        }
      }
    },
  };
}

/** NAT gateways and load balancer subnet mappings name the Elastic IPs they use. */
function allocationUsers(types: string[], sources: LiftHandler['sources'], allocations: (r: NativeResource) => Value[]): LiftHandler {
  return {
    types,
    sources,
    pass: 'amend',
    lift(r, ctx) {
      for (const v of allocations(r)) {
        const ip = publicIpNamed(v, r, ctx, 'allocation_id');
        if (ip) ip.attachedTo = fact(r.key, v.loc ?? r.loc);
      }
    },
  };
}

function present(v: Value | undefined): Value[] {
  return isWritten(v) ? [v] : [];
}

interface InterfaceAttrs {
  subnet: string;
  groups: string;
}

/** A network interface; its public IP comes from an Elastic IP, joined in finishNetwork. */
function networkInterface(types: string[], sources: LiftHandler['sources'], a: InterfaceAttrs): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      const attachment = itemsOf(field(r.attrs, 'attachment'))[0];
      const nic: NetworkInterface = {
        ...baseOf(r, ctx, tagsOf(r)),
        kind: 'network-interface',
        subnet: linkTo(field(r.attrs, a.subnet), r, ctx, a.subnet),
        publicIp: defaulted(false, r.loc),
        securityGroups: groupsOrDefault(field(r.attrs, a.groups), r, ctx, a.groups),
        attachedTo: attachment ? linkOrNullTo(field(attachment, 'instance'), r, ctx, 'attachment.instance') : defaulted(null, r.loc),
      };
      ctx.model.add(nic);
    },
  };
}

function interfaceNamed(v: Value | undefined, r: NativeResource, ctx: LiftContext, name: string): NetworkInterface | undefined {
  const id = linkTo(v, r, ctx, name);
  return id.known ? ctx.model.getOf(id.value, 'network-interface') : undefined;
}

function interfaceAttachment(types: string[], sources: LiftHandler['sources'], nicAttr: string, instanceAttr: string): LiftHandler {
  return {
    types,
    sources,
    pass: 'amend',
    lift(r, ctx) {
      const nic = interfaceNamed(field(r.attrs, nicAttr), r, ctx, nicAttr);
      if (nic) nic.attachedTo = linkOrNullTo(field(r.attrs, instanceAttr), r, ctx, instanceAttr);
    },
  };
}

const interfaceGroupAttachment: LiftHandler = {
  types: ['aws_network_interface_sg_attachment'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const nic = interfaceNamed(field(r.attrs, 'network_interface_id'), r, ctx, 'network_interface_id');
    if (!nic || !nic.securityGroups.known) return;
    const link = linkTo(field(r.attrs, 'security_group_id'), r, ctx, 'security_group_id');
    let before: Link[] = nic.securityGroups.value;
    if (usesDefaultGroup(nic.securityGroups)) {
      // Attaching a group to an interface created without one keeps the default group it was given.
      const subnet = nic.subnet.known ? ctx.model.getOf(nic.subnet.value, 'subnet') : undefined;
      const kept = defaultGroupLinks(subnet ? subnet.network : nic.subnet, nic.loc);
      before = kept.known ? kept.value : [kept];
    }
    nic.securityGroups = fact([...before, link], nic.securityGroups.loc ?? link.loc);
  },
};

export const addressHandlers: LiftHandler[] = [
  elasticIp(['aws_eip'], TERRAFORM, ['instance', 'network_interface']),
  elasticIp(['AWS::EC2::EIP'], CLOUDFORMATION, ['InstanceId']),
  ipAssociation(['aws_eip_association'], TERRAFORM, ['allocation_id', 'public_ip'], ['instance_id', 'network_interface_id']),
  ipAssociation(['AWS::EC2::EIPAssociation'], CLOUDFORMATION, ['AllocationId', 'EIP'], ['InstanceId', 'NetworkInterfaceId']),
  allocationUsers(['aws_nat_gateway'], TERRAFORM, (r) => present(field(r.attrs, 'allocation_id'))),
  allocationUsers(['AWS::EC2::NatGateway'], CLOUDFORMATION, (r) => present(field(r.attrs, 'AllocationId'))),
  allocationUsers(['aws_lb', 'aws_alb'], TERRAFORM, (r) => itemsOf(field(r.attrs, 'subnet_mapping')).flatMap((m) => present(field(m, 'allocation_id')))),
  allocationUsers(['AWS::ElasticLoadBalancingV2::LoadBalancer'], CLOUDFORMATION, (r) =>
    itemsOf(field(r.attrs, 'SubnetMappings')).flatMap((m) => present(field(m, 'AllocationId'))),
  ),
  networkInterface(['aws_network_interface'], TERRAFORM, { subnet: 'subnet_id', groups: 'security_groups' }),
  networkInterface(['AWS::EC2::NetworkInterface'], CLOUDFORMATION, { subnet: 'SubnetId', groups: 'GroupSet' }),
  interfaceAttachment(['aws_network_interface_attachment'], TERRAFORM, 'network_interface_id', 'instance_id'),
  interfaceAttachment(['AWS::EC2::NetworkInterfaceAttachment'], CLOUDFORMATION, 'NetworkInterfaceId', 'InstanceId'),
  interfaceGroupAttachment,
];
