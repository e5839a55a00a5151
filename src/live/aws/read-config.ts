// Reads configuration items of one account/region through AWS Config advanced
// queries (SelectResourceConfig), page by page. A failed call becomes a
// ReadError naming the call and what it prevented; the items read so far stay.
import type { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { SelectResourceConfigCommand } from '@aws-sdk/client-config-service';
import type { ReadResult } from '../../readers/native.js';
import { emptyReadResult } from '../../readers/native.js';
import { accountScope, nativeOfItem, unreadableItem } from './to-native.js';
import { callError } from './call-error.js';

/** Types the Config handlers lift; only these are asked for. */
export const SELECTED_TYPES = [
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::RouteTable',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::EgressOnlyInternetGateway',
  'AWS::EC2::NatGateway',
  'AWS::KMS::Key',
  'AWS::CloudTrail::Trail',
  'AWS::S3::Bucket',
  'AWS::S3::AccountPublicAccessBlock',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::RDS::DBSubnetGroup',
  'AWS::IAM::User',
  'AWS::IAM::Role',
  'AWS::IAM::Group',
  'AWS::IAM::Policy',
  'AWS::EC2::Instance',
  'AWS::EC2::Volume',
  'AWS::Backup::BackupVault',
  'AWS::Backup::BackupPlan',
  'AWS::Backup::BackupSelection',
  'AWS::Events::Rule',
  'AWS::SNS::Topic',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::EC2::VPCEndpoint',
  'AWS::EC2::VPCPeeringConnection',
  'AWS::EC2::LaunchTemplate',
  'AWS::NetworkFirewall::Firewall',
  'AWS::NetworkFirewall::FirewallPolicy',
  'AWS::NetworkFirewall::RuleGroup',
  'AWS::EKS::Cluster',
] as const;

const FIELDS = [
  'accountId',
  'awsRegion',
  'arn',
  'resourceId',
  'resourceName',
  'resourceType',
  'availabilityZone',
  'configurationItemStatus',
  'configuration',
  'supplementaryConfiguration',
  'tags',
];

/** A page loop must end even if a service keeps answering with tokens. */
const MAX_PAGES = 10_000;

export function selectExpression(types: readonly string[]): string {
  return `SELECT ${FIELDS.join(', ')} WHERE resourceType IN (${types.map((t) => `'${t}'`).join(', ')})`;
}

export async function readConfigItems(client: ConfigServiceClient, accountId: string, region: string): Promise<ReadResult> {
  const out = emptyReadResult();
  const scope = accountScope(accountId, region);
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let response;
    try {
      response = await client.send(new SelectResourceConfigCommand({ Expression: selectExpression(SELECTED_TYPES), NextToken: token }));
    } catch (e) {
      out.errors.push(callError(scope, 'config:SelectResourceConfig', `the configuration items of ${scope} were not read${page ? ' completely' : ''}`, e));
      return out;
    }
    // Listed as read only once the service answered.
    if (page === 0) out.inputs.push({ file: scope, kind: 'aws-config' });
    for (const text of response.Results ?? []) {
      let item: unknown;
      try {
        item = JSON.parse(text);
      } catch {
        out.errors.push({ file: scope, message: 'config:SelectResourceConfig returned a result that is not JSON; it was skipped' });
        continue;
      }
      if (!item || typeof item !== 'object') continue;
      const unreadable = unreadableItem(item as Record<string, unknown>, scope);
      if (unreadable) out.errors.push(unreadable);
      const r = nativeOfItem(item as Record<string, unknown>, { accountId, region });
      if (r) out.resources.push(r);
    }
    token = response.NextToken || undefined;
    if (!token) return out;
  }
  out.errors.push({ file: scope, message: `config:SelectResourceConfig kept returning pages after ${MAX_PAGES}; the rest of ${scope} was not read` });
  return out;
}
