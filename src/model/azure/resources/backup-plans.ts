// What Azure Backup's two vault kinds share: backup storage redundancy
// (`GeoRedundant` unless set otherwise), backup plans with the longest
// retention of their rules, and what a protected item adds to its policy's
// selection (a VM counts with its disks; a policy outside the scan still
// protects, with unknown retention).
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { BackupPlan } from '../../account.js';
import type { Link } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import { causeOf } from '../../lift-values.js';
import { isSet, knownText } from './attribute-paths.js';
import { azureBase } from './base.js';
import { later } from './deferred.js';
import { disksOf } from './machine-disks.js';

const STORAGE_KINDS: Record<string, string> = { georedundant: 'GRS', locallyredundant: 'LRS', zoneredundant: 'ZRS' };

/** `GeoRedundant` (the default) / `LocallyRedundant` / `ZoneRedundant` as a storage redundancy. */
export function storageRedundancy(v: Value | undefined, r: NativeResource, name: string): Fact<string> {
  if (!isSet(v)) return defaulted('GRS', r.loc);
  const text = knownText(v);
  if (text === undefined) return unknownFact(causeOf(v, r, name), v.loc ?? r.loc);
  const kind = STORAGE_KINDS[text.toLowerCase()];
  return kind ? fact(kind, v.loc ?? r.loc) : unknownFact({ inputs: [], detail: `${name} = ${text} is not a storage type` }, v.loc ?? r.loc);
}

/** A plan selecting nothing yet: protected items add to it. */
export function backupPlan(r: NativeResource, ctx: LiftContext, retentionDays: Fact<number | null>, vaultLink: Link): BackupPlan {
  return { ...azureBase(r, ctx), kind: 'backup-plan', retentionDays, selects: fact([], r.loc), selectsAll: defaulted(false, r.loc), vault: vaultLink };
}

/** The longest of several retention durations; an unknown one makes the whole unknown. */
export function longest(durations: Fact<number>[], r: NativeResource): Fact<number | null> {
  let best: Fact<number> | undefined;
  for (const d of durations) {
    if (!d.known) return d;
    if (!best || (best.known && d.value > best.value)) best = d;
  }
  return best ?? unknownFact({ inputs: [], detail: `${r.address} keeps no recovery points` }, r.loc);
}

/**
 * A protected item whose policy is not in the scan is still backed up, by a
 * policy kikan cannot read: a plan of its own with unknown retention.
 */
export function unreadPolicy(ctx: LiftContext, r: NativeResource, policyValue: Value | undefined, name: string, vault?: Link): BackupPlan {
  const loc = policyValue?.loc ?? r.loc;
  const retention = unknownFact(policyValue && isSet(policyValue) ? causeOf(policyValue, r, name) : { inputs: [], detail: `${name} is not set in ${r.address}` }, loc);
  if (policyValue?.kind === 'known') retention.cause = { inputs: [String(policyValue.value)], detail: `backup policy ${String(policyValue.value)} is not defined in the scanned inputs` };
  const p = backupPlan(r, ctx, retention, vault ?? unknownFact({ inputs: [], detail: `the vault of ${r.address} is not read` }, loc));
  ctx.model.add(p);
  return p;
}

/** Adds a protected resource to its policy's selection; a VM brings its disks. */
export function protect(ctx: LiftContext, r: NativeResource, policy: BackupPlan, source: Value | undefined, name: string): void {
  const link = ctx.links.link(source, r, name);
  later(
    ctx,
    () => {
      if (!policy.selects.known) return;
      const added: Link[] = r.conditional ? [unknownFact(r.conditional, source?.loc ?? r.loc)] : [link, ...(link.known ? disksOf(ctx, link.value).map((d) => fact(d, source?.loc ?? r.loc)) : [])];
      policy.selects = fact([...policy.selects.value, ...added], policy.selects.loc);
    },
    'derive',
  );
}

