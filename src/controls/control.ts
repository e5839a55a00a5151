// The shape of one control's check: it reads the model and the network
// graph, never a reader's native attributes, and returns draft results that
// the engine completes (severity, waivers, inheritance, fingerprints).
import type { NetworkGraph } from '../graph/types.js';
import type { Entity, CloudModel, ScanScope } from '../model/model.js';
import type { Policy } from '../policy/types.js';
import type { SourceLoc, UnknownCause } from '../readers/value.js';
import type { LocalText, Severity } from '../results/finding.js';

export interface ControlContext {
  model: CloudModel;
  graph: NetworkGraph;
  policy: Policy;
  /** Now, for expiry checks; fixed in tests. */
  now: Date;
}

export interface Draft {
  status: 'pass' | 'fail' | 'unknown' | 'not_applicable' | 'exception';
  /** The entity judged, or the scan scope for account-level results. */
  subject: Entity | ScanScope;
  /** Where to point: the offending attribute; defaults to the entity's own location. */
  location?: SourceLoc;
  message: LocalText;
  evidence?: Record<string, unknown>;
  unknown?: UnknownCause[];
  /** Overrides the catalog severity (e.g. admin ports open to the internet outside a closed segment). */
  severity?: Severity;
  /**
   * Distinguishes several results of one control on one resource (one per
   * rule, per route): part of the fingerprint, so it must not contain lines.
   */
  key?: string;
}

export interface ControlCheck {
  /** Catalog ID, e.g. `LG-3.2`. */
  id: string;
  check(ctx: ControlContext): Draft[];
}

export function isScope(s: Entity | ScanScope): s is ScanScope {
  return !('kind' in s);
}
