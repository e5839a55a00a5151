// Matching approvals of the policy file: segments, via globs, services,
// firewall paths without via, and expiry at the end of the day in Japan.
import { describe, expect, it } from 'vitest';
import { findApproval, serviceTagCovered } from '../../src/controls/network/approved-paths.js';
import { NOW, policyWith } from './lg-3-support.js';

describe('findApproval', () => {
  it('matches via against any point of the path, as a glob', () => {
    const policy = policyWith([{ via: 'module.egress.aws_nat_gateway.*' }]);
    const hit = findApproval(policy, NOW, { segments: ['mynumber'], addresses: ['aws_subnet.app', 'module.egress.aws_nat_gateway.this[0]'] });
    expect(hit).toMatchObject({ kind: 'approved', approval: { id: 'approval-1' } });
    expect(findApproval(policy, NOW, { segments: ['mynumber'], addresses: ['aws_subnet.app', 'aws_nat_gateway.other'] })).toEqual({ kind: 'none' });
  });

  it('needs every segment of the query listed by the approval', () => {
    const policy = policyWith([{ via: '*', segments: ['lgwan'] }]);
    expect(findApproval(policy, NOW, { segments: ['mynumber'], addresses: ['x'] }).kind).toBe('none');
    expect(findApproval(policy, NOW, { segments: ['lgwan'], addresses: ['x'] }).kind).toBe('approved');
    const both = policyWith([{ via: '*', segments: ['mynumber', 'lgwan'] }]);
    expect(findApproval(both, NOW, { segments: ['mynumber', 'lgwan'], addresses: ['x'] }).kind).toBe('approved');
  });

  it('applies an approval without via only where the query allows it (firewall paths) or names its service', () => {
    const policy = policyWith([{ domains: ['.windowsupdate.com'] }]);
    expect(findApproval(policy, NOW, { segments: ['mynumber'], addresses: ['aws_nat_gateway.x'] }).kind).toBe('none');
    expect(findApproval(policy, NOW, { segments: ['mynumber'], addresses: ['aws_networkfirewall_firewall.x'], viaOptional: true }).kind).toBe('approved');
    const tags = policyWith([{ serviceTags: ['Storage'] }]);
    expect(findApproval(tags, NOW, { segments: ['mynumber'], addresses: [], services: ['Storage.JapanEast'] }).kind).toBe('approved');
    expect(findApproval(tags, NOW, { segments: ['mynumber'], addresses: [], services: ['Sql'] }).kind).toBe('none');
  });

  it('lapses at the end of the expiry day in Japan and prefers a valid approval over a lapsed one', () => {
    const lastDay = policyWith([{ via: '*', expires: '2026-11-28' }]);
    expect(findApproval(lastDay, new Date('2026-11-28T23:59:00+09:00'), { segments: ['mynumber'], addresses: ['x'] }).kind).toBe('approved');
    expect(findApproval(lastDay, new Date('2026-11-29T00:00:01+09:00'), { segments: ['mynumber'], addresses: ['x'] })).toMatchObject({
      kind: 'expired',
      approval: { expires: '2026-11-28' },
    });
    const two = policyWith([
      { id: 'old', via: '*', expires: '2025-03-31' },
      { id: 'renewed', via: '*', expires: '2027-03-31' },
    ]);
    expect(findApproval(two, NOW, { segments: ['mynumber'], addresses: ['x'] })).toMatchObject({ kind: 'approved', approval: { id: 'renewed' } });
  });
});

describe('serviceTagCovered', () => {
  it('covers the regional forms of a base tag, not the other way round', () => {
    expect(serviceTagCovered('Storage', 'storage.japaneast')).toBe(true);
    expect(serviceTagCovered('Storage.JapanEast', 'Storage')).toBe(false);
    expect(serviceTagCovered('Storage', 'StorageSyncService')).toBe(false);
  });
});
