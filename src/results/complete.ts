// Turns a control's drafts into findings: resource reference, location,
// severity from the catalog, inheritance, waivers and a fingerprint that
// survives line moves.
import { createHash } from 'node:crypto';
import type { ControlContext, Draft } from '../controls/control.js';
import { isScope } from '../controls/control.js';
import { readTag } from '../controls/data/tags.js';
import type { Finding, ResourceRef, Severity } from './finding.js';
import { applyWaivers } from './waivers.js';
import { tagValue } from '../model/tags.js';

const LIVE_SOURCES = new Set(['aws-config', 'azure']);

export function fingerprintOf(controlId: string, r: ResourceRef, key: string | undefined): string {
  return createHash('sha256')
    .update([controlId, r.source, r.scope ?? '', r.address, key ?? ''].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

/** Entity kinds that exist once per account or subscription, whoever's resources they watch. */
const ACCOUNT_WIDE: ReadonlySet<string> = new Set(['account-service', 'trail']);

export function completeDraft(
  controlId: string,
  d: Draft,
  severity: Severity,
  ctx: ControlContext,
): Finding {
  const s = d.subject;
  const resource: ResourceRef = isScope(s)
    ? { address: s.label, type: 'scope', source: s.source, scope: s.id }
    : { address: s.address, type: s.nativeType, source: s.source, scope: s.scope, ...(ACCOUNT_WIDE.has(s.kind) ? { accountWide: true as const } : {}) };
  const location = d.location ?? (isScope(s) ? undefined : s.loc);
  let f: Finding = {
    controlId,
    status: d.status,
    severity: d.severity ?? severity,
    resource,
    message: d.message,
    evidence: d.evidence ?? {},
    fingerprint: fingerprintOf(controlId, resource, d.key),
  };
  if (location) f.location = location;
  if (d.unknown?.length) f.unknown = d.unknown;
  if (!isScope(s)) {
    const tenant = readTag(s, ctx.policy.tagKeys.tenant);
    if (tenant.state === 'known') f.tenant = tenant.value;
    else if (tenant.state === 'absent') {
      // Azure resources take their municipality from their resource group, as they take their segment (SPEC §2).
      const fromGroup = s.resourceGroupTags?.known ? tagValue(s.resourceGroupTags.value, ctx.policy.tagKeys.tenant) : undefined;
      if (fromGroup !== undefined) f.tenant = fromGroup;
    }
  }

  const inherited = ctx.policy.inherited.find((i) => i.controlId === controlId);
  if (inherited && isScope(s) && (f.status === 'unknown' || f.status === 'fail')) {
    if (!LIVE_SOURCES.has(s.source)) {
      // In code, the platform baseline is simply not there to see: trust the declaration.
      f = { ...f, status: 'inherited', inherited: { evidence: inherited.evidence } };
    } else {
      // Live, the inherited setting must really exist; a failure stays a failure.
      f = {
        ...f,
        inherited: { evidence: inherited.evidence },
        message: {
          ja: `${f.message.ja}（継承と宣言されていますが、稼働環境で確認できません）`,
          en: `${f.message.en} (declared inherited, but not found in the live environment)`,
        },
      };
    }
  }
  return applyWaivers(f, isScope(s) ? [] : (s.waivers ?? []), ctx.policy, ctx.now);
}
