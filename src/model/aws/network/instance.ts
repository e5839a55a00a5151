// EC2 instances, launch templates and launch configurations. What they leave
// unsaid (subnet, groups, IMDS, instance profile, public IP) is recorded in
// a launch state and completed in finishNetwork.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import type { Compute, ComputeType } from '../../compute.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import { boolFact, causeOf, itemsOf, stringFact } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import type { LaunchState } from './launch-state.js';
import { recordLaunch, recordMetadataDefault } from './launch-state.js';
import { linkTo, linksTo } from './references.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';
import { tagsOf } from './tags.js';
import { hasItems } from './written.js';

/**
 * IMDSv1 is unusable when tokens are required or the metadata endpoint is
 * off. Unset tokens fall to the account's metadata defaults, then to the
 * AMI (`ImdsSupport`), which the definition does not show.
 */
function imdsRequired(options: Value | undefined, r: NativeResource, tokensAttr: string, endpointAttr: string): { fact: Fact<boolean>; unset: boolean } {
  if (options && (options.kind === 'unknown' || options.kind === 'ref')) {
    return { fact: unknownFact(causeOf(options, r, 'metadata options'), options.loc ?? r.loc), unset: false };
  }
  const endpoint = field(options, endpointAttr);
  if (hasItems(endpoint)) {
    const e = stringFact(endpoint, r, { name: endpointAttr });
    if (e.known && e.value === 'disabled') return { fact: fact(true, e.loc), unset: false };
  }
  const tokens = field(options, tokensAttr);
  if (!hasItems(tokens)) {
    const cause = { inputs: [tokensAttr], detail: `${r.address} does not set ${tokensAttr}: the default comes from the AMI and the account's metadata defaults` };
    return { fact: unknownFact(cause, options?.loc ?? r.loc), unset: true };
  }
  const t = stringFact(tokens, r, { name: tokensAttr });
  if (!t.known) return { fact: t, unset: false };
  if (t.value === 'required') return { fact: { ...t, value: true }, unset: false };
  if (t.value === 'optional') return { fact: { ...t, value: false }, unset: false };
  return { fact: unknownFact({ inputs: [], detail: `${tokensAttr} = ${JSON.stringify(t.value)} is not a valid value` }, t.loc), unset: false };
}

function newState(compute: Compute, r: NativeResource): LaunchState {
  return {
    compute,
    native: r,
    interfaces: [],
    unset: { subnets: false, securityGroups: false, imds: false, profile: false, publicIp: false },
  };
}

function computeOf(r: NativeResource, ctx: LiftContext, computeType: ComputeType, subnets: Compute['subnets']): Compute {
  return { ...baseOf(r, ctx, tagsOf(r)), kind: 'compute', computeType, subnets };
}

function oneSubnet(v: Value, r: NativeResource, ctx: LiftContext, name: string): Compute['subnets'] {
  return fact([linkTo(v, r, ctx, name)], v.loc ?? r.loc);
}

/** Where the instance sits until its interfaces or template say: the default subnet of the default VPC. */
function unplaced(r: NativeResource): Compute['subnets'] {
  return unknownFact({ inputs: ['subnet_id'], detail: `${r.address} names no subnet: it is launched into a default subnet of the default VPC` }, r.loc);
}

function setProfile(state: LaunchState, v: Value | undefined, attribute: string): void {
  if (hasItems(v)) state.profile = { value: v, attribute };
  else state.unset.profile = true;
}

function setImds(state: LaunchState, options: Value | undefined, r: NativeResource, tokens: string, endpoint: string): void {
  const imds = imdsRequired(options, r, tokens, endpoint);
  state.compute.imdsV2Required = imds.fact;
  state.unset.imds = imds.unset;
}

function setGroups(state: LaunchState, v: Value | undefined, r: NativeResource, ctx: LiftContext, name: string): void {
  if (hasItems(v)) state.compute.securityGroups = linksTo(v, r, ctx, name);
  else state.unset.securityGroups = true;
}

/** An explicit zone; otherwise the zone of the subnet, joined in finishNetwork. */
function setZone(state: LaunchState, v: Value | undefined, r: NativeResource, name: string): void {
  if (!hasItems(v)) return;
  const zone = stringFact(v, r, { name });
  state.compute.zones = zone.known ? { ...zone, value: [zone.value] } : zone;
}

function setTemplate(state: LaunchState, spec: Value | undefined, idAttr: string, nameAttr: string): void {
  const id = field(spec, idAttr);
  const name = field(spec, nameAttr);
  if (hasItems(id)) state.template = { value: id, attribute: idAttr };
  else if (hasItems(name)) state.template = { value: name, attribute: nameAttr };
}

const terraformInstance: LiftHandler = {
  types: ['aws_instance'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const subnet = field(r.attrs, 'subnet_id');
    const state = newState(computeOf(r, ctx, 'ec2-instance', hasItems(subnet) ? oneSubnet(subnet, r, ctx, 'subnet_id') : unplaced(r)), r);
    state.unset.subnets = !hasItems(subnet);
    state.interfaces = itemsOf(field(r.attrs, 'network_interface')).map((n) => linkTo(field(n, 'network_interface_id'), r, ctx, 'network_interface.network_interface_id'));
    setZone(state, field(r.attrs, 'availability_zone'), r, 'availability_zone');
    const publicIp = field(r.attrs, 'associate_public_ip_address');
    if (hasItems(publicIp)) state.compute.publicIp = boolFact(publicIp, r, { name: 'associate_public_ip_address' });
    else state.unset.publicIp = true;
    // `security_groups` (names or IDs) is the default-VPC spelling of `vpc_security_group_ids`.
    const groups = field(r.attrs, 'vpc_security_group_ids');
    setGroups(state, hasItems(groups) ? groups : field(r.attrs, 'security_groups'), r, ctx, hasItems(groups) ? 'vpc_security_group_ids' : 'security_groups');
    setImds(state, itemsOf(field(r.attrs, 'metadata_options'))[0], r, 'http_tokens', 'http_endpoint');
    setProfile(state, field(r.attrs, 'iam_instance_profile'), 'iam_instance_profile');
    setTemplate(state, itemsOf(field(r.attrs, 'launch_template'))[0], 'id', 'name');
    ctx.model.add(state.compute);
    recordLaunch(ctx, state);
  },
};

/** CloudFormation puts the public IP, subnet and groups of an instance on its `NetworkInterfaces` too. */
const cloudFormationInstance: LiftHandler = {
  types: ['AWS::EC2::Instance'],
  sources: CLOUDFORMATION,
  pass: 'entity',
  lift(r, ctx) {
    const interfaces = itemsOf(field(r.attrs, 'NetworkInterfaces'));
    const primary = interfaces.find((n) => {
      const index = field(n, 'DeviceIndex');
      return index?.kind === 'known' && String(index.value) === '0';
    }) ?? interfaces[0];
    const subnet = field(r.attrs, 'SubnetId') ?? field(primary, 'SubnetId');
    const state = newState(computeOf(r, ctx, 'ec2-instance', hasItems(subnet) ? oneSubnet(subnet, r, ctx, 'SubnetId') : unplaced(r)), r);
    state.unset.subnets = !hasItems(subnet);
    state.interfaces = interfaces
      .map((n) => field(n, 'NetworkInterfaceId'))
      .filter(hasItems)
      .map((v) => linkTo(v, r, ctx, 'NetworkInterfaces.NetworkInterfaceId'));
    setZone(state, field(r.attrs, 'AvailabilityZone'), r, 'AvailabilityZone');
    const publicIp = field(primary, 'AssociatePublicIpAddress');
    if (hasItems(publicIp)) state.compute.publicIp = boolFact(publicIp, r, { name: 'AssociatePublicIpAddress' });
    else state.unset.publicIp = true;
    const groupsAttr = ['SecurityGroupIds', 'SecurityGroups'].find((a) => hasItems(field(r.attrs, a)));
    const groups = groupsAttr ? field(r.attrs, groupsAttr) : field(primary, 'GroupSet');
    setGroups(state, groups, r, ctx, groupsAttr ?? 'NetworkInterfaces.GroupSet');
    setImds(state, field(r.attrs, 'MetadataOptions'), r, 'HttpTokens', 'HttpEndpoint');
    setProfile(state, field(r.attrs, 'IamInstanceProfile'), 'IamInstanceProfile');
    setTemplate(state, field(r.attrs, 'LaunchTemplate'), 'LaunchTemplateId', 'LaunchTemplateName');
    ctx.model.add(state.compute);
    recordLaunch(ctx, state);
  },
};

interface TemplateNames {
  data?: string;
  name: string;
  metadata: string;
  tokens: string;
  endpoint: string;
  profile: string;
  profileName: string;
  profileArn: string;
  interfaces: string;
  publicIp: string;
  subnet: string;
  interfaceGroups: string;
  groups: string[];
}

const TF_TEMPLATE: TemplateNames = {
  name: 'name',
  metadata: 'metadata_options',
  tokens: 'http_tokens',
  endpoint: 'http_endpoint',
  profile: 'iam_instance_profile',
  profileName: 'name',
  profileArn: 'arn',
  interfaces: 'network_interfaces',
  publicIp: 'associate_public_ip_address',
  subnet: 'subnet_id',
  interfaceGroups: 'security_groups',
  groups: ['vpc_security_group_ids', 'security_group_names'],
};

const CFN_TEMPLATE: TemplateNames = {
  data: 'LaunchTemplateData',
  name: 'LaunchTemplateName',
  metadata: 'MetadataOptions',
  tokens: 'HttpTokens',
  endpoint: 'HttpEndpoint',
  profile: 'IamInstanceProfile',
  profileName: 'Name',
  profileArn: 'Arn',
  interfaces: 'NetworkInterfaces',
  publicIp: 'AssociatePublicIpAddress',
  subnet: 'SubnetId',
  interfaceGroups: 'Groups',
  groups: ['SecurityGroupIds', 'SecurityGroups'],
};

/** A launch template: what instances launched from it get, unless they say otherwise. */
function launchTemplate(types: string[], sources: LiftHandler['sources'], n: TemplateNames): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      const data = n.data ? field(r.attrs, n.data) : r.attrs;
      const primary = itemsOf(field(data, n.interfaces))[0];
      const subnet = field(primary, n.subnet);
      const state = newState(computeOf(r, ctx, 'launch-template', hasItems(subnet) ? oneSubnet(subnet, r, ctx, n.subnet) : fact([], r.loc)), r);
      state.unset.subnets = !hasItems(subnet);
      const publicIp = field(primary, n.publicIp);
      if (hasItems(publicIp)) {
        state.templatePublicIp = boolFact(publicIp, r, { name: n.publicIp });
        state.compute.publicIp = state.templatePublicIp;
      } else state.unset.publicIp = true;
      const groupsAttr = n.groups.find((g) => hasItems(field(data, g)));
      const groups = groupsAttr ? field(data, groupsAttr) : field(primary, n.interfaceGroups);
      setGroups(state, groups, r, ctx, groupsAttr ?? n.interfaceGroups);
      setImds(state, itemsOf(field(data, n.metadata))[0], r, n.tokens, n.endpoint);
      const profile = itemsOf(field(data, n.profile))[0];
      const byArn = field(profile, n.profileArn);
      setProfile(state, hasItems(byArn) ? byArn : field(profile, n.profileName), n.profile);
      const name = field(r.attrs, n.name);
      if (name?.kind === 'known' && typeof name.value === 'string') state.templateName = name.value;
      ctx.model.add(state.compute);
      recordLaunch(ctx, state);
    },
  };
}

interface ConfigurationNames {
  metadata: string;
  tokens: string;
  endpoint: string;
  profile: string;
  publicIp: string;
  groups: string;
}

/** A launch configuration (the predecessor of launch templates), lifted as one. */
function launchConfiguration(types: string[], sources: LiftHandler['sources'], n: ConfigurationNames): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      const state = newState(computeOf(r, ctx, 'launch-template', fact([], r.loc)), r);
      state.unset.subnets = true;
      const publicIp = field(r.attrs, n.publicIp);
      if (hasItems(publicIp)) {
        state.templatePublicIp = boolFact(publicIp, r, { name: n.publicIp });
        state.compute.publicIp = state.templatePublicIp;
      } else state.unset.publicIp = true;
      setGroups(state, field(r.attrs, n.groups), r, ctx, n.groups);
      setImds(state, itemsOf(field(r.attrs, n.metadata))[0], r, n.tokens, n.endpoint);
      setProfile(state, field(r.attrs, n.profile), n.profile);
      ctx.model.add(state.compute);
      recordLaunch(ctx, state);
    },
  };
}

/** Account-wide metadata defaults apply to every launch that does not set tokens itself. */
const terraformMetadataDefaults: LiftHandler = {
  types: ['aws_ec2_instance_metadata_defaults'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const tokens = stringFact(field(r.attrs, 'http_tokens'), r, { name: 'http_tokens', default: 'no-preference' });
    if (!tokens.known) return recordMetadataDefault(ctx, r.scope, tokens);
    if (tokens.value === 'required') return recordMetadataDefault(ctx, r.scope, { ...tokens, value: true });
    if (tokens.value === 'optional') return recordMetadataDefault(ctx, r.scope, { ...tokens, value: false });
  },
};

export const instanceHandlers: LiftHandler[] = [
  terraformInstance,
  cloudFormationInstance,
  launchTemplate(['aws_launch_template'], TERRAFORM, TF_TEMPLATE),
  launchTemplate(['AWS::EC2::LaunchTemplate'], CLOUDFORMATION, CFN_TEMPLATE),
  launchConfiguration(['aws_launch_configuration'], TERRAFORM, {
    metadata: 'metadata_options',
    tokens: 'http_tokens',
    endpoint: 'http_endpoint',
    profile: 'iam_instance_profile',
    publicIp: 'associate_public_ip_address',
    groups: 'security_groups',
  }),
  launchConfiguration(['AWS::AutoScaling::LaunchConfiguration'], CLOUDFORMATION, {
    metadata: 'MetadataOptions',
    tokens: 'HttpTokens',
    endpoint: 'HttpEndpoint',
    profile: 'IamInstanceProfile',
    publicIp: 'AssociatePublicIpAddress',
    groups: 'SecurityGroups',
  }),
  terraformMetadataDefaults,
];
