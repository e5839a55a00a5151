// Azure network interfaces in a closed segment that no NSG filters: neither
// the NIC nor its subnet has one, so Azure allows all outbound traffic, the
// internet included (LG-3.4 judges the NSGs themselves). An NSG of the scan
// that nothing known attaches to may be associated through a reference kikan
// could not resolve, so it makes such a NIC unknown rather than failing; so
// does an NSG the NIC or its subnet names that cannot be resolved (its rules
// are not in the scan either).
import type { UnknownCause } from '../../readers/value.js';
import type { ControlContext, Draft } from '../control.js';
import { fail, unknown } from '../draft.js';
import { closednessOf, describeSegment, segmentEvidence } from './closed-segment.js';

/** Ids of the NSGs some subnet or NIC names. */
function attachedGroups(ctx: ControlContext): Set<string> {
  const out = new Set<string>();
  for (const s of ctx.model.all('subnet')) if (s.securityGroup?.known && s.securityGroup.value) out.add(s.securityGroup.value);
  for (const n of ctx.model.all('network-interface')) {
    if (!n.securityGroups.known) continue;
    for (const l of n.securityGroups.value) if (l.known) out.add(l.value);
  }
  return out;
}

export function unfilteredNics(ctx: ControlContext, tagKey: string): Draft[] {
  const attached = attachedGroups(ctx);
  const floating = ctx.model.all('security-group').filter((g) => g.flavor === 'azure-nsg' && !attached.has(g.id));
  const drafts: Draft[] = [];
  for (const nic of ctx.model.all('network-interface')) {
    if (nic.cloud !== 'azure') continue;
    // An NSG of the scan on the NIC is judged as a group.
    const onNic = nic.securityGroups.known ? nic.securityGroups.value : [nic.securityGroups];
    if (onNic.some((l) => l.known)) continue;
    const subnet = nic.subnet.known ? ctx.model.getOf(nic.subnet.value, 'subnet') : undefined;
    const sg = subnet?.securityGroup;
    if (nic.subnet.known && (!subnet || !sg || (sg.known && sg.value !== null))) continue;
    const a = ctx.graph.segmentOf(nic.id);
    const c = closednessOf(a, tagKey);
    if (c.kind === 'open') continue;
    const seg = describeSegment(a, ctx.model);
    const where = subnet ? ` ${subnet.address}` : '';
    const evidence = { ...segmentEvidence(a, ctx.model), ...(subnet ? { subnet: subnet.address } : {}) };
    const text = {
      ja: `${seg.ja}のネットワークインターフェースにも、そのサブネット${where} にも NSG がないため、インターネットを含むすべての送信が許可されています`,
      en: `neither this network interface in the ${seg.en} nor its subnet${where} has an NSG, so all egress, the internet included, is allowed`,
    };
    const causes: UnknownCause[] = onNic.flatMap((l) => (l.known ? [] : [l.cause]));
    if (!nic.subnet.known) causes.push(nic.subnet.cause);
    if (sg && !sg.known) causes.push(sg.cause);
    if (c.kind === 'maybe') causes.push(c.cause);
    for (const g of floating) {
      causes.push({ inputs: [g.address], detail: `${g.address} is associated with nothing kikan could resolve, and may be this subnet's NSG` });
    }
    if (causes.length === 0) {
      drafts.push(fail(nic, text, { location: nic.loc, evidence }));
      continue;
    }
    drafts.push(
      unknown(
        nic,
        {
          ja: `${seg.ja}のネットワークインターフェースとそのサブネット${where} を NSG が保護しているか判定できません`,
          en: `cannot tell whether an NSG filters this network interface in the ${seg.en} or its subnet${where}`,
        },
        causes,
        { location: sg?.loc ?? nic.loc, evidence },
      ),
    );
  }
  return drafts;
}
