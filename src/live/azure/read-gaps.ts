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
  /**
   * Passes become unknown too: an unread child setting (a firewall rule, a
   * retention policy) is one a pass may have taken as absent or defaulted.
   * With `resourceId`, the results of the resources under it are covered as
   * well (a server's settings apply to its databases).
   */
  passesToo?: boolean;
  /** Lower-cased resource types whose results the gap leaves alone. */
  skipTypes?: readonly string[];
  /** Lower-cased resource types whose results alone the gap touches. */
  onlyTypes?: readonly string[];
  cause: UnknownCause;
}

function covers(gap: ReadGap, f: Finding): boolean {
  if (gap.controls !== 'all' && !gap.controls.includes(f.controlId)) return false;
  if (gap.skipTypes?.includes(f.resource.type.toLowerCase())) return false;
  if (gap.onlyTypes && !gap.onlyTypes.includes(f.resource.type.toLowerCase())) return false;
  if (gap.resourceId !== undefined) {
    const address = f.resource.address.toLowerCase();
    return address === gap.resourceId || (gap.passesToo === true && address.startsWith(`${gap.resourceId}/`));
  }
  if (f.resource.scope !== gap.scope) return false;
  // A resource list that failed leaves the subscription's own results open, not those of resources that were read.
  return gap.controls !== 'all' || f.resource.type === 'scope';
}

/** Failures (and, for unread child settings, passes) that may only reflect an unread setting become unknown. */
export function applyReadGaps(findings: Finding[], gaps: readonly ReadGap[]): Finding[] {
  if (!gaps.length) return findings;
  return findings.map((f) => {
    if (f.status !== 'fail' && f.status !== 'pass') return f;
    const hit = gaps.filter((g) => (f.status === 'fail' || g.passesToo === true) && covers(g, f));
    if (!hit.length) return f;
    return {
      ...f,
      status: 'unknown',
      unknown: [...(f.unknown ?? []), ...hit.map((g) => g.cause)],
      message: hit.every((g) => g.cause.inputs.includes('--resource-group'))
        ? {
            ja: `${f.message.ja}（検査対象外のリソースグループにある設定を読んでいないため判定できません）`,
            en: `${f.message.en} (cannot be told: the setting may be in a resource group the scan does not read)`,
          }
        : {
            ja: `${f.message.ja}（設定を読み取る API 呼び出しが失敗したため判定できません）`,
            en: `${f.message.en} (cannot be told: the API call that reads the setting failed)`,
          },
    };
  });
}
