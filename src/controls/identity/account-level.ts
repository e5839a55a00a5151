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
 * The result for a scope that does not define `what` (`GuardDuty`): unknown
 * in code, naming the two ways to settle it; a failure in a live account.
 * A scope that deploys to the same account as another scanned scope that
 * defines it (`has`), as the stacks of one CDK app do, shares that one.
 */
export function absentFrom(model: CloudModel, scope: ScanScope, what: LocalText, has: (s: ScanScope) => boolean, key?: string): Draft {
  const extra = key ? { key } : {};
  const sibling = !isLive(scope) && scope.account !== undefined ? model.scopes.find((s) => s !== scope && s.cloud === scope.cloud && s.account === scope.account && has(s)) : undefined;
  if (sibling) {
    return notApplicable(
      scope,
      { ja: `${what.ja}は同じアカウント（${scope.account}）の ${sibling.label} で定義されています`, en: `${what.en} is defined in ${sibling.label}, which deploys to the same account (${scope.account})` },
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
