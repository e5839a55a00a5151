// CloudWatch Logs log groups, which AWS Config does not record, read through
// the logs API (DescribeLogGroups) as items of type AWS::Logs::LogGroup in
// the logs API's own camelCase shape (logGroupName, retentionInDays, kmsKeyId).
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { ReadResult } from '../../readers/native.js';
import { emptyReadResult } from '../../readers/native.js';
import { accountScope, nativeOfItem } from './to-native.js';
import { callError } from './call-error.js';

const MAX_PAGES = 10_000;

export async function readLogGroups(client: CloudWatchLogsClient, accountId: string, region: string): Promise<ReadResult> {
  const out = emptyReadResult();
  const scope = accountScope(accountId, region);
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let response;
    try {
      response = await client.send(new DescribeLogGroupsCommand({ nextToken: token }));
    } catch (e) {
      out.errors.push(callError(scope, 'logs:DescribeLogGroups', `the log groups of ${scope} were not read${page ? ' completely' : ''}`, e));
      return out;
    }
    for (const g of response.logGroups ?? []) {
      if (!g.logGroupName) continue;
      const arn = g.logGroupArn ?? g.arn?.replace(/:\*$/, '');
      const r = nativeOfItem(
        {
          resourceType: 'AWS::Logs::LogGroup',
          resourceId: g.logGroupName,
          resourceName: g.logGroupName,
          ...(arn ? { arn } : {}),
          configuration: {
            logGroupName: g.logGroupName,
            ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}),
            ...(g.kmsKeyId ? { kmsKeyId: g.kmsKeyId } : {}),
          },
        },
        { accountId, region },
      );
      if (r) out.resources.push(r);
    }
    token = response.nextToken || undefined;
    if (!token) return out;
  }
  out.errors.push({ file: scope, message: `logs:DescribeLogGroups kept returning pages after ${MAX_PAGES}; the rest of ${scope} was not read` });
  return out;
}
