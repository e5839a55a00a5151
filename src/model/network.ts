// Networks as both clouds have them: VPC/VNet, subnets, routing, gateways,
// connections between networks, private endpoints and firewalls.
import type { SourceLoc, UnknownCause } from '../readers/value.js';
import type { EntityBase, Link, Links } from './entity.js';
import type { Fact } from './fact.js';

/** AWS VPC or Azure virtual network. */
export interface Network extends EntityBase {
  kind: 'network';
  cidrs: Fact<string[]>;
  /**
   * AWS: the main route table every unassociated subnet uses. Lifters always
   * set it: the explicit `aws_main_route_table_association`, or a synthesized
   * platform-default table with only the local route. Azure: absent.
   */
  mainRouteTable?: Link;
  /** AWS: the default security group (synthesized when not defined). */
  defaultSecurityGroup?: Link;
  /** AWS default VPC (`aws_default_vpc`). */
  isDefault?: boolean;
  /**
   * AWS: the VPC has an IPv6 block (Amazon-provided, IPAM or BYOIP). `cidrs`
   * holds the IPv4 blocks only, since an Amazon-provided IPv6 block is not
   * known before deployment; this says whether `::/0` routes and rules matter.
   */
  ipv6Enabled?: Fact<boolean>;
  /**
   * Azure: unknown when subnets written inside the network cannot be read
   * (`subnets` from a parameter, a `dynamic "subnet"` over an unknown
   * collection): the network may have subnets the model does not show.
   */
  subnetsComplete?: Fact<boolean>;
}

export interface Subnet extends EntityBase {
  kind: 'subnet';
  network: Link;
  cidr: Fact<string | null>;
  ipv6Cidr?: Fact<string | null>;
  /**
   * AWS: the subnet has an IPv6 block of its own (written, even if known only
   * after deployment, or associated by AWS::EC2::SubnetCidrBlock); without
   * one its hosts have no IPv6 addresses. Unknown when an input may leave it out.
   */
  ipv6Enabled?: Fact<boolean>;
  /** AWS availability zone (a placeholder for CloudFormation `!GetAZs` picks); Azure subnets are regional: absent. */
  zone?: Fact<string>;
  /** AWS: explicit route table association; null = uses the network's main route table. Azure: the subnet's route table or null. */
  routeTable: Fact<string | null>;
  /** AWS `map_public_ip_on_launch` / `MapPublicIpOnLaunch` (default false). */
  mapPublicIpOnLaunch?: Fact<boolean>;
  /** AWS `assign_ipv6_address_on_creation`. */
  assignIpv6OnCreation?: Fact<boolean>;
  /** Azure: default outbound internet access (on unless `defaultOutboundAccess: false`, see SPEC §1). */
  defaultOutboundAccess?: Fact<boolean>;
  /** Azure: NAT gateway associated with the subnet, or null. */
  natGateway?: Fact<string | null>;
  /** Azure: NSG associated with the subnet, or null. AWS: network ACL, when modelled. */
  securityGroup?: Fact<string | null>;
  /** Azure service endpoints (`Microsoft.Storage` …), which reach public service addresses. */
  serviceEndpoints?: Fact<string[]>;
  /** Azure subnet delegated to a service, or AWS subnet shared through RAM. */
  delegations?: Fact<string[]>;
  /**
   * Azure `privateEndpointNetworkPolicies` (`Disabled`, `Enabled`,
   * `NetworkSecurityGroupEnabled`, `RouteTableEnabled`): whether the subnet's
   * NSG and route table apply to private endpoints in it.
   */
  privateEndpointNetworkPolicies?: Fact<string>;
}

export type RouteTargetKind =
  | 'local'
  | 'internet-gateway'
  | 'egress-only-internet-gateway'
  | 'nat-gateway'
  | 'transit-gateway'
  | 'peering'
  | 'vpc-endpoint'
  | 'firewall'
  | 'instance'
  | 'network-interface'
  | 'virtual-private-gateway'
  | 'carrier-gateway'
  | 'local-gateway'
  /** Azure next hop types. */
  | 'internet'
  | 'virtual-appliance'
  | 'virtual-network-gateway'
  | 'vnet-local'
  | 'none'
  | 'unknown';

export interface RouteTarget {
  kind: RouteTargetKind;
  /** The target entity when the model has it (gateway, firewall, connection, endpoint, instance). */
  ref?: Link;
  /** Next-hop address (Azure virtual appliance IP). */
  address?: Fact<string>;
}

export interface Route {
  /** CIDR (`0.0.0.0/0`, `::/0`), prefix list ID or Azure address prefix / service tag. */
  destination: Fact<string>;
  target: Fact<RouteTarget>;
  loc: SourceLoc;
  /** Address of the resource that defines the route (inline on the table or a separate route resource). */
  definedBy: string;
  /** Set on routes the platform adds by itself (the local route, the default VPC's internet route). */
  platformDefault?: string;
  /**
   * Set when the route's own resource (an `aws_route`, an `AWS::EC2::Route`)
   * exists only under a condition that could not be evaluated, while its
   * table does not share that condition: the route may or may not exist.
   */
  conditional?: UnknownCause;
}

export interface RouteTable extends EntityBase {
  kind: 'route-table';
  /** AWS: the VPC; Azure route tables are not tied to one network: absent. */
  network?: Link;
  routes: Route[];
  /** Routes come also from resources the scan may not see (propagation, data sources): then false. */
  routesComplete: Fact<boolean>;
  /** AWS route tables attached to a gateway (edge association) are ingress routing, not subnet routing. */
  gatewayAssociations?: Links;
  /**
   * Azure: routes learned by BGP from a virtual network gateway are added to
   * the table (`disableBgpRoutePropagation` false, the default).
   */
  bgpRoutePropagation?: Fact<boolean>;
}

export type GatewayType =
  | 'internet'
  | 'egress-only-internet'
  | 'nat'
  | 'transit'
  | 'virtual-private'
  | 'customer'
  | 'vpn-gateway'
  | 'direct-connect'
  | 'virtual-wan-hub';

export interface Gateway extends EntityBase {
  kind: 'gateway';
  gatewayType: GatewayType;
  /** Network the gateway is attached to (IGW, VGW), or null when detached. */
  network?: Fact<string | null>;
  /** NAT gateway: the subnet it sits in (its route decides where NAT traffic leaves). */
  subnet?: Link;
  /** NAT gateway: `public` (through an IGW) or `private`; Azure NAT gateways are always public. */
  connectivity?: Fact<'public' | 'private'>;
  /** Transit gateway: route table used for attachments without an explicit association. */
  defaultRouteTable?: Fact<string | null>;
}

export type ConnectionType =
  | 'vpc-peering'
  | 'transit-gateway-attachment'
  | 'vpn'
  | 'direct-connect'
  | 'vnet-peering'
  | 'virtual-wan-connection';

/**
 * A link between two networks, or between a network and a hub (transit
 * gateway, virtual WAN hub, VPN/DX gateway). Azure VNet peerings are one
 * resource per side; the graph pairs them.
 */
export interface Connection extends EntityBase {
  kind: 'connection';
  connectionType: ConnectionType;
  /** The local side: requester VPC, attaching VPC, the VNet that owns the peering. */
  from: Link;
  /** The other side: accepter VPC, transit gateway, remote VNet, hub. */
  to: Link;
  /** Subnets used by a transit gateway attachment. */
  subnets?: Links;
  /** Transit gateway route table the attachment is associated with (null: the gateway's default). */
  routeTable?: Fact<string | null>;
  /** Transit gateway route tables the attachment propagates to. */
  propagations?: Links;
  /** Azure peering: allowForwardedTraffic / allowGatewayTransit / useRemoteGateways. */
  allowForwardedTraffic?: Fact<boolean>;
  useRemoteGateways?: Fact<boolean>;
  /**
   * Azure peering `allowVirtualNetworkAccess` (default true): false keeps the
   * remote network's address space out of this side's `VirtualNetwork` tag and
   * blocks traffic between the two.
   */
  allowVirtualNetworkAccess?: Fact<boolean>;
  /**
   * AWS VPC peering: the accepter side has accepted (auto-accept, an accepter
   * resource, CloudFormation's same-account or role-based acceptance).
   * A peering that is not accepted carries no traffic.
   */
  accepted?: Fact<boolean>;
}

/** AWS transit gateway route table. */
export interface TransitRouteTable extends EntityBase {
  kind: 'transit-route-table';
  gateway: Link;
  /** Static routes: destination CIDR -> attachment (connection id) or blackhole. */
  routes: { destination: Fact<string>; attachment: Fact<string | null>; loc: SourceLoc; definedBy: string }[];
}

export type EndpointType = 'interface' | 'gateway' | 'gateway-load-balancer' | 'private-endpoint';

/** AWS VPC endpoint or Azure private endpoint: the approved managed-service path. */
export interface Endpoint extends EntityBase {
  kind: 'endpoint';
  endpointType: EndpointType;
  /** AWS service name (`com.amazonaws.ap-northeast-1.ssm`) or Azure group ID (`blob`, `vault`). */
  service: Fact<string>;
  /**
   * AWS: the service (`ssm`) of a name whose region alone is unknown
   * (`com.amazonaws.${AWS::Region}.ssm`), while `service` stays unknown.
   */
  serviceSuffix?: string;
  network?: Link;
  subnets: Links;
  /** Gateway endpoints: the route tables they add a prefix-list route to. */
  routeTables?: Links;
  privateDns?: Fact<boolean>;
  securityGroups?: Links;
  /** Azure private endpoint: the resource it connects to. */
  target?: Link;
}

export interface DomainRule {
  action: 'allow' | 'deny';
  /** As written in the firewall: `.example.com`, `*.example.com`, `example.com`, FQDN tag names. */
  domains: string[];
  /** How this firewall interprets the patterns. */
  syntax: 'aws-network-firewall' | 'azure-firewall-fqdn' | 'azure-firewall-fqdn-tag';
  /**
   * AWS Network Firewall domain lists: the traffic the list inspects
   * (`HTTP_HOST`, `TLS_SNI`). An ALLOWLIST also drops the other traffic of
   * these types, whatever the firewall's default action.
   */
  targetTypes?: string[];
  loc: SourceLoc;
  definedBy: string;
}

/**
 * An address-based firewall rule (Azure Firewall network rule): traffic it
 * lets through is not limited to the domains of the domain rules.
 */
export interface AddressRule {
  action: 'allow' | 'deny';
  /** As written: CIDR, address, range, service tag, `*`, IP group ID. */
  destinations: string[];
  /** Ports as written (`443`, `8000-8080`, `*`). */
  ports: string[];
  /** `TCP`, `UDP`, `ICMP`, `Any`, as written. */
  protocols: string[];
  loc: SourceLoc;
  definedBy: string;
  name?: string;
}

/** AWS Network Firewall or Azure Firewall. */
export interface Firewall extends EntityBase {
  kind: 'firewall';
  firewallType: 'aws-network-firewall' | 'azure-firewall';
  network?: Link;
  subnets: Links;
  /** Domain allow/deny lists from the firewall's policy and rule groups. */
  domainRules: Fact<DomainRule[]>;
  /** Whether traffic that matches no rule is dropped. */
  defaultDeny: Fact<boolean>;
  /** Private address of the firewall, which Azure UDRs name as next hop. */
  privateAddresses?: Fact<string[]>;
  /** Address-based rules beside the domain rules (Azure Firewall network rules). */
  addressRules?: Fact<AddressRule[]>;
}

/** AWS Elastic IP or Azure public IP address. */
export interface PublicIp extends EntityBase {
  kind: 'public-ip';
  /** NIC, instance, NAT gateway, load balancer or firewall it is bound to; null when unbound. */
  attachedTo: Fact<string | null>;
}

export interface NetworkInterface extends EntityBase {
  kind: 'network-interface';
  subnet: Link;
  publicIp: Fact<boolean>;
  securityGroups: Links;
  /** The VM/instance it belongs to, when known. */
  attachedTo?: Fact<string | null>;
}
