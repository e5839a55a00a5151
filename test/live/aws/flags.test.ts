import { describe, expect, it } from 'vitest';
import { awsRequestOf } from '../../../src/cli/scan-aws-command.js';
import { UsageError } from '../../../src/cli/usage-error.js';

describe('scan-aws flags', () => {
  it('takes the region from the environment when no flag names one', () => {
    expect(awsRequestOf({}, { AWS_REGION: 'ap-northeast-3' }).regions).toEqual(['ap-northeast-3']);
    expect(awsRequestOf({ region: ['ap-northeast-1'], assumeRole: 'KikanAudit', accounts: '111122223333, 444455556666' }, {})).toMatchObject({
      assumeRole: 'KikanAudit',
      accounts: ['111122223333', '444455556666'],
    });
  });

  it('rejects wrong combinations before reading anything', () => {
    expect(() => awsRequestOf({}, {})).toThrow(UsageError);
    expect(() => awsRequestOf({ region: ['tokyo'] }, {})).toThrow(/not an AWS region/);
    expect(() => awsRequestOf({ region: ['ap-northeast-1'], assumeRole: 'R' }, {})).toThrow(/needs --accounts/);
    expect(() => awsRequestOf({ region: ['ap-northeast-1'], assumeRole: 'R', accounts: '1234' }, {})).toThrow(/not an account ID/);
    expect(() => awsRequestOf({ region: ['ap-northeast-1'], aggregator: 'org', assumeRole: 'R', accounts: '111122223333' }, {})).toThrow(/--aggregator/);
  });
});
