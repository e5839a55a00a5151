// LG-3.3 閉域区分のパブリック公開禁止: nothing in a mynumber or lgwan
// segment is reachable from the internet by itself — no public IP on an
// instance, NIC or gateway, no subnet that hands out public IPs, no
// publicly accessible database, no internet-facing load balancer, no PaaS
// (storage, SQL, Key Vault, App Service, Service Bus, Event Hubs, container
// registries) with public network access, no EKS public endpoint. A PaaS
// public endpoint fails whatever its firewall admits (rules can be added
// outside the template; the segment is to be reached privately): a firewall
// that denies by default is told as a mitigating note. One result per
// resource, failing on every exposing setting it finds.
import type { PublicFirewall } from '../../model/data.js';
import type { Fact } from '../../model/fact.js';
import type { Entity } from '../../model/model.js';
import type { UnknownFact } from '../../model/fact.js';
import type { SourceLoc } from '../../readers/value.js';
import type { LocalText } from '../../results/finding.js';
import type { ControlCheck, ControlContext, Draft } from '../control.js';
import { fail, pass, unknown, unknownFrom } from '../draft.js';
import type { Closedness } from '../network/closed-segment.js';
import { closednessOf, describeSegment, segmentEvidence, strictestClosedness } from '../network/closed-segment.js';
import { firewallEvidence, publicAccessLocation, publicAccessText } from '../network/public-endpoint.js';

/** A setting that exposes the resource when true. */
interface Exposure {
  fact: Fact<boolean>;
  /** Says what is wrong, for the failure message. */
  what: LocalText;
  attribute: string;
  /** Set when `what` already says whether the setting is the platform default. */
  describesDefault?: true;
  /** Where to point when it is not where the fact is written. */
  location?: SourceLoc;
  evidence?: Record<string, unknown>;
}

/** An EKS cluster's public endpoint is its Kubernetes API server; its CIDRs play the firewall. */
const EKS_ENDPOINT: LocalText = { ja: 'Kubernetes API のパブリックエンドポイント', en: 'the public Kubernetes API endpoint' };

function defaultNote(x: Exposure): LocalText {
  return x.fact.known && x.fact.defaulted && !x.describesDefault ? { ja: '（既定値）', en: ' (default)' } : { ja: '', en: '' };
}

/** An Azure service with a public endpoint: public network access on fails, whatever the firewall admits. */
function publicEndpoint(fact: Fact<boolean> | undefined, firewall: Fact<PublicFirewall> | undefined, attribute = 'publiclyAccessible', subject?: LocalText): Exposure | undefined {
  if (!fact) return undefined;
  if (!fact.known || !fact.value) return { fact, attribute, what: { ja: '', en: '' } };
  const location = publicAccessLocation(fact, firewall);
  return {
    fact,
    attribute,
    what: publicAccessText(fact, firewall, subject),
    describesDefault: true,
    ...(location ? { location } : {}),
    evidence: firewallEvidence(firewall),
  };
}

function exposuresOf(e: Entity): Exposure[] {
  const out: Exposure[] = [];
  const add = (fact: Fact<boolean> | undefined, attribute: string, what: LocalText): void => {
    if (fact) out.push({ fact, what, attribute });
  };
  switch (e.kind) {
    case 'subnet':
      add(e.mapPublicIpOnLaunch, 'mapPublicIpOnLaunch', {
        ja: '起動するインスタンスにパブリック IP を割り当てる設定（map_public_ip_on_launch）が有効です',
        en: 'it gives the instances launched in it a public IP (map_public_ip_on_launch)',
      });
      break;
    case 'compute': {
      if (e.computeType === 'launch-template') break;
      add(e.publicIp, 'publicIp', { ja: 'パブリック IP が割り当てられます', en: 'it gets a public IP' });
      const app = e.computeType === 'eks-cluster'
        ? publicEndpoint(e.publicNetworkAccess, e.publicFirewall, 'endpointPublicAccess', EKS_ENDPOINT)
        : publicEndpoint(e.publicNetworkAccess, e.publicFirewall, 'publicNetworkAccess');
      if (app) out.push(app);
      break;
    }
    case 'network-interface':
      add(e.publicIp, 'publicIp', { ja: 'パブリック IP があります', en: 'it has a public IP' });
      break;
    case 'data-store': {
      const azure = e.publicFirewall ? publicEndpoint(e.publiclyAccessible, e.publicFirewall) : undefined;
      if (azure) out.push(azure);
      else {
        add(e.publiclyAccessible, 'publiclyAccessible', {
          ja: 'インターネットから直接アクセスできる設定（publicly accessible・公開ネットワークアクセス）です',
          en: 'it is reachable from the internet (publicly accessible / public network access)',
        });
      }
      break;
    }
    case 'load-balancer':
      add(e.internetFacing, 'internetFacing', { ja: 'インターネット向け（internet-facing）です', en: 'it is internet-facing' });
      break;
    case 'key': {
      const vault = publicEndpoint(e.publiclyAccessible, e.publicFirewall);
      if (vault) out.push(vault);
      break;
    }
    default:
      break;
  }
  return out;
}

function judge(e: Entity, c: Exclude<Closedness, { kind: 'open' }>, exposures: Exposure[], ctx: ControlContext): Draft {
  const seg = describeSegment(c.assignment, ctx.model);
  const evidence: Record<string, unknown> = { ...segmentEvidence(c.assignment, ctx.model) };
  const exposed = exposures.filter((x) => x.fact.known && x.fact.value);
  const open: UnknownFact[] = exposures.map((x) => x.fact).filter((f): f is UnknownFact => !f.known);
  if (exposed.length > 0 && c.kind === 'closed') {
    const first = exposed[0]!;
    evidence.exposures = exposed.map((x) => x.attribute);
    for (const x of exposed) Object.assign(evidence, x.evidence);
    const ja = exposed.map((x) => `${x.what.ja}${defaultNote(x).ja}`).join('。');
    const en = exposed.map((x) => `${x.what.en}${defaultNote(x).en}`).join('; ');
    const location = first.location ?? first.fact.loc ?? e.loc;
    if (e.conditional) {
      // Created only under a condition that cannot be evaluated: exposed if it exists.
      return unknown(
        e,
        { ja: `${seg.ja}にあるリソースで、${ja}。ただしリソースが作成されるか判定できません`, en: `in the ${seg.en}, ${en}, but whether it is created cannot be told` },
        [e.conditional],
        { location, evidence },
      );
    }
    return fail(e, { ja: `${seg.ja}にあるリソースですが、${ja}`, en: `in the ${seg.en}, ${en}` }, { location, evidence });
  }
  if (exposed.length > 0) {
    return unknown(
      e,
      {
        ja: `${exposed.map((x) => x.what.ja).join('。')}。閉域区分にあるかどうか判定できません`,
        en: `${exposed.map((x) => x.what.en).join('; ')}, and whether it is in a closed segment cannot be told`,
      },
      c.kind === 'maybe' ? [c.cause] : [],
      { location: exposed[0]!.location ?? exposed[0]!.fact.loc ?? e.loc, evidence },
    );
  }
  if (open.length > 0) {
    return unknownFrom(e, { ja: '公開の設定を判定できません', en: 'cannot tell whether it is exposed to the internet' }, open, { evidence });
  }
  return pass(
    e,
    c.kind === 'closed'
      ? { ja: `${seg.ja}にあり、インターネットに公開されていません`, en: `in the ${seg.en} and not exposed to the internet` }
      : { ja: 'インターネットに公開されていません', en: 'not exposed to the internet' },
    { location: exposures[0]?.fact.loc ?? e.loc, evidence },
  );
}

/** A public IP is judged by where the thing it is bound to sits (a NAT gateway by its own subnet, not by who routes through it). */
function publicIpDraft(ip: Extract<Entity, { kind: 'public-ip' }>, ctx: ControlContext): Draft | undefined {
  const key = ctx.policy.tagKeys.segment;
  const at = ip.attachedTo;
  if (!at.known) {
    const c = closednessOf(ctx.graph.segmentOf(ip.id), key);
    if (c.kind === 'open') return undefined;
    return unknownFrom(ip, { ja: 'パブリック IP の関連付け先を判定できません', en: 'cannot tell what the public IP is bound to' }, [at], {
      evidence: segmentEvidence(c.assignment, ctx.model),
    });
  }
  const targetId = at.value;
  if (targetId === null) return undefined;
  const subnets = ctx.graph.placementOf(targetId);
  const c =
    (subnets.length > 0 ? strictestClosedness(subnets.map((s) => ctx.graph.segmentOf(s)), key) : undefined) ??
    closednessOf(ctx.graph.segmentOf(targetId), key);
  if (c.kind === 'open') return undefined;
  const target = ctx.model.get(targetId)?.address ?? targetId;
  const bound: Exposure = {
    fact: { known: true, value: true, ...(at.loc ? { loc: at.loc } : {}) },
    attribute: 'attachedTo',
    what: { ja: `パブリック IP が ${target} に関連付けられています`, en: `the public IP is bound to ${target}` },
  };
  return judge(ip, c, [bound], ctx);
}

export const check: ControlCheck = {
  id: 'LG-3.3',
  check(ctx) {
    const drafts: Draft[] = [];
    const key = ctx.policy.tagKeys.segment;
    for (const e of ctx.model.entities()) {
      if (e.kind === 'public-ip') {
        const d = publicIpDraft(e, ctx);
        if (d) drafts.push(d);
        continue;
      }
      const exposures = exposuresOf(e);
      if (exposures.length === 0) continue;
      const c = closednessOf(ctx.graph.segmentOf(e.id), key);
      if (c.kind === 'open') continue;
      drafts.push(judge(e, c, exposures, ctx));
    }
    return drafts;
  },
};
