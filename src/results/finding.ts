// Results as every reporter reads them (SPEC §4). The JSON shape is a
// contract: it may grow, never shrink.
import type { SourceKind } from '../readers/native.js';
import type { SourceLoc, UnknownCause } from '../readers/value.js';

export type Status = 'pass' | 'fail' | 'unknown' | 'not_applicable' | 'inherited' | 'exception' | 'suppressed' | 'manual';
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITY_ORDER: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export interface LocalText {
  ja: string;
  en: string;
}

export interface ResourceRef {
  address: string;
  type: string;
  source: SourceKind;
  /** Root module dir / template file / account / subscription. */
  scope?: string;
  /** A setting of the whole account or subscription (trail, detector, Defender plan, contact): in 共同利用方式 it holds for every municipality. */
  accountWide?: true;
}

export interface Finding {
  controlId: string;
  status: Status;
  severity: Severity;
  resource: ResourceRef;
  location?: SourceLoc;
  message: LocalText;
  evidence: Record<string, unknown>;
  /** For `unknown`: what the user can supply. */
  unknown?: UnknownCause[];
  /** For `suppressed`, and for a rejected waiver (status stays `fail`). */
  waiver?: { reason: string; approver?: string; expires?: string; origin: 'policy' | 'inline'; loc?: SourceLoc; rejected?: string };
  /** For `inherited`. */
  inherited?: { evidence: string };
  /** Stable across runs and line moves (SPEC §5 baselines). */
  fingerprint: string;
  /** A failure already accepted in the `--baseline` file: it does not fail the run. */
  inBaseline?: boolean;
  /** The subject's tenant tag (policy `tagKeys.tenant`, 共同利用方式); absent for scope results and untagged resources. */
  tenant?: string;
}
