// LG-3.7 マネージドサービスの閉域利用: managed services used from a closed
// segment are reached through private endpoints, never through their public
// addresses. The precise rule kikan applies:
// AWS, per closed VPC that hosts compute (instances, scaling groups, ECS
// services, EKS clusters, Lambda functions), one result per service needed:
// - ssm, ssmmessages, ec2messages: an instance or scaling group in it is
//   managed by SSM (unknown while that cannot be told);
// - logs: it hosts instances or containers and the scan defines CloudWatch
//   log groups;
// - kms: it hosts compute and the scan defines KMS keys;
// - s3: it hosts instances or containers and the scan defines buckets: a
//   gateway endpoint on the route table of every subnet with compute, or an
//   interface endpoint;
// - ecr.api, ecr.dkr: it hosts ECS services or EKS clusters.
// Interface endpoints need private DNS, or the SDKs still resolve the public
// name. An endpoint of a connected VPC serves this one only through a
// private hosted zone the scan cannot see: unknown.
// Azure, per storage account, SQL server, Managed Redis cluster, MongoDB
// vCore cluster, Synapse workspace, Data Explorer cluster, Service Bus or
// Event Hubs namespace, container registry or Key Vault in a closed segment: a private endpoint in a closed subnet, and public network
// access disabled, as the control says (a firewall that denies by default is
// noted, not passed: the public endpoint still exists). A Synapse dedicated
// SQL pool is reached through its workspace's `Sql` endpoint, so the
// workspace is judged for it.
// A store injected into a subnet of its own (SQL Managed Instance) is reached
// there and needs no private endpoint.
import type { Compute } from '../../model/compute.js';
import type { DataStore, PublicFirewall } from '../../model/data.js';
import type { Fact } from '../../model/fact.js';
import type { Entity } from '../../model/model.js';
import type { Endpoint, Network, Subnet } from '../../model/network.js';
import type { UnknownCause } from '../../readers/value.js';
import type { LocalText } from '../../results/finding.js';
import type { ControlCheck, ControlContext, Draft } from '../control.js';
import { fail, pass, unknown } from '../draft.js';
import type { Closedness } from '../network/closed-segment.js';
import { closednessOf, describeSegment, segmentEvidence, strictestClosedness } from '../network/closed-segment.js';
import { firewallEvidence, publicAccessLocation, publicAccessText } from '../network/public-endpoint.js';

type Open = Exclude<Closedness, { kind: 'open' }>;

interface Need {
  service: string;
  why: LocalText;
  /** Set when whether the service is needed at all cannot be told. */
  unsure?: UnknownCause[];
}

/** `ssm` from `com.amazonaws.ap-northeast-1.ssm`, `ecr.api` from `com.amazonaws.ap-northeast-1.ecr.api`. */
export function shortService(name: string): string {
  const m = /^(?:com\.amazonaws|aws\.[a-z0-9-]+)\.[a-z]{2}(?:-[a-z]+)+-\d+\.(.+)$/i.exec(name.trim());
  return (m ? m[1]! : name.trim()).toLowerCase();
}

/** The service an endpoint serves, also when only the region part of its name is unknown. */
function serviceOf(e: Endpoint): string | undefined {
  return e.service.known ? shortService(e.service.value) : e.serviceSuffix;
}

const EC2: ReadonlySet<Compute['computeType']> = new Set(['ec2-instance', 'autoscaling-group']);
const CONTAINERS: ReadonlySet<Compute['computeType']> = new Set(['ecs-service', 'eks-cluster']);
const PLACED_COMPUTE: ReadonlySet<Compute['computeType']> = new Set(['ec2-instance', 'autoscaling-group', 'ecs-service', 'eks-cluster', 'lambda-function']);

function names(list: readonly Entity[]): string {
  const shown = list.slice(0, 3).map((e) => e.address);
  return list.length > 3 ? `${shown.join(', ')} …` : shown.join(', ');
}

function needsOf(compute: Compute[], ctx: ControlContext): Need[] {
  const needs: Need[] = [];
  const ec2 = compute.filter((c) => EC2.has(c.computeType));
  const containers = compute.filter((c) => CONTAINERS.has(c.computeType));
  const managed = ec2.filter((c) => c.managed?.known && c.managed.value);
  const unsure = ec2.filter((c) => c.managed && !c.managed.known);
  if (managed.length > 0 || unsure.length > 0) {
    const why =
      managed.length > 0
        ? { ja: `SSM で管理されるインスタンス（${names(managed)}）があります`, en: `instances managed by SSM (${names(managed)}) use it` }
        : { ja: `SSM で管理されるか判定できないインスタンス（${names(unsure)}）があります`, en: `instances that may be managed by SSM (${names(unsure)}) would use it` };
    const causes = unsure.map((c) => (c.managed as { cause: UnknownCause }).cause);
    for (const service of ['ssm', 'ssmmessages', 'ec2messages']) needs.push({ service, why, ...(managed.length === 0 ? { unsure: causes } : {}) });
  }
  const hosts = [...ec2, ...containers];
  if (hosts.length > 0 && ctx.model.all('log-store').some((l) => l.storeType === 'cloudwatch-log-group')) {
    needs.push({ service: 'logs', why: { ja: `ロググループが定義され、${names(hosts)} がログを送ります`, en: `log groups are defined and ${names(hosts)} send logs` } });
  }
  if (compute.length > 0 && ctx.model.all('key').some((k) => k.keyType === 'kms-key')) {
    needs.push({ service: 'kms', why: { ja: `KMS 鍵が定義され、${names(compute)} が使います`, en: `KMS keys are defined and ${names(compute)} use them` } });
  }
  if (hosts.length > 0 && ctx.model.all('data-store').some((d) => d.storeType === 's3-bucket')) {
    needs.push({ service: 's3', why: { ja: `S3 バケットが定義され、${names(hosts)} が使います`, en: `S3 buckets are defined and ${names(hosts)} use them` } });
  }
  if (containers.length > 0) {
    const why = { ja: `コンテナー（${names(containers)}）がイメージを取得します`, en: `containers (${names(containers)}) pull their images` };
    needs.push({ service: 'ecr.api', why }, { service: 'ecr.dkr', why });
  }
  return needs;
}

/** The route table a subnet uses: its own association, else its VPC's main table. */
function tableOf(s: Subnet, net: Network): Fact<string | null> | undefined {
  if (!s.routeTable.known || s.routeTable.value !== null) return s.routeTable;
  return net.mainRouteTable;
}

type Verdict = { status: 'pass' | 'fail'; text: LocalText; at?: Fact<unknown> } | { status: 'unknown'; text: LocalText; causes: UnknownCause[]; at?: Fact<unknown> };

function judgeEndpoint(e: Endpoint, need: Need, net: Network, computeSubnets: Subnet[]): Verdict {
  if (e.endpointType === 'gateway') {
    const rts = e.routeTables;
    if (!rts || !rts.known) return { status: 'unknown', text: { ja: 'ゲートウェイエンドポイントの関連付け先を判定できません', en: 'cannot tell which route tables the gateway endpoint is on' }, causes: rts ? [rts.cause] : [], ...(rts ? { at: rts } : {}) };
    const on = new Set(rts.value.filter((l) => l.known).map((l) => (l as { value: string }).value));
    const unknownRts = rts.value.filter((l) => !l.known).map((l) => (l as { cause: UnknownCause }).cause);
    const missing: string[] = [];
    const causes: UnknownCause[] = [];
    for (const s of computeSubnets) {
      const t = tableOf(s, net);
      if (!t) causes.push({ inputs: [s.address], detail: `the route table of ${s.address} is not known` });
      else if (!t.known) causes.push(t.cause);
      else if (t.value === null || !on.has(t.value)) missing.push(s.address);
    }
    if (missing.length > 0 && unknownRts.length === 0) {
      return {
        status: 'fail',
        text: { ja: `${e.address} が、サブネット ${missing.join(', ')} のルートテーブルに関連付けられていません`, en: `${e.address} is not on the route tables of subnets ${missing.join(', ')}` },
        at: rts,
      };
    }
    if (missing.length > 0 || causes.length > 0) {
      return { status: 'unknown', text: { ja: `${e.address} がすべてのサブネットのルートテーブルにあるか判定できません`, en: `cannot tell whether ${e.address} is on the route tables of every subnet` }, causes: [...unknownRts, ...causes], at: rts };
    }
    return { status: 'pass', text: { ja: `ゲートウェイエンドポイント ${e.address} がルートテーブルに関連付けられています`, en: `gateway endpoint ${e.address} is on the route tables` }, at: rts };
  }
  const dns = e.privateDns;
  if (!dns) return { status: 'unknown', text: { ja: `${e.address} のプライベート DNS を判定できません`, en: `cannot tell whether ${e.address} has private DNS` }, causes: [{ inputs: [e.address], detail: 'private DNS is not modelled' }] };
  if (!dns.known) return { status: 'unknown', text: { ja: `${e.address} のプライベート DNS を判定できません`, en: `cannot tell whether ${e.address} has private DNS` }, causes: [dns.cause], at: dns };
  if (!dns.value) {
    return {
      status: 'fail',
      text: {
        ja: `${e.address} のプライベート DNS が無効${dns.defaulted ? '（既定値）' : ''}で、SDK は ${need.service} の公開アドレスを使います`,
        en: `${e.address} has private DNS disabled${dns.defaulted ? ' (default)' : ''}, so SDKs still resolve the public ${need.service} address`,
      },
      at: dns,
    };
  }
  return { status: 'pass', text: { ja: `インターフェイスエンドポイント ${e.address}（プライベート DNS 有効）があります`, en: `interface endpoint ${e.address} with private DNS` }, at: dns };
}

/** An endpoint created only under an unresolved condition serves the VPC only if it exists: its pass is unknown. */
function existing(e: Endpoint, v: Verdict): Verdict {
  if (v.status !== 'pass' || !e.conditional) return v;
  return {
    status: 'unknown',
    text: { ja: `${e.address} は判定できない条件のもとでだけ作成されます`, en: `${e.address} is created only under a condition that cannot be evaluated` },
    causes: [e.conditional],
  };
}

const ORDER = { pass: 0, unknown: 1, fail: 2 } as const;

function judgeNeed(net: Network, c: Open, need: Need, endpoints: Endpoint[], computeSubnets: Subnet[], ctx: ControlContext): Draft {
  const seg = describeSegment(c.assignment, ctx.model);
  const evidence = { ...segmentEvidence(c.assignment, ctx.model), service: need.service, reason: need.why.en };
  const base = { key: need.service, evidence };
  const mine = endpoints.filter((e) => serviceOf(e) === need.service);
  if (mine.length > 0) {
    const verdicts = mine.map((e) => ({ e, v: existing(e, judgeEndpoint(e, need, net, computeSubnets)) }));
    verdicts.sort((x, y) => ORDER[x.v.status] - ORDER[y.v.status]);
    const { e, v } = verdicts[0]!;
    const location = v.at?.loc ?? e.loc;
    if (v.status === 'pass') return pass(net, { ja: `${need.service}: ${v.text.ja}`, en: `${need.service}: ${v.text.en}` }, { ...base, location });
    if (v.status === 'unknown') return unknown(net, { ja: `${need.service}: ${v.text.ja}`, en: `${need.service}: ${v.text.en}` }, v.causes, { ...base, location });
    if (c.kind === 'maybe') return unknown(net, { ja: `${need.service}: ${v.text.ja}（閉域区分か判定できません）`, en: `${need.service}: ${v.text.en} (whether the network is closed cannot be told)` }, [c.cause], { ...base, location });
    return fail(net, { ja: `${need.service}: ${v.text.ja}`, en: `${need.service}: ${v.text.en}` }, { ...base, location });
  }
  const where = c.kind === 'closed' ? { ja: `${seg.ja}の `, en: ` in the ${seg.en}` } : { ja: '', en: '' };
  const missing = {
    ja: `${where.ja}${net.address} に ${need.service} の VPC エンドポイントがありません（${need.why.ja}）`,
    en: `${net.address}${where.en} has no VPC endpoint for ${need.service} (${need.why.en})`,
  };
  const unresolved = endpoints.filter((e) => serviceOf(e) === undefined).map((e) => (e.service as { cause: UnknownCause }).cause);
  if (unresolved.length > 0) {
    return unknown(net, { ja: `${need.service} の VPC エンドポイントがあるか判定できません（サービス名が不明なエンドポイントがあります）`, en: `cannot tell whether there is a VPC endpoint for ${need.service}: some endpoints' service names are unknown` }, unresolved, { ...base, location: net.loc });
  }
  const elsewhere = remoteEndpoint(net, need.service, ctx);
  if (elsewhere) {
    return unknown(
      net,
      {
        ja: `${need.service} の VPC エンドポイントは接続先の ${elsewhere.address} にあり、この VPC から使えるかはプライベートホストゾーンの設定によります`,
        en: `the ${need.service} endpoint is in the connected network of ${elsewhere.address}; it serves this VPC only through a private hosted zone`,
      },
      [{ inputs: [`Route 53 private hosted zone for ${need.service}`], detail: `the endpoint ${elsewhere.address} serves ${net.address} only if a private hosted zone associated with it resolves the service name to the endpoint` }],
      { ...base, location: net.loc },
    );
  }
  const causes = [...(need.unsure ?? []), ...(c.kind === 'maybe' ? [c.cause] : [])];
  if (causes.length > 0) return unknown(net, missing, causes, { ...base, location: net.loc });
  return fail(net, missing, { ...base, location: net.loc });
}

/** An endpoint for the service in a network linked to this one. */
function remoteEndpoint(net: Network, service: string, ctx: ControlContext): Endpoint | undefined {
  const linked = new Set<string>();
  for (const l of ctx.graph.links()) {
    if (!l.effective) continue;
    if (l.a === net.id) linked.add(l.b);
    if (l.b === net.id) linked.add(l.a);
  }
  return ctx.model.all('endpoint').find((e) => {
    const n = ctx.graph.networkOf(e.id);
    return n !== undefined && linked.has(n) && serviceOf(e) === service;
  });
}

function awsDrafts(ctx: ControlContext): Draft[] {
  const drafts: Draft[] = [];
  const tagKey = ctx.policy.tagKeys.segment;
  const computeByNetwork = new Map<string, { compute: Compute[]; subnets: Set<string> }>();
  for (const c of ctx.model.all('compute')) {
    if (c.cloud !== 'aws' || !PLACED_COMPUTE.has(c.computeType)) continue;
    for (const s of ctx.graph.placementOf(c.id)) {
      const n = ctx.graph.networkOf(s);
      if (!n) continue;
      let entry = computeByNetwork.get(n);
      if (!entry) computeByNetwork.set(n, (entry = { compute: [], subnets: new Set() }));
      if (!entry.compute.includes(c)) entry.compute.push(c);
      entry.subnets.add(s);
    }
  }
  const endpointsByNetwork = new Map<string, Endpoint[]>();
  for (const e of ctx.model.all('endpoint')) {
    const n = ctx.graph.networkOf(e.id);
    if (!n) continue;
    const l = endpointsByNetwork.get(n);
    if (l) l.push(e);
    else endpointsByNetwork.set(n, [e]);
  }
  for (const net of ctx.model.all('network')) {
    if (net.cloud !== 'aws') continue;
    const used = computeByNetwork.get(net.id);
    if (!used) continue;
    const c = closednessOf(ctx.graph.segmentOf(net.id), tagKey);
    if (c.kind === 'open') continue;
    const subnets = [...used.subnets].map((s) => ctx.model.getOf(s, 'subnet')).filter((s): s is Subnet => !!s);
    for (const need of needsOf(used.compute, ctx)) drafts.push(judgeNeed(net, c, need, endpointsByNetwork.get(net.id) ?? [], subnets, ctx));
  }
  return drafts;
}

const AZURE_STORES: ReadonlySet<DataStore['storeType']> = new Set([
  'storage-account',
  'sql-server',
  'redis-enterprise',
  'mongo-cluster',
  'synapse-workspace',
  'kusto-cluster',
  'servicebus-namespace',
  'eventhub-namespace',
  'container-registry',
]);

/**
 * A store placed in subnets of its own (not its private endpoints' ones):
 * `closed` when all of them are in a closed segment, `other` when some is
 * not or cannot be told; undefined for a store not injected anywhere.
 */
function injection(e: Entity, pes: Endpoint[], ctx: ControlContext, tagKey: string): 'closed' | 'other' | undefined {
  if (e.kind !== 'data-store' || !e.subnets?.known) return undefined;
  const viaEndpoints = new Set(pes.flatMap((pe) => (pe.subnets.known ? pe.subnets.value.flatMap((l) => (l.known ? [l.value] : [])) : [])));
  const own = e.subnets.value.filter((l) => !l.known || !viaEndpoints.has(l.value));
  if (own.length === 0) return undefined;
  return own.every((l) => l.known && closednessOf(ctx.graph.segmentOf(l.value), tagKey).kind === 'closed') ? 'closed' : 'other';
}

function azureDrafts(ctx: ControlContext): Draft[] {
  const drafts: Draft[] = [];
  const tagKey = ctx.policy.tagKeys.segment;
  const peByTarget = new Map<string, Endpoint[]>();
  for (const e of ctx.model.all('endpoint')) {
    if (e.endpointType !== 'private-endpoint' || !e.target?.known) continue;
    const l = peByTarget.get(e.target.value);
    if (l) l.push(e);
    else peByTarget.set(e.target.value, [e]);
  }
  const subjects: { e: Entity; publicAccess: Fact<boolean> | undefined; firewall: Fact<PublicFirewall> | undefined }[] = [];
  for (const d of ctx.model.all('data-store')) {
    if (d.cloud === 'azure' && AZURE_STORES.has(d.storeType)) subjects.push({ e: d, publicAccess: d.publiclyAccessible, firewall: d.publicFirewall });
  }
  for (const k of ctx.model.all('key')) if (k.cloud === 'azure' && k.keyType === 'key-vault') subjects.push({ e: k, publicAccess: k.publiclyAccessible, firewall: k.publicFirewall });
  for (const { e, publicAccess, firewall } of subjects) {
    const c = closednessOf(ctx.graph.segmentOf(e.id), tagKey);
    if (c.kind === 'open') continue;
    const seg = describeSegment(c.assignment, ctx.model);
    const pes = peByTarget.get(e.id) ?? [];
    const closedPe = pes.find((pe) => {
      const cs = strictestClosedness(ctx.graph.placementOf(pe.id).map((s) => ctx.graph.segmentOf(s)), tagKey);
      return cs?.kind === 'closed';
    });
    const problems: LocalText[] = [];
    const causes: UnknownCause[] = [];
    const injected = injection(e, pes, ctx, tagKey);
    if (!closedPe && injected !== 'closed') {
      problems.push(
        injected === 'other'
          ? { ja: '配置されたサブネットが閉域区分にあるとは言えません', en: 'the subnet it is placed in is not known to be in a closed segment' }
          : pes.length > 0
          ? { ja: `プライベートエンドポイント（${names(pes)}）が閉域区分のサブネットにありません`, en: `its private endpoints (${names(pes)}) are not in a closed-segment subnet` }
          : { ja: 'プライベートエンドポイントがありません', en: 'it has no private endpoint' },
      );
    }
    if (!publicAccess) causes.push({ inputs: [e.address], detail: `public network access of ${e.address} is not modelled` });
    else if (!publicAccess.known) causes.push(publicAccess.cause);
    // The control asks for public access disabled: a firewall that denies by default is told, not passed.
    else if (publicAccess.value) problems.push(publicAccessText(publicAccess, firewall));
    const on = publicAccess?.known && publicAccess.value ? publicAccess : undefined;
    const evidence = { ...segmentEvidence(c.assignment, ctx.model), privateEndpoints: pes.map((p) => p.address), ...(on ? firewallEvidence(firewall) : {}) };
    const location = on ? (publicAccessLocation(on, firewall) ?? e.loc) : e.loc;
    if (problems.length > 0) {
      const text = { ja: `${seg.ja}から使われますが、${problems.map((p) => p.ja).join('。')}`, en: `used from the ${seg.en}, but ${problems.map((p) => p.en).join('; ')}` };
      if (c.kind === 'maybe') drafts.push(unknown(e, text, [c.cause], { location, evidence }));
      else drafts.push(fail(e, text, { location, evidence }));
    } else if (causes.length > 0) {
      drafts.push(unknown(e, { ja: '公開ネットワークアクセスを判定できません', en: 'cannot tell whether public network access is disabled' }, causes, { location: publicAccess?.loc ?? e.loc, evidence }));
    } else if (closedPe) {
      drafts.push(pass(e, { ja: `閉域区分のプライベートエンドポイント（${closedPe.address}）から使われ、公開エンドポイントからは到達できません`, en: `reached through the private endpoint ${closedPe.address} in a closed segment, and not reachable through its public endpoint` }, { location, evidence }));
    } else {
      drafts.push(pass(e, { ja: `${seg.ja}のサブネットに配置され（VNet インジェクション）、公開エンドポイントからは到達できません`, en: `placed in a subnet of the ${seg.en} (VNet injection), and not reachable through its public endpoint` }, { location, evidence }));
    }
  }
  return drafts;
}

export const check: ControlCheck = {
  id: 'LG-3.7',
  check(ctx) {
    return [...awsDrafts(ctx), ...azureDrafts(ctx)];
  },
};
