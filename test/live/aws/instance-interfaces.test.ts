// A live instance's public address: DescribeInstances gives `publicIpAddress`
// for the primary interface only; an Elastic IP on a second interface shows
// only in that interface's association.
import { describe, expect, it } from 'vitest';
import { nativeOfItem } from '../../../src/live/aws/to-native.js';
import { liftAws } from '../../../src/model/aws/lift.js';
import { LinkResolver } from '../../../src/model/link-resolver.js';
import { CloudModel } from '../../../src/model/model.js';
import type { NativeResource } from '../../../src/readers/native.js';

const origin = { accountId: '555566667777', region: 'ap-northeast-1' };

function instance(id: string, interfaces: object[], publicIpAddress?: string) {
  return {
    resourceType: 'AWS::EC2::Instance',
    resourceId: id,
    arn: `arn:aws:ec2:ap-northeast-1:555566667777:instance/${id}`,
    configurationItemStatus: 'OK',
    configuration: {
      instanceId: id,
      instanceType: 'm6i.large',
      subnetId: 'subnet-0zeimu000000000a1',
      vpcId: 'vpc-0zeimu0000000000a1',
      placement: { availabilityZone: 'ap-northeast-1a', tenancy: 'default' },
      privateIpAddress: '10.40.1.10',
      ...(publicIpAddress ? { publicIpAddress } : {}),
      state: { code: 16, name: 'running' },
      networkInterfaces: interfaces,
      securityGroups: [],
      metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled' },
    },
    tags: [{ key: 'Name', value: '税務-連携サーバ' }],
  };
}

const primary = { attachment: { deviceIndex: 0, status: 'attached' }, networkInterfaceId: 'eni-0aaa', privateIpAddress: '10.40.1.10', subnetId: 'subnet-0zeimu000000000a1' };

function publicIpOf(item: Record<string, unknown>) {
  const natives = [nativeOfItem(item, origin)].filter((r): r is NativeResource => r !== undefined);
  const model = new CloudModel();
  liftAws(natives, { model, links: new LinkResolver(natives) });
  return model.all('compute')[0]?.publicIp;
}

describe('live instance public addresses', () => {
  it('an Elastic IP on the second interface exposes the instance', () => {
    const second = { ...primary, attachment: { deviceIndex: 1, status: 'attached' }, networkInterfaceId: 'eni-0bbb', privateIpAddress: '10.40.1.11', association: { publicIp: '198.51.100.7', ipOwnerId: '555566667777' } };
    expect(publicIpOf(instance('i-0zeimu00000000001', [primary, second]))).toMatchObject({ known: true, value: true });
  });

  it('private interfaces only, and no publicIpAddress: no public IP', () => {
    expect(publicIpOf(instance('i-0zeimu00000000002', [primary]))).toMatchObject({ known: true, value: false });
  });

  it('the primary interface’s public IP', () => {
    const withIp = { ...primary, association: { publicIp: '198.51.100.8', ipOwnerId: 'amazon' } };
    expect(publicIpOf(instance('i-0zeimu00000000003', [withIp], '198.51.100.8'))).toMatchObject({ known: true, value: true });
  });
});
