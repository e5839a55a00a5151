// LG-2.2 国内リージョンでの保管: every resource, and every place its data is
// copied to (replication, backup copies), is in a Japanese region. Global
// services have no region and are not judged. When the region is unknown for
// many resources for the same reason (no --region), one unknown per scope
// says so instead of one per resource.
import type { Fact, UnknownFact } from '../../model/fact.js';
import type { Entity, ScanScope } from '../../model/model.js';
import type { UnknownCause } from '../../readers/value.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, notApplicable, pass, unknown, unknownFrom } from '../draft.js';
import { partKey } from '../data/entity-part.js';

/** Services with no region of their own (IAM, account and subscription settings, Azure extension resources). */
function isGlobal(e: Entity): boolean {
  switch (e.kind) {
    case 'iam-policy':
    case 'iam-role':
    case 'lock':
      return true;
    case 'account-service':
      return ['alternate-contact', 's3-account-public-access-block', 'security-contact', 'defender-plan', 'azure-policy-assignment'].includes(e.serviceType);
    case 'trail':
      return e.trailType === 'activity-log';
    case 'log-setting':
      // Diagnostic settings live on their target; access logging is part of its bucket or load balancer.
      return e.settingType === 'diagnostic-setting' || e.settingType === 's3-access-logging' || e.settingType === 'lb-access-logging';
    default:
      return false;
  }
}

/** `Japan East` -> `japaneast`: Azure accepts display names too. */
function normalRegion(r: string): string {
  return r.toLowerCase().replace(/\s+/g, '');
}

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** The allowed regions of one cloud, for messages (AWS names look like `ap-northeast-1`). */
function regionsOf(allowed: readonly string[], cloud: Entity['cloud']): string {
  const mine = allowed.filter((r) => AWS_REGION.test(r) === (cloud === 'aws'));
  return (mine.length ? mine : allowed).join(', ');
}

/** One entity per native resource: parts (an instance's volumes) share their resource's region. */
function judgedEntities(all: Iterable<Entity>): Entity[] {
  const byResource = new Map<string, Entity>();
  for (const e of all) {
    if (e.platformDefault || isGlobal(e)) continue;
    const id = e.native?.key ?? e.id;
    const cur = byResource.get(id);
    if (!cur || (partKey(cur) !== undefined && partKey(e) === undefined)) byResource.set(id, e);
  }
  return [...byResource.values()];
}

function causeKey(c: UnknownCause): string {
  return JSON.stringify([c.inputs, c.detail]);
}

interface UnknownGroup {
  scope: ScanScope;
  cause: UnknownCause;
  addresses: string[];
}

export const check: ControlCheck = {
  id: 'LG-2.2',
  check({ model, policy }) {
    const allowed = new Set(policy.allowedRegions.map(normalRegion));
    const drafts: Draft[] = [];
    const groups = new Map<string, UnknownGroup>();
    const scopes = new Map(model.scopes.map((s) => [`${s.source}\u0000${s.cloud}\u0000${s.scope}`, s]));
    const scopeOf = (e: Entity) => scopes.get(`${e.source}\u0000${e.cloud}\u0000${e.scope}`);

    const judgeRegion = (e: Entity, region: Fact<string>) => {
      const key = partKey(e);
      const extra = key ? { key } : {};
      if (!region.known) {
        const scope = scopeOf(e);
        if (!scope) {
          drafts.push(unknownFrom(e, { ja: 'リージョンを判定できません', en: 'cannot tell the region' }, [region], extra));
          return;
        }
        const k = `${scope.id}\u0000${causeKey(region.cause)}`;
        const g = groups.get(k) ?? { scope, cause: region.cause, addresses: [] };
        g.addresses.push(e.address);
        groups.set(k, g);
        return;
      }
      const r = normalRegion(region.value);
      const at = { location: locOf(region, e), evidence: { region: region.value, allowed: policy.allowedRegions }, ...extra };
      if (r === 'global') {
        drafts.push(notApplicable(e, { ja: 'グローバルなリソースでリージョンがありません', en: 'a global resource with no region' }, at));
      } else if (allowed.has(r)) {
        drafts.push(pass(e, { ja: `国内リージョン ${region.value} にあります`, en: `in the Japanese region ${region.value}` }, { ...at, location: e.loc }));
      } else {
        const note = region.defaulted ? { ja: '（--region / --location の指定）', en: ' (from --region / --location)' } : { ja: '', en: '' };
        const allowedText = regionsOf(policy.allowedRegions, e.cloud);
        drafts.push(
          fail(
            e,
            {
              ja: `リージョン ${region.value}${note.ja} は国内リージョン（${allowedText}）ではありません`,
              en: `region ${region.value}${note.en} is not one of the Japanese regions (${allowedText})`,
            },
            at,
          ),
        );
      }
    };

    const judgeCopies = (e: Entity, copies: Fact<string[]>, what: 'replication' | 'backup-copy') => {
      const label = what === 'replication' ? { ja: 'レプリケーション先', en: 'replication destination' } : { ja: 'バックアップのコピー先', en: 'backup copy destination' };
      if (!copies.known) {
        drafts.push(unknownFrom(e, { ja: `${label.ja}のリージョンを判定できません`, en: `cannot tell the region of the ${label.en}` }, [copies as UnknownFact], { key: what }));
        return;
      }
      if (copies.value.length === 0) return;
      const outside = copies.value.filter((r) => !allowed.has(normalRegion(r)));
      const at = { location: locOf(copies, e), evidence: { regions: copies.value, allowed: policy.allowedRegions }, key: what };
      const allowedText = regionsOf(policy.allowedRegions, e.cloud);
      if (outside.length) {
        drafts.push(
          fail(
            e,
            {
              ja: `${label.ja}のリージョン ${outside.join(', ')} は国内リージョン（${allowedText}）ではありません`,
              en: `the ${label.en} region ${outside.join(', ')} is not one of the Japanese regions (${allowedText})`,
            },
            at,
          ),
        );
      } else {
        drafts.push(pass(e, { ja: `${label.ja}も国内リージョン（${copies.value.join(', ')}）です`, en: `the ${label.en} is in Japan too (${copies.value.join(', ')})` }, at));
      }
    };

    for (const e of judgedEntities(model.entities())) judgeRegion(e, e.region);
    for (const s of model.all('data-store')) if (s.replicationRegions) judgeCopies(s, s.replicationRegions, 'replication');
    for (const p of model.all('backup-plan')) if (p.copyRegions) judgeCopies(p, p.copyRegions, 'backup-copy');

    for (const g of groups.values()) {
      const n = g.addresses.length;
      const inputs = g.cause.inputs.length ? g.cause.inputs.join(', ') : undefined;
      drafts.push(
        unknown(
          g.scope,
          {
            ja: `${n} 件のリソースのリージョンを判定できません${inputs ? `（${inputs} で指定してください）` : ''}`,
            en: `cannot tell the region of ${n} resource${n === 1 ? '' : 's'}${inputs ? ` (give ${inputs})` : ''}: ${g.cause.detail}`,
          },
          [g.cause],
          { evidence: { resources: n, addresses: g.addresses.slice(0, 20) }, key: `region:${causeKey(g.cause)}` },
        ),
      );
    }
    return drafts;
  },
};
