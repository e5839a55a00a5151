// Resources that were read but that no control judges: kikan models the
// types the controls need, and says which others it met, so that a clean
// report is never taken to cover a service it did not look at.
import type { NativeResource, SourceKind } from '../readers/native.js';
import type { SourceLoc } from '../readers/value.js';

export interface NotJudgedType {
  type: string;
  source: SourceKind;
  count: number;
  /** The first such resource, to find the others by. */
  first: { address: string; location?: SourceLoc };
}

/** Live resources have no file; their address is their ID. */
const LIVE = new Set<SourceKind>(['aws-config', 'azure']);

/** Resources whose contents are read and judged in their own right: the container itself holds nothing. */
const CONTAINERS = new Set(['Microsoft.Resources/deployments']);

/** Types a live source holds but kikan did not read, counted per scope (the scope is their address). */
export interface NotReadType {
  scope: string;
  type: string;
  count: number;
  source: SourceKind;
}

export function notJudgedTypes(unlifted: readonly NativeResource[], notRead: readonly NotReadType[] = []): NotJudgedType[] {
  const byType = new Map<string, NotJudgedType>();
  const add = (type: string, source: SourceKind, count: number, first: NotJudgedType['first']) => {
    const key = `${type}\u0000${source}`;
    const seen = byType.get(key);
    if (seen) seen.count += count;
    else byType.set(key, { type, source, count, first });
  };
  for (const r of unlifted) {
    if (!CONTAINERS.has(r.type)) add(r.type, r.source, 1, { address: r.address, ...(LIVE.has(r.source) ? {} : { location: r.loc }) });
  }
  for (const t of notRead) add(t.type, t.source, t.count, { address: t.scope });
  return [...byType.values()].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

