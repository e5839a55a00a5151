// Network interfaces: the subnet of the primary IP configuration, whether
// any IP configuration has a public IP, the NSG (ARM inline; azurerm through
// an association, see nsg.ts). The VM that uses a NIC sets `attachedTo`.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Link } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { causeOf, itemsOf } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import type { NetworkInterface } from '../../network.js';
import { armPath, attr, presenceOf, prop, subResourceId, tfPath } from './attributes.js';
import { azureBase } from './base.js';
import { NETWORK_INTERFACE, NSGS, PUBLIC_IPS, SUBNETS } from './kinds.js';
import { usePublicIp } from './public-ip-users.js';
import { linkOrNull, linkTo } from './references.js';
import { ARM, TERRAFORM } from './sources.js';

/** One IP configuration, as the subnet and public IP values it names. */
export interface IpConfig {
  subnet: Value | undefined;
  /** As written: an ARM `{ "id": … }` object or an azurerm ID. */
  publicIp: Value | undefined;
  primary: Value | undefined;
  loc: NativeResource['loc'];
}

/** The primary configuration (`primary: true`), else the first. */
export function primaryConfig(configs: IpConfig[]): IpConfig | undefined {
  return configs.find((c) => c.primary?.kind === 'known' && c.primary.value === true) ?? configs[0];
}

/**
 * Whether any configuration binds a public IP, recording each binding for
 * `user`. A configuration whose public IP value itself is unknown may or may
 * not have one.
 */
export function publicIpOf(configs: IpConfig[], r: NativeResource, ctx: LiftContext, user: string, name: string): Fact<boolean> {
  let result: Fact<boolean> = defaulted(false, r.loc);
  for (const c of configs) {
    const presence = presenceOf(c.publicIp);
    if (presence === 'absent') continue;
    if (presence === 'unknown') {
      if (result.known && !result.value) result = unknownFact(causeOf(c.publicIp!, r, name), c.publicIp!.loc ?? c.loc);
      continue;
    }
    usePublicIp(ctx, linkTo(subResourceId(c.publicIp), r, ctx, name, PUBLIC_IPS), user);
    result = fact(true, c.publicIp!.loc ?? c.loc);
  }
  return result;
}

export function armIpConfigs(list: Value | undefined, r: NativeResource): IpConfig[] {
  return itemsOf(list).map((c) => ({
    subnet: subResourceId(armPath(c, 'properties', 'subnet')),
    publicIp: armPath(c, 'properties', 'publicIPAddress'),
    primary: armPath(c, 'properties', 'primary'),
    loc: c.loc ?? r.loc,
  }));
}

export function tfIpConfigs(list: Value | undefined, r: NativeResource): IpConfig[] {
  return itemsOf(list).map((c) => ({
    subnet: tfPath(c, 'subnet_id'),
    publicIp: tfPath(c, 'public_ip_address_id'),
    primary: tfPath(c, 'primary'),
    loc: c.loc ?? r.loc,
  }));
}

function nicOf(r: NativeResource, ctx: LiftContext, configs: IpConfig[], list: Value | undefined, nsg: Fact<string | null>, names: { subnet: string; publicIp: string }): NetworkInterface {
  const primary = primaryConfig(configs);
  let subnet: Link;
  if (list && (list.kind === 'unknown' || list.kind === 'ref')) subnet = unknownFact(causeOf(list, r, 'IP configurations'), list.loc ?? r.loc);
  else subnet = primary ? linkTo(primary.subnet, r, ctx, names.subnet, SUBNETS) : unknownFact({ inputs: [], detail: `${r.address} has no IP configuration` }, r.loc);
  const publicIp: Fact<boolean> =
    list && (list.kind === 'unknown' || list.kind === 'ref') ? unknownFact(causeOf(list, r, 'IP configurations'), list.loc ?? r.loc) : publicIpOf(configs, r, ctx, r.key, names.publicIp);
  return {
    ...azureBase(r, ctx),
    kind: 'network-interface',
    subnet,
    publicIp,
    securityGroups: nsg.known ? fact(nsg.value === null ? [] : [fact(nsg.value, nsg.loc)], nsg.loc) : fact([nsg], nsg.loc),
    attachedTo: defaulted(null, r.loc),
  };
}

const armNic: LiftHandler = {
  types: [NETWORK_INTERFACE],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const list = prop(r, 'ipConfigurations');
    const nsg = linkOrNull(subResourceId(prop(r, 'networkSecurityGroup')), r, ctx, 'networkSecurityGroup', NSGS);
    ctx.model.add(nicOf(r, ctx, armIpConfigs(list, r), list, nsg, { subnet: 'ipConfigurations.subnet', publicIp: 'ipConfigurations.publicIPAddress' }));
  },
};

const tfNic: LiftHandler = {
  types: ['azurerm_network_interface'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const list = attr(r, 'ip_configuration');
    ctx.model.add(
      nicOf(r, ctx, tfIpConfigs(list, r), list, defaulted(null, r.loc), { subnet: 'ip_configuration.subnet_id', publicIp: 'ip_configuration.public_ip_address_id' }),
    );
  },
};

export const nicHandlers: LiftHandler[] = [armNic, tfNic];
