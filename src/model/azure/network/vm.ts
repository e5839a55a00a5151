// Virtual machines and scale sets: zones, availability set, network
// placement (VMs through their NICs, scale sets through their NIC
// configurations), public IPs, patch mode and literal admin passwords.
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc, Value } from '../../../readers/value.js';
import type { Link, Links, LiteralSecret } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { causeOf, itemsOf, numberFact, stringFact, stringListFact } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import type { Compute } from '../../compute.js';
import type { NetworkInterface } from '../../network.js';
import { armPath, attr, isSet, knownText, presenceOf, prop, subResourceId, tfPath } from './attributes.js';
import { azureBase } from './base.js';
import { later } from './deferred.js';
import { AVAILABILITY_SETS, NETWORK_INTERFACES, NSGS, SUBNETS } from './kinds.js';
import { linkOrNull, linksTo, linkTo } from './references.js';
import { ARM, TERRAFORM } from './sources.js';

type Os = 'windows' | 'linux';

/** Patch modes Azure applies when none is written: the OS's own updates on Windows, the image's setting on Linux. */
const DEFAULT_PATCH_MODE: Record<Os, string> = { windows: 'AutomaticByOS', linux: 'ImageDefault' };

/** Update Manager / the platform patches the machine only in this mode. */
const PLATFORM_PATCHING = 'automaticbyplatform';

function patchModeOf(r: NativeResource, v: Value | undefined, name: string, os: Fact<Os>): Fact<string | null> {
  if (isSet(v)) return stringFact(v, r, { name });
  if (!os.known) return unknownFact({ ...os.cause, detail: `${name} is not set and its default depends on the OS: ${os.cause.detail}` }, os.loc ?? r.loc);
  return defaulted(DEFAULT_PATCH_MODE[os.value], r.loc);
}

/** Platform patching only when written: neither OS's default mode is. */
function managedOf(r: NativeResource, written: Value | undefined, patchMode: Fact<string | null>): Fact<boolean> {
  if (!isSet(written)) return defaulted(false, r.loc);
  return patchMode.known ? { ...patchMode, value: (patchMode.value ?? '').toLowerCase() === PLATFORM_PATCHING } : patchMode;
}

/** A password written as a value (template literal, parameter default or file, tfvars) is a literal secret. */
function literalSecrets(v: Value | undefined, attribute: string): LiteralSecret[] {
  if (v?.kind === 'known' && typeof v.value === 'string' && v.value !== '' && !v.supplied && v.loc) return [{ attribute, loc: v.loc }];
  return [];
}

function zonesOf(r: NativeResource, v: Value | undefined, name: string): Fact<string[]> {
  // No zones: a regional deployment.
  return stringListFact(v, r, { name, default: [] });
}

/** Marketplace publishers whose images are all of one OS. */
const IMAGE_PUBLISHERS: Record<string, Os> = {
  microsoftwindowsserver: 'windows',
  microsoftwindowsdesktop: 'windows',
  canonical: 'linux',
  redhat: 'linux',
  openlogic: 'linux',
  suse: 'linux',
  debian: 'linux',
  almalinux: 'linux',
  kinvolk: 'linux',
};

/** ARM OS: from the OS configuration written, else the OS disk's type, else the image's publisher. */
function armOs(r: NativeResource, osProfile: Value | undefined, storage: Value | undefined): Fact<Os> {
  if (isSet(armPath(osProfile, 'windowsConfiguration'))) return fact('windows', r.loc);
  if (isSet(armPath(osProfile, 'linuxConfiguration'))) return fact('linux', r.loc);
  const publisher = armPath(storage, 'imageReference', 'publisher');
  const byImage = publisher?.kind === 'known' ? IMAGE_PUBLISHERS[String(publisher.value).toLowerCase()] : undefined;
  if (byImage) return fact(byImage, publisher!.loc ?? r.loc);
  const osDisk = armPath(storage, 'osDisk');
  const t = armPath(osDisk, 'osType');
  if (isSet(t)) {
    const f = stringFact(t, r, { name: 'osDisk.osType' });
    if (!f.known) return f;
    if (['windows', 'linux'].includes(f.value.toLowerCase())) return { ...f, value: f.value.toLowerCase() as Os };
  }
  return unknownFact({ inputs: [`${r.address} osProfile`], detail: `${r.address} does not say whether it runs Windows or Linux` }, r.loc);
}

function armPatchSettings(osProfile: Value | undefined, os: Fact<Os>): Value | undefined {
  if (!os.known) return undefined;
  return armPath(osProfile, os.value === 'windows' ? 'windowsConfiguration' : 'linuxConfiguration', 'patchSettings', 'patchMode');
}

function computeBase(
  r: NativeResource,
  ctx: LiftContext,
  computeType: Compute['computeType'],
  zones: Fact<string[]>,
  patch: { written: Value | undefined; name: string; os: Fact<Os> },
  secrets: LiteralSecret[],
): Compute {
  const patchMode = patchModeOf(r, patch.written, patch.name, patch.os);
  const c: Compute = {
    ...azureBase(r, ctx),
    kind: 'compute',
    computeType,
    subnets: fact([], r.loc),
    zones,
    patchMode,
    managed: managedOf(r, patch.written, patchMode),
  };
  if (secrets.length) c.literalSecrets = secrets;
  return c;
}

/** A VM's or scale set's network, read from its NICs once they are all in the model; the NICs learn their owner. */
function joinNics(ctx: LiftContext, owner: Compute, nics: Links): void {
  later(
    ctx,
    () => {
      if (!nics.known) {
        owner.subnets = nics;
        owner.publicIp = nics;
        owner.securityGroups = nics;
        return;
      }
      const subnets: Link[] = [];
      const groups: Link[] = [];
      let publicIp: Fact<boolean> = defaulted(false, nics.loc ?? owner.loc);
      for (const l of nics.value) {
        const nic = l.known ? ctx.model.getOf(l.value, 'network-interface') : undefined;
        if (!nic) {
          subnets.push(l.known ? unknownFact({ inputs: [l.value], detail: `network interface ${l.value} is not in the model` }, l.loc) : l);
          continue;
        }
        nic.attachedTo = fact(owner.id, l.loc ?? owner.loc);
        subnets.push(nic.subnet);
        if (nic.securityGroups.known) groups.push(...nic.securityGroups.value);
        else groups.push(nic.securityGroups);
        if (nic.publicIp.known && nic.publicIp.value) publicIp = nic.publicIp;
        else if (!nic.publicIp.known && !(publicIp.known && publicIp.value)) publicIp = nic.publicIp;
      }
      owner.subnets = fact(subnets, nics.loc ?? owner.loc);
      owner.securityGroups = fact(groups, nics.loc ?? owner.loc);
      owner.publicIp = publicIp;
    },
    'joins',
  );
}

/** NIC configurations written on the VM or scale set itself (ARM `networkInterfaceConfigurations`, azurerm `network_interface`). */
interface NicConfig {
  name: string | undefined;
  loc: SourceLoc | undefined;
  nsg: Value | undefined;
  ipConfigs: { subnet: Value | undefined; publicIp: Value | undefined; primary: Value | undefined }[];
}

/**
 * The NICs Azure creates from a VM's or scale set's NIC configurations (one
 * stands for the NIC of every instance), as NICs of their own so that the
 * network sees their subnet, public IPs and NSG.
 */
function configuredNics(r: NativeResource, ctx: LiftContext, configs: NicConfig[], names: { subnet: string; nsg: string; publicIp: string }, addressOf: (name: string) => string): Link[] {
  return configs.map((c, i) => {
    const name = c.name ?? String(i);
    const loc = c.loc ?? r.loc;
    const base = { ...azureBase(r, ctx), id: `${r.key}#nic/${name}`, address: addressOf(name), loc, tags: fact({}, loc), platformDefault: 'NIC created from a network interface configuration' };
    delete base.unknownTags;
    const primary = c.ipConfigs.find((ip) => ip.primary?.kind === 'known' && ip.primary.value === true) ?? c.ipConfigs[0];
    let publicIp: Fact<boolean> = defaulted(false, loc);
    for (const ip of c.ipConfigs) {
      const presence = presenceOf(ip.publicIp);
      if (presence === 'present') publicIp = fact(true, ip.publicIp!.loc ?? loc);
      else if (presence === 'unknown' && publicIp.known && !publicIp.value) publicIp = unknownFact(causeOf(ip.publicIp!, r, names.publicIp), ip.publicIp!.loc ?? loc);
    }
    const nic: NetworkInterface = {
      ...base,
      kind: 'network-interface',
      subnet: primary ? linkTo(primary.subnet, r, ctx, names.subnet, SUBNETS) : unknownFact({ inputs: [], detail: `${base.address} has no IP configuration` }, loc),
      publicIp,
      securityGroups: fact(isSet(c.nsg) ? [linkTo(c.nsg, r, ctx, names.nsg, NSGS)] : [], c.nsg?.loc ?? loc),
      attachedTo: fact(r.key, loc),
    };
    if (!ctx.model.get(nic.id)) ctx.model.add(nic);
    return fact(nic.id, loc);
  });
}

function armNicConfigs(list: Value | undefined): NicConfig[] {
  return itemsOf(list).map((n) => ({
    name: knownText(armPath(n, 'name')),
    loc: n.loc,
    nsg: subResourceId(armPath(n, 'properties', 'networkSecurityGroup')),
    ipConfigs: itemsOf(armPath(n, 'properties', 'ipConfigurations')).map((ip) => ({
      subnet: subResourceId(armPath(ip, 'properties', 'subnet')),
      publicIp: armPath(ip, 'properties', 'publicIPAddressConfiguration'),
      primary: armPath(ip, 'properties', 'primary'),
    })),
  }));
}

function tfNicConfigs(list: Value | undefined): NicConfig[] {
  return itemsOf(list).map((n) => ({
    name: knownText(tfPath(n, 'name')),
    loc: n.loc,
    nsg: tfPath(n, 'network_security_group_id'),
    ipConfigs: itemsOf(tfPath(n, 'ip_configuration')).map((ip) => ({ subnet: tfPath(ip, 'subnet_id'), publicIp: tfPath(ip, 'public_ip_address'), primary: tfPath(ip, 'primary') })),
  }));
}

const ARM_NIC_NAMES = { subnet: 'ipConfigurations.subnet', nsg: 'networkSecurityGroup', publicIp: 'publicIPAddressConfiguration' };
const TF_NIC_NAMES = { subnet: 'ip_configuration.subnet_id', nsg: 'network_security_group_id', publicIp: 'public_ip_address' };

const armVm: LiftHandler = {
  types: ['Microsoft.Compute/virtualMachines'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const osProfile = prop(r, 'osProfile');
    const os = armOs(r, osProfile, prop(r, 'storageProfile'));
    const vm = computeBase(
      r,
      ctx,
      'azure-vm',
      zonesOf(r, armPath(r.attrs, 'zones'), 'zones'),
      { written: armPatchSettings(osProfile, os), name: 'patchSettings.patchMode', os },
      literalSecrets(armPath(osProfile, 'adminPassword'), 'osProfile.adminPassword'),
    );
    vm.availabilitySet = linkOrNull(subResourceId(prop(r, 'availabilitySet')), r, ctx, 'availabilitySet', AVAILABILITY_SETS);
    ctx.model.add(vm);
    const nics = linksTo(prop(r, 'networkProfile', 'networkInterfaces'), r, ctx, 'networkProfile.networkInterfaces', NETWORK_INTERFACES, subResourceId);
    const configured = configuredNics(r, ctx, armNicConfigs(prop(r, 'networkProfile', 'networkInterfaceConfigurations')), ARM_NIC_NAMES, (n) => `${r.address}/networkInterfaceConfigurations/${n}`);
    joinNics(ctx, vm, nics.known ? { ...nics, value: [...nics.value, ...configured] } : nics);
  },
};

/** azurerm's VM types: `zone` (one) on the current ones, `zones` on the legacy `azurerm_virtual_machine`. */
function tfVm(type: string, os: Fact<Os> | 'legacy'): LiftHandler {
  return {
    types: [type],
    sources: TERRAFORM,
    pass: 'entity',
    lift(r, ctx) {
      const legacy = os === 'legacy';
      const osOf: Fact<Os> = legacy ? legacyOs(r) : os;
      const zone = attr(r, 'zone');
      const zones = legacy ? zonesOf(r, attr(r, 'zones'), 'zones') : isSet(zone) ? stringListFact(zone, r, { name: 'zone' }) : defaulted<string[]>([], r.loc);
      const password = legacy ? tfPath(itemsOf(attr(r, 'os_profile'))[0], 'admin_password') : attr(r, 'admin_password');
      const vm = computeBase(
        r,
        ctx,
        'azure-vm',
        zones,
        { written: legacy ? undefined : attr(r, 'patch_mode'), name: 'patch_mode', os: osOf },
        literalSecrets(password, legacy ? 'os_profile.admin_password' : 'admin_password'),
      );
      vm.availabilitySet = linkOrNull(attr(r, 'availability_set_id'), r, ctx, 'availability_set_id', AVAILABILITY_SETS);
      ctx.model.add(vm);
      const nics = linksTo(attr(r, 'network_interface_ids'), r, ctx, 'network_interface_ids', NETWORK_INTERFACES);
      joinNics(ctx, vm, nics);
    },
  };
}

function legacyOs(r: NativeResource): Fact<Os> {
  if (isSet(attr(r, 'os_profile_windows_config'))) return fact('windows', r.loc);
  if (isSet(attr(r, 'os_profile_linux_config'))) return fact('linux', r.loc);
  return unknownFact({ inputs: [`${r.address} os_profile_*_config`], detail: `${r.address} does not say whether it runs Windows or Linux` }, r.loc);
}

function scaleSet(r: NativeResource, ctx: LiftContext, c: Compute, size: Fact<number>, configs: NicConfig[], names: typeof ARM_NIC_NAMES, addressOf: (name: string) => string): void {
  c.minSize = size;
  ctx.model.add(c);
  joinNics(ctx, c, fact(configuredNics(r, ctx, configs, names, addressOf), r.loc));
}

const armScaleSet: LiftHandler = {
  types: ['Microsoft.Compute/virtualMachineScaleSets'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const profile = prop(r, 'virtualMachineProfile');
    const osProfile = armPath(profile, 'osProfile');
    const os = armOs(r, osProfile, armPath(profile, 'storageProfile'));
    const c = computeBase(
      r,
      ctx,
      'azure-vmss',
      zonesOf(r, armPath(r.attrs, 'zones'), 'zones'),
      { written: armPatchSettings(osProfile, os), name: 'patchSettings.patchMode', os },
      literalSecrets(armPath(osProfile, 'adminPassword'), 'virtualMachineProfile.osProfile.adminPassword'),
    );
    scaleSet(r, ctx, c, numberFact(armPath(r.attrs, 'sku', 'capacity'), r, { name: 'sku.capacity' }), armNicConfigs(armPath(profile, 'networkProfile', 'networkInterfaceConfigurations')), ARM_NIC_NAMES, (n) => `${r.address}/networkInterfaceConfigurations/${n}`);
  },
};

/** azurerm scale sets; the orchestrated one keeps its OS settings under `os_profile`. */
function tfScaleSet(type: string, os: Fact<Os> | 'orchestrated'): LiftHandler {
  return {
    types: [type],
    sources: TERRAFORM,
    pass: 'entity',
    lift(r, ctx) {
      let osOf: Fact<Os>;
      let password: Value | undefined;
      let patch: Value | undefined;
      if (os === 'orchestrated') {
        const profile = itemsOf(attr(r, 'os_profile'))[0];
        const win = itemsOf(tfPath(profile, 'windows_configuration'))[0];
        const lin = itemsOf(tfPath(profile, 'linux_configuration'))[0];
        const conf = win ?? lin;
        osOf = win ? fact('windows', r.loc) : lin ? fact('linux', r.loc) : unknownFact({ inputs: [`${r.address} os_profile`], detail: `${r.address} does not say whether it runs Windows or Linux` }, r.loc);
        password = tfPath(conf, 'admin_password');
        patch = tfPath(conf, 'patch_mode');
      } else {
        osOf = os;
        password = attr(r, 'admin_password');
        patch = attr(r, 'patch_mode');
      }
      const c = computeBase(r, ctx, 'azure-vmss', zonesOf(r, attr(r, 'zones'), 'zones'), { written: patch, name: 'patch_mode', os: osOf }, literalSecrets(password, 'admin_password'));
      // azurerm creates no instances unless `instances` says so.
      scaleSet(r, ctx, c, numberFact(attr(r, 'instances'), r, { name: 'instances', default: 0 }), tfNicConfigs(attr(r, 'network_interface')), TF_NIC_NAMES, (n) => `${r.address}.network_interface["${n}"]`);
    },
  };
}

const WINDOWS: Fact<Os> = { known: true, value: 'windows' };
const LINUX: Fact<Os> = { known: true, value: 'linux' };

export const vmHandlers: LiftHandler[] = [
  armVm,
  tfVm('azurerm_linux_virtual_machine', LINUX),
  tfVm('azurerm_windows_virtual_machine', WINDOWS),
  tfVm('azurerm_virtual_machine', 'legacy'),
  armScaleSet,
  tfScaleSet('azurerm_linux_virtual_machine_scale_set', LINUX),
  tfScaleSet('azurerm_windows_virtual_machine_scale_set', WINDOWS),
  tfScaleSet('azurerm_orchestrated_virtual_machine_scale_set', 'orchestrated'),
];
