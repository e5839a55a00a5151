// Live subnets: whether a subnet has IPv6 comes from the active entries of its
// Config item's ipv6CidrBlockAssociationSet, and decides whether a `::/0`
// route to an egress-only gateway is a path out of it.
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/graph/build.js';
import { nativeOfItem } from '../../../src/live/aws/to-native.js';
import { liftAws } from '../../../src/model/aws/lift.js';
import { LinkResolver } from '../../../src/model/link-resolver.js';
import { CloudModel } from '../../../src/model/model.js';
import { defaultPolicy } from '../../../src/policy/types.js';
import type { NativeResource } from '../../../src/readers/native.js';

const origin = { accountId: '111122223333', region: 'ap-northeast-1' };

function item(resourceType: string, resourceId: string, configuration: object): NativeResource {
  return nativeOfItem({ resourceType, resourceId, configuration: JSON.stringify(configuration), tags: [{ key: 'lg:segment', value: 'LGWAN接続系' }] }, origin)!;
}

const SUBNET_IDS = ['subnet-0dual', 'subnet-0v4', 'subnet-0released', 'subnet-0pending', 'subnet-0unrecorded'];

function subnet(id: string, v6?: object[]): NativeResource {
  return item('AWS::EC2::Subnet', id, {
    subnetId: id,
    vpcId: 'vpc-0d1',
    cidrBlock: `10.40.${SUBNET_IDS.indexOf(id) + 1}.0/24`,
    availabilityZone: 'ap-northeast-1a',
    assignIpv6AddressOnCreation: false,
    ...(v6 ? { ipv6CidrBlockAssociationSet: v6 } : {}),
  });
}

const associated = { associationId: 'subnet-cidr-assoc-01', ipv6CidrBlock: '2406:da14:e0f:2a00::/64', ipv6CidrBlockState: { state: 'associated' } };
const pending = { associationId: 'subnet-cidr-assoc-03', ipv6CidrBlockState: { state: 'associating' } };
const released = { associationId: 'subnet-cidr-assoc-02', ipv6CidrBlock: '2406:da14:e0f:2a01::/64', ipv6CidrBlockState: { state: 'disassociated' } };

function scan(vpcIpv6State = 'associated') {
  const subnets = {
    dual: subnet('subnet-0dual', [associated]),
    v4: subnet('subnet-0v4', []),
    released: subnet('subnet-0released', [released]),
    pending: subnet('subnet-0pending', [pending]),
    unrecorded: subnet('subnet-0unrecorded'),
  };
  const rs = [
    item('AWS::EC2::VPC', 'vpc-0d1', {
      vpcId: 'vpc-0d1',
      cidrBlock: '10.40.0.0/16',
      ipv6CidrBlockAssociationSet: [{ ipv6CidrBlock: '2406:da14:e0f:2a00::/56', ipv6CidrBlockState: { state: vpcIpv6State } }],
    }),
    item('AWS::EC2::EgressOnlyInternetGateway', 'eigw-0e1', { egressOnlyInternetGatewayId: 'eigw-0e1', attachments: [{ state: 'attached', vpcId: 'vpc-0d1' }] }),
    item('AWS::EC2::RouteTable', 'rtb-0priv', {
      routeTableId: 'rtb-0priv',
      vpcId: 'vpc-0d1',
      routes: [
        { destinationCidrBlock: '10.40.0.0/16', gatewayId: 'local', state: 'active' },
        { destinationIpv6CidrBlock: '::/0', egressOnlyInternetGatewayId: 'eigw-0e1', state: 'active' },
      ],
      associations: Object.values(subnets).map((s, i) => ({ main: false, routeTableAssociationId: `rtbassoc-0${i}`, subnetId: s.ids![0], routeTableId: 'rtb-0priv' })),
    }),
    ...Object.values(subnets),
  ];
  const model = new CloudModel();
  liftAws(rs, { model, links: new LinkResolver(rs) });
  return { model, subnets };
}

describe('live subnet IPv6', () => {
  it('has IPv6 only with an active association (even one whose block is not shown yet); a missing set is unknown, naming it', () => {
    const { model, subnets } = scan();
    const v6 = (r: NativeResource) => model.getOf(r.key, 'subnet')?.ipv6Enabled;
    expect(v6(subnets.dual)).toMatchObject({ known: true, value: true });
    expect(v6(subnets.v4)).toMatchObject({ known: true, value: false });
    expect(v6(subnets.released)).toMatchObject({ known: true, value: false });
    expect(v6(subnets.pending)).toMatchObject({ known: true, value: true });
    expect(model.getOf(subnets.released.key, 'subnet')?.ipv6Cidr).toMatchObject({ known: true, value: null });
    const open = v6(subnets.unrecorded);
    expect(open?.known).toBe(false);
    if (open && !open.known) expect(open.cause.inputs[0]).toContain('ipv6CidrBlockAssociationSet');
  });

  it('gives the ::/0 egress-only path to the dual-stack subnet only, possible where the set is missing', () => {
    const { model, subnets } = scan();
    const g = buildGraph(model, defaultPolicy());
    const paths = (r: NativeResource) => g.internetPaths(r.key).map((p) => [p.family, p.exit, p.certainty]);
    expect(paths(subnets.dual)).toEqual([['ipv6', 'egress-only-internet-gateway', 'definite']]);
    expect(paths(subnets.v4)).toEqual([]);
    expect(paths(subnets.released)).toEqual([]);
    expect(paths(subnets.unrecorded)).toEqual([['ipv6', 'egress-only-internet-gateway', 'possible']]);
  });

  it('gives no IPv6 path out of a VPC whose only IPv6 block is disassociated, even from a subnet whose set is missing', () => {
    const { model, subnets } = scan('disassociated');
    const g = buildGraph(model, defaultPolicy());
    expect(model.all('network').map((n) => n.ipv6Enabled)).toMatchObject([{ known: true, value: false }]);
    expect(g.internetPaths(subnets.unrecorded.key)).toEqual([]);
  });
});
