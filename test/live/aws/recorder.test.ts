import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { describe, expect, it } from 'vitest';
import { recorderCoverage, unrecordedTypes } from '../../../src/live/aws/recorder.js';
import { startFakeAws } from './fake-aws.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const WANTED = ['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::SecurityGroup'];

describe('Config recorder coverage', () => {
  it('tells which wanted types each recording strategy leaves out', () => {
    expect(unrecordedTypes({ allSupported: true }, true, WANTED)).toEqual([]);
    expect(unrecordedTypes({ allSupported: false, resourceTypes: ['AWS::EC2::VPC'] }, true, WANTED)).toEqual(['AWS::EC2::Subnet', 'AWS::EC2::SecurityGroup']);
    expect(
      unrecordedTypes(
        { recordingStrategy: { useOnly: 'EXCLUSION_BY_RESOURCE_TYPES' }, exclusionByResourceTypes: { resourceTypes: ['AWS::EC2::Subnet'] } },
        true,
        WANTED,
      ),
    ).toEqual(['AWS::EC2::Subnet']);
    expect(unrecordedTypes({ allSupported: true }, false, WANTED)).toEqual(WANTED);
  });

  it('reads the recorder from the service and names the setting to change', async () => {
    const fake = await startFakeAws({ account: '111122223333', items: [], recorder: { allSupported: false, resourceTypes: ['AWS::EC2::VPC'] } });
    try {
      const client = new ConfigServiceClient({ region: 'ap-northeast-1', endpoint: fake.endpoint, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } });
      const c = await recorderCoverage(client, '111122223333', 'ap-northeast-1', WANTED);
      expect(c.errors).toEqual([]);
      expect(c.notScanned.map((n) => n.address)).toEqual(['aws:111122223333/ap-northeast-1/AWS::EC2::Subnet', 'aws:111122223333/ap-northeast-1/AWS::EC2::SecurityGroup']);
      expect(c.notScanned[0]!.cause.detail).toMatch(/recordingGroup does not record/);
    } finally {
      await fake.close();
    }
  });
});
