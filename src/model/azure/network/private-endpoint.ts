// Private endpoints: the approved managed-service path. The service is the
// group ID of the connection (`blob`, `vault`, `sqlServer`); the target is
// the resource it connects to; a private DNS zone group (inline in azurerm,
// an ARM child resource) registers the endpoint's name in private DNS.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { itemsOf } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import type { Endpoint } from '../../network.js';
import { armPath, attr, isSet, prop, subResourceId, tfPath } from './attributes.js';
import { azureBase } from './base.js';
import { armParentLink } from './arm-parent.js';
import { later } from './deferred.js';
import { ANY_RESOURCE, SUBNETS } from './kinds.js';
import { Kinds, linkTo } from './references.js';
import { ARM, TERRAFORM } from './sources.js';
import { pickedStrings } from './string-lists.js';
import { networkOfSubnet } from './subnet-network.js';

const PRIVATE_ENDPOINTS = new Kinds('private endpoint', ['Microsoft.Network/privateEndpoints', 'azurerm_private_endpoint']);

function serviceOf(groups: Fact<string[]>, r: NativeResource): Fact<string> {
  if (!groups.known) return groups;
  if (!groups.value.length) return unknownFact({ inputs: [], detail: `${r.address} names no group ID (sub-resource)` }, groups.loc ?? r.loc);
  return { ...groups, value: groups.value.join(',') };
}

function endpoint(r: NativeResource, ctx: LiftContext, subnetValue: Value | undefined, subnetName: string, connection: Value | undefined, target: Value | undefined, targetName: string, groups: Fact<string[]>, privateDns: Fact<boolean>): void {
  const subnet = linkTo(subnetValue, r, ctx, subnetName, SUBNETS);
  const e: Endpoint = {
    ...azureBase(r, ctx),
    kind: 'endpoint',
    endpointType: 'private-endpoint',
    service: serviceOf(groups, r),
    subnets: fact([subnet], subnet.loc ?? r.loc),
    network: subnet,
    privateDns,
    target: connection ? linkTo(target, r, ctx, targetName, ANY_RESOURCE) : unknownFact({ inputs: [], detail: `${r.address} has no private link service connection` }, r.loc),
  };
  ctx.model.add(e);
  later(ctx, () => (e.network = networkOfSubnet(ctx, subnet)), 'joins');
}

const armEndpoint: LiftHandler = {
  types: ['Microsoft.Network/privateEndpoints'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const auto = prop(r, 'privateLinkServiceConnections');
    const list = isSet(auto) && itemsOf(auto).length ? auto : prop(r, 'manualPrivateLinkServiceConnections');
    const connection = itemsOf(list)[0];
    // A connection list that is itself unknown (a parameter) leaves target and service unknown.
    const props = connection?.kind === 'unknown' ? connection : armPath(connection, 'properties');
    endpoint(
      r,
      ctx,
      subResourceId(prop(r, 'subnet')),
      'subnet',
      connection,
      props?.kind === 'unknown' ? props : armPath(props, 'privateLinkServiceId'),
      'privateLinkServiceId',
      props?.kind === 'unknown' ? unknownFact(props.cause, props.loc ?? r.loc) : pickedStrings(armPath(props, 'groupIds'), r, 'groupIds'),
      // Set true by a privateDnsZoneGroups child, if the scan has one.
      defaulted(false, r.loc),
    );
  },
};

const tfEndpoint: LiftHandler = {
  types: ['azurerm_private_endpoint'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const connection = itemsOf(attr(r, 'private_service_connection'))[0];
    const zoneGroup = attr(r, 'private_dns_zone_group');
    const privateDns: Fact<boolean> = isSet(zoneGroup) && itemsOf(zoneGroup).length > 0 ? fact(true, zoneGroup.loc ?? r.loc) : defaulted(false, r.loc);
    endpoint(
      r,
      ctx,
      attr(r, 'subnet_id'),
      'subnet_id',
      connection,
      tfPath(connection, 'private_connection_resource_id') ?? tfPath(connection, 'private_connection_resource_alias'),
      'private_connection_resource_id',
      pickedStrings(tfPath(connection, 'subresource_names'), r, 'subresource_names'),
      privateDns,
    );
  },
};

const armZoneGroup: LiftHandler = {
  types: ['Microsoft.Network/privateEndpoints/privateDnsZoneGroups'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const pe = armParentLink(r, ctx, PRIVATE_ENDPOINTS);
    const e = pe.known ? ctx.model.getOf(pe.value, 'endpoint') : undefined;
    if (!e) return;
    e.privateDns = r.conditional ? unknownFact({ ...r.conditional, detail: `${r.address} exists only under a condition: ${r.conditional.detail}` }, r.loc) : fact(true, r.loc);
  },
};

export const privateEndpointHandlers: LiftHandler[] = [armEndpoint, tfEndpoint, armZoneGroup];
