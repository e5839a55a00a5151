// LG-4.1 複数ゾーンでの冗長化（計算・負荷分散）: what serves the business runs
// in two or more availability zones. Judged: Auto Scaling groups, ECS
// services and VM scale sets (zones of their subnets or their own zones, and
// more than one instance), load balancers (AWS: the zones of their subnets;
// Azure: zone-redundant frontends, application gateways over zones), App
// Service plans (zone redundancy; a web app whose plan is not scanned is
// judged by itself). Single machines (EC2 instances, Azure VMs) are judged
// as the set one definition makes (count / for_each / copy): such a set must
// span zones or sit in an availability set. A machine defined alone is not
// judged as a service (bastions and batch hosts are defined alone too):
// not_applicable, unless it sits in an availability set (pass).
// CloudFormation `!GetAZs` picks arrive as distinct zone names, so two picks
// count as two zones.
import type { Compute, LoadBalancer } from '../../model/compute.js';
import type { Fact, UnknownFact } from '../../model/fact.js';
import type { CloudModel } from '../../model/model.js';
import type { LocalText } from '../../results/finding.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, notApplicable, pass, unknownFrom } from '../draft.js';
import { defaultNote } from '../data/encryption.js';
import { machineGroups } from '../resilience/machine-groups.js';
import { modelGap } from '../resilience/model-gap.js';
import type { ZoneSpread } from '../resilience/zone-spread.js';
import { zoneList, zoneSpread } from '../resilience/zone-spread.js';

const MIN_ZONES = 2;

const NAMES: Record<string, LocalText> = {
  'autoscaling-group': { ja: 'Auto Scaling グループ', en: 'the Auto Scaling group' },
  'ecs-service': { ja: 'ECS サービス', en: 'the ECS service' },
  'azure-vmss': { ja: 'VM スケールセット', en: 'the VM scale set' },
  'app-service-plan': { ja: 'App Service プラン', en: 'the App Service plan' },
  'app-service': { ja: 'App Service', en: 'the App Service app' },
  'azure-load-balancer': { ja: 'ロードバランサー', en: 'the load balancer' },
  'azure-application-gateway': { ja: 'Application Gateway', en: 'the application gateway' },
  lb: { ja: 'ロードバランサー', en: 'the load balancer' },
};

function nameOf(e: Compute | LoadBalancer): LocalText {
  return NAMES[e.kind === 'compute' ? e.computeType : e.cloud === 'azure' ? e.lbType : 'lb'] ?? NAMES.lb!;
}

/** A workload that keeps exactly one instance running is a single point of failure, whatever its zones. */
function singleInstance(e: Compute | LoadBalancer): Fact<number> & { known: true } | undefined {
  if (e.kind !== 'compute' || !e.minSize?.known) return undefined;
  // Zero means the count is managed elsewhere (scheduled or target-tracking scaling), not one machine.
  return e.minSize.value === 1 ? e.minSize : undefined;
}

function spreadText(s: ZoneSpread): LocalText {
  const z = zoneList(s.zones);
  const note = s.defaulted ? { ja: '（未設定時の既定）', en: ' (the default when unset)' } : { ja: '', en: '' };
  return { ja: `${s.zones.length}つのゾーン（${z.ja}）${note.ja}`, en: `${s.zones.length} zones (${z.en})${note.en}` };
}

/** Scaling groups, ECS services, scale sets and AWS load balancers: zones and instance count. */
function spread(model: CloudModel, e: Compute | LoadBalancer): Draft {
  const what = nameOf(e);
  const s = zoneSpread(model, e);
  const one = singleInstance(e);
  const evidence = { zones: s.zones, minimumZones: MIN_ZONES };
  const oneText = one
    ? { ja: `インスタンス（タスク）の最小数が1${defaultNote(one).ja}で、一つだけで稼働することがあります`, en: `may run a single instance (minimum 1${one.defaulted ? ', the default when unset' : ''}), which stops the service when it fails` }
    : undefined;
  if (s.zones.length >= MIN_ZONES) {
    const z = spreadText(s);
    if (one && oneText) {
      return fail(e, { ja: `${what.ja}は${z.ja}にまたがりますが、${oneText.ja}`, en: `${what.en} spans ${z.en} but ${oneText.en}` }, {
        location: locOf(one, e),
        evidence: { ...evidence, instances: one.value },
      });
    }
    return pass(e, { ja: `${what.ja}は${z.ja}にまたがっています`, en: `${what.en} spans ${z.en}` }, { location: s.loc ?? e.loc, evidence });
  }
  if (one && oneText) {
    return fail(e, { ja: `${what.ja}は${oneText.ja}`, en: `${what.en} ${oneText.en}` }, { location: locOf(one, e), evidence: { ...evidence, instances: one.value } });
  }
  if (s.open.length) {
    const known = s.zones.length ? { ja: `（判明しているのは ${zoneList(s.zones).ja} のみ）`, en: ` (known: ${zoneList(s.zones).en} only)` } : { ja: '', en: '' };
    return unknownFrom(e, { ja: `${what.ja}のアベイラビリティゾーンを判定できません${known.ja}`, en: `cannot tell the availability zones of ${what.en}${known.en}` }, s.open, { evidence });
  }
  const msg: LocalText =
    s.zones.length === 0
      ? { ja: `${what.ja}にゾーンが指定されておらず、複数のゾーンにまたがりません`, en: `${what.en} names no availability zones, so it does not span zones` }
      : { ja: `${what.ja}は一つのゾーン（${zoneList(s.zones).ja}）だけにあります`, en: `${what.en} is in one availability zone only (${zoneList(s.zones).en})` };
  return fail(e, msg, { location: s.loc ?? e.loc, evidence });
}

/** Azure load balancers, application gateways and App Service plans: zone redundancy as the lifter states it. */
function zoneRedundancy(e: Compute | LoadBalancer): Draft {
  const what = nameOf(e);
  const z = e.zoneRedundant;
  if (!z) {
    return unknownFrom(e, { ja: `${what.ja}のゾーン冗長を判定できません`, en: `cannot tell whether ${what.en} is zone redundant` }, [modelGap(e, 'zone redundancy')]);
  }
  if (!z.known) return unknownFrom(e, { ja: `${what.ja}のゾーン冗長を判定できません`, en: `cannot tell whether ${what.en} is zone redundant` }, [z]);
  const zones = e.zones?.known && e.zones.value.length ? { ja: `（${zoneList(e.zones.value).ja}）`, en: ` (${zoneList(e.zones.value).en})` } : { ja: '', en: '' };
  const at = { location: locOf(z, e), evidence: { zoneRedundant: z.value, ...(z.defaulted ? { defaulted: true } : {}) } };
  if (z.value) return pass(e, { ja: `${what.ja}はゾーン冗長です${zones.ja}`, en: `${what.en} is zone redundant${zones.en}` }, at);
  const note = defaultNote(z);
  return fail(e, { ja: `${what.ja}がゾーン冗長ではありません${note.ja}${zones.ja}`, en: `${what.en} is not zone redundant${note.en}${zones.en}` }, at);
}

const MACHINE: Record<string, { one: LocalText; many: LocalText; remedy: LocalText }> = {
  'ec2-instance': {
    one: { ja: 'インスタンス', en: 'instance' },
    many: { ja: 'インスタンス', en: 'instances' },
    remedy: { ja: 'Auto Scaling グループやロードバランサーの背後で複数のゾーンに配置してください', en: 'run it in an Auto Scaling group or behind a load balancer across zones' },
  },
  'azure-vm': {
    one: { ja: 'VM', en: 'VM' },
    many: { ja: 'VM', en: 'VMs' },
    remedy: { ja: '複数のゾーンまたは可用性セットに VM を並べるか、VM スケールセットにしてください', en: 'run several VMs across zones or in an availability set, or use a scale set' },
  },
};

/** Members in an availability set pass on their own; the model says which set. */
function inAvailabilitySet(model: CloudModel, m: Compute): Draft | undefined {
  const a = m.availabilitySet;
  if (!a?.known || a.value === null) return undefined;
  const set = model.get(a.value)?.address ?? a.value;
  return pass(m, { ja: `可用性セット ${set} に配置されています`, en: `it is in the availability set ${set}` }, { location: locOf(a, m), evidence: { availabilitySet: set } });
}

function machineSet(model: CloudModel, group: Compute[]): Draft[] {
  const words = MACHINE[group[0]!.computeType]!;
  const drafts: Draft[] = [];
  const rest: Compute[] = [];
  for (const m of group) {
    const d = inAvailabilitySet(model, m);
    if (d) drafts.push(d);
    else rest.push(m);
  }
  if (!rest.length) return drafts;
  // An availability set that cannot be told may still hold the machine.
  const openSet = (m: Compute): UnknownFact[] => (m.availabilitySet && !m.availabilitySet.known ? [m.availabilitySet] : []);
  if (group.length === 1) {
    const m = rest[0]!;
    const open = openSet(m);
    if (open.length) return [unknownFrom(m, { ja: `${words.one.ja}の可用性セットを判定できません`, en: `cannot tell the availability set of the ${words.one.en}` }, open)];
    return [
      notApplicable(m, {
        ja: `単独で定義された${words.one.ja}は、サービスの冗長化としては判定しません（踏み台やバッチ用の場合があります）。サービスをこの一台で運用している場合は、${words.remedy.ja}`,
        en: `${/^[aeiou]/i.test(words.one.en) ? 'an' : 'a'} ${words.one.en} defined alone is not judged as a service (it may be a bastion or a batch host); if a service runs on it alone, ${words.remedy.en}`,
      }),
    ];
  }
  const zones = new Set<string>();
  const open: UnknownFact[] = [];
  for (const m of rest) {
    const s = zoneSpread(model, m);
    for (const z of s.zones) zones.add(z);
    open.push(...s.open, ...openSet(m));
  }
  const n = group.length;
  const list = zoneList([...zones]);
  const evidence = { zones: [...zones], machines: group.map((m) => m.address), minimumZones: MIN_ZONES };
  for (const m of rest) {
    const s = zoneSpread(model, m);
    const at = { location: s.loc ?? m.loc, evidence };
    if (zones.size >= MIN_ZONES) {
      drafts.push(pass(m, { ja: `同じ定義の${words.many.ja}${n}台が${zones.size}つのゾーン（${list.ja}）に分散しています`, en: `the ${n} ${words.many.en} of this definition are spread over ${zones.size} zones (${list.en})` }, at));
    } else if (open.length) {
      drafts.push(unknownFrom(m, { ja: `同じ定義の${words.many.ja}${n}台のゾーンを判定できません`, en: `cannot tell the zones of the ${n} ${words.many.en} of this definition` }, open));
    } else {
      const where = zones.size
        ? { ja: `すべてゾーン ${list.ja} にあります`, en: `all in zone ${list.en}` }
        : { ja: 'ゾーンも可用性セットも指定されずに置かれています', en: 'placed with no zone and no availability set' };
      drafts.push(fail(m, { ja: `同じ定義の${words.many.ja}${n}台が${where.ja}。${words.remedy.ja}`, en: `the ${n} ${words.many.en} of this definition are ${where.en}; ${words.remedy.en}` }, at));
    }
  }
  return drafts;
}

export const check: ControlCheck = {
  id: 'LG-4.1',
  check({ model }) {
    const drafts: Draft[] = [];
    const machines: Compute[] = [];
    const plans = new Set(model.all('compute').filter((c) => c.computeType === 'app-service-plan').map((c) => c.id));
    for (const c of model.all('compute')) {
      switch (c.computeType) {
        case 'autoscaling-group':
        case 'ecs-service':
        case 'azure-vmss':
          drafts.push(spread(model, c));
          break;
        case 'app-service-plan':
          drafts.push(zoneRedundancy(c));
          break;
        case 'app-service':
          // The plan carries the zone redundancy; an app is judged only when its plan is not scanned.
          if (!(c.plan?.known && plans.has(c.plan.value))) drafts.push(zoneRedundancy(c));
          break;
        case 'ec2-instance':
        case 'azure-vm':
          machines.push(c);
          break;
        default:
          break;
      }
    }
    for (const g of machineGroups(machines)) drafts.push(...machineSet(model, g));
    for (const lb of model.all('load-balancer')) drafts.push(lb.cloud === 'azure' ? zoneRedundancy(lb) : spread(model, lb));
    return drafts;
  },
};
