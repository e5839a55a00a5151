// LG-3.8 on hand-built models: a closed segment's egress through a firewall,
// compared with the approval by each firewall's domain semantics.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-3-8.js';
import { fact } from '../../src/model/fact.js';
import type { AddressRule, DomainRule, Firewall } from '../../src/model/network.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { policyWith, run, setDomainRules, statuses } from './lg-3-support.js';

/** A mynumber spoke whose default route goes to a firewall in an internet-tagged inspection VPC. */
function spokeThroughFirewall(rules: Omit<DomainRule, 'loc' | 'definedBy'>[], defaultDeny = true, segment = 'mynumber') {
  const m = new ModelBuilder();
  const inspection = m.vpc('aws_vpc.inspection', { tags: { 'lg:segment': 'internet' }, cidr: '10.100.0.0/16' });
  const igw = m.igw('aws_internet_gateway.inspection', inspection);
  const fwRt = m.routeTable('aws_route_table.fw', inspection, [['0.0.0.0/0', 'internet-gateway', igw]]);
  const fwSubnet = m.subnet('aws_subnet.fw', inspection, { routeTable: fwRt, cidr: '10.100.1.0/24' });
  const fw = m.firewall('aws_networkfirewall_firewall.egress', inspection, [fwSubnet]);
  setDomainRules(m, fw, rules, defaultDeny);
  const vpc = m.vpc('aws_vpc.juki', { tags: { 'lg:segment': segment } });
  const rt = m.routeTable('aws_route_table.app', vpc, [['0.0.0.0/0', 'firewall', fw]]);
  m.subnet('aws_subnet.app_a', vpc, { routeTable: rt });
  m.subnet('aws_subnet.app_c', vpc, { routeTable: rt, cidr: '10.0.2.0/24' });
  return { m, fw };
}

const allowList = (domains: string[]): Omit<DomainRule, 'loc' | 'definedBy'> => ({ action: 'allow', domains, syntax: 'aws-network-firewall', targetTypes: ['TLS_SNI', 'HTTP_HOST'] });

describe('LG-3.8', () => {
  it('reports a firewall whose allowlist is within an unexpired approval as an exception, once per segment', () => {
    const { m } = spokeThroughFirewall([allowList(['.windowsupdate.com', 'pkg.example.jp'])]);
    const drafts = run(check, m, policyWith([{ domains: ['.windowsupdate.com', '*.example.jp'] }]));
    expect(statuses(drafts)).toEqual(['aws_networkfirewall_firewall.egress[mynumber]=exception']);
    expect(drafts[0]!.evidence).toMatchObject({ subnets: ['aws_subnet.app_a', 'aws_subnet.app_c'], allowedDomains: ['.windowsupdate.com', 'pkg.example.jp'] });
  });

  it('fails an allowlist wider than the approval, naming the extra domains at their rule', () => {
    const { m, fw } = spokeThroughFirewall([allowList(['.windowsupdate.com', '.github.com'])]);
    const drafts = run(check, m, policyWith([{ domains: ['*.windowsupdate.com', 'windowsupdate.com'] }]));
    expect(drafts.map((d) => d.status)).toEqual(['fail']);
    expect(drafts[0]!.evidence!.extra).toEqual(['.github.com']);
    expect(drafts[0]!.message.en).toContain('beyond approval "approval-1": .github.com');
    const rules = m.model.getOf(fw, 'firewall')!.domainRules;
    expect(drafts[0]!.location).toEqual(rules.known && rules.value[0]!.loc);
  });

  it('fails without an approval, with a lapsed one, and when the firewall passes unmatched traffic', () => {
    expect(run(check, spokeThroughFirewall([allowList(['.windowsupdate.com'])]).m).map((d) => d.message.en)).toEqual([
      'internet egress from subnets of the mynumber segment (aws_subnet.app_a, aws_subnet.app_c) through the firewall aws_networkfirewall_firewall.egress is not approved in the policy file',
    ]);
    const lapsed = run(check, spokeThroughFirewall([allowList(['.windowsupdate.com'])]).m, policyWith([{ domains: ['.windowsupdate.com'], expires: '2026-10-31' }]));
    expect(lapsed.map((d) => [d.status, d.message.en.includes('expired on 2026-10-31')])).toEqual([['fail', true]]);
    const open = run(check, spokeThroughFirewall([allowList(['.windowsupdate.com'])], false).m, policyWith([{ domains: ['.windowsupdate.com'] }]));
    expect(open.map((d) => [d.status, d.message.en.includes('passes traffic that matches no rule')])).toEqual([['fail', true]]);
  });

  it('does not apply an approval of the other closed segment', () => {
    const { m } = spokeThroughFirewall([allowList(['.windowsupdate.com'])], true, 'lgwan');
    const drafts = run(check, m, policyWith([{ domains: ['.windowsupdate.com'], segments: ['mynumber'] }]));
    expect(statuses(drafts)).toEqual(['aws_networkfirewall_firewall.egress[lgwan]=fail']);
  });

  it('compares Azure FQDN tags by name and fails network rules that reach public addresses', () => {
    const { m, fw } = spokeThroughFirewall([
      { action: 'allow', domains: ['WindowsUpdate'], syntax: 'azure-firewall-fqdn-tag' },
      { action: 'allow', domains: ['*.ubuntu.com'], syntax: 'azure-firewall-fqdn' },
    ]);
    const f = m.model.getOf(fw, 'firewall') as Firewall;
    f.firewallType = 'azure-firewall';
    const within = run(check, m, policyWith([{ domains: ['WindowsUpdate', '.ubuntu.com'] }]));
    expect(within.map((d) => d.status)).toEqual(['exception']);
    const network: AddressRule = { action: 'allow', destinations: ['10.0.0.0/8', '*'], ports: ['123'], protocols: ['UDP'], loc: m.loc(), definedBy: 'fw-policy', name: 'ntp' };
    f.addressRules = fact([network]);
    const wider = run(check, m, policyWith([{ domains: ['WindowsUpdate', '.ubuntu.com'] }]));
    expect(wider.map((d) => [d.status, d.evidence!.extra])).toEqual([['fail', ['network rule ntp: *']]]);
  });

  it('passes a firewall that allows nothing and drops by default, approved or not', () => {
    const { m } = spokeThroughFirewall([{ action: 'deny', domains: ['.example.com'], syntax: 'aws-network-firewall' }]);
    expect(statuses(run(check, m))).toEqual(['aws_networkfirewall_firewall.egress[mynumber]=pass']);
    const passes = spokeThroughFirewall([{ action: 'deny', domains: ['.example.com'], syntax: 'aws-network-firewall' }], false);
    expect(run(check, passes.m).map((d) => d.status)).toEqual(['fail']);
  });

  it('gives unknown when the domain rules come from an input', () => {
    const { m, fw } = spokeThroughFirewall([]);
    (m.model.getOf(fw, 'firewall') as Firewall).domainRules = m.fact<DomainRule[]>(cause('var.allowed_domains'));
    const drafts = run(check, m, policyWith([{ domains: ['.windowsupdate.com'] }]));
    expect(drafts.map((d) => [d.status, d.unknown?.[0]?.inputs])).toEqual([['unknown', ['var.allowed_domains']]]);
    // Without an approval the firewall might still let nothing out: unknown, not fail.
    expect(run(check, m).map((d) => [d.status, d.unknown?.[0]?.inputs])).toEqual([['unknown', ['var.allowed_domains']]]);
  });
});
