// Load balancers and application gateways: internet-facing when a frontend
// has a public IP, subnets of private frontends (and of the gateway),
// zones and zone redundancy, listeners (load-balancing rules, HTTP
// listeners with the gateway's TLS policy).
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Link } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { causeOf, itemsOf, numberFact, stringFact, stringListFact } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import type { Listener, LoadBalancer } from '../../compute.js';
import { apiVersionOf, armPath, attr, isSet, knownText, presenceOf, prop, subResourceId, tfPath } from './attributes.js';
import { azureBase } from './base.js';
import { armParentLink } from './arm-parent.js';
import { later } from './deferred.js';
import { LOAD_BALANCERS, PUBLIC_IPS, SUBNETS } from './kinds.js';
import { usePublicIp } from './public-ip-users.js';
import { linkTo } from './references.js';
import { ARM, TERRAFORM } from './sources.js';

/** Resource Manager's TLS policy for an application gateway that names none, by API version. */
const TLS_POLICY_2022_API_VERSION = '2023-02-01';

interface Frontend {
  subnet: Value | undefined;
  publicIp: Value | undefined;
  zones: Value | undefined;
  loc: NativeResource['loc'];
}

/** Regions where Azure has availability zones, so that a Standard public IP without zones is zone-redundant (since 2024). */
const ZONE_REGIONS = new Set(['japaneast']);

/** Zone redundancy of one frontend, `zones` written on it or on its public IP. */
function frontendRedundancy(ctx: LiftContext, lb: LoadBalancer, f: Frontend, r: NativeResource, zonesName: string): Fact<boolean> {
  if (isSet(f.publicIp)) {
    const ip = linkTo(subResourceId(f.publicIp), r, ctx, 'publicIPAddress', PUBLIC_IPS);
    const native = ip.known ? ctx.links.native(ip.value) : undefined;
    if (!native) return ip.known ? unknownFact({ inputs: [ip.value], detail: `public IP ${ip.value} is not in the scan` }, f.loc) : ip;
    const arm = ARM.includes(native.source);
    const zones = stringListFact(armPath(native.attrs, 'zones'), native, { name: 'zones', default: [] });
    if (!zones.known) return zones;
    if (zones.value.length) return { ...zones, value: zones.value.length >= 2 };
    const sku = knownText(arm ? armPath(native.attrs, 'sku', 'name') : armPath(native.attrs, 'sku'));
    if (!sku && !arm) {
      return unknownFact(
        { inputs: [`${native.address} sku`], detail: `${native.address} sets no sku: azurerm 3.x makes it Basic (no zones), 4.x Standard` },
        native.loc,
      );
    }
    // Basic public IPs (ARM's default SKU) have no zones.
    if (!sku || sku.toLowerCase() !== 'standard') return defaulted(false, native.loc);
    const region = lb.region;
    if (region.known && ZONE_REGIONS.has(region.value.toLowerCase())) return defaulted(true, native.loc);
    return unknownFact(
      { inputs: [`${native.address} zones`], detail: `${native.address} names no zones: a Standard public IP is zone-redundant only in a region with availability zones` },
      native.loc,
    );
  }
  const zones = stringListFact(f.zones, r, { name: zonesName, default: [] });
  // A private frontend without zones is non-zonal.
  return zones.known ? { ...zones, value: zones.value.length >= 2 } : zones;
}

/** Internet-facing when a frontend has a public IP; the subnets of private frontends. */
function exposure(r: NativeResource, ctx: LiftContext, list: Value | undefined, lb: LoadBalancer, names: { subnet: string; publicIp: string }, frontends: Frontend[]): void {
  if (list && (list.kind === 'unknown' || list.kind === 'ref')) {
    const u = unknownFact(causeOf(list, r, 'frontend IP configurations'), list.loc ?? r.loc);
    lb.internetFacing = u;
    lb.subnets = u;
    return;
  }
  const subnets: Link[] = [];
  let internet: Fact<boolean> = defaulted(false, r.loc);
  for (const f of frontends) {
    if (isSet(f.subnet)) subnets.push(linkTo(f.subnet, r, ctx, names.subnet, SUBNETS));
    const presence = presenceOf(f.publicIp);
    if (presence === 'absent') continue;
    if (presence === 'unknown') {
      if (internet.known && !internet.value) internet = unknownFact(causeOf(f.publicIp!, r, names.publicIp), f.publicIp!.loc ?? f.loc);
      continue;
    }
    usePublicIp(ctx, linkTo(subResourceId(f.publicIp), r, ctx, names.publicIp, PUBLIC_IPS), r.key);
    internet = fact(true, f.publicIp!.loc ?? f.loc);
  }
  lb.internetFacing = internet;
  lb.subnets = fact(subnets, list?.loc ?? r.loc);
}

/** A load balancer is zone-redundant when every frontend is; public IP zones are read once every public IP is lifted. */
function frontendZones(r: NativeResource, ctx: LiftContext, list: Value | undefined, lb: LoadBalancer, zonesName: string, frontends: Frontend[]): void {
  if (list && (list.kind === 'unknown' || list.kind === 'ref')) {
    lb.zoneRedundant = unknownFact(causeOf(list, r, 'frontend IP configurations'), list.loc ?? r.loc);
    return;
  }
  later(ctx, () => {
    let all: Fact<boolean> = frontends.length ? fact(true, list?.loc ?? r.loc) : unknownFact({ inputs: [], detail: `${r.address} has no frontend` }, r.loc);
    for (const f of frontends) {
      const one = frontendRedundancy(ctx, lb, f, r, zonesName);
      if (one.known && !one.value) {
        all = one;
        break;
      }
      // The first unknown stays; otherwise keep where (and whether by default) a frontend is zone-redundant.
      if (all.known) all = one;
    }
    lb.zoneRedundant = all;
  });
}

function loadBalancer(r: NativeResource, ctx: LiftContext, lbType: LoadBalancer['lbType']): LoadBalancer {
  return {
    ...azureBase(r, ctx),
    kind: 'load-balancer',
    lbType,
    internetFacing: defaulted(false, r.loc),
    subnets: fact([], r.loc),
    listeners: [],
  };
}

interface RuleNames {
  protocol: string;
  port: string;
  backendPort: string;
}

const ARM_RULE_NAMES: RuleNames = { protocol: 'protocol', port: 'frontendPort', backendPort: 'backendPort' };
const ARM_POOL_NAMES: RuleNames = { protocol: 'protocol', port: 'frontendPortRangeStart', backendPort: 'backendPort' };
const TF_RULE_NAMES: RuleNames = { protocol: 'protocol', port: 'frontend_port', backendPort: 'backend_port' };
const TF_POOL_NAMES: RuleNames = { protocol: 'protocol', port: 'frontend_port_start', backendPort: 'backend_port' };

/**
 * A load-balancing rule, inbound NAT rule or NAT pool: frontend port (the
 * first of a pool's range) and the backend port it forwards to. `body` holds
 * the fields (ARM `properties`, azurerm attributes).
 */
function lbListener(r: NativeResource, body: Value | undefined, names: RuleNames, arm: boolean, loc: NativeResource['loc']): Listener {
  const get = (n: string) => (arm ? armPath(body, n) : tfPath(body, n));
  return {
    protocol: stringFact(get(names.protocol), r, { name: names.protocol }),
    port: numberFact(get(names.port), r, { name: names.port }),
    backendPort: numberFact(get(names.backendPort), r, { name: names.backendPort }),
    loc,
    definedBy: r.address,
  };
}

/** Rules written inline on an ARM load balancer. */
function armInlineRules(r: NativeResource, lb: LoadBalancer): void {
  for (const [list, names] of [
    ['loadBalancingRules', ARM_RULE_NAMES],
    ['inboundNatRules', ARM_RULE_NAMES],
    ['inboundNatPools', ARM_POOL_NAMES],
  ] as const) {
    for (const rule of itemsOf(prop(r, list))) lb.listeners.push(lbListener(r, armPath(rule, 'properties'), names, true, rule.loc ?? r.loc));
  }
}

const armLb: LiftHandler = {
  types: ['Microsoft.Network/loadBalancers'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const lb = loadBalancer(r, ctx, 'azure-load-balancer');
    const list = prop(r, 'frontendIPConfigurations');
    const frontends = itemsOf(list).map((f) => ({
      subnet: subResourceId(armPath(f, 'properties', 'subnet')),
      publicIp: armPath(f, 'properties', 'publicIPAddress') ?? armPath(f, 'properties', 'publicIPPrefix'),
      zones: armPath(f, 'zones'),
      loc: f.loc ?? r.loc,
    }));
    exposure(r, ctx, list, lb, { subnet: 'frontendIPConfigurations.subnet', publicIp: 'frontendIPConfigurations.publicIPAddress' }, frontends);
    frontendZones(r, ctx, list, lb, 'frontendIPConfigurations.zones', frontends);
    armInlineRules(r, lb);
    ctx.model.add(lb);
  },
};

const tfLb: LiftHandler = {
  types: ['azurerm_lb'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const lb = loadBalancer(r, ctx, 'azure-load-balancer');
    const list = attr(r, 'frontend_ip_configuration');
    const frontends = itemsOf(list).map((f) => ({
      subnet: tfPath(f, 'subnet_id'),
      publicIp: tfPath(f, 'public_ip_address_id') ?? tfPath(f, 'public_ip_prefix_id'),
      zones: tfPath(f, 'zones'),
      loc: f.loc ?? r.loc,
    }));
    exposure(r, ctx, list, lb, { subnet: 'frontend_ip_configuration.subnet_id', publicIp: 'frontend_ip_configuration.public_ip_address_id' }, frontends);
    frontendZones(r, ctx, list, lb, 'frontend_ip_configuration.zones', frontends);
    ctx.model.add(lb);
  },
};

/** Rules written as resources of their own, added to their load balancer. */
function ruleResource(type: string, arm: boolean, names: RuleNames): LiftHandler {
  return {
    types: [type],
    sources: arm ? ARM : TERRAFORM,
    pass: 'amend',
    lift(r, ctx) {
      const l = arm ? armParentLink(r, ctx, LOAD_BALANCERS) : linkTo(attr(r, 'loadbalancer_id'), r, ctx, 'loadbalancer_id', LOAD_BALANCERS);
      const lb = l.known ? ctx.model.getOf(l.value, 'load-balancer') : undefined;
      lb?.listeners.push(lbListener(r, arm ? prop(r) : r.attrs, names, arm, r.loc));
    },
  };
}

/** The TLS policy of an application gateway: a predefined policy's name, or a custom policy's minimum protocol version (`TLSv1_2`). */
function tlsPolicy(r: NativeResource, policy: Value | undefined, names: { type: string; name: string; min: string }, arm: boolean): Fact<string | null> {
  const get = (n: string) => (arm ? armPath(policy, n) : tfPath(policy, n));
  if (!isSet(policy)) {
    if (!arm) {
      return unknownFact({ inputs: [`${r.address} ssl_policy`], detail: `${r.address} sets no TLS policy: the default depends on the API version the provider uses` }, r.loc);
    }
    const api = apiVersionOf(r);
    if (!api) return unknownFact({ inputs: [`${r.address} apiVersion`], detail: `no sslPolicy and the API version that decides its default is unknown` }, r.loc);
    return defaulted(api.slice(0, 10) >= TLS_POLICY_2022_API_VERSION ? 'AppGwSslPolicy20220101' : 'AppGwSslPolicy20150501', r.loc);
  }
  const name = get(names.name);
  if (isSet(name)) return stringFact(name, r, { name: names.name });
  const min = get(names.min);
  if (isSet(min)) return stringFact(min, r, { name: names.min });
  const type = stringFact(get(names.type), r, { name: names.type });
  if (!type.known) return type;
  return unknownFact({ inputs: [`${r.address} ${names.name}`], detail: `${r.address} has a ${type.value} TLS policy without a name or minimum version` }, policy.loc ?? r.loc);
}

interface GatewayListener {
  name: string | undefined;
  protocol: Value | undefined;
  port: Fact<number | null>;
  loc: NativeResource['loc'];
}

/** HTTP listeners that a redirect rule sends to an HTTPS listener. */
function redirectsToHttps(listener: GatewayListener, redirects: { from: string | undefined; to: string | undefined }[], listeners: GatewayListener[]): boolean {
  return redirects.some((d) => {
    if (!d.from || d.from !== listener.name) return false;
    const target = listeners.find((l) => l.name === d.to);
    return knownText(target?.protocol)?.toLowerCase() === 'https';
  });
}

function gatewayOf(r: NativeResource, ctx: LiftContext, v: {
  zones: Value | undefined;
  gatewaySubnets: Value[];
  frontends: Frontend[];
  frontendList: Value | undefined;
  listeners: GatewayListener[];
  redirects: { from: string | undefined; to: string | undefined }[];
  tls: Fact<string | null>;
  names: { subnet: string; publicIp: string; zones: string; protocol: string };
}): void {
  const lb = loadBalancer(r, ctx, 'azure-application-gateway');
  exposure(r, ctx, v.frontendList, lb, { subnet: v.names.subnet, publicIp: v.names.publicIp }, v.frontends);
  // The gateway's instances sit in its gateway subnet, whatever its frontends are.
  lb.subnets = fact(v.gatewaySubnets.map((s) => linkTo(s, r, ctx, v.names.subnet, SUBNETS)), r.loc);
  const zones = stringListFact(v.zones, r, { name: v.names.zones, default: [] });
  lb.zones = zones;
  lb.zoneRedundant = zones.known ? { ...zones, value: zones.value.length >= 2 } : zones;
  for (const l of v.listeners) {
    const protocol = stringFact(l.protocol, r, { name: v.names.protocol });
    const listener: Listener = { protocol, port: l.port, loc: l.loc, definedBy: r.address };
    if (protocol.known && protocol.value.toLowerCase() === 'https') listener.sslPolicy = v.tls;
    if (protocol.known && protocol.value.toLowerCase() === 'http') listener.redirectsToHttps = fact(redirectsToHttps(l, v.redirects, v.listeners), l.loc);
    lb.listeners.push(listener);
  }
  ctx.model.add(lb);
}

/** Last segment of an ARM sub-resource ID (`…/httpListeners/https`), the name it points at. */
function lastSegment(v: Value | undefined): string | undefined {
  const id = subResourceId(v);
  const text = knownText(id) ?? (id?.kind === 'unknown' ? id.expr : undefined);
  return text?.split('/').pop();
}

const armAppGateway: LiftHandler = {
  types: ['Microsoft.Network/applicationGateways'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const ports = new Map<string, Value | undefined>();
    for (const p of itemsOf(prop(r, 'frontendPorts'))) {
      const n = knownText(armPath(p, 'name'));
      if (n) ports.set(n, armPath(p, 'properties', 'port'));
    }
    const listeners = itemsOf(prop(r, 'httpListeners')).map((l) => {
      const portName = lastSegment(armPath(l, 'properties', 'frontendPort'));
      const port = portName !== undefined && ports.has(portName) ? numberFact(ports.get(portName), r, { name: 'frontendPorts.port' }) : unknownFact({ inputs: [], detail: `the frontend port of a listener of ${r.address} cannot be found` }, l.loc ?? r.loc);
      return { name: knownText(armPath(l, 'name')), protocol: armPath(l, 'properties', 'protocol'), port, loc: l.loc ?? r.loc };
    });
    const redirectTargets = new Map<string, string | undefined>();
    for (const c of itemsOf(prop(r, 'redirectConfigurations'))) {
      const n = knownText(armPath(c, 'name'));
      if (n) redirectTargets.set(n, lastSegment(armPath(c, 'properties', 'targetListener')));
    }
    const redirects = itemsOf(prop(r, 'requestRoutingRules')).map((rule) => ({
      from: lastSegment(armPath(rule, 'properties', 'httpListener')),
      to: redirectTargets.get(lastSegment(armPath(rule, 'properties', 'redirectConfiguration')) ?? ''),
    }));
    const frontendList = prop(r, 'frontendIPConfigurations');
    gatewayOf(r, ctx, {
      zones: armPath(r.attrs, 'zones'),
      gatewaySubnets: itemsOf(prop(r, 'gatewayIPConfigurations')).map((g) => subResourceId(armPath(g, 'properties', 'subnet'))).filter(isSet),
      frontends: itemsOf(frontendList).map((f) => ({ subnet: undefined, publicIp: armPath(f, 'properties', 'publicIPAddress'), zones: undefined, loc: f.loc ?? r.loc })),
      frontendList,
      listeners,
      redirects,
      tls: tlsPolicy(r, prop(r, 'sslPolicy'), { type: 'policyType', name: 'policyName', min: 'minProtocolVersion' }, true),
      names: { subnet: 'gatewayIPConfigurations.subnet', publicIp: 'frontendIPConfigurations.publicIPAddress', zones: 'zones', protocol: 'httpListeners.protocol' },
    });
  },
};

const tfAppGateway: LiftHandler = {
  types: ['azurerm_application_gateway'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const ports = new Map<string, Value | undefined>();
    for (const p of itemsOf(attr(r, 'frontend_port'))) {
      const n = knownText(tfPath(p, 'name'));
      if (n) ports.set(n, tfPath(p, 'port'));
    }
    const listeners = itemsOf(attr(r, 'http_listener')).map((l) => {
      const portName = knownText(tfPath(l, 'frontend_port_name'));
      const port = portName !== undefined && ports.has(portName) ? numberFact(ports.get(portName), r, { name: 'frontend_port.port' }) : unknownFact({ inputs: [], detail: `the frontend port of a listener of ${r.address} cannot be found` }, l.loc ?? r.loc);
      return { name: knownText(tfPath(l, 'name')), protocol: tfPath(l, 'protocol'), port, loc: l.loc ?? r.loc };
    });
    const redirectTargets = new Map<string, string | undefined>();
    for (const c of itemsOf(attr(r, 'redirect_configuration'))) {
      const n = knownText(tfPath(c, 'name'));
      if (n) redirectTargets.set(n, knownText(tfPath(c, 'target_listener_name')));
    }
    const redirects = itemsOf(attr(r, 'request_routing_rule')).map((rule) => ({
      from: knownText(tfPath(rule, 'http_listener_name')),
      to: redirectTargets.get(knownText(tfPath(rule, 'redirect_configuration_name')) ?? ''),
    }));
    const frontendList = attr(r, 'frontend_ip_configuration');
    gatewayOf(r, ctx, {
      zones: attr(r, 'zones'),
      gatewaySubnets: itemsOf(attr(r, 'gateway_ip_configuration')).map((g) => tfPath(g, 'subnet_id')).filter(isSet),
      frontends: itemsOf(frontendList).map((f) => ({ subnet: undefined, publicIp: tfPath(f, 'public_ip_address_id'), zones: undefined, loc: f.loc ?? r.loc })),
      frontendList,
      listeners,
      redirects,
      tls: tlsPolicy(r, itemsOf(attr(r, 'ssl_policy'))[0], { type: 'policy_type', name: 'policy_name', min: 'min_protocol_version' }, false),
      names: { subnet: 'gateway_ip_configuration.subnet_id', publicIp: 'frontend_ip_configuration.public_ip_address_id', zones: 'zones', protocol: 'http_listener.protocol' },
    });
  },
};

export const loadBalancerHandlers: LiftHandler[] = [
  armLb,
  tfLb,
  ruleResource('Microsoft.Network/loadBalancers/inboundNatRules', true, ARM_RULE_NAMES),
  ruleResource('azurerm_lb_rule', false, TF_RULE_NAMES),
  ruleResource('azurerm_lb_nat_rule', false, TF_RULE_NAMES),
  ruleResource('azurerm_lb_nat_pool', false, TF_POOL_NAMES),
  armAppGateway,
  tfAppGateway,
];
