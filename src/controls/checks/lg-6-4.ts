// LG-6.4 フローログとリソースログ: traffic and data access leave records.
// Networks of the mynumber segment (declared or derived; the network graph
// decides) have flow logs recording all traffic, on the network or on every
// subnet (Azure: VNet flow logs, or NSG flow logs on the subnets' NSGs).
// S3 buckets that carry a classification label have server access logging;
// RDS instances and clusters export their logs. Azure data stores (storage
// accounts, SQL databases, PostgreSQL / MySQL servers, Cosmos DB, Redis
// caches, Managed Redis, MongoDB vCore, Synapse workspaces and dedicated SQL
// pools, Data Explorer: every type whose service has resource log
// categories) and Key Vaults have a diagnostic setting that sends log
// categories somewhere; SQL auditing on the database or its server counts
// for SQL databases, on the pool or its workspace for Synapse SQL pools.
import type { DataStore, StoreType } from '../../model/data.js';
import type { UnknownFact } from '../../model/fact.js';
import type { Key } from '../../model/keys.js';
import type { CloudModel } from '../../model/model.js';
import type { LogSetting } from '../../model/logging.js';
import type { Network } from '../../model/network.js';
import type { NetworkGraph } from '../../graph/types.js';
import type { Policy } from '../../policy/types.js';
import type { LocalText } from '../../results/finding.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, pass, unknownFrom } from '../draft.js';
import { defaultNote } from '../data/encryption.js';
import { readTag } from '../data/tags.js';
import { describeSegment, segmentEvidence } from '../network/closed-segment.js';
import { flowCoverage } from '../resilience/flow-log-coverage.js';
import { modelGap } from '../resilience/model-gap.js';

function network(model: CloudModel, graph: NetworkGraph, n: Network): Draft | undefined {
  const a = graph.segmentOf(n.id);
  const mynumber = a.segment === 'mynumber';
  const maybe = !mynumber && a.segment === null && a.unknown !== undefined;
  if (!mynumber && !maybe) return undefined;
  const seg = describeSegment(a, model);
  const evidence = segmentEvidence(a, model);
  const c = flowCoverage(model, graph, n);
  if (c.state === 'covered') {
    const by = c.by.map((l) => l.address).join(', ');
    return pass(n, { ja: `ネットワークの通信をフローログ（${by}）が記録しています`, en: `flow logs (${by}) record the network's traffic` }, {
      location: c.by[0]!.loc,
      evidence: { ...evidence, flowLogs: c.by.map((l) => l.address) },
    });
  }
  if (maybe) {
    const open = [{ known: false as const, cause: a.unknown!, ...(a.loc ? { loc: a.loc } : {}) }, ...(c.state === 'open' ? c.open : [])];
    return unknownFrom(n, { ja: '区分を判定できず、フローログが必要か分かりません', en: 'cannot tell the segment, so whether flow logs are required' }, open, { evidence });
  }
  if (c.state === 'open') {
    return unknownFrom(n, { ja: `${seg.ja}のネットワークにフローログがあるか判定できません`, en: `cannot tell whether the network (${seg.en}) has flow logs` }, c.open, { evidence });
  }
  if (c.state === 'partial') {
    const t = c.traffic.join(', ');
    return fail(n, { ja: `${seg.ja}のネットワークのフローログ（${c.by.address}）が ${t} の通信しか記録しません`, en: `the flow log ${c.by.address} of the network (${seg.en}) records only ${t} traffic` }, {
      location: locOf(c.by.categories, c.by),
      evidence: { ...evidence, flowLog: c.by.address, traffic: c.traffic },
    });
  }
  return fail(n, { ja: `${seg.ja}のネットワークにフローログがありません`, en: `the network (${seg.en}) has no flow log` }, { evidence });
}

/** S3 access logging on labelled buckets, RDS log exports: the store's own setting. */
function ownLogging(s: DataStore, what: LocalText, on: LocalText, off: LocalText, condition?: UnknownFact): Draft {
  const f = s.accessLogging;
  if (f?.known && f.value) return pass(s, on, { location: locOf(f, s) });
  if (condition) return unknownFrom(s, { ja: '分類ラベルを判定できず、アクセスログが必要か分かりません', en: 'cannot tell the classification label, so whether access logs are required' }, [condition]);
  if (!f) return unknownFrom(s, { ja: `${what.ja}のログ設定を判定できません`, en: `cannot tell the logging of ${what.en}` }, [modelGap(s, 'access logging')]);
  if (!f.known) return unknownFrom(s, { ja: `${what.ja}のログ設定を判定できません`, en: `cannot tell the logging of ${what.en}` }, [f]);
  const note = defaultNote(f);
  return fail(s, { ja: `${off.ja}${note.ja}`, en: `${off.en}${note.en}` }, { location: locOf(f, s) });
}

function bucket(s: DataStore, policy: Policy): Draft | undefined {
  const t = readTag(s, policy.tagKeys.classification);
  if (t.state === 'absent') return undefined;
  return ownLogging(
    s,
    { ja: 'バケット', en: 'the bucket' },
    { ja: '分類ラベルのあるバケットのアクセスログを記録しています', en: 'the labelled bucket records server access logs' },
    { ja: '分類ラベルのあるバケットにサーバーアクセスログがありません', en: 'the labelled bucket has no server access logging' },
    t.state === 'unknown' ? t.fact : undefined,
  );
}

function database(s: DataStore): Draft {
  return ownLogging(
    s,
    { ja: 'データベース', en: 'the database' },
    { ja: 'データベースのログを CloudWatch Logs にエクスポートしています', en: 'the database exports its logs to CloudWatch Logs' },
    { ja: 'データベースのログをエクスポートしていません', en: 'the database exports no logs' },
  );
}

const AZURE_STORES: Partial<Record<StoreType, LocalText>> = {
  'storage-account': { ja: 'ストレージアカウント', en: 'the storage account' },
  'sql-database': { ja: 'SQL Database', en: 'the SQL database' },
  'postgresql-server': { ja: 'PostgreSQL サーバー', en: 'the PostgreSQL server' },
  'mysql-server': { ja: 'MySQL サーバー', en: 'the MySQL server' },
  'cosmosdb-account': { ja: 'Cosmos DB アカウント', en: 'the Cosmos DB account' },
  'redis-cache': { ja: 'Azure Cache for Redis', en: 'the Azure Cache for Redis' },
  // Its logs are set on its databases; the lifter counts those settings for the cluster.
  'redis-enterprise': { ja: 'Managed Redis クラスター', en: 'the Managed Redis cluster' },
  'mongo-cluster': { ja: 'MongoDB (vCore) クラスター', en: 'the MongoDB (vCore) cluster' },
  'synapse-workspace': { ja: 'Synapse ワークスペース', en: 'the Synapse workspace' },
  'synapse-sql-pool': { ja: 'Synapse 専用 SQL プール', en: 'the Synapse dedicated SQL pool' },
  'kusto-cluster': { ja: 'Data Explorer クラスター', en: 'the Data Explorer cluster' },
};

/** Stores whose SQL auditing to a storage account, on them or on their parent, also records their data access. */
const AUDITED: Partial<Record<StoreType, { own: LocalText; parent: LocalText }>> = {
  'sql-database': { own: { ja: 'データベース', en: 'database' }, parent: { ja: 'サーバー', en: 'server' } },
  'synapse-sql-pool': { own: { ja: 'SQL プール', en: 'SQL pool' }, parent: { ja: 'ワークスペース', en: 'workspace' } },
};

/** Diagnostic settings by the entity they apply to; a target that cannot be told may be any entity. */
interface DiagnosticIndex {
  byTarget: Map<string, LogSetting[]>;
  anywhere: UnknownFact[];
}

function diagnosticIndex(model: CloudModel): DiagnosticIndex {
  const idx: DiagnosticIndex = { byTarget: new Map(), anywhere: [] };
  for (const s of model.all('log-setting')) {
    if (s.settingType !== 'diagnostic-setting' || s.cloud !== 'azure') continue;
    if (!s.target.known) {
      idx.anywhere.push(s.target);
      continue;
    }
    const list = idx.byTarget.get(s.target.value);
    if (list) list.push(s);
    else idx.byTarget.set(s.target.value, [s]);
  }
  return idx;
}

/** A diagnostic setting sending some log category to some destination, or SQL auditing. */
function resourceLogs(model: CloudModel, diag: DiagnosticIndex, e: DataStore | Key, what: LocalText): Draft {
  const open: UnknownFact[] = [];
  const audited = e.kind === 'data-store' ? AUDITED[e.storeType] : undefined;
  if (e.kind === 'data-store' && audited) {
    const server = e.parent?.known ? model.getOf(e.parent.value, 'data-store') : undefined;
    for (const [f, where] of [[e.accessLogging, audited.own], [server?.accessLogging, audited.parent]] as const) {
      if (f?.known && f.value) return pass(e, { ja: `${where.ja}の監査ログが有効です`, en: `auditing is on at the ${where.en}` }, { location: locOf(f, e) });
      if (f && !f.known) open.push(f);
    }
  }
  let silent: LogSetting | undefined;
  for (const s of diag.byTarget.get(e.id) ?? []) {
    if (s.conditional) {
      open.push({ known: false, cause: s.conditional, loc: s.loc });
      continue;
    }
    const dest = s.destinations;
    if (!s.enabled.known) open.push(s.enabled);
    else if (!dest.known) open.push(dest);
    else if (s.enabled.value && dest.value.length > 0) {
      return pass(e, { ja: `診断設定 ${s.address} がリソースログを送信しています`, en: `the diagnostic setting ${s.address} sends its resource logs` }, {
        location: s.categories?.loc ?? s.loc,
        evidence: { diagnosticSetting: s.address, ...(s.categories?.known ? { categories: s.categories.value } : {}) },
      });
    } else silent ??= s;
  }
  open.push(...diag.anywhere);
  if (open.length) return unknownFrom(e, { ja: `${what.ja}のリソースログの設定を判定できません`, en: `cannot tell whether ${what.en} sends resource logs` }, open);
  if (silent) {
    return fail(e, { ja: `${what.ja}の診断設定 ${silent.address} がログのカテゴリを送信していません（メトリックのみ）`, en: `the diagnostic setting ${silent.address} of ${what.en} sends no log category (metrics only)` }, {
      location: silent.categories?.loc ?? silent.loc,
    });
  }
  return fail(e, { ja: `${what.ja}にリソースログを送る診断設定がありません`, en: `${what.en} has no diagnostic setting sending its resource logs` });
}

export const check: ControlCheck = {
  id: 'LG-6.4',
  check({ model, graph, policy }) {
    const drafts: Draft[] = [];
    const diag = diagnosticIndex(model);
    for (const n of model.all('network')) {
      const d = network(model, graph, n);
      if (d) drafts.push(d);
    }
    for (const s of model.all('data-store')) {
      if (s.storeType === 's3-bucket') {
        const d = bucket(s, policy);
        if (d) drafts.push(d);
      } else if (s.cloud === 'aws' && (s.storeType === 'rds-instance' || s.storeType === 'rds-cluster')) drafts.push(database(s));
      else if (s.cloud === 'azure' && AZURE_STORES[s.storeType]) drafts.push(resourceLogs(model, diag, s, AZURE_STORES[s.storeType]!));
    }
    for (const k of model.all('key')) {
      if (k.cloud === 'azure' && k.keyType === 'key-vault') drafts.push(resourceLogs(model, diag, k, { ja: 'Key Vault', en: 'the key vault' }));
    }
    return drafts;
  },
};
