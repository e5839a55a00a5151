// Security group permissions in the shapes configuration items take: the
// current `ipv4Ranges` objects, older `ipRanges` strings, and `ipRanges`
// objects with `cidrIp` as the EC2 API writes them; every form opens the same ranges.
import { describe, expect, it } from 'vitest';
import { nativeOfItem } from '../../../src/live/aws/to-native.js';
import { liftAws } from '../../../src/model/aws/lift.js';
import { LinkResolver } from '../../../src/model/link-resolver.js';
import { CloudModel } from '../../../src/model/model.js';
import type { NativeResource } from '../../../src/readers/native.js';

const origin = { accountId: '350000000001', region: 'ap-northeast-1' };

function ingressCidrs(permission: object): string[] {
  const item = {
    resourceType: 'AWS::EC2::SecurityGroup',
    resourceId: 'sg-0jidou00000000a1',
    configurationItemStatus: 'OK',
    configuration: { groupId: 'sg-0jidou00000000a1', groupName: 'jidou-mgmt', vpcId: 'vpc-0jidou0000000000a', ipPermissions: [{ ipProtocol: 'tcp', fromPort: 3389, toPort: 3389, ...permission }], ipPermissionsEgress: [] },
  };
  const natives = [nativeOfItem(item, origin)].filter((r): r is NativeResource => r !== undefined);
  const model = new CloudModel();
  liftAws(natives, { model, links: new LinkResolver(natives) });
  const group = model.all('security-group').find((g) => g.address.endsWith('sg-0jidou00000000a1'))!;
  return group.rules.flatMap((r) => (r.peers.known ? r.peers.value.flatMap((p) => (p.kind === 'cidr' ? [p.cidr] : [])) : []));
}

describe('live security group ranges', () => {
  it('reads ipv4Ranges, ipRanges strings and ipRanges objects alike', () => {
    expect(ingressCidrs({ ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }], ipRanges: ['0.0.0.0/0'] })).toEqual(['0.0.0.0/0']);
    expect(ingressCidrs({ ipRanges: ['0.0.0.0/0'] })).toEqual(['0.0.0.0/0']);
    expect(ingressCidrs({ ipRanges: [{ cidrIp: '0.0.0.0/0', description: '保守用' }] })).toEqual(['0.0.0.0/0']);
  });
});
