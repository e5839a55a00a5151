// A live instance's disks are their own AWS::EC2::Volume items, judged with the
// key they really use; the instance adds no assumed root volume whose
// encryption would hang on the account's EBS default.
import { describe, expect, it } from 'vitest';
import { nativeOfItem } from '../../../src/live/aws/to-native.js';
import { liftAws } from '../../../src/model/aws/lift.js';
import { LinkResolver } from '../../../src/model/link-resolver.js';
import { CloudModel } from '../../../src/model/model.js';
import type { NativeResource } from '../../../src/readers/native.js';

const origin = { accountId: '777788889999', region: 'ap-northeast-1' };

const items = [
  {
    resourceType: 'AWS::EC2::Instance',
    resourceId: 'i-0kokuho0000000001',
    arn: 'arn:aws:ec2:ap-northeast-1:777788889999:instance/i-0kokuho0000000001',
    configurationItemStatus: 'OK',
    configuration: {
      instanceId: 'i-0kokuho0000000001',
      subnetId: 'subnet-0kokuho00000000a1',
      placement: { availabilityZone: 'ap-northeast-1a' },
      rootDeviceName: '/dev/xvda',
      blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeId: 'vol-0kokuho000000001', status: 'attached', deleteOnTermination: true } }],
      networkInterfaces: [],
    },
  },
  {
    resourceType: 'AWS::EC2::Volume',
    resourceId: 'vol-0kokuho000000001',
    arn: 'arn:aws:ec2:ap-northeast-1:777788889999:volume/vol-0kokuho000000001',
    configurationItemStatus: 'OK',
    configuration: { volumeId: 'vol-0kokuho000000001', availabilityZone: 'ap-northeast-1a', encrypted: false, size: 40, volumeType: 'gp3', attachments: [{ instanceId: 'i-0kokuho0000000001', device: '/dev/xvda', state: 'attached' }] },
  },
];

describe('live instance volumes', () => {
  it('only the recorded volume is a store, with its own encryption', () => {
    const natives = items.map((i) => nativeOfItem(i, origin)).filter((r): r is NativeResource => r !== undefined);
    const model = new CloudModel();
    liftAws(natives, { model, links: new LinkResolver(natives) });
    const volumes = model.all('data-store').filter((s) => s.storeType === 'ebs-volume');
    expect(volumes.map((v) => [v.address, v.encryption?.known && v.encryption.value.mode])).toEqual([
      ['arn:aws:ec2:ap-northeast-1:777788889999:volume/vol-0kokuho000000001', 'none'],
    ]);
  });
});
