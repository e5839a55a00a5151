// LG-4.5 削除保護: what the business cannot lose is protected from deletion.
// AWS: RDS DB instances and clusters, and Application / Network / Gateway
// Load Balancers, have deletion protection on (Classic Load Balancers have
// no such setting). Azure: data stores (storage accounts, SQL servers and
// databases, PostgreSQL / MySQL servers, Cosmos DB and its MongoDB vCore
// clusters, Synapse workspaces and SQL pools, Data Explorer clusters, backup
// vaults, standalone managed disks) and Key Vaults are covered by a CanNotDelete or
// ReadOnly lock, on themselves or on a scope above them (resource group,
// subscription, parent resource).
import type { LoadBalancer } from '../../model/compute.js';
import type { DataStore, StoreType } from '../../model/data.js';
import type { Fact } from '../../model/fact.js';
import type { Key } from '../../model/keys.js';
import type { LocalText } from '../../results/finding.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, pass, unknownFrom } from '../draft.js';
import { defaultNote } from '../data/encryption.js';
import { partKey } from '../data/entity-part.js';
import { LockCoverage } from '../resilience/lock-coverage.js';
import { modelGap } from '../resilience/model-gap.js';

const AWS_DATABASES: Partial<Record<StoreType, LocalText>> = {
  'rds-instance': { ja: 'DB インスタンス', en: 'the DB instance' },
  'rds-cluster': { ja: 'DB クラスター', en: 'the DB cluster' },
};

const AZURE_STORES: ReadonlySet<StoreType> = new Set<StoreType>([
  'storage-account',
  'sql-server',
  'sql-database',
  'postgresql-server',
  'mysql-server',
  'cosmosdb-account',
  'mongo-cluster',
  'synapse-workspace',
  'synapse-sql-pool',
  'kusto-cluster',
  'recovery-services-vault',
  'backup-vault',
  'managed-disk',
]);

function setting(e: DataStore | LoadBalancer, f: Fact<boolean> | undefined, what: LocalText): Draft {
  if (!f) return unknownFrom(e, { ja: `${what.ja}の削除保護を判定できません`, en: `cannot tell whether ${what.en} has deletion protection` }, [modelGap(e, 'deletion protection')]);
  if (!f.known) return unknownFrom(e, { ja: `${what.ja}の削除保護を判定できません`, en: `cannot tell whether ${what.en} has deletion protection` }, [f]);
  const at = { location: locOf(f, e), evidence: { deletionProtection: f.value } };
  if (f.value) return pass(e, { ja: `${what.ja}の削除保護が有効です`, en: `${what.en} has deletion protection on` }, at);
  const note = defaultNote(f);
  return fail(e, { ja: `${what.ja}の削除保護が無効です${note.ja}`, en: `${what.en} has deletion protection off${note.en}` }, at);
}

function locked(locks: LockCoverage, e: DataStore | Key, what: LocalText): Draft {
  const p = locks.of(e.id);
  if (p.state === 'yes') {
    return pass(e, { ja: `${what.ja}は ${p.level} ロック（${p.lock}）で削除から保護されています`, en: `${what.en} is protected from deletion by the ${p.level} lock ${p.lock}` }, {
      location: p.loc,
      evidence: { lock: p.lock, level: p.level },
    });
  }
  if (p.state === 'open') {
    return unknownFrom(e, { ja: `${what.ja}を保護するロックを判定できません`, en: `cannot tell whether a lock protects ${what.en}` }, p.open);
  }
  return fail(e, {
    ja: `${what.ja}にも、その上位（リソースグループ、サブスクリプション）にも CanNotDelete ロックがなく、誤って削除できます`,
    en: `neither ${what.en} nor a scope above it (resource group, subscription) has a CanNotDelete lock, so it can be deleted by mistake`,
  });
}

const AZURE_WORDS: Partial<Record<StoreType, LocalText>> = {
  'storage-account': { ja: 'ストレージアカウント', en: 'the storage account' },
  'sql-server': { ja: 'SQL サーバー', en: 'the SQL server' },
  'sql-database': { ja: 'SQL Database', en: 'the SQL database' },
  'postgresql-server': { ja: 'PostgreSQL サーバー', en: 'the PostgreSQL server' },
  'mysql-server': { ja: 'MySQL サーバー', en: 'the MySQL server' },
  'cosmosdb-account': { ja: 'Cosmos DB アカウント', en: 'the Cosmos DB account' },
  'mongo-cluster': { ja: 'Cosmos DB for MongoDB（仮想コア）クラスター', en: 'the Cosmos DB for MongoDB vCore cluster' },
  'synapse-workspace': { ja: 'Synapse ワークスペース', en: 'the Synapse workspace' },
  'synapse-sql-pool': { ja: 'Synapse 専用 SQL プール', en: 'the Synapse dedicated SQL pool' },
  'kusto-cluster': { ja: 'Data Explorer クラスター', en: 'the Data Explorer cluster' },
  'recovery-services-vault': { ja: 'Recovery Services コンテナー', en: 'the Recovery Services vault' },
  'backup-vault': { ja: 'バックアップコンテナー', en: 'the backup vault' },
  'managed-disk': { ja: 'マネージドディスク', en: 'the managed disk' },
};

export const check: ControlCheck = {
  id: 'LG-4.5',
  check({ model }) {
    const drafts: Draft[] = [];
    const locks = new LockCoverage(model);
    for (const s of model.all('data-store')) {
      const db = AWS_DATABASES[s.storeType];
      if (db && s.cloud === 'aws') drafts.push(setting(s, s.deletionProtection, db));
      // A VM's own disks go with the VM; standalone disks hold data of their own.
      else if (s.cloud === 'azure' && AZURE_STORES.has(s.storeType) && !partKey(s)) drafts.push(locked(locks, s, AZURE_WORDS[s.storeType]!));
    }
    for (const k of model.all('key')) {
      if (k.cloud === 'azure' && k.keyType === 'key-vault') drafts.push(locked(locks, k, { ja: 'Key Vault', en: 'the key vault' }));
    }
    for (const lb of model.all('load-balancer')) {
      if (lb.cloud !== 'aws' || lb.lbType === 'classic') continue;
      drafts.push(setting(lb, lb.deletionProtection, { ja: 'ロードバランサー', en: 'the load balancer' }));
    }
    return drafts;
  },
};
