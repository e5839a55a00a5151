// The availability zones a workload or load balancer uses: its own zones
// when the model states them, else the zones of its subnets. A subnet whose
// zone cannot be told leaves the spread open, but the zones that are known
// still count: two known zones already make a spread, whatever the rest is.
import type { Compute, LoadBalancer } from '../../model/compute.js';
import type { UnknownFact } from '../../model/fact.js';
import { unknownFact } from '../../model/fact.js';
import type { CloudModel } from '../../model/model.js';
import type { SourceLoc } from '../../readers/value.js';

export interface ZoneSpread {
  /** Distinct zones known to be used, in first-seen order. */
  zones: string[];
  /** Facts that could add zones the model cannot tell. */
  open: UnknownFact[];
  /** Where the zones are written: the zones attribute, or the subnet list they come from. */
  loc?: SourceLoc;
  /** The zones are the platform's choice because the definition is silent. */
  defaulted?: boolean;
}

function fromSubnets(model: CloudModel, e: Compute | LoadBalancer): ZoneSpread | undefined {
  const subnets = e.subnets;
  if (!subnets.known || subnets.value.length === 0) return undefined;
  const zones = new Set<string>();
  const open: UnknownFact[] = [];
  for (const l of subnets.value) {
    if (!l.known) {
      open.push(l);
      continue;
    }
    const s = model.getOf(l.value, 'subnet');
    if (!s) open.push(unknownFact({ inputs: [l.value], detail: `subnet ${l.value} is not in the scanned inputs` }, l.loc));
    else if (!s.zone) open.push(unknownFact({ inputs: [`${s.address} availability zone`], detail: `the zone of ${s.address} is not known` }, s.loc));
    else if (!s.zone.known) open.push(s.zone);
    else zones.add(s.zone.value);
  }
  return { zones: [...zones], open, ...(subnets.loc ? { loc: subnets.loc } : {}) };
}

/** The zones `e` spreads over, as far as the model tells. */
export function zoneSpread(model: CloudModel, e: Compute | LoadBalancer): ZoneSpread {
  const own = e.zones;
  if (own?.known) return { zones: [...new Set(own.value)], open: [], ...(own.loc ? { loc: own.loc } : {}), ...(own.defaulted ? { defaulted: true } : {}) };
  // Azure subnets are regional: only AWS subnets place a workload in a zone.
  const derived = e.cloud === 'aws' ? fromSubnets(model, e) : undefined;
  if (derived) return derived;
  if (own) return { zones: [], open: [own] };
  if (e.cloud === 'aws' && !e.subnets.known) return { zones: [], open: [e.subnets] };
  return { zones: [], open: [] };
}

/**
 * `ap-northeast-1a、ap-northeast-1c` / `ap-northeast-1a, ap-northeast-1c`.
 * A CloudFormation `Fn::GetAZs` pick without a known region is a distinct
 * placeholder `[GetAZs:n]`: shown as the region's n+1th zone, not as code.
 */
export function zoneList(zones: string[]): { ja: string; en: string } {
  const label = (z: string, lang: 'ja' | 'en'): string => {
    const m = /^\[GetAZs:(\d+)\]$/.exec(z);
    if (!m) return z;
    const n = Number(m[1]) + 1;
    return lang === 'ja' ? `リージョンの${n}番目のゾーン` : `the region's zone #${n}`;
  };
  return { ja: zones.map((z) => label(z, 'ja')).join('、'), en: zones.map((z) => label(z, 'en')).join(', ') };
}
