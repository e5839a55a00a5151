// LG-6.10 脅威検知と監視: the provider's threat detection watches the
// environment. AWS: a GuardDuty detector (or organisation-wide auto-enable)
// and Security Hub, once per account and region. Azure: Defender for Cloud
// plans on the Standard tier for the kinds of resources the scope deploys.
import type { AccountService } from '../../model/account.js';
import type { Fact } from '../../model/fact.js';
import { unknownFact } from '../../model/fact.js';
import type { CloudModel, ScanScope } from '../../model/model.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, pass, unknown, unknownFrom, unknownsOf } from '../draft.js';
import { defaultNote } from '../data/encryption.js';
import { absentFrom, onlyIf, scopesOf, servicesIn } from '../identity/account-level.js';

function guardDuty(g: AccountService): Draft {
  const cond = onlyIf(g, { ja: 'GuardDuty の検出器', en: 'GuardDuty detector' });
  if (cond) return cond;
  const e = g.enabled;
  if (!e.known) return unknownFrom(g, { ja: 'GuardDuty が有効か判定できません', en: 'cannot tell whether GuardDuty is enabled' }, [e]);
  const at = { location: locOf(e, g) };
  const org = g.settings.organization?.known === true;
  const mode = g.settings.autoEnable as Fact<string> | undefined;
  if (!e.value) {
    return fail(
      g,
      org
        ? { ja: 'GuardDuty の組織メンバーへの自動有効化が無効（NONE）です', en: 'GuardDuty auto-enable for organisation members is off (NONE)' }
        : { ja: `GuardDuty の検出器が無効です${defaultNote(e).ja}`, en: `the GuardDuty detector is disabled${defaultNote(e).en}` },
      at,
    );
  }
  if (org) {
    const newOnly = mode?.known && mode.value === 'NEW';
    return pass(
      g,
      newOnly
        ? { ja: 'GuardDuty は新しい組織メンバーで自動的に有効になります（既存のメンバーは個別に有効化が必要です）', en: 'GuardDuty is enabled automatically for new organisation members (existing members must be enabled separately)' }
        : { ja: 'GuardDuty はすべての組織メンバーで自動的に有効になります', en: 'GuardDuty is enabled automatically for all organisation members' },
      at,
    );
  }
  return pass(g, { ja: `GuardDuty の検出器が有効です${defaultNote(e).ja}`, en: `the GuardDuty detector is enabled${defaultNote(e).en}` }, at);
}

function securityHub(h: AccountService): Draft {
  const cond = onlyIf(h, { ja: 'Security Hub', en: 'Security Hub' });
  if (cond) return cond;
  const e = h.enabled;
  if (!e.known) return unknownFrom(h, { ja: 'Security Hub が有効か判定できません', en: 'cannot tell whether Security Hub is enabled' }, [e]);
  const at = { location: locOf(e, h) };
  if (!e.value) return fail(h, { ja: 'Security Hub が無効です', en: 'Security Hub is disabled' }, at);
  return pass(h, { ja: 'Security Hub が有効です', en: 'Security Hub is enabled' }, at);
}

function aws(model: CloudModel, scope: ScanScope): Draft[] {
  const drafts: Draft[] = [];
  const detectors = servicesIn(model, scope, 'guardduty');
  const hubs = servicesIn(model, scope, 'security-hub');
  drafts.push(...detectors.map(guardDuty), ...hubs.map(securityHub));
  if (detectors.length === 0) drafts.push(absentFrom(model, scope, { ja: 'GuardDuty の検出器', en: 'GuardDuty detector' }, (s, sameRegion) => sameRegion && servicesIn(model, s, 'guardduty').length > 0, 'guardduty'));
  if (hubs.length === 0) drafts.push(absentFrom(model, scope, { ja: 'Security Hub', en: 'Security Hub' }, (s, sameRegion) => sameRegion && servicesIn(model, s, 'security-hub').length > 0, 'security-hub'));
  return drafts;
}

const STORE_PLANS: Record<string, string> = {
  'storage-account': 'StorageAccounts',
  'sql-server': 'SqlServers',
  'sql-database': 'SqlServers',
  'postgresql-server': 'OpenSourceRelationalDatabases',
  'mysql-server': 'OpenSourceRelationalDatabases',
  'cosmosdb-account': 'CosmosDbs',
};

/**
 * Defender for Cloud plan (pricing name) that covers each kind of resource.
 * A `defender-plan` AccountService carries settings.plan (the pricing name,
 * `VirtualMachines`) and settings.tier (`Standard` / `Free`).
 */
function plansNeeded(model: CloudModel, scope: ScanScope): Map<string, string> {
  const need = new Map<string, string>();
  const add = (plan: string, address: string) => need.has(plan) || need.set(plan, address);
  for (const c of model.allIn('compute', scope)) {
    if (c.computeType === 'azure-vm' || c.computeType === 'azure-vmss') add('VirtualMachines', c.address);
    else if (c.computeType === 'app-service') add('AppServices', c.address);
    else if (c.computeType === 'aks-cluster') add('Containers', c.address);
  }
  for (const s of model.allIn('data-store', scope)) if (STORE_PLANS[s.storeType]) add(STORE_PLANS[s.storeType]!, s.address);
  for (const k of model.allIn('key', scope)) if (k.keyType === 'key-vault') add('KeyVaults', k.address);
  return need;
}

/** The pricing name of a plan (`VirtualMachines`). */
function planName(p: AccountService): Fact<string> {
  const n = p.settings.plan as Fact<string> | undefined;
  return n ?? unknownFact({ inputs: [`${p.address} plan`], detail: 'the model does not give the pricing name of this Defender plan' }, p.loc);
}

function defenderPlan(p: AccountService): Draft {
  const cond = onlyIf(p, { ja: 'Defender のプラン', en: 'Defender plan' });
  if (cond) return cond;
  const name = planName(p);
  const tier = p.settings.tier as Fact<string> | undefined;
  const label = name.known ? name.value : p.address;
  if (!tier) {
    return unknown(p, { ja: `Defender のプラン ${label} の価格レベルを判定できません`, en: `cannot tell the tier of the Defender plan ${label}` }, [
      { inputs: [`${p.address} tier`], detail: 'the model does not give the tier of this Defender plan' },
    ]);
  }
  if (!tier.known) return unknownFrom(p, { ja: `Defender のプラン ${label} の価格レベルを判定できません`, en: `cannot tell the tier of the Defender plan ${label}` }, [tier]);
  const at = { location: locOf(tier, p), evidence: { plan: label, tier: tier.value } };
  if (tier.value.toLowerCase() === 'standard') return pass(p, { ja: `Defender のプラン ${label} が Standard です`, en: `the Defender plan ${label} is on the Standard tier` }, at);
  return fail(p, { ja: `Defender のプラン ${label} が ${tier.value} で、脅威検知が働きません`, en: `the Defender plan ${label} is on the ${tier.value} tier: no threat detection` }, at);
}

function azure(model: CloudModel, scope: ScanScope): Draft[] {
  const plans = servicesIn(model, scope, 'defender-plan');
  const drafts = plans.map(defenderPlan);
  const need = plansNeeded(model, scope);
  if (plans.length === 0) {
    const list = [...need.keys()];
    drafts.push(
      absentFrom(
        model,
        scope,
        { ja: `Defender for Cloud のプラン${list.length ? `（${list.join(', ')}）` : ''}`, en: `Defender for Cloud plan${list.length ? ` (${list.join(', ')})` : ''}` },
        (s) => servicesIn(model, s, 'defender-plan').length > 0,
        'defender',
      ),
    );
    return drafts;
  }
  const names = plans.map(planName);
  const defined = new Set(names.flatMap((n) => (n.known ? [n.value.toLowerCase()] : [])));
  const open = unknownsOf(...names);
  for (const [plan, example] of need) {
    if (defined.has(plan.toLowerCase())) continue;
    if (open.length) {
      drafts.push(
        unknownFrom(
          scope,
          { ja: `${example} を保護する Defender のプラン ${plan} が定義されているか判定できません`, en: `cannot tell whether the Defender plan ${plan} that covers ${example} is defined` },
          open,
          { key: `defender:${plan}` },
        ),
      );
    } else {
      const defines = (s: ScanScope) =>
        servicesIn(model, s, 'defender-plan').some((p) => {
          const n = planName(p);
          return n.known && n.value.toLowerCase() === plan.toLowerCase();
        });
      drafts.push(absentFrom(model, scope, { ja: `${example} を保護する Defender のプラン ${plan}`, en: `Defender plan ${plan} covering ${example}` }, defines, `defender:${plan}`));
    }
  }
  return drafts;
}

export const check: ControlCheck = {
  id: 'LG-6.10',
  check({ model }) {
    return [...scopesOf(model, 'aws').flatMap((s) => aws(model, s)), ...scopesOf(model, 'azure').flatMap((s) => azure(model, s))];
  },
};
