// LG-3.4 閉域区分の送信制御: security groups and NSGs of mynumber and lgwan
// allow no egress to the internet. Platform defaults count: CloudFormation's
// implicit allow-all egress, the VPC's default security group, the NSG rule
// AllowInternetOutBound (unless a deny of a lower priority number stops it).
// One result per offending rule, located at the rule; a group without one
// passes. Destinations:
// - 0.0.0.0/0, ::/0, `Internet`, `*` and other public ranges fail;
// - Azure service tags (public service addresses) fail;
// - unless an approval names the group or rule in `via`, or the destination
//   in `serviceTags`: then `exception`, and a lapsed approval fails;
// - an AWS prefix list is private when it is a gateway endpoint's list;
//   otherwise its entries are not in the model: `unknown` unless approved.
// Network ACLs are not judged here (stateless subnet filters, not the
// SG/NSG egress the control is about). An Azure NIC with no NSG on itself or
// its subnet allows all egress: it fails (unknown while an NSG of the scan
// is attached to nothing resolvable).
import type { SecurityGroup, SecurityRule } from '../../model/security.js';
import type { UnknownCause } from '../../readers/value.js';
import type { ControlCheck, ControlContext, Draft } from '../control.js';
import { fail, pass, unknown } from '../draft.js';
import type { ApprovalMatch } from '../network/approved-paths.js';
import { approvalEvidence, findApproval } from '../network/approved-paths.js';
import type { Closedness } from '../network/closed-segment.js';
import { describeSegment, groupClosedness, segmentEvidence } from '../network/closed-segment.js';
import { hiddenSubnetDrafts } from '../network/hidden-subnets.js';
import { unfilteredNics } from '../network/unfiltered-nics.js';
import { earlierDeny, ruleKey, ruleLabel, uncertainEarlierDeny } from '../network/rule-order.js';
import { peerReach } from '../network/rule-peers.js';

type Open = Exclude<Closedness, { kind: 'open' }>;

function groupLabel(g: SecurityGroup): { ja: string; en: string } {
  return g.flavor === 'azure-nsg' ? { ja: 'NSG', en: 'the NSG' } : { ja: 'セキュリティグループ', en: 'the security group' };
}

function gatewayEndpointLists(ctx: ControlContext): Set<string> {
  const out = new Set<string>();
  for (const e of ctx.model.all('endpoint')) if (e.endpointType === 'gateway') out.add(e.address);
  return out;
}

function judgeRule(g: SecurityGroup, rule: SecurityRule, c: Open, endpointLists: Set<string>, ctx: ControlContext): Draft | undefined {
  const label = ruleLabel(rule);
  const key = ruleKey(g, rule);
  const seg = describeSegment(c.assignment, ctx.model);
  const where = c.kind === 'closed' ? { ja: `${seg.ja}の${groupLabel(g).ja}`, en: `${groupLabel(g).en} in the ${seg.en}` } : { ja: groupLabel(g).ja, en: groupLabel(g).en };
  const base = { location: rule.loc, key };
  if (!rule.peers.known) {
    return unknown(g, { ja: `${where.ja}で、${label.ja}の送信先を判定できません`, en: `cannot tell the destinations of ${label.en} of ${where.en}` }, [rule.peers.cause], {
      ...base,
      evidence: segmentEvidence(c.assignment, ctx.model),
    });
  }
  const failing: string[] = [];
  const excepted: string[] = [];
  const open: { text: string; cause: UnknownCause }[] = [];
  let approval = { kind: 'none' } as ApprovalMatch;
  const approvalFor = (text: string): ApprovalMatch =>
    c.kind === 'closed'
      ? findApproval(ctx.policy, ctx.now, { segments: [c.segment], addresses: [g.address, rule.definedBy], services: [text] })
      : { kind: 'none' };
  for (const p of rule.peers.value) {
    const reach = peerReach(p);
    if (reach.kind === 'private') continue;
    if (reach.kind === 'prefix-list' && endpointLists.has(reach.text)) continue;
    if (earlierDeny(g, rule, reach)) continue;
    const maybeDenied = uncertainEarlierDeny(g, rule, reach);
    if (maybeDenied) {
      open.push({ text: reach.text, cause: maybeDenied });
      continue;
    }
    if (reach.kind === 'unreadable') {
      open.push({ text: reach.text, cause: { inputs: [rule.definedBy], detail: `"${reach.text}" is not an address block kikan can read` } });
      continue;
    }
    const m = approvalFor(reach.text);
    if (m.kind !== 'none') approval = m.kind === 'expired' && approval.kind === 'approved' ? approval : m;
    if (m.kind === 'approved') excepted.push(reach.text);
    else if (reach.kind === 'prefix-list' && m.kind === 'none') {
      open.push({ text: reach.text, cause: { inputs: [reach.text, 'policy: approvedPaths[].serviceTags'], detail: `the entries of prefix list ${reach.text} are not in the model` } });
    } else failing.push(reach.text);
  }
  if (failing.length === 0 && excepted.length === 0 && open.length === 0) return undefined;
  const evidence: Record<string, unknown> = {
    ...segmentEvidence(c.assignment, ctx.model),
    rule: { definedBy: rule.definedBy, ...(rule.name ? { name: rule.name } : {}), ...(rule.platformDefault ? { platformDefault: rule.platformDefault } : {}) },
    destinations: [...failing, ...open.map((o) => o.text), ...excepted],
    ...(approval.kind !== 'none' ? { approval: approvalEvidence(approval.approval) } : {}),
  };
  const lapsed =
    approval.kind === 'expired'
      ? { ja: `（承認「${approval.approval.id}」は期限 ${approval.approval.expires} で切れています）`, en: ` (approval "${approval.approval.id}" expired on ${approval.approval.expires})` }
      : { ja: '', en: '' };
  if (failing.length > 0) {
    const dests = failing.join(', ');
    const text = {
      ja: `${where.ja}で、${label.ja}がインターネット（${dests}）への送信を許可しています${lapsed.ja}`,
      en: `${label.en} of ${where.en} allows egress to the internet (${dests})${lapsed.en}`,
    };
    const causes: UnknownCause[] = [];
    if (c.kind === 'maybe') causes.push(c.cause);
    if (rule.conditional) causes.push(rule.conditional);
    if (causes.length > 0) {
      return unknown(
        g,
        { ja: `${text.ja}。ただし${c.kind === 'maybe' ? '閉域区分かどうか' : '規則が存在するかどうか'}判定できません`, en: `${text.en}, but ${c.kind === 'maybe' ? 'whether it is in a closed segment' : 'whether the rule exists'} cannot be told` },
        causes,
        { ...base, evidence },
      );
    }
    return fail(g, text, { ...base, evidence });
  }
  if (open.length > 0) {
    return unknown(
      g,
      {
        ja: `${where.ja}で、${label.ja}の送信先（${open.map((o) => o.text).join(', ')}）がインターネットを含むか判定できません`,
        en: `cannot tell whether the destinations of ${label.en} of ${where.en} (${open.map((o) => o.text).join(', ')}) include the internet`,
      },
      open.map((o) => o.cause),
      { ...base, evidence },
    );
  }
  const a = approval.kind === 'approved' ? approval.approval : undefined;
  return {
    status: 'exception',
    subject: g,
    message: {
      ja: `${where.ja}で、${label.ja}が ${excepted.join(', ')} への送信を許可しています。承認「${a?.id}」（${a?.reason}、承認者 ${a?.approver}、期限 ${a?.expires}）による例外です`,
      en: `${label.en} of ${where.en} allows egress to ${excepted.join(', ')}, an exception approved as "${a?.id}" (${a?.reason}; approver ${a?.approver}; expires ${a?.expires})`,
    },
    ...base,
    evidence,
  };
}

export const check: ControlCheck = {
  id: 'LG-3.4',
  check(ctx) {
    const drafts: Draft[] = [];
    const tagKey = ctx.policy.tagKeys.segment;
    const endpointLists = gatewayEndpointLists(ctx);
    for (const g of ctx.model.all('security-group')) {
      if (g.flavor === 'aws-network-acl') continue;
      const c = groupClosedness(ctx.graph, g, tagKey);
      if (c.kind === 'open') continue;
      const ruleDrafts: Draft[] = [];
      for (const rule of g.rules) {
        if (rule.direction !== 'egress' || rule.action !== 'allow') continue;
        const d = judgeRule(g, rule, c, endpointLists, ctx);
        if (d) ruleDrafts.push(d);
      }
      drafts.push(...ruleDrafts);
      if (ruleDrafts.some((d) => d.status === 'fail')) continue;
      const seg = describeSegment(c.assignment, ctx.model);
      const complete = g.rulesComplete;
      if (!complete.known || !complete.value) {
        const cause: UnknownCause = complete.known ? { inputs: [g.address], detail: `rules of ${g.address} may come from resources outside the scan` } : complete.cause;
        drafts.push(
          unknown(g, { ja: '送信規則をすべては判定できません', en: 'cannot tell all the egress rules of the group' }, [cause], {
            location: complete.loc ?? g.loc,
            evidence: segmentEvidence(c.assignment, ctx.model),
          }),
        );
      } else if (ruleDrafts.length === 0) {
        drafts.push(
          pass(
            g,
            c.kind === 'closed'
              ? { ja: `${seg.ja}の${groupLabel(g).ja}はインターネットへの送信を許可していません`, en: `${groupLabel(g).en} in the ${seg.en} allows no egress to the internet` }
              : { ja: `${groupLabel(g).ja}はインターネットへの送信を許可していません`, en: `${groupLabel(g).en} allows no egress to the internet` },
            { evidence: segmentEvidence(c.assignment, ctx.model) },
          ),
        );
      }
    }
    drafts.push(...unfilteredNics(ctx, tagKey));
    drafts.push(
      ...hiddenSubnetDrafts(ctx, tagKey, {
        ja: 'ネットワーク内に書かれたサブネットを読み取れないため、それらのサブネットの NSG がインターネットへの送信を許可しているか判定できません',
        en: 'the subnets written inside this network cannot be read, so whether their NSGs allow egress to the internet cannot be told',
      }),
    );
    return drafts;
  },
};
