// Which backup plans protect a data store: a plan that names it (or the
// resource it is part of: an instance's volumes, a VM's disks), selects
// every supported resource, or selects it by one of its tags. A plan whose
// selection, tags or existence cannot be told may protect it: such plans are
// kept apart with the unknown that leaves them open.
//
// Tag selections are read as AWS Backup's `ListOfTags`: any listed tag
// selects. A `*` selection with tags selects only resources with those tags.
import type { BackupPlan } from '../../model/account.js';
import type { DataStore } from '../../model/data.js';
import type { UnknownFact } from '../../model/fact.js';
import type { CloudModel, Entity } from '../../model/model.js';
import type { SourceLoc } from '../../readers/value.js';

export interface PlanMatch {
  plan: BackupPlan;
  /** Where the selection of this store is written. */
  loc: SourceLoc;
  how: 'resource' | 'owner' | 'all' | 'tag';
}

export interface StoreCoverage {
  covering: PlanMatch[];
  maybe: { plan: BackupPlan; open: UnknownFact }[];
}

/** The resource a store is part of: an instance for its volumes, a VM for its disks. */
export function ownerOf(model: CloudModel, s: DataStore): Entity | undefined {
  const key = s.native?.key;
  if (key && s.id !== key && s.id.startsWith(`${key}#`)) return model.get(key);
  if (s.storeType === 'managed-disk' && s.parent?.known) return model.get(s.parent.value);
  return undefined;
}

type TagMatch = { state: 'yes' } | { state: 'no' } | { state: 'open'; open: UnknownFact };

function tagsMatch(e: Entity, pairs: { key: string; value: string }[]): TagMatch {
  if (!e.tags.known) return { state: 'open', open: { ...e.tags, loc: e.tags.loc ?? e.loc } };
  let open: UnknownFact | undefined;
  for (const p of pairs) {
    if (Object.prototype.hasOwnProperty.call(e.tags.value, p.key)) {
      if (e.tags.value[p.key] === p.value) return { state: 'yes' };
      continue;
    }
    const u = e.unknownTags?.[p.key];
    if (u && !open) open = { ...u, loc: u.loc ?? e.loc };
  }
  return open ? { state: 'open', open } : { state: 'no' };
}

function differentRegion(plan: BackupPlan, s: DataStore): boolean {
  return plan.region.known && s.region.known && plan.region.value !== s.region.value;
}

type Match = { state: 'yes'; m: PlanMatch } | { state: 'no' } | { state: 'open'; open: UnknownFact };

function byTags(plan: BackupPlan, targets: Entity[], at: SourceLoc): Match {
  const tags = plan.selectsByTag;
  if (!tags?.known) return tags ? { state: 'open', open: tags } : { state: 'no' };
  if (!tags.value.length) return { state: 'no' };
  let open: UnknownFact | undefined;
  for (const t of targets) {
    const r = tagsMatch(t, tags.value);
    if (r.state === 'yes') return { state: 'yes', m: { plan, loc: tags.loc ?? at, how: 'tag' } };
    if (r.state === 'open') open ??= r.open;
  }
  return open ? { state: 'open', open } : { state: 'no' };
}

function planMatch(plan: BackupPlan, s: DataStore, owner: Entity | undefined): Match {
  if (plan.cloud !== s.cloud || differentRegion(plan, s)) return { state: 'no' };
  if (plan.conditional) return { state: 'open', open: { known: false, cause: plan.conditional, loc: plan.loc } };
  let open: UnknownFact | undefined;
  const sel = plan.selects;
  if (!sel.known) open = sel;
  else {
    for (const l of sel.value) {
      if (!l.known) {
        open ??= l;
        continue;
      }
      if (l.value === s.id) return { state: 'yes', m: { plan, loc: l.loc ?? plan.loc, how: 'resource' } };
      if (owner && l.value === owner.id) return { state: 'yes', m: { plan, loc: l.loc ?? plan.loc, how: 'owner' } };
    }
  }
  const targets = owner ? [s, owner] : [s];
  const all = plan.selectsAll;
  const narrowed = plan.selectsByTag && (!plan.selectsByTag.known || plan.selectsByTag.value.length > 0);
  if (all && !all.known) open ??= all;
  if (all?.known && all.value && !narrowed) return { state: 'yes', m: { plan, loc: all.loc ?? plan.loc, how: 'all' } };
  const t = byTags(plan, targets, plan.loc);
  if (t.state === 'yes') return t;
  if (t.state === 'open') open ??= t.open;
  open ??= conditionalMatch(plan, s, owner);
  return open ? { state: 'open', open } : { state: 'no' };
}

/** A selection created only under an unresolved condition that names or may name the store leaves it open on that condition. */
function conditionalMatch(plan: BackupPlan, s: DataStore, owner: Entity | undefined): UnknownFact | undefined {
  for (const part of plan.conditionalSelections ?? []) {
    const { cause, ...selection } = part;
    const m = planMatch({ ...plan, ...selection, conditionalSelections: [] }, s, owner);
    if (m.state !== 'no') return { known: false, cause, loc: m.state === 'yes' ? m.m.loc : part.selects.loc ?? plan.loc };
  }
  return undefined;
}

/** The plans that protect `s`, and those that may. */
export function coverageOf(model: CloudModel, s: DataStore): StoreCoverage {
  const owner = ownerOf(model, s);
  const out: StoreCoverage = { covering: [], maybe: [] };
  for (const plan of model.all('backup-plan')) {
    const m = planMatch(plan, s, owner);
    if (m.state === 'yes') out.covering.push(m.m);
    else if (m.state === 'open') out.maybe.push({ plan, open: m.open });
  }
  return out;
}
