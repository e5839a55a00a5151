// LG-3.5 インターネットからの受信禁止: no security group or NSG lets the
// internet in to a mynumber or lgwan resource (critical), and nowhere is an
// admin or database port open to the whole internet (high). One result per
// offending rule, located at the rule; a group without one passes.
// - In a closed segment every public source fails: 0.0.0.0/0, ::/0,
//   `Internet`, `*`, public ranges and Azure service tags (AzureCloud holds
//   other tenants' addresses). A prefix list's entries are not in the model:
//   unknown.
// - Anywhere, the whole internet (0.0.0.0/0, ::/0, `Internet`, `*`) to an
//   admin or database port over TCP (port ranges covering one count) fails.
// - NSG priorities are honoured: a deny of a lower number stops the allow.
// - A database server guarded only by its own IP firewall (Azure SQL,
//   PostgreSQL/MySQL flexible servers) with a rule admitting the whole
//   internet opens its database port to everyone: fails anywhere.
import type { DataStore, StoreType } from '../../model/data.js';
import type { SecurityGroup, SecurityRule } from '../../model/security.js';
import type { UnknownCause } from '../../readers/value.js';
import type { ControlCheck, ControlContext, Draft } from '../control.js';
import { fail, pass, unknown } from '../draft.js';
import type { Closedness } from '../network/closed-segment.js';
import { describeSegment, groupClosedness, segmentEvidence } from '../network/closed-segment.js';
import { earlierDeny, ruleKey, ruleLabel, uncertainEarlierDeny } from '../network/rule-order.js';
import { isAllProtocols, peerReach } from '../network/rule-peers.js';

/** Admin and database ports that must never face the whole internet. */
export const ADMIN_PORTS: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'],
  [3389, 'RDP'],
  [5985, 'WinRM'],
  [5986, 'WinRM over HTTPS'],
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [5439, 'Redshift'],
  [6379, 'Redis'],
  [9200, 'OpenSearch'],
  [11211, 'Memcached'],
  [27017, 'MongoDB'],
]);

type AdminHit = { kind: 'yes'; ports: string[] } | { kind: 'no' } | { kind: 'unknown'; cause: UnknownCause };

function adminPorts(rule: SecurityRule): AdminHit {
  if (!rule.protocol.known) return { kind: 'unknown', cause: rule.protocol.cause };
  const proto = rule.protocol.value.toLowerCase();
  if (!isAllProtocols(proto) && proto !== 'tcp' && proto !== '6') return { kind: 'no' };
  if (!rule.ports.known) return { kind: 'unknown', cause: rule.ports.cause };
  const hits: string[] = [];
  for (const [port, name] of [...ADMIN_PORTS].sort((a, b) => a[0] - b[0])) if (rule.ports.value.some((r) => r.from <= port && port <= r.to)) hits.push(`${port} (${name})`);
  return hits.length ? { kind: 'yes', ports: hits } : { kind: 'no' };
}

function portsText(rule: SecurityRule): string {
  if (!rule.ports.known) return '?';
  if (rule.ports.value.length === 0) return rule.protocol.known ? rule.protocol.value : '?';
  return rule.ports.value.map((r) => (r.from === 0 && r.to === 65535 ? 'all' : r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(', ');
}

function groupLabel(g: SecurityGroup): { ja: string; en: string } {
  return g.flavor === 'azure-nsg' ? { ja: 'NSG', en: 'the NSG' } : { ja: 'セキュリティグループ', en: 'the security group' };
}

function judgeRule(g: SecurityGroup, rule: SecurityRule, c: Closedness, ctx: ControlContext): Draft | undefined {
  const label = ruleLabel(rule);
  const base = { location: rule.loc, key: ruleKey(g, rule) };
  const gl = groupLabel(g);
  const evidenceBase = { ...segmentEvidence(c.assignment, ctx.model), rule: { definedBy: rule.definedBy, ...(rule.name ? { name: rule.name } : {}), ports: portsText(rule) } };
  const admin = adminPorts(rule);
  if (!rule.peers.known) {
    if (c.kind === 'open' && admin.kind === 'no') return undefined;
    return unknown(g, { ja: `${label.ja}の送信元を判定できません`, en: `cannot tell the sources of ${label.en}` }, [rule.peers.cause], { ...base, evidence: evidenceBase });
  }
  const internet: string[] = [];
  const publicSources: string[] = [];
  const open: { text: string; cause: UnknownCause }[] = [];
  // Internet sources a deny may stop first: they count only when nothing else is open, and then as unknown.
  const maybe = { internet: [] as string[], publicSources: [] as string[], causes: [] as UnknownCause[] };
  for (const p of rule.peers.value) {
    const reach = peerReach(p);
    if (reach.kind === 'private' || earlierDeny(g, rule, reach)) continue;
    const maybeDenied = uncertainEarlierDeny(g, rule, reach);
    if (maybeDenied && (reach.kind === 'internet' || reach.kind === 'public-range' || reach.kind === 'service-tag')) {
      (reach.kind === 'internet' ? maybe.internet : maybe.publicSources).push(reach.text);
      maybe.causes.push(maybeDenied);
      continue;
    }
    if (reach.kind === 'internet') internet.push(reach.text);
    else if (reach.kind === 'public-range' || reach.kind === 'service-tag') publicSources.push(reach.text);
    else if (reach.kind === 'prefix-list') open.push({ text: reach.text, cause: { inputs: [reach.text], detail: `the entries of prefix list ${reach.text} are not in the model` } });
    else open.push({ text: reach.text, cause: { inputs: [rule.definedBy], detail: `"${reach.text}" is not an address block kikan can read` } });
  }
  const exists: UnknownCause[] = rule.conditional ? [rule.conditional] : [];
  let doubt = { ja: '規則が存在するか', en: 'whether the rule exists' };
  if (internet.length === 0 && publicSources.length === 0 && maybe.causes.length > 0) {
    internet.push(...maybe.internet);
    publicSources.push(...maybe.publicSources);
    exists.push(...maybe.causes);
    doubt = rule.conditional
      ? { ja: '規則が存在するか、拒否規則が先に止めるか', en: 'whether the rule exists and whether a deny rule stops it first' }
      : { ja: '拒否規則が先に止めるか', en: 'whether a deny rule stops it first' };
  }
  const evidence = { ...evidenceBase, sources: [...internet, ...publicSources, ...open.map((o) => o.text)] };
  const sources = [...internet, ...publicSources].join(', ');

  if (c.kind === 'closed' && (internet.length > 0 || publicSources.length > 0)) {
    const seg = describeSegment(c.assignment, ctx.model);
    const text = {
      ja: `${seg.ja}の${gl.ja}で、${label.ja}がインターネット（${sources}）からの受信を許可しています（ポート ${portsText(rule)}）`,
      en: `${label.en} of ${gl.en} in the ${seg.en} allows ingress from the internet (${sources}) on ports ${portsText(rule)}`,
    };
    if (exists.length) return unknown(g, { ja: `${text.ja}。ただし${doubt.ja}判定できません`, en: `${text.en}, but ${doubt.en} cannot be told` }, exists, { ...base, evidence });
    return fail(g, text, { ...base, evidence });
  }
  if (internet.length > 0 && admin.kind === 'yes') {
    const text = {
      ja: `${gl.ja}の${label.ja}が、管理用・データベースのポート ${admin.ports.join(', ')} をインターネット全体（${internet.join(', ')}）に開いています`,
      en: `${label.en} of ${gl.en} opens admin or database ports ${admin.ports.join(', ')} to the whole internet (${internet.join(', ')})`,
    };
    if (exists.length) return unknown(g, { ja: `${text.ja}。ただし${doubt.ja}判定できません`, en: `${text.en}, but ${doubt.en} cannot be told` }, exists, { ...base, evidence, severity: 'high' });
    return fail(g, text, { ...base, evidence, severity: 'high' });
  }
  if (internet.length > 0 && admin.kind === 'unknown') {
    return unknown(g, { ja: `${label.ja}がインターネットに開くポートを判定できません`, en: `cannot tell which ports ${label.en} opens to the internet` }, [admin.cause], { ...base, evidence });
  }
  if (c.kind === 'maybe' && (internet.length > 0 || publicSources.length > 0)) {
    return unknown(
      g,
      {
        ja: `${label.ja}がインターネット（${sources}）からの受信を許可していますが、${gl.ja}が閉域区分に属するか判定できません`,
        en: `${label.en} allows ingress from the internet (${sources}), but whether ${gl.en} is in a closed segment cannot be told`,
      },
      [c.cause],
      { ...base, evidence },
    );
  }
  if (c.kind !== 'open' && open.length > 0) {
    return unknown(
      g,
      {
        ja: `${label.ja}の送信元（${open.map((o) => o.text).join(', ')}）がインターネットを含むか判定できません`,
        en: `cannot tell whether the sources of ${label.en} (${open.map((o) => o.text).join(', ')}) include the internet`,
      },
      open.map((o) => o.cause),
      { ...base, evidence },
    );
  }
  return undefined;
}

const SERVER_PORTS: Partial<Record<StoreType, string>> = {
  'sql-server': '1433 (SQL Server)',
  'postgresql-server': '5432 (PostgreSQL)',
  'mysql-server': '3306 (MySQL)',
  'mongo-cluster': '10260 (MongoDB)',
  'synapse-workspace': '1433 (SQL)',
};

function judgeServerFirewall(s: DataStore, open: NonNullable<DataStore['firewallOpenToAll']>): Draft {
  const port = SERVER_PORTS[s.storeType] ?? 'database';
  if (!open.known) {
    return unknown(s, { ja: 'サーバーのファイアウォールがインターネット全体を許可しているか判定できません', en: 'cannot tell whether the server firewall admits the whole internet' }, [open.cause], { location: open.loc ?? s.loc });
  }
  if (open.value) {
    return fail(
      s,
      {
        ja: `パブリックネットワークアクセスが有効で、ファイアウォール規則がすべてのアドレスを許可しているため、データベースのポート ${port} がインターネット全体に開いています`,
        en: `public network access is on and a firewall rule admits every address, so database port ${port} is open to the whole internet`,
      },
      { location: open.loc ?? s.loc, severity: 'high', evidence: { firewallOpenToAll: true } },
    );
  }
  return pass(s, { ja: 'サーバーのファイアウォールはインターネット全体を許可していません', en: 'the server firewall does not admit the whole internet' }, { location: open.loc ?? s.loc, evidence: { firewallOpenToAll: false } });
}

export const check: ControlCheck = {
  id: 'LG-3.5',
  check(ctx) {
    const drafts: Draft[] = [];
    const tagKey = ctx.policy.tagKeys.segment;
    for (const g of ctx.model.all('security-group')) {
      if (g.flavor === 'aws-network-acl') continue;
      const c = groupClosedness(ctx.graph, g, tagKey);
      const ruleDrafts: Draft[] = [];
      for (const rule of g.rules) {
        if (rule.direction !== 'ingress' || rule.action !== 'allow') continue;
        const d = judgeRule(g, rule, c, ctx);
        if (d) ruleDrafts.push(d);
      }
      drafts.push(...ruleDrafts);
      if (ruleDrafts.length > 0) continue;
      const complete = g.rulesComplete;
      if (!complete.known || !complete.value) {
        const cause: UnknownCause = complete.known ? { inputs: [g.address], detail: `rules of ${g.address} may come from resources outside the scan` } : complete.cause;
        drafts.push(
          unknown(g, { ja: '受信規則をすべては判定できません', en: 'cannot tell all the ingress rules of the group' }, [cause], {
            location: complete.loc ?? g.loc,
            evidence: segmentEvidence(c.assignment, ctx.model),
          }),
        );
        continue;
      }
      const gl = groupLabel(g);
      drafts.push(
        pass(
          g,
          c.kind === 'closed'
            ? { ja: `${gl.ja}はインターネットからの受信を許可していません`, en: `${gl.en} allows no ingress from the internet` }
            : { ja: `${gl.ja}は管理用・データベースのポートをインターネットに開いていません`, en: `${gl.en} opens no admin or database port to the internet` },
          { evidence: segmentEvidence(c.assignment, ctx.model) },
        ),
      );
    }
    for (const s of ctx.model.all('data-store')) {
      if (s.firewallOpenToAll) drafts.push(judgeServerFirewall(s, s.firewallOpenToAll));
    }
    return drafts;
  },
};
