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
  /** Key counts of each BatchGetResourceConfig call. */
  batchSizes: number[];
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
  /** GuardDuty detectors by ID with their status (REST JSON); none when absent. */
  detectors?: Record<string, 'ENABLED' | 'DISABLED'>;
  /** Security Hub subscribed (DescribeHub answers) or not (InvalidAccessException). */
  securityHub?: boolean;
  /** The SECURITY alternate contact; ResourceNotFoundException when absent. */
  securityContact?: { EmailAddress: string; Name: string; Title?: string; PhoneNumber?: string };
  /** Managed Config rules with their evaluations (one evaluation to a page). */
  configRules?: { name: string; source: string; evaluations: { resourceType: string; resourceId: string; compliance: 'COMPLIANT' | 'NON_COMPLIANT' }[] }[];
  /** Items only ListDiscoveredResources + BatchGetResourceConfig serve (BaseConfigurationItem shape); listed 50 to a page. */
  discovered?: { resourceType: string; resourceId: string; resourceName?: string; [k: string]: unknown }[];
  /** Resource IDs BatchGetResourceConfig leaves unprocessed the first time (`always`: every time). */
  unprocessed?: { once?: string[]; always?: string[] };
  /** Regions whose every SelectResourceConfig call is throttled. */
  throttledRegions?: string[];
  /** IAM actions (`guardduty:ListDetectors`) answered with AccessDenied. */
  deniedActions?: string[];
  /** The type-count query (`GROUP BY resourceType`) answered with AccessDenied, the item queries not. */
  deniedTypeCounts?: boolean;
}

function serviceOf(auth: string): string {
  return /Credential=[^/]+\/\d+\/[^/]+\/([^/]+)\//.exec(auth)?.[1] ?? '';
}

/** The REST JSON calls of GuardDuty, Security Hub and Account, as `service:Action`. */
function restAction(service: string, method: string, url: string): string | undefined {
  const p = url.split('?')[0] ?? '';
  if (service === 'guardduty' && method === 'GET' && p === '/detector') return 'guardduty:ListDetectors';
  if (service === 'guardduty' && method === 'GET' && p.startsWith('/detector/')) return 'guardduty:GetDetector';
  if (service === 'securityhub' && method === 'GET' && p === '/accounts') return 'securityhub:DescribeHub';
  if (service === 'account' && method === 'POST' && p === '/getAlternateContact') return 'account:GetAlternateContact';
  return undefined;
}

function regionOf(auth: string): string {
  return /Credential=[^/]+\/\d+\/([^/]+)\//.exec(auth)?.[1] ?? '';
}

export async function startFakeAws(o: FakeAwsOptions): Promise<FakeAws> {
  const calls: FakeAws['calls'] = [];
  const batchSizes: number[] = [];
  const heldOnce = new Set<string>();
  const pageSize = o.pageSize ?? 2;
  let throttled = false;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const region = regionOf(String(req.headers.authorization ?? ''));
      const target = String(req.headers['x-amz-target'] ?? '');
      const action = restAction(serviceOf(String(req.headers.authorization ?? '')), req.method ?? '', req.url ?? '');
      if (action) {
        calls.push({ target: action, region });
        const json = (status: number, doc: object, type?: string) => {
          res.writeHead(status, { 'content-type': 'application/json', ...(type ? { 'x-amzn-errortype': type } : {}) });
          res.end(JSON.stringify(doc));
        };
        if (o.deniedActions?.includes(action) || o.deniedRegions?.includes(region)) {
          json(403, { message: `User is not authorized to perform: ${action}` }, 'AccessDeniedException');
        } else if (action === 'guardduty:ListDetectors') {
          json(200, { detectorIds: Object.keys(o.detectors ?? {}) });
        } else if (action === 'guardduty:GetDetector') {
          const id = decodeURIComponent((req.url ?? '').split('/')[2] ?? '');
          json(200, { status: o.detectors?.[id] ?? 'DISABLED', findingPublishingFrequency: 'SIX_HOURS', serviceRole: 'arn:aws:iam::x:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty', createdAt: '2024-04-01T00:00:00.000Z', tags: {} });
        } else if (action === 'securityhub:DescribeHub') {
          if (o.securityHub) json(200, { HubArn: `arn:aws:securityhub:${region}:${o.account}:hub/default`, SubscribedAt: '2024-04-01T00:00:00.000Z', AutoEnableControls: true });
          else json(401, { Code: 'InvalidAccessException', Message: `Account ${o.account} is not subscribed to AWS Security Hub` }, 'InvalidAccessException');
        } else if (o.securityContact) {
          json(200, { AlternateContact: { AlternateContactType: 'SECURITY', ...o.securityContact } });
        } else {
          json(404, { message: 'No contact of the inputted alternate contact type found.' }, 'ResourceNotFoundException');
        }
        return;
      }
      if (!target && body.includes('Action=GetCallerIdentity')) {
        calls.push({ target: 'GetCallerIdentity', region });
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(
          `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${o.account}:user/scanner</Arn><UserId>AIDATEST</UserId><Account>${o.account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
        return;
      }
      const input = JSON.parse(body || '{}') as { NextToken?: string; nextToken?: string; Expression?: string };
      calls.push({ target, region, ...(input.NextToken ? { token: input.NextToken } : {}) });
      const send = (status: number, doc: object) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(doc));
      };
      if (o.deniedRegions?.includes(region) || o.deniedActions?.includes(`config:${target.split('.')[1]}`)) {
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
      if (target.endsWith('.DescribeConfigRules')) {
        send(200, { ConfigRules: (o.configRules ?? []).map((r) => ({ ConfigRuleName: r.name, ConfigRuleState: 'ACTIVE', Source: { Owner: 'AWS', SourceIdentifier: r.source } })) });
        return;
      }
      if (target.endsWith('.GetComplianceDetailsByConfigRule')) {
        const q = JSON.parse(body) as { ConfigRuleName: string; NextToken?: string };
        const rule = o.configRules?.find((r) => r.name === q.ConfigRuleName);
        const at = q.NextToken ? Number(q.NextToken) : 0;
        const page = (rule?.evaluations ?? []).slice(at, at + 1).map((e) => ({
          EvaluationResultIdentifier: { EvaluationResultQualifier: { ConfigRuleName: q.ConfigRuleName, ResourceType: e.resourceType, ResourceId: e.resourceId }, OrderingTimestamp: 1764288000 },
          ComplianceType: e.compliance,
          ResultRecordedTime: 1764288000,
          ConfigRuleInvokedTime: 1764288000,
        }));
        send(200, { EvaluationResults: page, ...(at + 1 < (rule?.evaluations.length ?? 0) ? { NextToken: String(at + 1) } : {}) });
        return;
      }
      if (target.endsWith('.ListDiscoveredResources')) {
        const q = JSON.parse(body) as { resourceType: string; nextToken?: string };
        const all = (o.discovered ?? []).filter((i) => i.resourceType === q.resourceType);
        const at = q.nextToken ? Number(q.nextToken) : 0;
        const page = all.slice(at, at + 50).map((i) => ({ resourceType: i.resourceType, resourceId: i.resourceId, ...(i.resourceName ? { resourceName: i.resourceName } : {}) }));
        send(200, { resourceIdentifiers: page, ...(at + 50 < all.length ? { nextToken: String(at + 50) } : {}) });
        return;
      }
      if (target.endsWith('.BatchGetResourceConfig')) {
        const q = JSON.parse(body) as { resourceKeys: { resourceType: string; resourceId: string }[] };
        batchSizes.push(q.resourceKeys.length);
        if (q.resourceKeys.length > 100) {
          send(400, { __type: 'ValidationException', message: 'resourceKeys must have at most 100 members' });
          return;
        }
        const held = q.resourceKeys.filter((k) => o.unprocessed?.always?.includes(k.resourceId) || (o.unprocessed?.once?.includes(k.resourceId) && !heldOnce.has(k.resourceId)));
        for (const k of held) heldOnce.add(k.resourceId);
        const items = q.resourceKeys
          .filter((k) => !held.includes(k))
          .flatMap((k) => (o.discovered ?? []).filter((i) => i.resourceType === k.resourceType && i.resourceId === k.resourceId));
        send(200, { baseConfigurationItems: items, unprocessedResourceKeys: held });
        return;
      }
      if (target === 'Logs_20140328.DescribeLogGroups') {
        const groups = o.logGroups ?? [];
        const start = input.nextToken ? Number(input.nextToken) : 0;
        send(200, { logGroups: groups.slice(start, start + 1), ...(start + 1 < groups.length ? { nextToken: String(start + 1) } : {}) });
        return;
      }
      if (target.endsWith('.SelectResourceConfig') && o.throttledRegions?.includes(region)) {
        send(400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
        return;
      }
      if (target.endsWith('.SelectResourceConfig') || target.endsWith('.SelectAggregateResourceConfig')) {
        // Each region answers with its own items; global (IAM) items and items without a region in every region.
        // An aggregator answers with all of them.
        const all = o.items.filter((i) => {
          const at = (i as { awsRegion?: string }).awsRegion;
          return target.endsWith('.SelectAggregateResourceConfig') || at === undefined || at === 'global' || at === region;
        });
        const expression = input.Expression ?? '';
        const typeOf = (i: object) => (i as { resourceType?: string }).resourceType ?? '';
        if (/GROUP BY resourceType$/.test(expression)) {
          if (o.deniedTypeCounts) {
            send(400, { __type: 'AccessDeniedException', message: 'not authorized to count' });
            return;
          }
          const counts = new Map<string, number>();
          for (const i of all) counts.set(typeOf(i), (counts.get(typeOf(i)) ?? 0) + 1);
          send(200, { Results: [...counts].map(([t, n]) => JSON.stringify({ 'COUNT(*)': n, resourceType: t })), QueryInfo: { SelectFields: [] } });
          return;
        }
        const start = input.NextToken ? Number(input.NextToken.slice(5)) : 0;
        if (start > 0 && !throttled) {
          throttled = true;
          send(400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
          return;
        }
        // As Config does, only the types the query names.
        const named = /resourceType IN \(([^)]*)\)/.exec(expression)?.[1]?.match(/'[^']+'/g)?.map((t) => t.slice(1, -1));
        const mine = named ? all.filter((i) => named.includes(typeOf(i))) : all;
        const page = mine.slice(start, start + pageSize).map((i) => JSON.stringify(i));
        const next = start + pageSize < mine.length ? { NextToken: `page-${start + pageSize}` } : {};
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
    batchSizes,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
