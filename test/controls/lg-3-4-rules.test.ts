// Security rule pieces shared by LG-3.4 and LG-3.5: what a peer reaches,
// port coverage, NSG priority order and rule keys.
import { describe, expect, it } from 'vitest';
import { fact } from '../../src/model/fact.js';
import type { SecurityGroup, SecurityRule } from '../../src/model/security.js';
import { earlierDeny, ruleKey } from '../../src/controls/network/rule-order.js';
import { peerReach, portsCover } from '../../src/controls/network/rule-peers.js';

describe('peerReach', () => {
  it('tells the whole internet, public ranges, service tags, prefix lists and private blocks apart', () => {
    const kinds = [
      peerReach({ kind: 'cidr', cidr: '0.0.0.0/0' }),
      peerReach({ kind: 'cidr', cidr: '::/0' }),
      peerReach({ kind: 'cidr', cidr: '203.0.113.0/24' }),
      peerReach({ kind: 'cidr', cidr: '10.20.0.0/16' }),
      peerReach({ kind: 'cidr', cidr: 'fd00::/8' }),
      peerReach({ kind: 'service-tag', tag: 'Internet' }),
      peerReach({ kind: 'service-tag', tag: '*' }),
      peerReach({ kind: 'service-tag', tag: 'VirtualNetwork' }),
      peerReach({ kind: 'service-tag', tag: 'Storage.JapanEast' }),
      peerReach({ kind: 'service-tag', tag: '192.168.10.0/24' }),
      peerReach({ kind: 'prefix-list', id: 'pl-61a54008' }),
      peerReach({ kind: 'cidr', cidr: 'not-a-cidr' }),
    ].map((r) => r.kind);
    expect(kinds).toEqual([
      'internet',
      'internet',
      'public-range',
      'private',
      'private',
      'internet',
      'internet',
      'private',
      'service-tag',
      'private',
      'prefix-list',
      'unreadable',
    ]);
  });
});

describe('portsCover', () => {
  it('covers a range by several adjacent ranges, and not across a gap', () => {
    expect(portsCover([{ from: 0, to: 65535 }], [{ from: 22, to: 22 }])).toBe(true);
    expect(portsCover([{ from: 20, to: 30 }, { from: 31, to: 40 }], [{ from: 25, to: 35 }])).toBe(true);
    expect(portsCover([{ from: 20, to: 30 }, { from: 32, to: 40 }], [{ from: 25, to: 35 }])).toBe(false);
    expect(portsCover([{ from: 443, to: 443 }], [])).toBe(true);
  });
});

function rule(r: Partial<SecurityRule>): SecurityRule {
  return {
    direction: 'egress',
    action: 'allow',
    protocol: fact('all'),
    ports: fact([{ from: 0, to: 65535 }]),
    peers: fact([{ kind: 'service-tag', tag: 'Internet' }]),
    loc: { file: 'nsg.json', line: 1 },
    definedBy: 'nsg',
    ...r,
  };
}

function nsg(rules: SecurityRule[], flavor: SecurityGroup['flavor'] = 'azure-nsg'): SecurityGroup {
  const loc = { file: 'nsg.json', line: 1 };
  return {
    id: 'nsg',
    cloud: 'azure',
    source: 'arm',
    nativeType: 'Microsoft.Network/networkSecurityGroups',
    address: 'nsg',
    scope: 'nsg.json',
    loc,
    tags: fact({}),
    region: fact('japaneast'),
    kind: 'security-group',
    flavor,
    rules,
    rulesComplete: fact(true),
  };
}

describe('earlierDeny', () => {
  const allowOut = rule({ name: 'AllowInternetOutBound', priority: 65001, platformDefault: 'AllowInternetOutBound' });

  it('finds a deny of a lower priority number that covers protocol, ports and destination', () => {
    const deny = rule({ name: 'DenyInternet', action: 'deny', priority: 4000 });
    const g = nsg([deny, allowOut]);
    expect(earlierDeny(g, allowOut, peerReach({ kind: 'service-tag', tag: 'Internet' }))).toBe(deny);
  });

  it('ignores a deny that comes later, covers fewer ports or another protocol', () => {
    const later = rule({ name: 'DenyLate', action: 'deny', priority: 65100 });
    const https = rule({ name: 'Deny443', action: 'deny', priority: 100, protocol: fact('tcp'), ports: fact([{ from: 443, to: 443 }]) });
    const g = nsg([later, https, allowOut]);
    expect(earlierDeny(g, allowOut, peerReach({ kind: 'service-tag', tag: 'Internet' }))).toBeUndefined();
    const allow443 = rule({ name: 'AllowHttps', priority: 200, protocol: fact('tcp'), ports: fact([{ from: 443, to: 443 }]) });
    expect(earlierDeny(nsg([https, allow443]), allow443, peerReach({ kind: 'service-tag', tag: 'Internet' }))).toBe(https);
  });

  it('never orders AWS security groups', () => {
    const deny = rule({ action: 'deny', priority: 1 });
    const allow = rule({ priority: 2 });
    expect(earlierDeny(nsg([deny, allow], 'aws-security-group'), allow, peerReach({ kind: 'cidr', cidr: '0.0.0.0/0' }))).toBeUndefined();
  });
});

describe('ruleKey', () => {
  it('names NSG rules by name, AWS rules by their resource and position, defaults by what they are', () => {
    const named = rule({ name: 'AllowHttps', priority: 200 });
    expect(ruleKey(nsg([named]), named)).toBe('AllowHttps');
    const a = rule({ definedBy: 'aws_security_group.app' });
    const b = rule({ definedBy: 'aws_security_group.app', loc: { file: 'main.tf', line: 40 } });
    const g = nsg([a, b], 'aws-security-group');
    expect([ruleKey(g, a), ruleKey(g, b)]).toEqual(['aws_security_group.app egress 0', 'aws_security_group.app egress 1']);
    const def = rule({ platformDefault: 'all egress allowed by default', peers: fact([{ kind: 'cidr', cidr: '0.0.0.0/0' }]) });
    expect(ruleKey(g, def)).toBe('all egress allowed by default egress 0.0.0.0/0');
    expect(ruleKey(g, def)).not.toMatch(/\d+:\d+/);
  });
});
