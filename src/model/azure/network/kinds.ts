// The native types (ARM and azurerm) each kind of reference may name.
import { Kinds } from './references.js';

export const VIRTUAL_NETWORK = 'Microsoft.Network/virtualNetworks';
export const SUBNET = 'Microsoft.Network/virtualNetworks/subnets';
export const ROUTE_TABLE = 'Microsoft.Network/routeTables';
export const NSG = 'Microsoft.Network/networkSecurityGroups';
export const NAT_GATEWAY = 'Microsoft.Network/natGateways';
export const PUBLIC_IP = 'Microsoft.Network/publicIPAddresses';
export const PUBLIC_IP_PREFIX = 'Microsoft.Network/publicIPPrefixes';
export const NETWORK_INTERFACE = 'Microsoft.Network/networkInterfaces';
export const AZURE_FIREWALL = 'Microsoft.Network/azureFirewalls';
export const FIREWALL_POLICY = 'Microsoft.Network/firewallPolicies';
export const LOAD_BALANCER = 'Microsoft.Network/loadBalancers';
export const VIRTUAL_HUB = 'Microsoft.Network/virtualHubs';
export const VNET_GATEWAY = 'Microsoft.Network/virtualNetworkGateways';
export const LOCAL_GATEWAY = 'Microsoft.Network/localNetworkGateways';
export const EXPRESS_ROUTE_CIRCUIT = 'Microsoft.Network/expressRouteCircuits';
export const VPN_SITE = 'Microsoft.Network/vpnSites';
export const APP_SERVICE_PLAN = 'Microsoft.Web/serverfarms';

export const VIRTUAL_NETWORKS = new Kinds('virtual network', [VIRTUAL_NETWORK, 'azurerm_virtual_network']);
export const SUBNETS = new Kinds('subnet', [SUBNET, 'azurerm_subnet']);
export const ROUTE_TABLES = new Kinds('route table', [ROUTE_TABLE, 'azurerm_route_table']);
export const NSGS = new Kinds('network security group', [NSG, 'azurerm_network_security_group']);
export const NAT_GATEWAYS = new Kinds('NAT gateway', [NAT_GATEWAY, 'azurerm_nat_gateway']);
export const PUBLIC_IPS = new Kinds('public IP address', [PUBLIC_IP, 'azurerm_public_ip', PUBLIC_IP_PREFIX, 'azurerm_public_ip_prefix']);
export const NETWORK_INTERFACES = new Kinds('network interface', [NETWORK_INTERFACE, 'azurerm_network_interface']);
export const FIREWALLS = new Kinds('firewall', [AZURE_FIREWALL, 'azurerm_firewall']);
export const FIREWALL_POLICIES = new Kinds('firewall policy', [FIREWALL_POLICY, 'azurerm_firewall_policy']);
export const LOAD_BALANCERS = new Kinds('load balancer', [LOAD_BALANCER, 'azurerm_lb']);
export const VIRTUAL_HUBS = new Kinds('virtual hub', [VIRTUAL_HUB, 'azurerm_virtual_hub']);
export const VNET_GATEWAYS = new Kinds('virtual network gateway', [VNET_GATEWAY, 'azurerm_virtual_network_gateway']);
export const CONNECTION_PEERS = new Kinds('gateway or circuit', [
  VNET_GATEWAY,
  'azurerm_virtual_network_gateway',
  LOCAL_GATEWAY,
  'azurerm_local_network_gateway',
  EXPRESS_ROUTE_CIRCUIT,
  'azurerm_express_route_circuit',
]);
export const APP_SERVICE_PLANS = new Kinds('App Service plan', [APP_SERVICE_PLAN, 'azurerm_service_plan', 'azurerm_app_service_plan']);
export const AVAILABILITY_SETS = new Kinds('availability set', ['Microsoft.Compute/availabilitySets', 'azurerm_availability_set']);
export const APPLICATION_SECURITY_GROUPS = new Kinds('application security group', [
  'Microsoft.Network/applicationSecurityGroups',
  'azurerm_application_security_group',
]);
export const ANY_RESOURCE = new Kinds('resource', []);
