// Decides whether a waiver suppresses a finding (SPEC §5): it needs a reason,
// must not have expired, and inline waivers must be allowed by the policy.
import picomatch from 'picomatch';
import type { InlineWaiver } from '../readers/native.js';
import type { Policy, Waiver } from '../policy/types.js';
import type { Finding, LocalText } from './finding.js';

/** A date written as YYYY-MM-DD lapses at the end of that day in Japan. */
export function isExpired(expires: string, now: Date): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(expires.trim());
  if (!m) return true;
  const end = Date.parse(`${m[1]}-${m[2]}-${m[3]}T23:59:59.999+09:00`);
  return Number.isNaN(end) || now.getTime() > end;
}

interface Candidate {
  waiver: Waiver;
}

function matchesPolicyWaiver(w: Waiver, f: Finding): boolean {
  if (w.controlId !== '*' && w.controlId !== f.controlId) return false;
  if (w.address && !picomatch.isMatch(f.resource.address, w.address, { dot: true })) return false;
  if (w.file && !(f.location && picomatch.isMatch(f.location.file, w.file, { dot: true }))) return false;
  return true;
}

function fromInline(w: InlineWaiver): Waiver {
  return { controlId: w.controlId, reason: w.reason, loc: w.loc, origin: 'inline' };
}

/** Why a waiver cannot suppress, or undefined when it can. */
export function rejectionOf(w: Waiver, policy: Policy, now: Date): LocalText | undefined {
  if (w.origin === 'inline' && !policy.allowInlineWaivers) {
    return { ja: 'ポリシーファイルがインライン除外を禁止しています', en: 'the policy file forbids inline waivers' };
  }
  if (!w.reason.trim()) return { ja: '除外に理由が書かれていません', en: 'the waiver gives no reason' };
  if (w.expires && isExpired(w.expires, now)) {
    return { ja: `除外の期限（${w.expires}）が切れています`, en: `the waiver expired on ${w.expires}` };
  }
  return undefined;
}

/**
 * Applies the first matching waiver (inline first, then the policy file's in
 * order) to a failing or unknown finding.
 */
export function applyWaivers(f: Finding, inline: readonly InlineWaiver[], policy: Policy, now: Date): Finding {
  if (f.status !== 'fail' && f.status !== 'unknown') return f;
  const candidates: Candidate[] = [
    ...inline.filter((w) => w.controlId === f.controlId || w.controlId === '*').map((w) => ({ waiver: fromInline(w) })),
    ...policy.waivers.filter((w) => matchesPolicyWaiver(w, f)).map((w) => ({ waiver: w })),
  ];
  if (candidates.length === 0) return f;
  // A valid waiver wins over rejected ones; otherwise report the first rejection.
  let firstRejected: { waiver: Waiver; why: LocalText } | undefined;
  for (const { waiver } of candidates) {
    const why = rejectionOf(waiver, policy, now);
    if (!why) {
      return {
        ...f,
        status: 'suppressed',
        waiver: {
          reason: waiver.reason,
          origin: waiver.origin,
          ...(waiver.approver ? { approver: waiver.approver } : {}),
          ...(waiver.expires ? { expires: waiver.expires } : {}),
          ...(waiver.loc ? { loc: waiver.loc } : {}),
        },
      };
    }
    firstRejected ??= { waiver, why };
  }
  const { waiver, why } = firstRejected!;
  return {
    ...f,
    waiver: { reason: waiver.reason, origin: waiver.origin, rejected: why.en, ...(waiver.loc ? { loc: waiver.loc } : {}) },
    message: {
      ja: `${f.message.ja}（除外は無効: ${why.ja}）`,
      en: `${f.message.en} (waiver rejected: ${why.en})`,
    },
  };
}
