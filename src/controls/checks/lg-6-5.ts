// LG-6.5 提供ログ機能の稼働確認 (live): the provider's logging actually works.
// Only a live account shows it, so definitions give no result here. AWS: each
// recorded trail is logging (`isLogging`) and its latest delivery has no
// error. Azure: the activity log export and each diagnostic setting send
// logs to destinations that exist in the subscription. A live scope without
// any trail has nothing to check here (LG-6.1 judges whether one must exist).
import type { UnknownFact } from '../../model/fact.js';
import type { LogSetting, Trail } from '../../model/logging.js';
import type { CloudModel } from '../../model/model.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, notApplicable, pass, unknownFrom } from '../draft.js';
import { isLive } from '../identity/account-level.js';
import { modelGap } from '../resilience/model-gap.js';

function cloudTrail(t: Trail): Draft {
  const logging = t.isLogging;
  const error = t.deliveryError;
  if (logging?.known && !logging.value) {
    return fail(t, { ja: '証跡のログ記録が停止しています', en: 'the trail is not logging' }, { location: locOf(logging, t), evidence: { isLogging: false } });
  }
  if (error?.known && error.value) {
    return fail(t, { ja: `証跡のログ配信でエラーが発生しています（${error.value}）`, en: `the trail fails to deliver its logs (${error.value})` }, {
      location: locOf(error, t),
      evidence: { deliveryError: error.value },
    });
  }
  const open: UnknownFact[] = [];
  if (!logging) open.push(modelGap(t, 'logging status'));
  else if (!logging.known) open.push(logging);
  if (!error) open.push(modelGap(t, 'delivery status'));
  else if (!error.known) open.push(error);
  if (open.length) return unknownFrom(t, { ja: '証跡が記録・配信できているか判定できません', en: 'cannot tell whether the trail is logging and delivering' }, open);
  return pass(t, { ja: '証跡はログを記録しており、配信エラーはありません', en: 'the trail is logging and delivers without error' }, { location: locOf(logging, t) });
}

/** An Azure export delivers when it sends something and every destination exists. */
function azureExport(model: CloudModel, e: Trail | LogSetting): Draft {
  const what = e.kind === 'trail' ? { ja: 'アクティビティログの診断設定', en: 'the activity log diagnostic setting' } : { ja: '診断設定', en: 'the diagnostic setting' };
  const on = e.kind === 'trail' ? e.loggingEnabled : e.enabled;
  if (on?.known && !on.value) return fail(e, { ja: `${what.ja}がログのカテゴリを何も送信していません`, en: `${what.en} sends no log category` }, { location: locOf(on, e) });
  const dest = e.destinations;
  if (dest.known && dest.value.length === 0) return fail(e, { ja: `${what.ja}に送信先がありません`, en: `${what.en} has no destination` }, { location: locOf(dest, e) });
  const open: UnknownFact[] = [];
  if (on && !on.known) open.push(on);
  if (!dest.known) open.push(dest);
  else {
    for (const l of dest.value) {
      if (!l.known) open.push(l);
      else if (!model.get(l.value)) open.push({ known: false, cause: { inputs: [l.value], detail: `destination ${l.value} is not among the resources read` }, ...(l.loc ? { loc: l.loc } : {}) });
    }
  }
  if (open.length) return unknownFrom(e, { ja: `${what.ja}の送信先が存在するか判定できません`, en: `cannot tell whether the destinations of ${what.en} exist` }, open);
  return pass(e, { ja: `${what.ja}の送信先はすべて存在します`, en: `every destination of ${what.en} exists` }, { location: locOf(dest, e) });
}

export const check: ControlCheck = {
  id: 'LG-6.5',
  check({ model }) {
    const drafts: Draft[] = [];
    for (const scope of model.scopes.filter(isLive)) {
      const trails = model.allIn('trail', scope);
      if (scope.cloud === 'aws') {
        const cloudTrails = trails.filter((t) => t.trailType === 'cloudtrail');
        drafts.push(...cloudTrails.map(cloudTrail));
        if (!cloudTrails.length) {
          drafts.push(notApplicable(scope, { ja: 'この範囲に記録された証跡がないため、稼働を確認するものがありません（証跡の有無は LG-6.1 で判定します）', en: 'no trail is recorded in this scope, so there is nothing to check running (LG-6.1 judges whether one must exist)' }));
        }
        continue;
      }
      const exports = [
        ...trails.filter((t) => t.trailType === 'activity-log'),
        ...model.allIn('log-setting', scope).filter((s) => s.settingType === 'diagnostic-setting'),
      ];
      drafts.push(...exports.map((e) => azureExport(model, e)));
      if (!exports.length) {
        drafts.push(notApplicable(scope, { ja: 'この範囲にはログの送信設定がないため、稼働を確認するものがありません（送信設定の有無は LG-6.1・LG-6.4 で判定します）', en: 'no log export is set in this scope, so there is nothing to check running (LG-6.1 and LG-6.4 judge whether one must exist)' }));
      }
    }
    return drafts;
  },
};
