// Which Azure management locks protect which entities, indexed once: a lock
// protects what its derived coverage lists (the resource and its children,
// every resource of a locked group or subscription), or, without a derived
// coverage, its own target. Coverage that cannot be told may reach any
// entity, so it stays open for all of them.
import type { ResourceLock } from '../../model/account.js';
import type { UnknownFact } from '../../model/fact.js';
import type { CloudModel } from '../../model/model.js';
import type { SourceLoc } from '../../readers/value.js';

export type Protection =
  | { state: 'yes'; lock: string; level: string; loc: SourceLoc }
  | { state: 'no' }
  | { state: 'open'; open: UnknownFact[] };

export class LockCoverage {
  private readonly byId = new Map<string, ResourceLock[]>();
  private readonly anywhere: UnknownFact[] = [];

  constructor(model: CloudModel) {
    for (const l of model.all('lock')) {
      if (l.cloud !== 'azure') continue;
      const covers = l.covers;
      if (!covers) {
        if (l.target.known) this.add(l.target.value, l);
        else this.anywhere.push(l.target);
      } else if (!covers.known) this.anywhere.push(covers);
      else {
        for (const c of covers.value) {
          if (c.known) this.add(c.value, l);
          else this.anywhere.push(c);
        }
      }
    }
  }

  private add(id: string, l: ResourceLock): void {
    const list = this.byId.get(id);
    if (!list) this.byId.set(id, [l]);
    else if (!list.includes(l)) list.push(l);
  }

  /** Whether a deletion-blocking lock covers the entity; both levels forbid deletion. */
  of(id: string): Protection {
    const open: UnknownFact[] = [...this.anywhere];
    for (const l of this.byId.get(id) ?? []) {
      if (l.conditional) open.push({ known: false, cause: l.conditional, loc: l.loc });
      else if (!l.level.known) open.push(l.level);
      else return { state: 'yes', lock: l.address, level: l.level.value, loc: l.level.loc ?? l.loc };
    }
    return open.length ? { state: 'open', open } : { state: 'no' };
  }
}
