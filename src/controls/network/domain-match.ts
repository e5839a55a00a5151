// Domain patterns as each firewall reads them, and whether what a firewall
// allows lies within what the municipality approved.
//
// AWS Network Firewall domain lists: `abc.example.com` matches only itself;
// `.example.com` matches example.com and every subdomain.
// Azure Firewall target FQDNs: `*` matches everything; `*.example.com`
// matches subdomains only, not example.com itself; a leading `*` without a dot
// (`*example.com`) matches any name that ends with the text, so also
// `badexample.com`; anything else is exact. FQDN tags (`WindowsUpdate`) stand
// for a set Microsoft maintains and are approved by their tag name.
// Approvals (policy file) are read with the union of those spellings: `*`,
// `*.example.com` (subdomains), `.example.com` (the domain and subdomains),
// `*example.com` (any name ending so), an exact name, or an FQDN tag name
// (a word without dots).
import type { DomainRule } from '../../model/network.js';

export type DomainSet =
  | { kind: 'all' }
  | { kind: 'exact'; host: string }
  /** Subdomains of `domain` (any depth), and `domain` itself when `apex`. */
  | { kind: 'under'; domain: string; apex: boolean }
  /** Any name ending with `suffix` (not aligned on a label). */
  | { kind: 'ends'; suffix: string }
  | { kind: 'tag'; tag: string };

function norm(s: string): string {
  return s.trim().toLowerCase().replace(/\.$/, '');
}

/** A firewall's pattern as that firewall interprets it. */
export function firewallPattern(pattern: string, syntax: DomainRule['syntax']): DomainSet {
  const p = norm(pattern);
  if (syntax === 'azure-firewall-fqdn-tag') return { kind: 'tag', tag: p };
  if (syntax === 'aws-network-firewall') {
    return p.startsWith('.') ? { kind: 'under', domain: p.slice(1), apex: true } : { kind: 'exact', host: p };
  }
  return azurePattern(p);
}

function azurePattern(p: string): DomainSet {
  if (p === '*') return { kind: 'all' };
  if (p.startsWith('*.')) return { kind: 'under', domain: p.slice(2), apex: false };
  if (p.startsWith('*')) return { kind: 'ends', suffix: p.slice(1) };
  return { kind: 'exact', host: p };
}

/** An approval's domain entry. */
export function approvedPattern(entry: string): DomainSet {
  const p = norm(entry);
  if (p.startsWith('.')) return { kind: 'under', domain: p.slice(1), apex: true };
  if (p !== '*' && !p.includes('.')) return { kind: 'tag', tag: p };
  return azurePattern(p);
}

function hostMatches(a: DomainSet, host: string): boolean {
  switch (a.kind) {
    case 'all':
      return true;
    case 'exact':
      return a.host === host;
    case 'under':
      return (a.apex && host === a.domain) || host.endsWith(`.${a.domain}`);
    case 'ends':
      return host.endsWith(a.suffix);
    case 'tag':
      return false;
  }
}

/** Every subdomain of `domain` (any name ending in `.domain`) is within `a`. */
function subdomainsWithin(domain: string, a: DomainSet): boolean {
  switch (a.kind) {
    case 'all':
      return true;
    case 'under':
      return domain === a.domain || domain.endsWith(`.${a.domain}`);
    case 'ends':
      return `.${domain}`.endsWith(a.suffix);
    default:
      return false;
  }
}

/** Whether everything `f` lets through lies within the union of `approved`. */
export function within(f: DomainSet, approved: readonly DomainSet[]): boolean {
  if (approved.some((a) => a.kind === 'all')) return true;
  switch (f.kind) {
    case 'all':
      return false;
    case 'tag':
      return approved.some((a) => a.kind === 'tag' && a.tag === f.tag);
    case 'exact':
      return approved.some((a) => hostMatches(a, f.host));
    case 'under':
      return approved.some((a) => subdomainsWithin(f.domain, a)) && (!f.apex || approved.some((a) => hostMatches(a, f.domain)));
    case 'ends':
      return approved.some((a) => a.kind === 'ends' && f.suffix.endsWith(a.suffix));
  }
}
