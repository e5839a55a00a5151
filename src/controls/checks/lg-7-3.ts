// LG-7.3 構成記録と継続的な準拠確認: configuration changes are recorded and
// compliance is evaluated continuously, so that drift from this baseline is
// seen. AWS: an AWS Config recorder that records every supported resource
// type, global ones (IAM) included, and is running. Azure: Azure Policy
// assignments evaluate the subscription, and its activity log is kept.
import type { AccountService } from '../../model/account.js';
import type { Fact, KnownFact } from '../../model/fact.js';
import type { Trail } from '../../model/logging.js';
import type { CloudModel, ScanScope } from '../../model/model.js';
import type { LocalText } from '../../results/finding.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, pass, unknown, unknownFrom, unknownsOf } from '../draft.js';
import { defaultNote } from '../data/encryption.js';
import { absentFrom, onlyIf, scopesOf, servicesIn } from '../identity/account-level.js';

interface Requirement {
  fact: Fact<boolean> | undefined;
  setting: string;
  off: LocalText;
}

function recorder(r: AccountService): Draft {
  const cond = onlyIf(r, { ja: 'AWS Config のレコーダー', en: 'AWS Config recorder' });
  if (cond) return cond;
  const reqs: Requirement[] = [
    { fact: r.settings.allSupported as Fact<boolean> | undefined, setting: 'allSupported', off: { ja: 'すべての対応リソースを記録していません', en: 'does not record all supported resource types' } },
    { fact: r.settings.includeGlobal as Fact<boolean> | undefined, setting: 'includeGlobal', off: { ja: 'グローバルリソース（IAM など）を記録していません', en: 'does not record global resource types (IAM …)' } },
    { fact: r.enabled, setting: 'enabled', off: { ja: '記録を開始していません', en: 'is not recording' } },
  ];
  const off = reqs.filter((q): q is Requirement & { fact: KnownFact<boolean> } => q.fact?.known === true && !q.fact.value);
  if (off.length) {
    const what = off.map((q) => ({ ja: `${q.off.ja}${defaultNote(q.fact).ja}`, en: `${q.off.en}${defaultNote(q.fact).en}` }));
    return fail(
      r,
      { ja: `AWS Config のレコーダーが${what.map((w) => w.ja).join('。また、')}`, en: `the AWS Config recorder ${what.map((w) => w.en).join(', and ')}` },
      { location: locOf(off[0]!.fact, r), evidence: { failing: off.map((q) => q.setting) } },
    );
  }
  const missing = reqs.filter((q) => q.fact === undefined);
  if (missing.length) {
    return unknown(r, { ja: 'AWS Config のレコーダーの設定を判定できません', en: 'cannot tell the AWS Config recorder settings' }, missing.map((q) => ({
      inputs: [`${r.address} ${q.setting}`],
      detail: `the model does not give ${q.setting} of this recorder`,
    })));
  }
  const open = unknownsOf(...reqs.map((q) => q.fact));
  if (open.length) return unknownFrom(r, { ja: 'AWS Config のレコーダーが全リソースを記録しているか判定できません', en: 'cannot tell whether the AWS Config recorder records every resource' }, open);
  return pass(r, { ja: 'AWS Config のレコーダーがグローバルリソースを含むすべてのリソースを記録しています', en: 'the AWS Config recorder records every supported resource type, global ones included' }, {
    location: locOf(r.enabled, r),
  });
}

function aws(model: CloudModel, scope: ScanScope): Draft[] {
  const recorders = servicesIn(model, scope, 'config-recorder');
  if (recorders.length === 0) return [absentFrom(model, scope, { ja: 'AWS Config のレコーダー', en: 'AWS Config recorder' }, (s, sameRegion) => sameRegion && servicesIn(model, s, 'config-recorder').length > 0)];
  return recorders.map(recorder);
}

/**
 * An assignment evaluates compliance whether or not it enforces: with
 * enforcement off (`DoNotEnforce`, the lifter's enabled = false) it still
 * audits, which is what this control asks for.
 */
function assignment(a: AccountService): Draft {
  const cond = onlyIf(a, { ja: 'Azure Policy の割り当て', en: 'Azure Policy assignment' });
  if (cond) return cond;
  const e = a.enabled;
  const auditOnly = e.known && !e.value ? { ja: '（強制は無効で、監査のみ）', en: ' (enforcement off: audit only)' } : { ja: '', en: '' };
  return pass(a, { ja: `Azure Policy の割り当てが準拠状況を評価しています${auditOnly.ja}`, en: `the Azure Policy assignment evaluates compliance${auditOnly.en}` }, {
    location: locOf(e, a),
  });
}

/** The activity log records configuration changes when its Administrative category is exported. */
function activityLog(t: Trail): Draft {
  const m = t.managementEvents;
  if (!m.known) return unknownFrom(t, { ja: 'アクティビティログの管理操作が保存されるか判定できません', en: 'cannot tell whether the activity log keeps administrative operations' }, [m]);
  const at = { location: locOf(m, t) };
  if (!m.value) {
    return fail(t, { ja: 'アクティビティログの診断設定が管理操作（Administrative）を保存していません', en: 'the activity log diagnostic setting does not export administrative operations (Administrative)' }, at);
  }
  return pass(t, { ja: 'アクティビティログの管理操作を診断設定で保存しています', en: 'the activity log diagnostic setting exports administrative operations' }, at);
}

function azure(model: CloudModel, scope: ScanScope): Draft[] {
  const assignments = servicesIn(model, scope, 'azure-policy-assignment');
  const drafts = assignments.map(assignment);
  if (assignments.length === 0) {
    drafts.push(absentFrom(model, scope, { ja: 'Azure Policy の割り当て', en: 'Azure Policy assignment' }, (s) => servicesIn(model, s, 'azure-policy-assignment').length > 0, 'azure-policy'));
  }
  const activity = model.allIn('trail', scope).filter((t) => t.trailType === 'activity-log');
  for (const t of activity) drafts.push(onlyIf(t, { ja: 'アクティビティログの診断設定', en: 'activity log diagnostic setting' }) ?? activityLog(t));
  if (activity.length === 0) {
    const defines = (s: ScanScope) => model.allIn('trail', s).some((t) => t.trailType === 'activity-log');
    drafts.push(absentFrom(model, scope, { ja: 'アクティビティログの診断設定', en: 'activity log diagnostic setting' }, defines, 'activity-log'));
  }
  return drafts;
}

export const check: ControlCheck = {
  id: 'LG-7.3',
  check({ model }) {
    return [...scopesOf(model, 'aws').flatMap((s) => aws(model, s)), ...scopesOf(model, 'azure').flatMap((s) => azure(model, s))];
  },
};
