// Whether a PaaS resource has a public endpoint, and what its own firewall
// admits there. Public network access on is the exposure (the guideline wants
// closed segments reached only through private paths, and firewall rules can
// be added from the portal or T-SQL outside the template); the firewall is
// described so a deny-by-default one can be noted, not so it can pass.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { PublicFirewall } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { causeOf, itemsOf } from '../../lift-values.js';

/** `Enabled`/`Disabled` (ARM spells them in any case); `SecuredByPerimeter` hands access to a network perimeter: not public. */
export function enabledText(v: Value | undefined, r: NativeResource, name: string, platform: boolean): Fact<boolean> {
  if (v === undefined || (v.kind === 'known' && (v.value === null || v.value === ''))) return defaulted(platform, r.loc);
  if (v.kind !== 'known') return unknownFact(causeOf(v, r, name), v.loc ?? r.loc);
  const t = String(v.value).toLowerCase();
  if (t === 'enabled' || t === 'true') return fact(true, v.loc ?? r.loc);
  if (t === 'disabled' || t === 'false' || t === 'securedbyperimeter') return fact(false, v.loc ?? r.loc);
  return unknownFact({ inputs: [], detail: `${name} = ${JSON.stringify(v.value)} is not Enabled or Disabled` }, v.loc ?? r.loc);
}

/** A firewall's default action: true when it allows (`Allow`, the platform default when absent). */
export function allowsByDefault(v: Value | undefined, r: NativeResource, name: string): Fact<boolean> {
  if (v === undefined || (v.kind === 'known' && (v.value === null || v.value === ''))) return defaulted(true, r.loc);
  if (v.kind !== 'known') return unknownFact(causeOf(v, r, name), v.loc ?? r.loc);
  const t = String(v.value).toLowerCase();
  if (t === 'allow') return fact(true, v.loc ?? r.loc);
  if (t === 'deny') return fact(false, v.loc ?? r.loc);
  return unknownFact({ inputs: [], detail: `${name} = ${JSON.stringify(v.value)} is not Allow or Deny` }, v.loc ?? r.loc);
}

/** True when a list of IP rules admits at least one address; an unknown list is unknown. */
export function admitsAddresses(v: Value | undefined, r: NativeResource, name: string): Fact<boolean> {
  if (v === undefined || (v.kind === 'known' && v.value === null)) return defaulted(false, r.loc);
  if (v.kind === 'unknown' || v.kind === 'ref') return unknownFact(causeOf(v, r, name), v.loc ?? r.loc);
  const items = itemsOf(v).filter((i) => !(i.kind === 'known' && (i.value === null || i.value === '')));
  return fact(items.length > 0, (items[0] ?? v).loc ?? r.loc);
}

/**
 * What a firewall admits from its default action (`allowAll`) and its IP
 * rules (`ipRanges`). A firewall that may allow by default is unknown, even
 * with IP rules: whether it denies the rest is the open question.
 */
export function firewallState(allowAll: Fact<boolean>, ipRanges: Fact<boolean>): Fact<PublicFirewall> {
  if (!allowAll.known) return allowAll;
  if (allowAll.value) return { ...allowAll, value: 'allows-all' };
  if (!ipRanges.known) return ipRanges;
  return ipRanges.value ? { ...ipRanges, value: 'admits-ranges' } : { ...allowAll, value: 'denies' };
}

/** Public network access as the exposure, with what the firewall admits on that endpoint. */
export function publicExposure(access: Fact<boolean>, allowAll: Fact<boolean>, ipRanges: Fact<boolean>): { publiclyAccessible: Fact<boolean>; publicFirewall: Fact<PublicFirewall> } {
  return { publiclyAccessible: access, publicFirewall: firewallState(allowAll, ipRanges) };
}
