// LG-4.2 データベースの冗長化: databases and caches keep a synchronous copy in
// another zone. RDS instances Multi-AZ; Aurora clusters with two or more
// instances not all pinned to one zone (a Multi-AZ DB cluster always runs
// three); ElastiCache Multi-AZ with automatic failover (serverless caches
// by design); Azure SQL databases zone redundant; PostgreSQL / MySQL
// flexible servers with zone-redundant high availability; Cosmos DB zone
// redundant or in a second region; Azure Cache for Redis and Managed Redis
// over zones; Cosmos DB for MongoDB vCore with zone-redundant high
// availability; Data Explorer clusters over zones.
import type { DataStore, StoreType } from '../../model/data.js';
import type { LocalText } from '../../results/finding.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, pass, unknownFrom, unknownsOf } from '../draft.js';
import { defaultNote } from '../data/encryption.js';
import { modelGap } from '../resilience/model-gap.js';

const DATABASES: Partial<Record<StoreType, LocalText>> = {
  'rds-instance': { ja: 'RDS の DB インスタンス', en: 'the RDS DB instance' },
  'rds-cluster': { ja: 'DB クラスター', en: 'the DB cluster' },
  elasticache: { ja: 'ElastiCache', en: 'the ElastiCache cache' },
  'sql-database': { ja: 'SQL Database', en: 'the SQL database' },
  'postgresql-server': { ja: 'PostgreSQL サーバー', en: 'the PostgreSQL server' },
  'mysql-server': { ja: 'MySQL サーバー', en: 'the MySQL server' },
  'cosmosdb-account': { ja: 'Cosmos DB アカウント', en: 'the Cosmos DB account' },
  'redis-cache': { ja: 'Azure Cache for Redis', en: 'the Azure Cache for Redis' },
  'redis-enterprise': { ja: 'Azure Managed Redis（Redis Enterprise）', en: 'the Azure Managed Redis (Redis Enterprise) cache' },
  'mongo-cluster': { ja: 'Cosmos DB for MongoDB（仮想コア）クラスター', en: 'the Cosmos DB for MongoDB vCore cluster' },
  'kusto-cluster': { ja: 'Data Explorer クラスター', en: 'the Data Explorer cluster' },
};

/** What "redundant" means for each kind, in the words of the result. */
const REDUNDANT: Partial<Record<StoreType, LocalText>> = {
  'rds-instance': { ja: 'マルチ AZ 配置', en: 'Multi-AZ' },
  elasticache: { ja: 'マルチ AZ（自動フェイルオーバー付き）', en: 'Multi-AZ with automatic failover' },
  'sql-database': { ja: 'ゾーン冗長', en: 'zone redundant' },
  'postgresql-server': { ja: 'ゾーン冗長の高可用性構成', en: 'set up for zone-redundant high availability' },
  'mysql-server': { ja: 'ゾーン冗長の高可用性構成', en: 'set up for zone-redundant high availability' },
  'cosmosdb-account': { ja: 'ゾーン冗長または複数リージョン', en: 'zone redundant or in several regions' },
  'redis-cache': { ja: '複数ゾーン配置', en: 'spread over zones' },
  'redis-enterprise': { ja: '複数ゾーン配置', en: 'spread over zones' },
  'mongo-cluster': { ja: 'ゾーン冗長の高可用性構成', en: 'set up for zone-redundant high availability' },
  'kusto-cluster': { ja: '複数ゾーン配置', en: 'spread over zones' },
};

function cluster(s: DataStore, what: LocalText): Draft {
  const count = s.instanceCount;
  const zones = s.multiZone;
  // No instance in the scan: they may be defined elsewhere (another stack), or the cluster has none by design (Aurora Serverless v1, Limitless).
  if (count?.known && count.value === 0) {
    return unknownFrom(s, { ja: `${what.ja}のインスタンスが検査したコードにありません`, en: `no instance of ${what.en} is defined in the scanned code` }, [
      { known: false, cause: { inputs: [`${s.address} instances`], detail: 'the cluster has no instances in the scanned inputs' }, loc: count.loc ?? s.loc },
    ]);
  }
  // One instance is a failure whatever the zones are.
  if (count?.known && count.value === 1) {
    return fail(
      s,
      { ja: `${what.ja}のインスタンスが1つだけで、別のゾーンに切り替える先がありません`, en: `${what.en} has one instance only, so there is nothing to fail over to in another zone` },
      { location: locOf(count, s), evidence: { instances: count.value } },
    );
  }
  const open = unknownsOf(count, zones);
  if (!count) open.push(modelGap(s, 'instance count'));
  if (!zones) open.push(modelGap(s, 'zone placement'));
  if (open.length || !count?.known || !zones?.known) {
    return unknownFrom(s, { ja: `${what.ja}のインスタンスの配置を判定できません`, en: `cannot tell how the instances of ${what.en} are placed` }, open);
  }
  const at = { location: locOf(zones, s), evidence: { instances: count.value, multiZone: zones.value } };
  if (!zones.value) {
    return fail(s, { ja: `${what.ja}のインスタンス${count.value}つがすべて同じゾーンに固定されています`, en: `the ${count.value} instances of ${what.en} are all pinned to one zone` }, at);
  }
  const note = count.defaulted ? { ja: '（マルチ AZ DB クラスター）', en: ' (a Multi-AZ DB cluster)' } : { ja: '', en: '' };
  return pass(s, { ja: `${what.ja}は${count.value}つのインスタンスを複数のゾーンに置いています${note.ja}`, en: `${what.en} runs ${count.value} instances across zones${note.en}` }, at);
}

function single(s: DataStore, what: LocalText): Draft {
  const f = s.multiZone;
  const word = REDUNDANT[s.storeType]!;
  if (!f) {
    return unknownFrom(s, { ja: `${what.ja}の冗長構成を判定できません`, en: `cannot tell whether ${what.en} is redundant` }, [modelGap(s, 'zone redundancy')]);
  }
  if (!f.known) return unknownFrom(s, { ja: `${what.ja}が${word.ja}か判定できません`, en: `cannot tell whether ${what.en} is ${word.en}` }, [f]);
  const note = defaultNote(f);
  const at = { location: locOf(f, s), evidence: { multiZone: f.value, ...(f.defaulted ? { defaulted: true } : {}) } };
  if (f.value) return pass(s, { ja: `${what.ja}は${word.ja}です${note.ja}`, en: `${what.en} is ${word.en}${note.en}` }, at);
  return fail(s, { ja: `${what.ja}が${word.ja}ではありません${note.ja}`, en: `${what.en} is not ${word.en}${note.en}` }, at);
}

export const check: ControlCheck = {
  id: 'LG-4.2',
  check({ model }) {
    const drafts: Draft[] = [];
    for (const s of model.all('data-store')) {
      const what = DATABASES[s.storeType];
      if (!what) continue;
      drafts.push(s.storeType === 'rds-cluster' ? cluster(s, what) : single(s, what));
    }
    return drafts;
  },
};
