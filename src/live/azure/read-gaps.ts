// What a failed Resource Manager call leaves unseen. A live scan treats an
// absent setting as missing (no Defender plan, no diagnostic setting), so a
// failure that follows only from a call that could not be made would be a
// guess: such results become unknown, naming the call that failed.
import type { UnknownCause } from '../../readers/value.js';
import type { Finding } from '../../results/finding.js';

export interface ReadGap {
  /** The subscription's scope (`azure:<subscription>`), also its ScanScope id. */
  scope: string;
  /** Lower-cased resource ID the gap is about; absent: the subscription's own results. */
  resourceId?: string;
  /** Controls whose results the call informs; `all`: every one. */
  controls: readonly string[] | 'all';
  cause: UnknownCause;
}

function covers(gap: ReadGap, f: Finding): boolean {
  if (gap.controls !== 'all' && !gap.controls.includes(f.controlId)) return false;
  if (gap.resourceId !== undefined) return f.resource.address.toLowerCase() === gap.resourceId;
  if (f.resource.scope !== gap.scope) return false;
  // A resource list that failed leaves the subscription's own results open, not those of resources that were read.
  return gap.controls !== 'all' || f.resource.type === 'scope';
}

/** Failures that may only reflect an unread setting become unknown. */
export function applyReadGaps(findings: Finding[], gaps: readonly ReadGap[]): Finding[] {
  if (!gaps.length) return findings;
  return findings.map((f) => {
    if (f.status !== 'fail') return f;
    const hit = gaps.filter((g) => covers(g, f));
    if (!hit.length) return f;
    return {
      ...f,
      status: 'unknown',
      unknown: [...(f.unknown ?? []), ...hit.map((g) => g.cause)],
      message: {
        ja: `${f.message.ja}（設定を読み取る API 呼び出しが失敗したため判定できません）`,
        en: `${f.message.en} (cannot be told: the API call that reads the setting failed)`,
      },
    };
  });
}
