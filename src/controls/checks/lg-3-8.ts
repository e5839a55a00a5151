// LG-3.8 例外的インターネット経路の統制: internet egress out of a closed
// segment through a firewall (for patches, antivirus patterns, SaaS) must be
// approved in the policy file, and the firewall must let through nothing
// beyond the approved domains. One result per firewall and closed segment:
// - no approval covers the paths -> fail; a lapsed one -> fail saying so;
// - the firewall passes traffic that matches no rule (default action pass),
//   allows a domain outside the approval (each firewall's own wildcard
//   semantics, see domain-match.ts), or lets addresses through by network
//   rule beyond the approved service tags -> fail naming what is extra;
// - otherwise `exception` (never pass): the municipality sees every hole;
// - a firewall with no allow rule that drops by default lets nothing out:
//   pass, whatever the approvals say.
// When every path through the firewall is only possible, a failing result
// becomes unknown with the path's cause.
import type { InternetPath } from '../../graph/types.js';
import { parseCidr, coversInternet } from '../../graph/cidr.js';
import type { Fact } from '../../model/fact.js';
import type { Firewall } from '../../model/network.js';
import type { ApprovedPath } from '../../policy/types.js';
import type { SourceLoc, UnknownCause } from '../../readers/value.js';
import type { LocalText } from '../../results/finding.js';
import type { ControlCheck, ControlContext, Draft } from '../control.js';
import { fail, pass, unknown, unknownFrom } from '../draft.js';
import { approvalEvidence, findApproval, serviceTagCovered } from '../network/approved-paths.js';
import type { ClosedSegment } from '../network/closed-segment.js';
import { SEGMENT_LABEL, closednessOf } from '../network/closed-segment.js';
import { approvedPattern, firewallPattern, within } from '../network/domain-match.js';
import { pathEvidence } from '../network/path-evidence.js';

interface Use {
  firewall: Firewall;
  segment: ClosedSegment;
  subnets: string[];
  paths: InternetPath[];
}

/** What the firewall lets through beyond the approval, with where the first excess is written. */
interface Excess {
  items: string[];
  loc?: SourceLoc;
}

function domainExcess(fw: Firewall, approval: ApprovedPath): Excess | UnknownCause {
  if (!fw.domainRules.known) return fw.domainRules.cause;
  const approved = approval.domains.map(approvedPattern);
  const out: Excess = { items: [] };
  for (const r of fw.domainRules.value) {
    if (r.action !== 'allow') continue;
    for (const d of r.domains) {
      if (within(firewallPattern(d, r.syntax), approved)) continue;
      out.items.push(r.syntax === 'azure-firewall-fqdn-tag' ? `FQDN tag ${d}` : d);
      out.loc ??= r.loc;
    }
  }
  const rules = fw.addressRules;
  if (rules && !rules.known) return rules.cause;
  for (const r of rules?.known ? rules.value : []) {
    if (r.action !== 'allow') continue;
    for (const dest of r.destinations) {
      if (addressApproved(dest, approval)) continue;
      out.items.push(`${r.name ? `network rule ${r.name}: ` : ''}${dest}`);
      out.loc ??= r.loc;
    }
  }
  return out;
}

/** A network rule destination stays within the approval: private, an approved service tag, or an approved domain. */
function addressApproved(dest: string, approval: ApprovedPath): boolean {
  const d = dest.trim();
  const c = parseCidr(d);
  if (c) return !coversInternet(c);
  if (/^[\d.]+-[\d.]+$/.test(d)) {
    const [lo, hi] = d.split('-').map((x) => parseCidr(x));
    return !!lo && !!hi && !coversInternet(lo) && !coversInternet(hi);
  }
  if (d === '*' || d.toLowerCase() === 'internet') return approval.serviceTags.some((t) => t === '*' || t.toLowerCase() === 'internet');
  if (d.includes('.') && !d.includes('/')) {
    if (approval.serviceTags.some((t) => serviceTagCovered(t, d))) return true;
    return within(approvedPattern(d), approval.domains.map(approvedPattern));
  }
  return approval.serviceTags.some((t) => serviceTagCovered(t, d));
}

/** Default drop and not a single allow rule: the path ends at the firewall. The causes when that cannot be told. */
function letsNothingOut(fw: Firewall): boolean | UnknownCause[] {
  const allows = (rules: Fact<{ action: string }[]> | undefined): boolean => !!rules?.known && rules.value.some((r) => r.action === 'allow');
  if ((fw.defaultDeny.known && !fw.defaultDeny.value) || allows(fw.domainRules) || allows(fw.addressRules)) return false;
  const causes: UnknownCause[] = [];
  for (const f of [fw.defaultDeny, fw.domainRules, fw.addressRules]) if (f && !f.known) causes.push(f.cause);
  return causes.length > 0 ? causes : true;
}

function allowedList(fw: Firewall): string[] {
  if (!fw.domainRules.known) return [];
  return fw.domainRules.value.filter((r) => r.action === 'allow').flatMap((r) => r.domains);
}

function judge(u: Use, ctx: ControlContext): Draft {
  const fw = u.firewall;
  const seg = SEGMENT_LABEL[u.segment];
  const subnets = u.subnets.map((s) => ctx.model.get(s)?.address ?? s);
  const definite = u.paths.some((p) => p.certainty === 'definite');
  const pathCauses = u.paths.map((p) => p.cause).filter((c): c is UnknownCause => c !== undefined);
  const evidence: Record<string, unknown> = {
    firewall: fw.address,
    segment: u.segment,
    subnets,
    allowedDomains: allowedList(fw),
    paths: u.paths.slice(0, 5).map(pathEvidence),
  };
  const base = { key: u.segment, evidence };
  const failOrUnknown = (text: LocalText, location: SourceLoc): Draft =>
    definite
      ? fail(fw, text, { ...base, location })
      : unknown(fw, { ja: `${text.ja}（経路が存在するかは判定できません）`, en: `${text.en} (whether the path exists cannot be told)` }, pathCauses, { ...base, location });

  const nothingOut = letsNothingOut(fw);
  if (nothingOut === true) {
    return pass(fw, { ja: `ファイアウォール ${fw.address} は許可の規則を持たず、既定で通信を破棄するため、インターネットへ出る通信はありません`, en: `the firewall ${fw.address} has no allow rule and drops by default: nothing leaves for the internet` }, { ...base, location: fw.defaultDeny.loc ?? fw.loc });
  }
  const addresses = [fw.address, ...u.paths.flatMap((p) => [...p.hops.map((h) => h.address), p.openedBy])];
  const m = findApproval(ctx.policy, ctx.now, { segments: [u.segment], addresses, viaOptional: true });
  const from = { ja: `${seg.ja}のサブネット（${subnets.join(', ')}）`, en: `subnets of the ${seg.en} (${subnets.join(', ')})` };
  if (m.kind === 'none') {
    if (Array.isArray(nothingOut)) {
      return unknown(
        fw,
        {
          ja: `${from.ja}からファイアウォール ${fw.address} を通るインターネットへの送信は承認されていませんが、ファイアウォールが通信を通すか判定できません`,
          en: `internet egress from ${from.en} through the firewall ${fw.address} is not approved, and whether the firewall lets anything through cannot be told`,
        },
        nothingOut,
        { ...base, location: fw.loc },
      );
    }
    return failOrUnknown(
      {
        ja: `${from.ja}からファイアウォール ${fw.address} を通るインターネットへの送信が、ポリシーファイルで承認されていません`,
        en: `internet egress from ${from.en} through the firewall ${fw.address} is not approved in the policy file`,
      },
      fw.loc,
    );
  }
  const ap = m.approval;
  evidence.approval = approvalEvidence(ap);
  evidence.approvedDomains = ap.domains;
  if (m.kind === 'expired') {
    return failOrUnknown(
      {
        ja: `${from.ja}からファイアウォール ${fw.address} を通るインターネットへの送信の承認「${ap.id}」は、期限（${ap.expires}）が切れています`,
        en: `the approval "${ap.id}" of internet egress from ${from.en} through the firewall ${fw.address} expired on ${ap.expires}`,
      },
      ap.loc ?? fw.loc,
    );
  }
  if (!fw.defaultDeny.known) {
    return unknownFrom(fw, { ja: 'ファイアウォールの既定の動作を判定できません', en: "cannot tell the firewall's default action" }, [fw.defaultDeny], base);
  }
  if (!fw.defaultDeny.value) {
    return failOrUnknown(
      {
        ja: `ファイアウォール ${fw.address} は、どの規則にも一致しない通信をそのまま通します（既定の動作が許可）。承認「${ap.id}」のドメインだけに限られていません`,
        en: `the firewall ${fw.address} passes traffic that matches no rule (default action pass), so egress is not limited to the domains of approval "${ap.id}"`,
      },
      fw.defaultDeny.loc ?? fw.loc,
    );
  }
  const excess = domainExcess(fw, ap);
  if (!('items' in excess)) {
    return unknown(fw, { ja: 'ファイアウォールの許可ドメインを判定できません', en: 'cannot tell which domains the firewall allows' }, [excess], { ...base, location: fw.loc });
  }
  if (excess.items.length > 0) {
    evidence.extra = excess.items;
    return failOrUnknown(
      {
        ja: `ファイアウォール ${fw.address} が、承認「${ap.id}」の範囲を超える送信先を許可しています: ${excess.items.join(', ')}`,
        en: `the firewall ${fw.address} allows destinations beyond approval "${ap.id}": ${excess.items.join(', ')}`,
      },
      excess.loc ?? fw.loc,
    );
  }
  const allowed = allowedList(fw);
  return {
    status: 'exception',
    subject: fw,
    location: fw.domainRules.known ? (fw.domainRules.value[0]?.loc ?? fw.loc) : fw.loc,
    message: {
      ja: `${from.ja}からファイアウォール ${fw.address} を通るインターネットへの送信は、許可ドメイン（${allowed.join(', ') || 'なし'}）が承認「${ap.id}」（${ap.reason}、承認者 ${ap.approver}、期限 ${ap.expires}）の範囲内の例外です`,
      en: `internet egress from ${from.en} through the firewall ${fw.address} is an exception: its allowed domains (${allowed.join(', ') || 'none'}) are within approval "${ap.id}" (${ap.reason}; approver ${ap.approver}; expires ${ap.expires})`,
    },
    ...base,
  };
}

export const check: ControlCheck = {
  id: 'LG-3.8',
  check(ctx) {
    const tagKey = ctx.policy.tagKeys.segment;
    const uses = new Map<string, Use>();
    const drafts: Draft[] = [];
    for (const subnet of ctx.model.all('subnet')) {
      const c = closednessOf(ctx.graph.segmentOf(subnet.id), tagKey);
      if (c.kind === 'open') continue;
      for (const p of ctx.graph.internetPaths(subnet.id)) {
        if (!p.firewall) continue;
        const fw = ctx.model.getOf(p.firewall, 'firewall');
        if (!fw) continue;
        if (c.kind === 'maybe') {
          drafts.push(
            unknown(fw, { ja: `${subnet.address} からこのファイアウォールを通る送信が閉域区分からのものか判定できません`, en: `cannot tell whether egress from ${subnet.address} through this firewall leaves a closed segment` }, [c.cause], {
              key: `unknown ${subnet.address}`,
              location: fw.loc,
            }),
          );
          continue;
        }
        const k = `${fw.id}\u0000${c.segment}`;
        let u = uses.get(k);
        if (!u) uses.set(k, (u = { firewall: fw, segment: c.segment, subnets: [], paths: [] }));
        if (!u.subnets.includes(subnet.id)) u.subnets.push(subnet.id);
        u.paths.push(p);
      }
    }
    for (const u of uses.values()) drafts.push(judge(u, ctx));
    // One unknown per subnet and firewall is enough.
    const seen = new Set<string>();
    return drafts.filter((d) => {
      const k = `${d.subject.id}\u0000${d.key}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  },
};
