// Domain semantics of AWS Network Firewall, Azure Firewall and the policy
// file's approvals, as LG-3.8 compares them.
import { describe, expect, it } from 'vitest';
import type { DomainRule } from '../../src/model/network.js';
import { approvedPattern, firewallPattern, within } from '../../src/controls/network/domain-match.js';

function covered(pattern: string, syntax: DomainRule['syntax'], approvals: string[]): boolean {
  return within(firewallPattern(pattern, syntax), approvals.map(approvedPattern));
}

describe('AWS Network Firewall patterns', () => {
  it('reads a leading dot as the domain and all its subdomains', () => {
    expect(covered('.windowsupdate.com', 'aws-network-firewall', ['.windowsupdate.com'])).toBe(true);
    // An approval of subdomains only leaves the apex windowsupdate.com outside.
    expect(covered('.windowsupdate.com', 'aws-network-firewall', ['*.windowsupdate.com'])).toBe(false);
    expect(covered('.windowsupdate.com', 'aws-network-firewall', ['*.windowsupdate.com', 'windowsupdate.com'])).toBe(true);
  });

  it('reads a name without a dot prefix as exact', () => {
    expect(covered('pkg.example.jp', 'aws-network-firewall', ['*.example.jp'])).toBe(true);
    expect(covered('pkg.example.jp', 'aws-network-firewall', ['example.jp'])).toBe(false);
    expect(covered('example.jp', 'aws-network-firewall', ['*.example.jp'])).toBe(false);
    expect(covered('example.jp', 'aws-network-firewall', ['.example.jp'])).toBe(true);
  });

  it('covers a deeper wildcard by a wider approval', () => {
    expect(covered('.update.example.com', 'aws-network-firewall', ['*.example.com'])).toBe(true);
    expect(covered('.example.com', 'aws-network-firewall', ['.update.example.com'])).toBe(false);
  });

  it('compares case-insensitively and ignores a trailing dot', () => {
    expect(covered('PKG.Example.JP.', 'aws-network-firewall', ['pkg.example.jp'])).toBe(true);
  });
});

describe('Azure Firewall patterns', () => {
  it('reads *.domain as subdomains only', () => {
    expect(covered('*.windowsupdate.com', 'azure-firewall-fqdn', ['*.windowsupdate.com'])).toBe(true);
    expect(covered('*.windowsupdate.com', 'azure-firewall-fqdn', ['.windowsupdate.com'])).toBe(true);
    expect(covered('*.windowsupdate.com', 'azure-firewall-fqdn', ['windowsupdate.com'])).toBe(false);
    expect(covered('download.windowsupdate.com', 'azure-firewall-fqdn', ['*.windowsupdate.com'])).toBe(true);
  });

  it('reads a leading * without a dot as any name ending with the text', () => {
    // *windowsupdate.com also matches evilwindowsupdate.com, which *.windowsupdate.com does not approve.
    expect(covered('*windowsupdate.com', 'azure-firewall-fqdn', ['*.windowsupdate.com', 'windowsupdate.com'])).toBe(false);
    expect(covered('*windowsupdate.com', 'azure-firewall-fqdn', ['*windowsupdate.com'])).toBe(true);
    expect(covered('*.windowsupdate.com', 'azure-firewall-fqdn', ['*windowsupdate.com'])).toBe(true);
  });

  it('lets * through only under an approval of *', () => {
    expect(covered('*', 'azure-firewall-fqdn', ['*.microsoft.com', '.windowsupdate.com'])).toBe(false);
    expect(covered('*', 'azure-firewall-fqdn', ['*'])).toBe(true);
  });

  it('approves FQDN tags by their name', () => {
    expect(covered('WindowsUpdate', 'azure-firewall-fqdn-tag', ['windowsupdate'])).toBe(true);
    expect(covered('WindowsUpdate', 'azure-firewall-fqdn-tag', ['*.windowsupdate.com', '.update.microsoft.com'])).toBe(false);
    expect(covered('AzureBackup', 'azure-firewall-fqdn-tag', ['WindowsUpdate'])).toBe(false);
  });
});
