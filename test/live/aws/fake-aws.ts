// A fake AWS endpoint on 127.0.0.1: AWS Config over AWS JSON 1.1
// (X-Amz-Target: StarlingDoveService.*) and STS GetCallerIdentity over the
// query protocol. Items are served two to a page; the first request for the
// second page is throttled once; log groups come one to a page; regions listed as denied get AccessDenied.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAws {
  endpoint: string;
  calls: { target: string; token?: string; region: string }[];
  close(): Promise<void>;
}

export interface FakeAwsOptions {
  account: string;
  items: object[];
  deniedRegions?: string[];
  recorder?: object;
  recording?: boolean;
  pageSize?: number;
  /** DescribeLogGroups entries, one to a page. */
  logGroups?: object[];
}

function regionOf(auth: string): string {
  return /Credential=[^/]+\/\d+\/([^/]+)\//.exec(auth)?.[1] ?? '';
}

export async function startFakeAws(o: FakeAwsOptions): Promise<FakeAws> {
  const calls: FakeAws['calls'] = [];
  const pageSize = o.pageSize ?? 2;
  let throttled = false;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const region = regionOf(String(req.headers.authorization ?? ''));
      const target = String(req.headers['x-amz-target'] ?? '');
      if (!target && body.includes('Action=GetCallerIdentity')) {
        calls.push({ target: 'GetCallerIdentity', region });
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(
          `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${o.account}:user/scanner</Arn><UserId>AIDATEST</UserId><Account>${o.account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
        return;
      }
      const input = JSON.parse(body || '{}') as { NextToken?: string; nextToken?: string };
      calls.push({ target, region, ...(input.NextToken ? { token: input.NextToken } : {}) });
      const send = (status: number, doc: object) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(doc));
      };
      if (o.deniedRegions?.includes(region)) {
        send(400, { __type: 'AccessDeniedException', message: `not authorized to perform ${target.split('.')[1]}` });
        return;
      }
      if (target.endsWith('.DescribeConfigurationRecorders')) {
        send(200, { ConfigurationRecorders: [{ name: 'default', roleARN: 'arn:aws:iam::x:role/config', recordingGroup: o.recorder ?? { allSupported: true, includeGlobalResourceTypes: true } }] });
        return;
      }
      if (target.endsWith('.DescribeConfigurationRecorderStatus')) {
        send(200, { ConfigurationRecordersStatus: [{ name: 'default', recording: o.recording ?? true, lastStatus: 'SUCCESS' }] });
        return;
      }
      if (target === 'Logs_20140328.DescribeLogGroups') {
        const groups = o.logGroups ?? [];
        const start = input.nextToken ? Number(input.nextToken) : 0;
        send(200, { logGroups: groups.slice(start, start + 1), ...(start + 1 < groups.length ? { nextToken: String(start + 1) } : {}) });
        return;
      }
      if (target.endsWith('.SelectResourceConfig')) {
        const start = input.NextToken ? Number(input.NextToken.slice(5)) : 0;
        if (start > 0 && !throttled) {
          throttled = true;
          send(400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
          return;
        }
        const page = o.items.slice(start, start + pageSize).map((i) => JSON.stringify(i));
        const next = start + pageSize < o.items.length ? { NextToken: `page-${start + pageSize}` } : {};
        send(200, { Results: page, QueryInfo: { SelectFields: [] }, ...next });
        return;
      }
      send(400, { __type: 'UnknownOperationException', message: target });
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
