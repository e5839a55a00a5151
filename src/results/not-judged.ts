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

export function notJudgedTypes(unlifted: readonly NativeResource[]): NotJudgedType[] {
  const byType = new Map<string, NotJudgedType>();
  for (const r of unlifted) {
    if (CONTAINERS.has(r.type)) continue;
    const key = `${r.type}\u0000${r.source}`;
    const seen = byType.get(key);
    if (seen) seen.count++;
    else byType.set(key, { type: r.type, source: r.source, count: 1, first: { address: r.address, ...(LIVE.has(r.source) ? {} : { location: r.loc }) } });
  }
  return [...byType.values()].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

