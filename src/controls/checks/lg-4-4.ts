// LG-4.4 バックアップと保持: every data store has automated backups kept at
// least `thresholds.backupRetentionDays` (kikan default 7): the service's own
// (RDS/Aurora retention, DynamoDB point-in-time recovery, EFS automatic
// backups, SQL / PostgreSQL / MySQL / Cosmos DB / Cosmos DB for MongoDB vCore
// backups, Synapse dedicated SQL pool restore points) or a backup plan
// that selects it (AWS Backup selections by resource, `*` or tag; Azure
// Backup protected items). Backup vaults, where they exist, are locked or
// immutable (results on the vaults).
//
// Judged stores: databases and file systems always; standalone volumes and
// disks always; object storage (S3, storage accounts) and the disks an
// instance or VM creates with itself only when they carry a classification
// label, since those also serve logs, artefacts and disposable hosts.
// Caches (ElastiCache, Azure Cache for Redis) hold data that can be
// rebuilt; Data Explorer keeps no backups of its own and no backup plan can
// select it; snapshots and vaults are the backups themselves; launch
// template volumes are templates, not disks.
import type { DataStore, StoreType } from '../../model/data.js';
import type { Fact, UnknownFact } from '../../model/fact.js';
import type { CloudModel } from '../../model/model.js';
import type { Policy } from '../../policy/types.js';
import type { LocalText } from '../../results/finding.js';
import type { SourceLoc } from '../../readers/value.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, notApplicable, pass, unknownFrom } from '../draft.js';
import { defaultNote } from '../data/encryption.js';
import { partKey } from '../data/entity-part.js';
import { readTag } from '../data/tags.js';
import type { PlanMatch } from '../resilience/backup-coverage.js';
import { coverageOf, ownerOf } from '../resilience/backup-coverage.js';
import { modelGap } from '../resilience/model-gap.js';

/** Stores whose service keeps automated backups of its own, and how it calls them. */
const OWN_BACKUPS: Partial<Record<StoreType, LocalText>> = {
  'rds-instance': { ja: '自動バックアップ', en: 'automated backups' },
  'rds-cluster': { ja: '自動バックアップ', en: 'automated backups' },
  'dynamodb-table': { ja: 'ポイントインタイムリカバリ', en: 'point-in-time recovery' },
  'efs-file-system': { ja: '自動バックアップ', en: 'automatic backups' },
  'sql-database': { ja: 'ポイントインタイムリストア用のバックアップ', en: 'point-in-time restore backups' },
  'postgresql-server': { ja: '自動バックアップ', en: 'automated backups' },
  'mysql-server': { ja: '自動バックアップ', en: 'automated backups' },
  'cosmosdb-account': { ja: '自動バックアップ', en: 'automatic backups' },
  'mongo-cluster': { ja: '自動バックアップ', en: 'automatic backups' },
  'synapse-sql-pool': { ja: '自動復元ポイント', en: 'automatic restore points' },
};

/** Stores with no backups of their own: a backup plan must select them. */
const PLAN_ONLY: ReadonlySet<StoreType> = new Set<StoreType>(['ebs-volume', 'managed-disk', 's3-bucket', 'storage-account']);

const VAULTS: ReadonlySet<StoreType> = new Set<StoreType>(['backup-vault', 'recovery-services-vault']);

/** Whether the store is judged: yes, no, or only if its label (which cannot be read) is there. */
function judged(model: CloudModel, s: DataStore, policy: Policy): { state: 'yes' | 'no' } | { state: 'if-labelled'; open: UnknownFact } {
  if (OWN_BACKUPS[s.storeType]) return { state: 'yes' };
  if (!PLAN_ONLY.has(s.storeType)) return { state: 'no' };
  const owner = ownerOf(model, s);
  if (owner?.kind === 'compute' && owner.computeType === 'launch-template') return { state: 'no' };
  if (s.storeType === 's3-bucket' || s.storeType === 'storage-account' || owner) {
    const t = readTag(s, policy.tagKeys.classification);
    if (t.state === 'unknown') return { state: 'if-labelled', open: t.fact };
    return { state: t.state === 'absent' ? 'no' : 'yes' };
  }
  return { state: 'yes' };
}

type Retention = { state: 'enough' | 'short'; days: number | null } | { state: 'open'; open: UnknownFact };

function retentionOf(f: Fact<number | null>, min: number): Retention {
  if (!f.known) return { state: 'open', open: f };
  return { state: f.value === null || f.value >= min ? 'enough' : 'short', days: f.value };
}

function days(n: number | null): LocalText {
  if (n === null) return { ja: '無期限', en: 'forever' };
  // Services that count in hours (Cosmos DB periodic backups) read as hours, not as a long fraction of a day.
  if (n < 1) {
    const h = Math.round(n * 24 * 100) / 100;
    return { ja: `${h}時間`, en: `${h} hour${h === 1 ? '' : 's'}` };
  }
  const d = Math.round(n * 100) / 100;
  return { ja: `${d}日`, en: `${d} day${d === 1 ? '' : 's'}` };
}

function planPass(s: DataStore, m: PlanMatch, r: { days: number | null }, min: number): Draft {
  const kept = days(r.days);
  return pass(
    s,
    { ja: `バックアップ ${m.plan.address} が選択し、${kept.ja}保持します（基準${min}日以上）`, en: `the backup plan ${m.plan.address} selects it and keeps backups ${kept.en} (at least ${min})` },
    { location: m.loc, evidence: { backupPlan: m.plan.address, selectedBy: m.how, retentionDays: r.days, minimumDays: min } },
  );
}

function store(model: CloudModel, s: DataStore, min: number): Draft {
  // A read replica is made without backups of its own: its source keeps them.
  if (s.storeType === 'rds-instance' && s.replicaOf) {
    const from = s.replicaOf.known ? (model.get(s.replicaOf.value)?.address ?? s.replicaOf.value) : undefined;
    return notApplicable(s, {
      ja: `リードレプリカのため、バックアップは複製元${from ? ` ${from} ` : ''}で判定します`,
      en: `a read replica: backups are judged on its source${from ? ` ${from}` : ''}`,
    }, { location: locOf(s.replicaOf, s) });
  }
  const own = OWN_BACKUPS[s.storeType];
  const open: UnknownFact[] = [];
  const shortfalls: LocalText[] = [];
  const evidence: Record<string, unknown> = { minimumDays: min };
  let failAt: SourceLoc = s.loc;
  if (own) {
    const f = s.backupRetentionDays;
    if (!f) open.push(modelGap(s, 'backup retention'));
    else if (!f.known) open.push(f);
    else {
      const note = defaultNote(f);
      evidence.backupRetentionDays = f.value;
      failAt = locOf(f, s);
      if (f.value >= min) {
        return pass(s, { ja: `${own.ja}を${days(f.value).ja}${note.ja}保持します（基準${min}日以上）`, en: `${own.en}: kept ${days(f.value).en}${note.en} (at least ${min})` }, {
          location: locOf(f, s),
          evidence,
        });
      }
      shortfalls.push(
        f.value === 0
          ? { ja: `${own.ja}が無効です${note.ja}`, en: `${own.en}: off${note.en}` }
          : { ja: `${own.ja}の保持が${days(f.value).ja}${note.ja}です`, en: `${own.en}: kept only ${days(f.value).en}${note.en}` },
      );
    }
  }
  const cov = coverageOf(model, s);
  for (const m of cov.covering) {
    const r = retentionOf(m.plan.retentionDays, min);
    if (r.state === 'enough') return planPass(s, m, r, min);
    if (r.state === 'open') open.push(r.open);
    else {
      const kept = days(r.days);
      shortfalls.push({ ja: `バックアップ ${m.plan.address} の保持が${kept.ja}です`, en: `the backup plan ${m.plan.address} keeps backups only ${kept.en}` });
      evidence.backupPlans = [...((evidence.backupPlans as string[] | undefined) ?? []), m.plan.address];
    }
  }
  for (const m of cov.maybe) open.push(m.open);
  if (open.length) {
    return unknownFrom(s, { ja: `バックアップの有無と保持期間を判定できません`, en: 'cannot tell whether backups are kept long enough' }, open, { evidence });
  }
  if (!shortfalls.length) {
    return fail(s, { ja: 'バックアップがありません（自動バックアップも、選択するバックアッププランもありません）', en: 'it has no backups: no automated backups and no backup plan selects it' }, { location: failAt, evidence });
  }
  if (!cov.covering.length) shortfalls.push({ ja: '選択するバックアッププランもありません', en: 'no backup plan selects it' });
  return fail(
    s,
    { ja: `バックアップが基準の${min}日に足りません：${shortfalls.map((x) => x.ja).join('。')}`, en: `backups fall short of ${min} days: ${shortfalls.map((x) => x.en).join('; ')}` },
    { location: failAt, evidence },
  );
}

function vault(s: DataStore): Draft {
  const f = s.immutable;
  const what = s.storeType === 'recovery-services-vault' ? { ja: 'Recovery Services コンテナー', en: 'the Recovery Services vault' } : { ja: 'バックアップボールト', en: 'the backup vault' };
  if (!f) return unknownFrom(s, { ja: `${what.ja}のロックを判定できません`, en: `cannot tell whether ${what.en} is locked` }, [modelGap(s, 'immutability')]);
  if (!f.known) return unknownFrom(s, { ja: `${what.ja}のロックを判定できません`, en: `cannot tell whether ${what.en} is locked` }, [f]);
  const at = { location: locOf(f, s), evidence: { immutable: f.value } };
  if (f.value) return pass(s, { ja: `${what.ja}はロック（不変）されています`, en: `${what.en} is locked (immutable)` }, at);
  if (s.liftableLock === 'governance') {
    return fail(s, {
      ja: `${what.ja}のロックはガバナンスモードで、権限のある利用者が解除してバックアップを削除できます（猶予期間 changeable_for_days／ChangeableForDays を設定したコンプライアンスモードにしてください）`,
      en: `${what.en} is locked in governance mode: users with the right permissions can remove the lock and delete backups (set changeable_for_days / ChangeableForDays for compliance mode)`,
    }, { ...at, evidence: { ...at.evidence, lockMode: 'governance' } });
  }
  if (s.liftableLock === 'unlocked') {
    return fail(s, {
      ja: `${what.ja}の不変性は Unlocked で、管理者が無効にしてバックアップを削除できます（Locked にしてください）`,
      en: `${what.en} has immutability Unlocked: an administrator can turn it off and delete backups (set it to Locked)`,
    }, { ...at, evidence: { ...at.evidence, immutabilityState: 'Unlocked' } });
  }
  const note = defaultNote(f);
  return fail(s, { ja: `${what.ja}がロック（不変）されておらず、バックアップを削除・変更できます${note.ja}`, en: `${what.en} is not locked (immutable), so its backups can be deleted or altered${note.en}` }, at);
}

export const check: ControlCheck = {
  id: 'LG-4.4',
  check({ model, policy }) {
    const min = policy.thresholds.backupRetentionDays;
    const drafts: Draft[] = [];
    for (const s of model.all('data-store')) {
      if (VAULTS.has(s.storeType)) drafts.push(vault(s));
      else {
        const j = judged(model, s, policy);
        if (j.state === 'no') continue;
        let d = store(model, s, min);
        // Without backups, an unreadable label leaves open whether any were required.
        if (j.state === 'if-labelled' && d.status === 'fail') {
          d = unknownFrom(s, { ja: '分類ラベルを判定できず、バックアップが必要か分かりません', en: 'cannot tell the classification label, so whether backups are required' }, [j.open], { evidence: d.evidence ?? {} });
        }
        // An instance's volumes share its address: the part keeps their results apart.
        const part = partKey(s);
        drafts.push(part ? { ...d, key: part } : d);
      }
    }
    return drafts;
  },
};
