// App Service: plans (zone redundancy, instance count) and web and function
// apps (HTTPS only, minimum TLS version, public network access and what its
// access restrictions admit, VNet integration subnet, plan). The `web` config
// child and VNet integration resources amend their app.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { boolFact, causeOf, itemsOf, numberFact, stringFact } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import type { Compute } from '../../compute.js';
import type { PublicFirewall } from '../../data.js';
import type { CloudModel } from '../../model.js';
import { armPath, attr, isSet, knownText, prop, tfPath } from './attributes.js';
import { azureBase } from './base.js';
import { armParentLink } from './arm-parent.js';
import { later } from './deferred.js';
import { APP_SERVICE_PLANS, SUBNETS } from './kinds.js';
import { Kinds, linkTo } from './references.js';
import { allowsByDefault, firewallState } from '../resources/public-access.js';
import { ARM, TERRAFORM } from './sources.js';

const SITES = new Kinds('App Service app', [
  'Microsoft.Web/sites',
  'azurerm_linux_web_app',
  'azurerm_windows_web_app',
  'azurerm_linux_function_app',
  'azurerm_windows_function_app',
  'azurerm_app_service',
  'azurerm_function_app',
]);

/** New apps get TLS 1.2 as their minimum (Resource Manager and azurerm). */
const DEFAULT_MIN_TLS = '1.2';

/** ARM apps that leave `publicNetworkAccess` unset; finishNetwork decides them once private endpoints are known. */
const unsetAccess = new WeakMap<CloudModel, Compute[]>();

function plan(r: NativeResource, ctx: LiftContext, zoneRedundant: Fact<boolean>, size: Fact<number>): void {
  ctx.model.add({ ...azureBase(r, ctx), kind: 'compute', computeType: 'app-service-plan', subnets: fact([], r.loc), zoneRedundant, minSize: size });
}

const armPlan: LiftHandler = {
  types: ['Microsoft.Web/serverfarms'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    // One instance and no zone redundancy unless written.
    plan(r, ctx, boolFact(prop(r, 'zoneRedundant'), r, { name: 'zoneRedundant', default: false }), numberFact(armPath(r.attrs, 'sku', 'capacity'), r, { name: 'sku.capacity', default: 1 }));
  },
};

const tfPlan: LiftHandler = {
  types: ['azurerm_service_plan', 'azurerm_app_service_plan'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const legacy = r.type === 'azurerm_app_service_plan';
    const zr = legacy ? 'zone_redundant' : 'zone_balancing_enabled';
    const size = legacy ? tfPath(itemsOf(attr(r, 'sku'))[0], 'capacity') : attr(r, 'worker_count');
    plan(r, ctx, boolFact(attr(r, zr), r, { name: zr, default: false }), numberFact(size, r, { name: legacy ? 'sku.capacity' : 'worker_count', default: 1 }));
  },
};

interface Restrictions {
  defaultAction: Value | undefined;
  rules: Value | undefined;
  /** How the format names them: `ipSecurityRestrictionsDefaultAction`, `site_config.ip_restriction_default_action`. */
  actionName: string;
  rulesName: string;
  /** Where a rule names addresses: ARM `ipAddress` (an IP range or a service tag), azurerm `ip_address` and `service_tag`. */
  addressFields: string[];
}

/** A rule that admits public addresses: an allowing rule naming an IP range or service tag (a subnet rule admits only that subnet). */
function admitsAddresses(rules: Value | undefined, r: NativeResource, x: Restrictions): Fact<boolean> {
  if (!isSet(rules)) return defaulted(false, r.loc);
  if (rules.kind !== 'list') return unknownFact(causeOf(rules, r, x.rulesName), rules.loc ?? r.loc);
  for (const rule of rules.items) {
    const action = knownText(armPath(rule, 'action') ?? tfPath(rule, 'action'));
    if (action !== undefined && action.toLowerCase() === 'deny') continue;
    for (const field of x.addressFields) {
      const v = armPath(rule, field) ?? tfPath(rule, field);
      if (!isSet(v)) continue;
      if (v.kind !== 'known') return unknownFact(causeOf(v, r, `${x.rulesName}.${field}`), v.loc ?? r.loc);
      return fact(true, v.loc ?? rule.loc ?? r.loc);
    }
  }
  return fact(false, rules.loc ?? r.loc);
}

/**
 * What the access restrictions admit, only when their default action is
 * written: left out, the platform's answer has depended on the API version
 * and on whether rules exist, so nothing is said about it.
 */
function restrictions(r: NativeResource, x: Restrictions): Fact<PublicFirewall> | undefined {
  if (!isSet(x.defaultAction)) return undefined;
  return firewallState(allowsByDefault(x.defaultAction, r, x.actionName), admitsAddresses(x.rules, r, x));
}

function site(r: NativeResource, ctx: LiftContext, v: { plan: Value | undefined; planName: string; subnet: Value | undefined; subnetName: string; httpsOnly: Fact<boolean>; minTls: Fact<string | null>; access: Fact<boolean>; firewall?: Fact<PublicFirewall> | undefined }): Compute {
  const planLink = linkTo(v.plan, r, ctx, v.planName, APP_SERVICE_PLANS);
  const c: Compute = {
    ...azureBase(r, ctx),
    kind: 'compute',
    computeType: 'app-service',
    // VNet integration: the subnet the app's outbound traffic enters.
    subnets: fact(isSet(v.subnet) ? [linkTo(v.subnet, r, ctx, v.subnetName, SUBNETS)] : [], v.subnet?.loc ?? r.loc),
    plan: planLink,
    httpsOnly: v.httpsOnly,
    minTlsVersion: v.minTls,
    publicNetworkAccess: v.access,
    ...(v.firewall ? { publicFirewall: v.firewall } : {}),
  };
  ctx.model.add(c);
  later(
    ctx,
    () => {
      const p = planLink.known ? ctx.model.getOf(planLink.value, 'compute') : undefined;
      c.zoneRedundant = p?.zoneRedundant ?? (planLink.known ? unknownFact({ inputs: [planLink.value], detail: `App Service plan ${planLink.value} is not in the model` }, planLink.loc) : planLink);
    },
    'joins',
  );
  return c;
}

function armRestrictions(defaultAction: Value | undefined, rules: Value | undefined, prefix: string): Restrictions {
  return { defaultAction, rules, actionName: `${prefix}ipSecurityRestrictionsDefaultAction`, rulesName: `${prefix}ipSecurityRestrictions`, addressFields: ['ipAddress'] };
}

function accessFact(v: Value | undefined, r: NativeResource, name: string): Fact<boolean> {
  const f = stringFact(v, r, { name });
  if (!f.known) return f;
  return { ...f, value: f.value.toLowerCase() !== 'disabled' };
}

/**
 * A live app's own body leaves `siteConfig` empty (nulls): its configuration
 * comes from the `config/web` child, which amends it. Until then, and if that
 * read fails, the minimum TLS version is not known rather than defaulted.
 */
function siteMinTls(r: NativeResource): Fact<string> {
  const v = prop(r, 'siteConfig', 'minTlsVersion');
  if (r.source === 'azure' && !isSet(v)) {
    return unknownFact({ inputs: [`${r.address}/config/web`], detail: `the minimum TLS version of ${r.address} is read from its config/web settings, which were not read` }, r.loc);
  }
  return stringFact(v, r, { name: 'siteConfig.minTlsVersion', default: DEFAULT_MIN_TLS });
}

const armSite: LiftHandler = {
  types: ['Microsoft.Web/sites'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const accessValue = prop(r, 'publicNetworkAccess') ?? prop(r, 'siteConfig', 'publicNetworkAccess');
    const c = site(r, ctx, {
      plan: prop(r, 'serverFarmId'),
      planName: 'serverFarmId',
      subnet: prop(r, 'virtualNetworkSubnetId'),
      subnetName: 'virtualNetworkSubnetId',
      httpsOnly: boolFact(prop(r, 'httpsOnly'), r, { name: 'httpsOnly', default: false }),
      minTls: siteMinTls(r),
      access: isSet(accessValue) ? accessFact(accessValue, r, 'publicNetworkAccess') : defaulted(true, r.loc),
      firewall: restrictions(r, armRestrictions(prop(r, 'siteConfig', 'ipSecurityRestrictionsDefaultAction'), prop(r, 'siteConfig', 'ipSecurityRestrictions'), 'siteConfig.')),
    });
    if (!isSet(accessValue)) {
      let l = unsetAccess.get(ctx.model);
      if (!l) unsetAccess.set(ctx.model, (l = []));
      l.push(c);
    }
  },
};

function tfSite(types: string[], legacy: boolean): LiftHandler {
  return {
    types,
    sources: TERRAFORM,
    pass: 'entity',
    lift(r, ctx) {
      const config = itemsOf(attr(r, 'site_config'))[0];
      const tls = legacy ? 'min_tls_version' : 'minimum_tls_version';
      site(r, ctx, {
        plan: legacy ? attr(r, 'app_service_plan_id') : attr(r, 'service_plan_id'),
        planName: legacy ? 'app_service_plan_id' : 'service_plan_id',
        subnet: attr(r, 'virtual_network_subnet_id'),
        subnetName: 'virtual_network_subnet_id',
        httpsOnly: boolFact(attr(r, 'https_only'), r, { name: 'https_only', default: false }),
        minTls: stringFact(tfPath(config, tls), r, { name: `site_config.${tls}`, default: DEFAULT_MIN_TLS }),
        // azurerm sends the setting explicitly: enabled unless turned off.
        access: boolFact(attr(r, 'public_network_access_enabled'), r, { name: 'public_network_access_enabled', default: true }),
        firewall: restrictions(r, {
          defaultAction: tfPath(config, 'ip_restriction_default_action'),
          rules: tfPath(config, 'ip_restriction'),
          actionName: 'site_config.ip_restriction_default_action',
          rulesName: 'site_config.ip_restriction',
          addressFields: ['ip_address', 'service_tag'],
        }),
      });
    },
  };
}

function siteOf(ctx: LiftContext, link: Fact<string>): Compute | undefined {
  const c = link.known ? ctx.model.getOf(link.value, 'compute') : undefined;
  return c?.computeType === 'app-service' ? c : undefined;
}

/** `Microsoft.Web/sites/config` named `web`: the site configuration as a resource of its own. */
const armSiteConfig: LiftHandler = {
  types: ['Microsoft.Web/sites/config'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    // Resource Manager answers config/web with the app's name in `name`: live, the ID says which config it is.
    const name = r.source === 'azure' ? r.address : knownText(armPath(r.attrs, 'name'));
    if (!name || name.split('/').pop()!.toLowerCase() !== 'web') return;
    const c = siteOf(ctx, armParentLink(r, ctx, SITES));
    if (!c) return;
    if (isSet(prop(r, 'minTlsVersion'))) c.minTlsVersion = stringFact(prop(r, 'minTlsVersion'), r, { name: 'minTlsVersion' });
    else if (r.source === 'azure') c.minTlsVersion = defaulted(DEFAULT_MIN_TLS, r.loc);
    const firewall = restrictions(r, armRestrictions(prop(r, 'ipSecurityRestrictionsDefaultAction'), prop(r, 'ipSecurityRestrictions'), ''));
    if (firewall) c.publicFirewall = firewall;
    if (isSet(prop(r, 'publicNetworkAccess'))) {
      c.publicNetworkAccess = accessFact(prop(r, 'publicNetworkAccess'), r, 'publicNetworkAccess');
      unsetAccess.set(ctx.model, (unsetAccess.get(ctx.model) ?? []).filter((x) => x !== c));
    }
  },
};

function addSubnet(c: Compute, subnet: Fact<string>, loc: NativeResource['loc']): void {
  c.subnets = fact([...(c.subnets.known ? c.subnets.value : []), subnet], loc);
}

/** Regional VNet integration written as its own resource. */
const armVnetIntegration: LiftHandler = {
  types: ['Microsoft.Web/sites/networkConfig'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const c = siteOf(ctx, armParentLink(r, ctx, SITES));
    if (c) addSubnet(c, linkTo(prop(r, 'subnetResourceId'), r, ctx, 'subnetResourceId', SUBNETS), r.loc);
  },
};

const tfVnetIntegration: LiftHandler = {
  types: ['azurerm_app_service_virtual_network_swift_connection'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const c = siteOf(ctx, linkTo(attr(r, 'app_service_id'), r, ctx, 'app_service_id', SITES));
    if (c) addSubnet(c, linkTo(attr(r, 'subnet_id'), r, ctx, 'subnet_id', SUBNETS), r.loc);
  },
};

/**
 * An ARM app that does not set `publicNetworkAccess` is reachable from the
 * internet, except that Azure has turned public access off for apps given a
 * private endpoint: with one in the scan, the outcome cannot be told.
 */
export function finishAppAccess(ctx: LiftContext): void {
  const apps = unsetAccess.get(ctx.model);
  if (!apps?.length) return;
  const targeted = new Set<string>();
  for (const e of ctx.model.all('endpoint')) if (e.target?.known) targeted.add(e.target.value);
  for (const c of apps) {
    if (!targeted.has(c.id)) continue;
    c.publicNetworkAccess = unknownFact(
      { inputs: [`${c.address} publicNetworkAccess`], detail: `${c.address} has a private endpoint and does not set publicNetworkAccess: whether Azure leaves public access on depends on how the endpoint was created` },
      c.loc,
    );
  }
}

export const appServiceHandlers: LiftHandler[] = [
  armPlan,
  tfPlan,
  armSite,
  tfSite(['azurerm_linux_web_app', 'azurerm_windows_web_app', 'azurerm_linux_function_app', 'azurerm_windows_function_app'], false),
  tfSite(['azurerm_app_service', 'azurerm_function_app'], true),
  armSiteConfig,
  armVnetIntegration,
  tfVnetIntegration,
];
