// LG-3.9 通信の暗号化: data in transit is encrypted with TLS 1.2 or later,
// wherever the resource sits.
// - Load balancer listeners: HTTPS/TLS with a policy whose minimum is TLS
//   1.2; an HTTP listener passes only when it redirects to HTTPS. TCP/UDP
//   listeners pass traffic through untouched (TLS may end at the targets),
//   which a definition cannot show: not judged. One result per listener.
// - S3 buckets: the bucket policy denies every request made without TLS
//   (`aws:SecureTransport` false) to everyone for reads and writes.
// - Storage accounts, SQL servers, caches, App Service: HTTPS only and a
//   minimum TLS version of 1.2 or later, where the resource has the setting.
import type { Listener, LoadBalancer } from '../../model/compute.js';
import type { Fact, UnknownFact } from '../../model/fact.js';
import type { Entity } from '../../model/model.js';
import type { DataStore } from '../../model/data.js';
import type { PolicyStatement } from '../../model/policy-document.js';
import { parsePolicyDocument, principalIsEveryone, statementCoversAction } from '../../model/policy-document.js';
import type { UnknownCause } from '../../readers/value.js';
import type { LocalText } from '../../results/finding.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, pass, unknown, unknownFrom } from '../draft.js';
import { policyRequiresTls12, tlsVersionOf } from '../network/tls-versions.js';

const SECURE = new Set(['HTTPS', 'TLS', 'SSL']);
const JUDGED_LBS: ReadonlySet<LoadBalancer['lbType']> = new Set(['application', 'network', 'classic', 'azure-application-gateway']);

function listenerDraft(lb: LoadBalancer, l: Listener): Draft | undefined {
  const port = l.port.known && l.port.value !== null ? String(l.port.value) : '?';
  const key = `${l.definedBy} ${port}`;
  const evidenceBase = { listener: l.definedBy, port };
  if (!l.protocol.known) {
    return unknownFrom(lb, { ja: `リスナー（ポート ${port}）のプロトコルを判定できません`, en: `cannot tell the protocol of the listener on port ${port}` }, [l.protocol], { key, evidence: evidenceBase });
  }
  const protocol = l.protocol.value.toUpperCase();
  const evidence = { ...evidenceBase, protocol };
  if (SECURE.has(protocol)) {
    const p = l.sslPolicy;
    if (!p) return unknown(lb, { ja: `リスナー（${protocol}:${port}）の TLS ポリシーを判定できません`, en: `cannot tell the TLS policy of the ${protocol} listener on port ${port}` }, [{ inputs: [l.definedBy], detail: 'TLS policy is not modelled' }], { key, location: l.loc, evidence });
    if (!p.known) return unknownFrom(lb, { ja: `リスナー（${protocol}:${port}）の TLS ポリシーを判定できません`, en: `cannot tell the TLS policy of the ${protocol} listener on port ${port}` }, [p], { key, evidence });
    const name = p.value ?? '';
    const ok = policyRequiresTls12(name);
    const ev = { ...evidence, sslPolicy: name };
    if (ok === undefined) {
      return unknown(lb, { ja: `TLS ポリシー ${name} の最小バージョンを判定できません`, en: `cannot tell the minimum TLS version of policy ${name}` }, [{ inputs: [l.definedBy], detail: `${name} is not a TLS policy kikan knows` }], { key, location: locOf(p, lb), evidence: ev });
    }
    if (!ok) {
      return fail(lb, { ja: `リスナー（${protocol}:${port}）の TLS ポリシー ${name} は TLS 1.2 より古いバージョンを受け付けます`, en: `the ${protocol} listener on port ${port} uses ${name}, which accepts TLS versions older than 1.2` }, { key, location: locOf(p, lb), evidence: ev });
    }
    return pass(lb, { ja: `リスナー（${protocol}:${port}）は ${name} で TLS 1.2 以上です`, en: `the ${protocol} listener on port ${port} uses ${name} (TLS 1.2 or later)` }, { key, location: locOf(p, lb), evidence: ev });
  }
  if (protocol !== 'HTTP') return undefined;
  const r = l.redirectsToHttps;
  if (!r) return unknown(lb, { ja: `HTTP リスナー（ポート ${port}）が HTTPS にリダイレクトするか判定できません`, en: `cannot tell whether the HTTP listener on port ${port} redirects to HTTPS` }, [{ inputs: [l.definedBy], detail: 'redirects are not modelled' }], { key, location: l.loc, evidence });
  if (!r.known) return unknownFrom(lb, { ja: `HTTP リスナー（ポート ${port}）が HTTPS にリダイレクトするか判定できません`, en: `cannot tell whether the HTTP listener on port ${port} redirects to HTTPS` }, [r], { key, evidence });
  if (r.value) return pass(lb, { ja: `HTTP リスナー（ポート ${port}）は HTTPS にリダイレクトします`, en: `the HTTP listener on port ${port} redirects to HTTPS` }, { key, location: locOf(r, lb), evidence });
  return fail(lb, { ja: `リスナー（ポート ${port}）が暗号化されていない HTTP で通信を受け付けます`, en: `the listener on port ${port} accepts unencrypted HTTP` }, { key, location: l.loc, evidence });
}

/**
 * Whether a Resource pattern covers every object of the bucket (S3 only takes
 * resources of the bucket itself): `*`, `<bucket>/*`, or a bucket pattern
 * ending in `*`. An unknown part (`${Bucket.Arn}`) stands for text without
 * `/` or `*`, so `${Bucket.Arn}` alone is the bucket, not its objects.
 */
function coversEveryObject(pattern: string): boolean {
  const slash = pattern.indexOf('/');
  if (slash < 0) return pattern.endsWith('*');
  return /^\*+$/.test(pattern.slice(slash + 1));
}

function deniesForEveryObject(st: PolicyStatement): boolean | UnknownCause[] {
  if (st.notResource) return true;
  const r = st.resource;
  if (!r) return false;
  if (r.values.some(coversEveryObject)) return true;
  const partials = r.partials ?? [];
  if (partials.some((p) => coversEveryObject(p.pieces.map((x) => ('text' in x ? x.text : 'unknown')).join('')))) return true;
  // A bucket's own ARN attribute (`!GetAtt Logs.Arn`, `aws_s3_bucket.logs.arn`) names the bucket, not its objects.
  const opaque = r.unknowns.filter((c) => !partials.some((p) => p.cause === c) && !(c.inputs.length > 0 && c.inputs.every((i) => ARN_ATTRIBUTE.test(i))));
  return opaque.length ? opaque : false;
}

const ARN_ATTRIBUTE = /\.arn( \(known after apply\))?$/i;

function deniesPlainRequests(st: PolicyStatement): boolean | UnknownCause[] {
  const causes: UnknownCause[] = [];
  if (!st.effect.known) return [st.effect.cause];
  if (st.effect.value !== 'Deny') return false;
  if (!principalIsEveryone(st.principal)) return st.principal?.unknowns.length ? st.principal.unknowns : false;
  for (const action of ['s3:GetObject', 's3:PutObject']) {
    const c = statementCoversAction(st, action);
    if (c === false) return false;
    if (c !== true) causes.push(...c);
  }
  const objects = deniesForEveryObject(st);
  if (objects === false) return false;
  if (objects !== true) causes.push(...objects);
  const conds = st.condition;
  const hit = conds?.entries.some(
    (e) => /^bool(ifexists)?$/i.test(e.operator) && e.key.toLowerCase() === 'aws:securetransport' && e.values.values.some((v) => v.toLowerCase() === 'false'),
  );
  if (!hit) return conds?.unknowns.length ? [...causes, ...conds.unknowns] : false;
  return causes.length ? causes : true;
}

function bucketDraft(b: DataStore): Draft | undefined {
  const doc = b.policy;
  if (!doc) return undefined;
  const parsed = parsePolicyDocument(doc);
  const what = { ja: 'TLS を使わない要求を拒否するバケットポリシー', en: 'a bucket policy denying requests without TLS' };
  if (!parsed.known) return unknownFrom(b, { ja: `${what.ja}があるか判定できません`, en: `cannot tell whether there is ${what.en}` }, [parsed]);
  if (parsed.value === null) {
    return fail(b, { ja: `バケットポリシーがなく、TLS を使わない（HTTP の）要求を拒否していません`, en: 'there is no bucket policy, so requests without TLS (plain HTTP) are not denied' }, { location: doc.loc ?? b.loc });
  }
  const causes: UnknownCause[] = [...parsed.value.unknownStatements];
  for (const st of parsed.value.statements) {
    const r = deniesPlainRequests(st);
    if (r === true && b.policyConditional) {
      return unknown(
        b,
        { ja: 'TLS を使わない要求を拒否するバケットポリシーは、判定できない条件のもとでだけ作成されます', en: 'the bucket policy that denies requests without TLS is created only under a condition that cannot be evaluated' },
        [b.policyConditional],
        { location: doc.loc ?? b.loc, evidence: { statement: st.sid ?? st.index } },
      );
    }
    if (r === true) {
      return pass(b, { ja: 'バケットポリシーが TLS を使わない要求を拒否しています（aws:SecureTransport）', en: 'the bucket policy denies requests without TLS (aws:SecureTransport)' }, { location: doc.loc ?? b.loc, evidence: { statement: st.sid ?? st.index } });
    }
    if (r !== false) causes.push(...r);
  }
  if (causes.length > 0) return unknown(b, { ja: `${what.ja}があるか判定できません`, en: `cannot tell whether there is ${what.en}` }, causes, { location: doc.loc ?? b.loc });
  return fail(b, { ja: 'バケットポリシーが TLS を使わない要求を拒否していません（aws:SecureTransport が false の要求を全員・全オブジェクトについて拒否する文がありません）', en: 'the bucket policy does not deny requests without TLS (no Deny to everyone on aws:SecureTransport false that covers every object)' }, { location: doc.loc ?? b.loc });
}

/** HTTPS-only and minimum TLS settings of stores and web apps. */
function transportDraft(e: Entity, httpsOnly: Fact<boolean> | undefined, minTls: Fact<string | null> | undefined): Draft | undefined {
  if (!httpsOnly && !minTls) return undefined;
  const problems: { text: LocalText; loc: Fact<unknown> }[] = [];
  const open: UnknownFact[] = [];
  if (httpsOnly) {
    if (!httpsOnly.known) open.push(httpsOnly);
    else if (!httpsOnly.value) problems.push({ text: { ja: `HTTP の通信を受け付けます（HTTPS のみが無効${httpsOnly.defaulted ? '、既定値' : ''}）`, en: `it accepts plain HTTP (HTTPS-only is off${httpsOnly.defaulted ? ', the default' : ''})` }, loc: httpsOnly });
  }
  let version: string | undefined;
  if (minTls) {
    if (!minTls.known) open.push(minTls);
    else {
      const raw = minTls.value;
      const v = raw === null ? undefined : tlsVersionOf(raw);
      version = raw ?? 'none';
      const dflt = minTls.defaulted ? { ja: '（既定値）', en: ' (default)' } : { ja: '', en: '' };
      if (raw === null || /^(none|disabled|off)$/i.test(raw.trim())) {
        problems.push({ text: { ja: `最小 TLS バージョンの指定がありません${dflt.ja}`, en: `no minimum TLS version is set${dflt.en}` }, loc: minTls });
      } else if (v === undefined) {
        open.push({ known: false, cause: { inputs: [e.address], detail: `minimum TLS version "${raw}" is not a version kikan can read` }, ...(minTls.loc ? { loc: minTls.loc } : {}) });
      } else if (v < 1.2) {
        problems.push({ text: { ja: `最小 TLS バージョンが ${raw}${dflt.ja}で、1.2 より古い版を受け付けます`, en: `the minimum TLS version is ${raw}${dflt.en}, which accepts versions older than 1.2` }, loc: minTls });
      }
    }
  }
  const evidence = { ...(httpsOnly?.known ? { httpsOnly: httpsOnly.value } : {}), ...(version !== undefined ? { minTlsVersion: version } : {}) };
  if (problems.length > 0) {
    return fail(e, { ja: problems.map((p) => p.text.ja).join('。'), en: problems.map((p) => p.text.en).join('; ') }, { location: locOf(problems[0]!.loc, e), evidence });
  }
  if (open.length > 0) return unknownFrom(e, { ja: '通信の暗号化の設定を判定できません', en: 'cannot tell how transport is encrypted' }, open, { evidence });
  const text = !minTls
    ? { ja: 'HTTPS の通信だけを受け付けます', en: 'HTTPS only' }
    : !httpsOnly
      ? { ja: `最小 TLS バージョンは ${version} です（1.2 以上）`, en: `minimum TLS version ${version} (1.2 or later)` }
      : { ja: `HTTPS のみ、最小 TLS バージョン ${version} で通信します`, en: `HTTPS only, minimum TLS version ${version}` };
  return pass(e, text, { location: locOf(minTls ?? httpsOnly, e), evidence });
}

export const check: ControlCheck = {
  id: 'LG-3.9',
  check({ model }) {
    const drafts: Draft[] = [];
    for (const lb of model.all('load-balancer')) {
      if (!JUDGED_LBS.has(lb.lbType)) continue;
      for (const l of lb.listeners) {
        const d = listenerDraft(lb, l);
        if (d) drafts.push(d);
      }
    }
    for (const d of model.all('data-store')) {
      const out = d.storeType === 's3-bucket' ? bucketDraft(d) : transportDraft(d, d.httpsOnly, d.minTlsVersion);
      if (out) drafts.push(out);
    }
    for (const c of model.all('compute')) {
      if (c.computeType !== 'app-service') continue;
      const out = transportDraft(c, c.httpsOnly, c.minTlsVersion);
      if (out) drafts.push(out);
    }
    return drafts;
  },
};
