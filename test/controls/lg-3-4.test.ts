// LG-3.4 (egress) and LG-3.5 (ingress) on hand-built models: platform
// default rules, NSG priorities, approvals by service tag and by via,
// gateway endpoint prefix lists, admin ports anywhere.
import { describe, expect, it } from 'vitest';
import { check as egress } from '../../src/controls/checks/lg-3-4.js';
import { check as ingress } from '../../src/controls/checks/lg-3-5.js';
import { fact } from '../../src/model/fact.js';
import type { Peer } from '../../src/model/security.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { endpoint, of, policyWith, run, statuses } from './lg-3-support.js';

const MN = { 'lg:segment': 'mynumber' };
const cidr = (c: string): Peer => ({ kind: 'cidr', cidr: c });
const tag = (t: string): Peer => ({ kind: 'service-tag', tag: t });

describe('LG-3.4', () => {
  it("fails the platform's allow-all egress of an unused group in a closed VPC, at the rule", () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.juki', { tags: MN });
    m.securityGroup('AppSecurityGroup', vpc, [{ platformDefault: 'all egress allowed by default' }]);
    const drafts = run(egress, m);
    expect(statuses(drafts)).toEqual(['AppSecurityGroup[all egress allowed by default egress 0.0.0.0/0]=fail']);
    expect(drafts[0]!.message.en).toContain('the platform default rule (all egress allowed by default)');
    expect(drafts[0]!.message.ja).toContain('既定の規則（すべての送信を許可）');
    expect(drafts[0]!.message.en).toContain('0.0.0.0/0');
    expect(drafts[0]!.location).toEqual(m.model.getOf('AppSecurityGroup', 'security-group')!.rules[0]!.loc);
  });

  it('passes a group whose egress stays private, and ignores groups of the internet segment', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.juki', { tags: MN });
    m.securityGroup('aws_security_group.app', vpc, [{ peers: fact([cidr('10.0.0.0/8'), cidr('172.16.0.0/12')]) }, { direction: 'ingress', peers: fact([cidr('0.0.0.0/0')]) }]);
    const web = m.vpc('aws_vpc.web', { tags: { 'lg:segment': 'internet' }, cidr: '10.9.0.0/16' });
    m.securityGroup('aws_security_group.web', web, [{}]);
    expect(statuses(run(egress, m))).toEqual(['aws_security_group.app=pass']);
  });

  it('honours NSG priorities: DenyInternet before AllowInternetOutBound passes, an allow before the deny fails', () => {
    const m = new ModelBuilder('azure', 'nsg.json');
    const v = m.vpc('vnet-juki', { tags: MN });
    const defaults = [
      { name: 'AllowVnetOutBound', priority: 65000, platformDefault: 'AllowVnetOutBound', peers: fact([tag('VirtualNetwork')]) },
      { name: 'AllowInternetOutBound', priority: 65001, platformDefault: 'AllowInternetOutBound', peers: fact([tag('Internet')]) },
      { name: 'DenyAllOutBound', priority: 65500, platformDefault: 'DenyAllOutBound', action: 'deny' as const, peers: fact([tag('*')]) },
    ];
    const closed = m.securityGroup('nsg-closed', undefined, [{ name: 'DenyInternetOutbound', priority: 4000, action: 'deny', peers: fact([tag('Internet')]) }, ...defaults], 'azure-nsg');
    const leaky = m.securityGroup(
      'nsg-leaky',
      undefined,
      [
        { name: 'AllowHttpsOut', priority: 200, protocol: fact('tcp'), ports: fact([{ from: 443, to: 443 }]), peers: fact([tag('Internet')]) },
        { name: 'DenyInternetOutbound', priority: 4000, action: 'deny', peers: fact([tag('Internet')]) },
        ...defaults,
      ],
      'azure-nsg',
    );
    m.subnet('vnet-juki/app', v, { securityGroup: closed, defaultOutboundAccess: false });
    m.subnet('vnet-juki/web', v, { securityGroup: leaky, defaultOutboundAccess: false, cidr: '10.0.2.0/24' });
    const drafts = run(egress, m);
    expect(statuses(drafts)).toEqual(['nsg-closed=pass', 'nsg-leaky[AllowHttpsOut]=fail']);
  });

  it('fails the default AllowInternetOutBound of an NSG without a deny', () => {
    const m = new ModelBuilder('azure', 'nsg.json');
    const v = m.vpc('vnet-juki', { tags: MN });
    const nsg = m.securityGroup('nsg-app', undefined, [{ name: 'AllowInternetOutBound', priority: 65001, platformDefault: 'AllowInternetOutBound', peers: fact([tag('Internet')]) }], 'azure-nsg');
    m.subnet('vnet-juki/app', v, { securityGroup: nsg });
    const drafts = run(egress, m);
    expect(statuses(drafts)).toEqual(['nsg-app[AllowInternetOutBound egress Internet]=fail']);
    expect(drafts[0]!.message.ja).toContain('既定の規則（AllowInternetOutBound）');
  });

  it('treats a service tag as public unless an approval names it or the group', () => {
    const build = () => {
      const m = new ModelBuilder('azure', 'nsg.json');
      const v = m.vpc('vnet-juki', { tags: MN });
      const nsg = m.securityGroup('nsg-app', undefined, [{ name: 'AllowStorage', priority: 300, peers: fact([tag('Storage.JapanEast')]) }], 'azure-nsg');
      m.subnet('vnet-juki/app', v, { securityGroup: nsg });
      return m;
    };
    expect(run(egress, build()).map((d) => d.status)).toEqual(['fail']);
    const byTag = run(egress, build(), policyWith([{ serviceTags: ['Storage'] }]));
    expect(byTag.map((d) => d.status)).toEqual(['exception']);
    expect(byTag[0]!.evidence!.approval).toMatchObject({ id: 'approval-1' });
    expect(run(egress, build(), policyWith([{ via: 'nsg-*' }])).map((d) => d.status)).toEqual(['exception']);
    expect(run(egress, build(), policyWith([{ serviceTags: ['Storage'], expires: '2026-01-31' }])).map((d) => [d.status, d.message.en.includes('expired on 2026-01-31')])).toEqual([['fail', true]]);
  });

  it("passes a gateway endpoint's prefix list and gives unknown for another prefix list, naming it", () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.juki', { tags: MN });
    endpoint(m, 'aws_vpc_endpoint.s3', { type: 'gateway', service: 'com.amazonaws.ap-northeast-1.s3', network: vpc, routeTables: [] });
    m.securityGroup('aws_security_group.app', vpc, [{ protocol: fact('tcp'), ports: fact([{ from: 443, to: 443 }]), peers: fact<Peer[]>([{ kind: 'prefix-list', id: 'aws_vpc_endpoint.s3' }]) }]);
    m.securityGroup('aws_security_group.tools', vpc, [{ peers: fact<Peer[]>([{ kind: 'prefix-list', id: 'pl-0ab12cd34ef567890' }]) }]);
    const drafts = run(egress, m);
    expect(statuses(drafts)).toEqual(['aws_security_group.app=pass', 'aws_security_group.tools[aws_security_group.tools egress 0]=unknown']);
    expect(of(drafts, 'aws_security_group.tools')[0]!.unknown!.flatMap((c) => c.inputs)).toContain('pl-0ab12cd34ef567890');
  });

  it('gives unknown when the rules may come from outside the scan or the destinations are inputs', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.juki', { tags: MN });
    const g = m.securityGroup('aws_security_group.app', vpc, [{ peers: m.fact<Peer[]>(cause('var.egress_cidrs')) }]);
    const drafts = run(egress, m);
    expect(drafts.map((d) => d.status)).toEqual(['unknown']);
    expect(drafts[0]!.unknown!.flatMap((c) => c.inputs)).toEqual(['var.egress_cidrs']);
    m.model.getOf(g, 'security-group')!.rules = [];
    m.model.getOf(g, 'security-group')!.rulesComplete = m.fact<boolean>(cause('var.extra_rules'));
    expect(run(egress, m).map((d) => [d.status, d.unknown?.[0]?.inputs])).toEqual([['unknown', ['var.extra_rules']]]);
  });
});

describe('LG-3.5', () => {
  it('fails any ingress from the internet into a closed segment as critical, public ranges included', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.juki', { tags: MN });
    m.securityGroup('aws_security_group.app', vpc, [
      { direction: 'ingress', protocol: fact('tcp'), ports: fact([{ from: 443, to: 443 }]), peers: fact([cidr('0.0.0.0/0')]) },
      { direction: 'ingress', protocol: fact('tcp'), ports: fact([{ from: 8443, to: 8443 }]), peers: fact([cidr('203.0.113.0/24')]) },
      { direction: 'ingress', protocol: fact('tcp'), ports: fact([{ from: 443, to: 443 }]), peers: fact([cidr('10.0.0.0/8')]) },
    ]);
    const drafts = run(ingress, m);
    expect(statuses(drafts)).toEqual(['aws_security_group.app[aws_security_group.app ingress 0]=fail', 'aws_security_group.app[aws_security_group.app ingress 1]=fail']);
    expect(drafts.every((d) => d.severity === undefined)).toBe(true);
    expect(drafts[1]!.message.en).toContain('203.0.113.0/24');
  });

  it('fails admin and database ports open to the whole internet anywhere as high, port ranges included', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.web', { tags: { 'lg:segment': 'internet' } });
    m.securityGroup('aws_security_group.web', vpc, [
      { direction: 'ingress', protocol: fact('tcp'), ports: fact([{ from: 443, to: 443 }]), peers: fact([cidr('0.0.0.0/0')]) },
      { direction: 'ingress', protocol: fact('tcp'), ports: fact([{ from: 3000, to: 3400 }]), peers: fact([cidr('::/0')]) },
      { direction: 'ingress', protocol: fact('tcp'), ports: fact([{ from: 22, to: 22 }]), peers: fact([cidr('198.51.100.10/32')]) },
      { direction: 'ingress', protocol: fact('udp'), ports: fact([{ from: 0, to: 65535 }]), peers: fact([cidr('0.0.0.0/0')]) },
    ]);
    const drafts = run(ingress, m);
    expect(statuses(drafts)).toEqual(['aws_security_group.web[aws_security_group.web ingress 1]=fail']);
    expect(drafts[0]!.severity).toBe('high');
    expect(drafts[0]!.message.en).toContain('3306 (MySQL), 3389 (RDP)');
  });

  it('lets an earlier NSG deny stop an internet allow, and gives unknown for a group of unknown segment', () => {
    const m = new ModelBuilder('azure', 'nsg.json');
    const v = m.vpc('vnet-juki', { tags: MN });
    const nsg = m.securityGroup(
      'nsg-app',
      undefined,
      [
        { direction: 'ingress', name: 'DenyInternetIn', action: 'deny', priority: 100, peers: fact([tag('Internet')]) },
        { direction: 'ingress', name: 'AllowRdp', priority: 300, protocol: fact('tcp'), ports: fact([{ from: 3389, to: 3389 }]), peers: fact([tag('*')]) },
      ],
      'azure-nsg',
    );
    m.subnet('vnet-juki/app', v, { securityGroup: nsg });
    const other = m.vpc('vnet-misc', { tags: cause('parameters(\'tags\')'), cidr: '10.7.0.0/16' });
    const misc = m.securityGroup('nsg-misc', undefined, [{ direction: 'ingress', name: 'AllowHttps', priority: 100, protocol: fact('tcp'), ports: fact([{ from: 443, to: 443 }]), peers: fact([tag('Internet')]) }], 'azure-nsg');
    m.subnet('vnet-misc/app', other, { securityGroup: misc, cidr: '10.7.1.0/24' });
    const drafts = run(ingress, m);
    expect(statuses(drafts)).toEqual(['nsg-app=pass', 'nsg-misc[AllowHttps]=unknown']);
    expect(drafts[1]!.unknown!.flatMap((c) => c.inputs)).toContain("parameters('tags')");
  });
});
