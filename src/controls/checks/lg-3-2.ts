// LG-3.2 閉域区分のインターネット経路禁止: no way out to the internet from a
// mynumber or lgwan subnet (derived mynumber included). One result per path,
// on the subnet, located at the route or association that opens it, with
// the hops as evidence. A path the policy file approves (想定論点②) is an
// `exception`, never a pass; a lapsed approval fails and says so. A path
// through a firewall is judged here by its approval like any other; whether
// the firewall's domain allowlist stays within that approval is LG-3.8.
import type { InternetPath } from '../../graph/types.js';
import type { Subnet } from '../../model/network.js';
import type { UnknownCause } from '../../readers/value.js';
import type { ControlCheck, ControlContext, Draft } from '../control.js';
import { fail, pass, unknown } from '../draft.js';
import type { ApprovalMatch } from '../network/approved-paths.js';
import { approvalEvidence, findApproval } from '../network/approved-paths.js';
import type { Closedness } from '../network/closed-segment.js';
import { closednessOf, describeSegment, segmentEvidence } from '../network/closed-segment.js';
import { hiddenSubnetDrafts } from '../network/hidden-subnets.js';
import { exitLabel, pathEvidence, pathKey, pathSummary } from '../network/path-evidence.js';

function approvalOf(p: InternetPath, c: Closedness, ctx: ControlContext): ApprovalMatch {
  if (c.kind !== 'closed') return { kind: 'none' };
  const addresses = [...p.hops.map((h) => h.address), p.openedBy];
  const services = p.exit === 'service-endpoint' ? p.hops.filter((h) => h.role === 'service-endpoint').map((h) => h.note ?? h.address) : undefined;
  return findApproval(ctx.policy, ctx.now, {
    segments: [c.segment],
    addresses,
    viaOptional: p.firewall !== undefined,
    ...(services?.length ? { services } : {}),
  });
}

function judgePath(subnet: Subnet, c: Exclude<Closedness, { kind: 'open' }>, p: InternetPath, ctx: ControlContext): Draft {
  const seg = describeSegment(c.assignment, ctx.model);
  const exit = exitLabel(p);
  const hops = pathSummary(p);
  const via = hops ? { ja: `（${hops}）`, en: ` (${hops})` } : { ja: '', en: '' };
  const v6 = p.family === 'ipv6' ? { ja: 'IPv6 で', en: 'IPv6 ' } : { ja: '', en: '' };
  const match = approvalOf(p, c, ctx);
  const evidence: Record<string, unknown> = {
    ...segmentEvidence(c.assignment, ctx.model),
    path: pathEvidence(p),
    exit: p.exit,
    family: p.family,
    certainty: p.certainty,
    ...(p.firewall ? { firewall: ctx.model.get(p.firewall)?.address ?? p.firewall } : {}),
    ...(p.blockedByRules ? { blockedByRules: true } : {}),
    ...(match.kind !== 'none' ? { approval: approvalEvidence(match.approval) } : {}),
  };
  const extra = { location: p.openedAt, evidence, key: pathKey(p) };
  if (match.kind === 'approved') {
    const a = match.approval;
    return {
      status: 'exception',
      subject: subnet,
      message: {
        ja: `${seg.ja}のサブネットから${exit.ja}を通る${v6.ja}インターネットへの経路${via.ja}は、承認「${a.id}」（${a.reason}、承認者 ${a.approver}、期限 ${a.expires}）による例外です`,
        en: `the ${v6.en}path from this subnet in the ${seg.en} to the internet through ${exit.en}${via.en} is an exception approved as "${a.id}" (${a.reason}; approver ${a.approver}; expires ${a.expires})`,
      },
      ...extra,
    };
  }
  const lapsed =
    match.kind === 'expired'
      ? { ja: `。承認「${match.approval.id}」は期限（${match.approval.expires}）が切れています`, en: `; approval "${match.approval.id}" expired on ${match.approval.expires}` }
      : { ja: '', en: '' };
  if (c.kind === 'maybe' || p.certainty === 'possible') {
    const causes: UnknownCause[] = [];
    if (c.kind === 'maybe') causes.push(c.cause);
    if (p.certainty === 'possible' && p.cause) causes.push(p.cause);
    const text =
      c.kind === 'maybe'
        ? {
            ja: `サブネットから${exit.ja}を通る${v6.ja}インターネットへの経路${via.ja}がありますが、サブネットが閉域区分か判定できません${lapsed.ja}`,
            en: `${v6.en ? 'an' : 'a'} ${v6.en}path leads from this subnet to the internet through ${exit.en}${via.en}, but whether the subnet is in a closed segment cannot be told${lapsed.en}`,
          }
        : {
            ja: `${seg.ja}のサブネットから${exit.ja}を通る${v6.ja}インターネットへの経路${via.ja}があるか判定できません${lapsed.ja}`,
            en: `cannot tell whether the ${v6.en}path from this subnet in the ${seg.en} through ${exit.en}${via.en} reaches the internet${lapsed.en}`,
          };
    return unknown(subnet, text, causes, extra);
  }
  const blocked = p.blockedByRules
    ? {
        ja: '（今はセキュリティルールが送信を止めていますが、経路そのものが閉域区分の要件に反します）',
        en: ' (security rules block the egress today, but the route itself breaks the closed segment)',
      }
    : { ja: '', en: '' };
  return fail(
    subnet,
    {
      ja: `${seg.ja}のサブネットから${exit.ja}を通ってインターネットに出る${v6.ja}経路があります${via.ja}${lapsed.ja}${blocked.ja}`,
      en: `${v6.en ? 'an' : 'a'} ${v6.en}path leads from this subnet in the ${seg.en} to the internet through ${exit.en}${via.en}${lapsed.en}${blocked.en}`,
    },
    extra,
  );
}

export const check: ControlCheck = {
  id: 'LG-3.2',
  check(ctx) {
    const drafts: Draft[] = [];
    const key = ctx.policy.tagKeys.segment;
    for (const subnet of ctx.model.all('subnet')) {
      const c = closednessOf(ctx.graph.segmentOf(subnet.id), key);
      if (c.kind === 'open') continue;
      const paths = ctx.graph.internetPaths(subnet.id);
      if (paths.length === 0) {
        const seg = describeSegment(c.assignment, ctx.model);
        drafts.push(
          pass(
            subnet,
            c.kind === 'closed'
              ? { ja: `${seg.ja}のサブネットからインターネットへの経路はありません`, en: `no path leads from this subnet in the ${seg.en} to the internet` }
              : { ja: 'サブネットからインターネットへの経路はありません', en: 'no path leads from this subnet to the internet' },
            { location: subnet.routeTable.loc ?? subnet.loc, evidence: segmentEvidence(c.assignment, ctx.model) },
          ),
        );
        continue;
      }
      // Several paths may differ only past the point that opens them (one per firewall zone): report each way out once.
      const seen = new Set<string>();
      const definiteFirst = [...paths].sort((x, y) => Number(x.certainty === 'possible') - Number(y.certainty === 'possible'));
      for (const p of definiteFirst) {
        const k = pathKey(p);
        if (seen.has(k)) continue;
        seen.add(k);
        drafts.push(judgePath(subnet, c, p, ctx));
      }
    }
    drafts.push(
      ...hiddenSubnetDrafts(ctx, key, {
        ja: 'ネットワーク内に書かれたサブネットを読み取れないため、それらのサブネットからインターネットへの経路があるか判定できません',
        en: 'the subnets written inside this network cannot be read, so whether they have a path to the internet cannot be told',
      }),
    );
    return drafts;
  },
};
