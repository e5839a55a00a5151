// Account-level settings (threat detectors, configuration recorders, security
// contacts) exist once per account or subscription, and a scan scope either
// defines them or leaves them to the platform. In code their absence is
// unknown: the ガバメントクラウド baseline may provide them (declare them
// inherited) or a live scan can show them. In a live scan it is a failure.
import type { AccountService, AccountServiceType } from '../../model/account.js';
import type { CloudModel, Entity, ScanScope } from '../../model/model.js';
import type { Cloud } from '../../readers/native.js';
import type { LocalText } from '../../results/finding.js';
import type { Draft } from '../control.js';
import { fail, notApplicable, unknown } from '../draft.js';

const LIVE_SOURCES = new Set(['aws-config', 'azure']);

/** A live scope, or an entity read from a live account. */
export function isLive(x: Pick<ScanScope, 'source'>): boolean {
  return LIVE_SOURCES.has(x.source);
}

export function scopesOf(model: CloudModel, cloud: Cloud): ScanScope[] {
  return model.scopes.filter((s) => s.cloud === cloud);
}

export function servicesIn(model: CloudModel, scope: ScanScope, ...types: AccountServiceType[]): AccountService[] {
  return model.allIn('account-service', scope).filter((a) => types.includes(a.serviceType));
}

/**
 * Whether another scanned scope of the same account defines it, for this
 * scope: `has(s, sameRegion)` says whether `s` defines something that covers
 * this scope, given whether `s` deploys to the same region (a GuardDuty
 * detector covers its region; a multi-region trail or an alternate contact,
 * the whole account).
 */
export type DefinedIn = (s: ScanScope, sameRegion: boolean) => boolean;

/** Another scope of the same account and source that covers `scope`, as the stacks of one CDK app or the regions of one live account do. */
function coveringSibling(model: CloudModel, scope: ScanScope, has: DefinedIn): ScanScope | undefined {
  if (scope.account === undefined) return undefined;
  return model.scopes.find(
    (s) => s !== scope && s.cloud === scope.cloud && isLive(s) === isLive(scope) && s.account === scope.account && has(s, scope.region !== undefined && s.region === scope.region),
  );
}

/**
 * The result for a scope that does not define `what` (`GuardDuty`): unknown
 * in code, naming the two ways to settle it; a failure in a live account;
 * not applicable where another scope of the same account covers it (`has`).
 */
export function absentFrom(model: CloudModel, scope: ScanScope, what: LocalText, has: DefinedIn, key?: string): Draft {
  const extra = key ? { key } : {};
  const sibling = coveringSibling(model, scope, has);
  if (sibling) {
    return notApplicable(
      scope,
      { ja: `${what.ja}は同じアカウント（${scope.account}）の ${sibling.label} にあり、ここにも及びます`, en: `${what.en} is in ${sibling.label} of the same account (${scope.account}) and covers this one` },
      { ...extra, evidence: { account: scope.account, definedIn: sibling.label } },
    );
  }
  if (isLive(scope)) {
    return fail(scope, { ja: `${scope.label} に${what.ja}がありません`, en: `${scope.label} has no ${what.en}` }, extra);
  }
  return unknown(
    scope,
    {
      ja: `${what.ja}：検査したコードに定義がありません。継承として宣言するか、稼働環境で確認してください`,
      en: `${what.en}: not defined in the scanned code: declare it inherited or check it live`,
    },
    [{ inputs: ['policy: inherited', 'live scan'], detail: `no ${what.en} is defined in ${scope.label}` }],
    extra,
  );
}

/**
 * Unknown when the entity exists only under a condition that could not be
 * evaluated (`count = var.enable_guardduty ? 1 : 0` with the variable unset).
 */
export function onlyIf(e: Entity, what: LocalText, key?: string): Draft | undefined {
  if (!e.conditional) return undefined;
  return unknown(
    e,
    { ja: `${what.ja}は評価できない条件のもとでだけ作成されます`, en: `${what.en}: created only under a condition that cannot be evaluated` },
    [e.conditional],
    key ? { key } : {},
  );
}
