// LG-4.3 ストレージの冗長化と遠隔地保管: stored data survives the loss of one
// facility. Redundancy: Azure storage accounts and backup vaults must not be
// locally redundant (LRS); S3 keeps objects across zones by design (a bucket
// the model marks single-zone fails); EFS One Zone file systems fail.
// Block storage (EBS, managed disks) follows its machine's zone and is
// judged under LG-4.1. Off-site copies: when the policy names a
// classification (`replication.classification`), every store labelled that
// level or higher must also be in the other Japanese region, by replication
// (S3 replication, geo-redundant storage, cross-region replicas) or by a
// backup plan that copies it there (AWS Backup copy actions, an Azure Backup
// vault with geo-redundant storage). These results carry the key
// `cross-region`.
import type { DataStore } from '../../model/data.js';
import type { Fact, UnknownFact } from '../../model/fact.js';
import type { CloudModel } from '../../model/model.js';
import type { Policy } from '../../policy/types.js';
import { parseClassification } from '../../policy/classification.js';
import type { LocalText } from '../../results/finding.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, pass, unknownFrom, unknownsOf } from '../draft.js';
import { defaultNote } from '../data/encryption.js';
import { holdsInformation } from '../data/information-stores.js';
import { readTag } from '../data/tags.js';
import { coverageOf } from '../resilience/backup-coverage.js';
import { otherJapaneseRegions } from '../resilience/japan-regions.js';
import { modelGap } from '../resilience/model-gap.js';

const REDUNDANCY_STORES: Partial<Record<DataStore['storeType'], LocalText>> = {
  'storage-account': { ja: 'ストレージアカウント', en: 'the storage account' },
  'recovery-services-vault': { ja: 'Recovery Services コンテナー', en: 'the Recovery Services vault' },
  'backup-vault': { ja: 'バックアップコンテナー', en: 'the backup vault' },
};

const CROSS_REGION = 'cross-region';

function byDesign(s: DataStore, what: LocalText, design: LocalText, single: LocalText): Draft {
  const f = s.multiZone;
  if (f && !f.known) return unknownFrom(s, { ja: `${what.ja}が複数のゾーンにデータを置くか判定できません`, en: `cannot tell whether ${what.en} keeps data in several zones` }, [f]);
  if (f?.known && !f.value) return fail(s, single, { location: locOf(f, s), evidence: { multiZone: false } });
  return pass(s, design, { location: locOf(f, s), evidence: { multiZone: true } });
}

function redundancy(s: DataStore): Draft | undefined {
  if (s.storeType === 's3-bucket') {
    return byDesign(
      s,
      { ja: 'S3 バケット', en: 'the bucket' },
      { ja: 'S3 は既定で三つ以上のアベイラビリティゾーンにデータを保存します', en: 'S3 stores objects across at least three availability zones by design' },
      { ja: 'バケットが一つのゾーンだけにデータを保存するストレージクラスを使っています', en: 'the bucket uses a storage class that keeps data in one zone only' },
    );
  }
  if (s.storeType === 'efs-file-system') {
    return byDesign(
      s,
      { ja: 'EFS ファイルシステム', en: 'the file system' },
      { ja: 'EFS（リージョン）は複数のアベイラビリティゾーンにデータを保存します', en: 'a Regional EFS file system stores data across availability zones' },
      { ja: 'EFS が One Zone（一つのゾーンだけにデータを保存）です', en: 'the file system is EFS One Zone: its data is in one zone only' },
    );
  }
  const what = REDUNDANCY_STORES[s.storeType];
  // AWS Backup vaults are regional (multi-zone) by design; the redundancy setting is Azure's.
  if (!what || s.cloud !== 'azure') return undefined;
  const r = s.redundancy;
  const title = { ja: `${what.ja}の冗長性を判定できません`, en: `cannot tell the redundancy of ${what.en}` };
  if (!r) return unknownFrom(s, title, [modelGap(s, 'storage redundancy')]);
  if (!r.known) return unknownFrom(s, title, [r]);
  const note = defaultNote(r);
  const at = { location: locOf(r, s), evidence: { redundancy: r.value, ...(r.defaulted ? { defaulted: true } : {}) } };
  if (r.value === 'LRS') {
    return fail(s, { ja: `${what.ja}がローカル冗長（LRS）${note.ja}で、一つのデータセンター内にしか複製がありません`, en: `${what.en} is locally redundant (LRS)${note.en}: its copies are all in one data centre` }, at);
  }
  const shown = r.value.replace(/^RA(?=G)/, 'RA-');
  return pass(s, { ja: `${what.ja}の冗長性は ${shown}${note.ja} です`, en: `${what.en} is ${shown}${note.en}` }, at);
}

/** Stores that hold data of their own (not backups of others) can need an off-site copy. */
function needsOffsite(s: DataStore): boolean {
  return holdsInformation(s) && !['backup-vault', 'recovery-services-vault', 'ebs-snapshot', 'rds-snapshot'].includes(s.storeType);
}

type Level = { state: 'at-least' | 'below' } | { state: 'open'; open: UnknownFact };

function levelOf(s: DataStore, policy: Policy, wanted: number): Level {
  const t = readTag(s, policy.tagKeys.classification);
  if (t.state === 'unknown') return { state: 'open', open: t.fact };
  if (t.state === 'absent') return { state: 'below' };
  // An unreadable label is LG-2.1's finding; it asks for no copy here.
  const c = parseClassification(t.value);
  return { state: c !== undefined && c >= wanted ? 'at-least' : 'below' };
}

function regionsText(regions: string[]): string {
  return regions.join(', ');
}

/** How the data reaches one of `targets`: replication of the store itself, or a backup plan's copies. */
function offsite(model: CloudModel, s: DataStore, targets: string[], label: string): Draft {
  const open: UnknownFact[] = [];
  const there = (f: Fact<string[]> | undefined): boolean => {
    if (!f) return false;
    if (!f.known) {
      open.push(f);
      return false;
    }
    return f.value.some((r) => targets.includes(r.replace(/\s+/g, '').toLowerCase()));
  };
  const where = regionsText(targets);
  const evidence = { classification: label, otherRegion: targets };
  if (there(s.replicationRegions)) {
    return pass(s, { ja: `機密性${label}のデータが ${where} にも複製されています`, en: `the classification ${label} data is also replicated to ${where}` }, {
      key: CROSS_REGION,
      location: locOf(s.replicationRegions, s),
      evidence,
    });
  }
  const cov = coverageOf(model, s);
  for (const m of cov.covering) {
    const vault = m.plan.vault?.known ? model.getOf(m.plan.vault.value, 'data-store') : undefined;
    if (m.plan.vault && !m.plan.vault.known && s.cloud === 'azure') open.push(m.plan.vault);
    // AWS Backup copies recovery points by copy actions; Azure Backup keeps them in the vault's paired region.
    if (there(m.plan.copyRegions) || (s.cloud === 'azure' && there(vault?.replicationRegions))) {
      return pass(s, { ja: `機密性${label}のデータをバックアップ ${m.plan.address} が ${where} にも保管しています`, en: `the backup plan ${m.plan.address} keeps copies of the classification ${label} data in ${where}` }, {
        key: CROSS_REGION,
        location: m.loc,
        evidence: { ...evidence, backupPlan: m.plan.address },
      });
    }
  }
  for (const m of cov.maybe) open.push(m.open);
  if (open.length) {
    return unknownFrom(s, { ja: `機密性${label}のデータが ${where} にも保管されているか判定できません`, en: `cannot tell whether the classification ${label} data is also kept in ${where}` }, open, { key: CROSS_REGION, evidence });
  }
  return fail(
    s,
    { ja: `機密性${label}のデータが、もう一方の国内リージョン（${where}）に複製もバックアップもされていません`, en: `the classification ${label} data is neither replicated nor backed up to the other Japanese region (${where})` },
    { key: CROSS_REGION, location: locOf(s.replicationRegions, s), evidence },
  );
}

/** A replica's data lives in its source too: in the other region, that is the off-site pair. */
function replica(model: CloudModel, s: DataStore, source: NonNullable<DataStore['replicaOf']>, label: string): Draft {
  const title = { ja: `機密性${label}のデータの複製元がもう一方の国内リージョンにあるか判定できません`, en: `cannot tell whether the source of this copy of classification ${label} data is in the other Japanese region` };
  if (!source.known) return unknownFrom(s, title, [source], { key: CROSS_REGION });
  const from = model.getOf(source.value, 'data-store');
  if (!from) return unknownFrom(s, title, [{ known: false, cause: { inputs: [source.value], detail: 'the source store is not in the scanned inputs' }, ...(source.loc ? { loc: source.loc } : {}) }], { key: CROSS_REGION });
  if (!s.region.known || !from.region.known) return unknownFrom(s, title, unknownsOf(s.region, from.region), { key: CROSS_REGION });
  if (s.region.value === from.region.value) {
    return fail(s, { ja: `機密性${label}のデータの複製先 ${s.address} が複製元 ${from.address} と同じリージョンにあります`, en: `this copy of classification ${label} data is in the same region as its source ${from.address}` }, {
      key: CROSS_REGION,
      location: locOf(source, s),
    });
  }
  return pass(s, { ja: `${from.address}（${from.region.value}）の複製で、機密性${label}のデータは両方の国内リージョンにあります`, en: `it is the copy of ${from.address} (${from.region.value}): the classification ${label} data is in both Japanese regions` }, {
    key: CROSS_REGION,
    location: locOf(source, s),
    evidence: { replicaOf: from.address },
  });
}

function crossRegion(model: CloudModel, s: DataStore, policy: Policy, wanted: number): Draft | undefined {
  if (!needsOffsite(s)) return undefined;
  const level = levelOf(s, policy, wanted);
  if (level.state === 'below') return undefined;
  if (level.state === 'open') {
    return unknownFrom(s, { ja: `機密性を判定できず、遠隔地保管が必要か分かりません`, en: 'cannot tell the classification, so whether an off-site copy is required' }, [level.open], { key: CROSS_REGION });
  }
  const t = readTag(s, policy.tagKeys.classification);
  const label = t.state === 'known' ? String(parseClassification(t.value) ?? t.value) : String(wanted);
  if (s.replicaOf) return replica(model, s, s.replicaOf, label);
  if (!s.region.known) {
    return unknownFrom(s, { ja: 'リージョンが分からず、もう一方の国内リージョンを決められません', en: 'the region is unknown, so the other Japanese region cannot be told' }, [s.region], { key: CROSS_REGION });
  }
  return offsite(model, s, otherJapaneseRegions(s.cloud, s.region.value), label);
}

export const check: ControlCheck = {
  id: 'LG-4.3',
  check({ model, policy }) {
    const drafts: Draft[] = [];
    const wanted = policy.crossRegionClassification !== undefined ? parseClassification(policy.crossRegionClassification) : undefined;
    for (const s of model.all('data-store')) {
      const r = redundancy(s);
      if (r) drafts.push(r);
      if (wanted !== undefined) {
        const c = crossRegion(model, s, policy, wanted);
        if (c) drafts.push(c);
      }
    }
    return drafts;
  },
};
