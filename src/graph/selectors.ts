// The policy file's segment selectors, compiled once: address globs,
// resource IDs and CIDR blocks, matched against entities and against the
// names of things outside the scan (a VPC from a data source).
import picomatch from 'picomatch';
import type { SegmentSelector } from '../policy/types.js';
import type { Cidr } from './cidr.js';
import { cidrWithin, parseCidr } from './cidr.js';

interface Compiled {
  selector: SegmentSelector;
  address?: (s: string) => boolean;
  resourceId?: string;
  cidr?: Cidr;
}

/** What a selector is matched against. */
export interface SelectorSubject {
  address?: string;
  /** Identities: model id, native IDs (ARNs, ARM IDs, live IDs), names of unknown inputs. */
  ids: readonly string[];
  /** The network's or subnet's CIDRs; unknown when the CIDR could not be resolved. */
  cidrs?: { known: true; value: string[] } | { known: false };
}

export type SelectorMatch =
  | { kind: 'match'; selector: SegmentSelector }
  /** A CIDR selector that could apply but the subject's CIDR is unknown. */
  | { kind: 'undecided'; selector: SegmentSelector };

export class Selectors {
  private readonly compiled: Compiled[];

  constructor(selectors: readonly SegmentSelector[]) {
    this.compiled = selectors.map((s) => {
      const c: Compiled = { selector: s };
      if (s.address !== undefined) {
        const glob = picomatch(s.address);
        const exact = s.address;
        // Addresses hold glob characters (`aws_subnet.app["a"]`): an exact match counts too.
        c.address = (x) => x === exact || glob(x);
      }
      if (s.resourceId !== undefined) c.resourceId = s.resourceId.toLowerCase();
      if (s.cidr !== undefined) {
        const p = parseCidr(s.cidr);
        // An unparsable CIDR never matches; the policy schema rejects it before we get here.
        c.cidr = p ?? { family: 'ipv4', base: -1n, prefix: 33 };
      }
      return c;
    });
  }

  get empty(): boolean {
    return this.compiled.length === 0;
  }

  /**
   * Selectors in policy order until the first that matches: the ones before it
   * whose CIDR test could not be decided come first, then the match.
   */
  match(subject: SelectorSubject): SelectorMatch[] {
    const out: SelectorMatch[] = [];
    for (const c of this.compiled) {
      const r = this.test(c, subject);
      if (r === 'yes') {
        out.push({ kind: 'match', selector: c.selector });
        return out;
      }
      if (r === 'undecided') out.push({ kind: 'undecided', selector: c.selector });
    }
    return out;
  }

  private test(c: Compiled, s: SelectorSubject): 'yes' | 'no' | 'undecided' {
    // Every criterion a selector gives must hold; a selector that gives none names nothing.
    if (!c.address && c.resourceId === undefined && !c.cidr) return 'no';
    let undecided = false;
    if (c.address) {
      const hit = (s.address !== undefined && c.address(s.address)) || s.ids.some((id) => c.address!(id));
      if (!hit) return 'no';
    }
    if (c.resourceId !== undefined) {
      if (!s.ids.some((id) => id.toLowerCase() === c.resourceId)) return 'no';
    }
    if (c.cidr) {
      if (!s.cidrs) return 'no';
      if (!s.cidrs.known) undecided = true;
      else {
        const within = s.cidrs.value.some((t) => {
          const p = parseCidr(t);
          return p !== undefined && cidrWithin(p, c.cidr!);
        });
        if (!within) return 'no';
      }
    }
    return undecided ? 'undecided' : 'yes';
  }
}
