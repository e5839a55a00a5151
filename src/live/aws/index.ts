// Live AWS: configuration items of every account and region asked for (or of
// a whole organisation through a Config aggregator), with what the recorder
// leaves out. One account or region failing is an error; the others go on.
import { AccountClient } from '@aws-sdk/client-account';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient, SelectAggregateResourceConfigCommand } from '@aws-sdk/client-config-service';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { NativeResource, NotScanned, ReadResult } from '../../readers/native.js';
import type { NotReadType } from '../../results/not-judged.js';
import { emptyReadResult } from '../../readers/native.js';
import type { ContactAnswer } from './account-services.js';
import { readAccountServices, securityContactOf } from './account-services.js';
import type { RuleRead } from './config-rules.js';
import { readRuleEvaluations, ruleItems } from './config-rules.js';
import { DISCOVERY_TYPES, readDiscovered } from './discovered.js';
import { readLogGroups } from './log-groups.js';
import { readConfigItems, SELECTED_TYPES, selectExpression } from './read-config.js';
import { readRecordedTypes } from './recorded-types.js';
import { recorderCoverage } from './recorder.js';
import { accountScope, inRegionScope, liveLoc, nativeOfItem, unreadableItem } from './to-native.js';
import { callError } from './call-error.js';

type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

export interface AwsReadRequest {
  regions: string[];
  profile?: string;
  aggregator?: string;
  /** Role name assumed in each of `accounts`. */
  assumeRole?: string;
  accounts?: string[];
  /** Tests give static credentials; otherwise --profile or the default chain. */
  credentials?: Credentials;
  /** Tests point the clients at a fake service; otherwise AWS_ENDPOINT_URL* or the public endpoints. */
  endpoint?: string;
  onProgress?: (message: string) => void;
}

export interface AwsRead extends ReadResult {
  /**
   * Account/region scopes read in full (Config items, recorder, account
   * services): they are live scopes, where a missing account service fails.
   */
  liveScopes: { scope: string; account: string; region: string }[];
  /** Types the recorder (or aggregator) holds that kikan does not read: no control judges them. */
  notRead: NotReadType[];
}

/** Types read through other APIs than the Config item query, in an account scan (an aggregator reads only the query's). */
const READ_BY_SERVICE_APIS = ['AWS::Logs::LogGroup', 'AWS::GuardDuty::Detector', 'AWS::SecurityHub::Hub', 'AWS::Config::ConfigRule'];

/** SDK retries cover throttling with exponential back-off and jitter; bounded here. */
const MAX_ATTEMPTS = 6;

function clientOptions(region: string, credentials: Credentials | undefined, endpoint: string | undefined) {
  return { region, maxAttempts: MAX_ATTEMPTS, ...(credentials ? { credentials } : {}), ...(endpoint ? { endpoint } : {}) };
}

function merge(into: ReadResult, part: ReadResult): void {
  for (const r of part.resources) into.resources.push(r);
  into.inputs.push(...part.inputs);
  into.errors.push(...part.errors);
  into.notScanned.push(...part.notScanned);
}

/** The recorded types not in `read`, as not-judged entries of the scope. */
async function notReadTypes(client: ConfigServiceClient, scope: string, read: ReadonlySet<string>, out: AwsRead, aggregator?: string): Promise<void> {
  const recorded = await readRecordedTypes(client, scope, aggregator);
  out.errors.push(...recorded.errors);
  for (const t of recorded.types) if (!read.has(t.type)) out.notRead.push({ ...t, source: 'aws-config' });
}

async function readAggregator(req: AwsReadRequest, name: string, base: Credentials | undefined, out: AwsRead): Promise<void> {
  const region = req.regions[0]!;
  const scope = `aws-aggregator:${name}`;
  out.inputs.push({ file: scope, kind: 'aws-config-aggregator' });
  const client = new ConfigServiceClient(clientOptions(region, base, req.endpoint));
  let token: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    let response;
    try {
      response = await client.send(
        new SelectAggregateResourceConfigCommand({ ConfigurationAggregatorName: name, Expression: selectExpression(SELECTED_TYPES), NextToken: token }),
      );
    } catch (e) {
      out.errors.push(callError(scope, 'config:SelectAggregateResourceConfig', `the items of aggregator ${name} were not read${page ? ' completely' : ''}`, e));
      return;
    }
    for (const text of response.Results ?? []) {
      try {
        const item = JSON.parse(text) as Record<string, unknown>;
        const unreadable = unreadableItem(item, scope);
        if (unreadable) out.errors.push(unreadable);
        const r = nativeOfItem(item, { accountId: 'unknown', region });
        if (r) out.resources.push(r);
      } catch {
        out.errors.push({ file: scope, message: 'config:SelectAggregateResourceConfig returned a result that is not JSON; it was skipped' });
      }
    }
    token = response.NextToken || undefined;
    if (!token) break;
  }
  if (token) out.errors.push({ file: scope, message: `config:SelectAggregateResourceConfig kept returning pages after 10000; the rest of aggregator ${name} was not read` });
  await notReadTypes(client, scope, new Set<string>(SELECTED_TYPES), out, name);
}

async function callerAccount(region: string, credentials: Credentials | undefined, endpoint: string | undefined): Promise<string> {
  const sts = new STSClient(clientOptions(region, credentials, endpoint));
  const id = await sts.send(new GetCallerIdentityCommand({}));
  if (!id.Account) throw new Error('GetCallerIdentity returned no account');
  return id.Account;
}

/** Items that hold for the whole account, recorded in one region: the account's S3 public access block. */
const ACCOUNT_WIDE = new Set(['AWS::S3::AccountPublicAccessBlock']);

/** Copies of the account-wide items for every region scope of the account that did not record its own. */
function accountWide(resources: readonly NativeResource[], account: string, regions: readonly string[]): NativeResource[] {
  const out: NativeResource[] = [];
  for (const type of ACCOUNT_WIDE) {
    const recorded = resources.filter((r) => r.type === type && r.scope.startsWith(`aws:${account}/`));
    if (!recorded.length) continue;
    for (const region of regions) {
      if (recorded.some((r) => r.scope === accountScope(account, region))) continue;
      out.push(inRegionScope(recorded[0]!, account, region));
    }
  }
  return out;
}

/**
 * IAM is global: a recorder that records global types in several regions
 * returns the same IAM items in each. The first region's copy is kept.
 */
function dropRepeatedGlobals(out: AwsRead, account: string): void {
  const seen = new Set<string>();
  out.resources = out.resources.filter((r) => {
    if (!r.type.startsWith('AWS::IAM::') || !r.scope.startsWith(`aws:${account}/`)) return true;
    const id = `${r.type}#${r.ids?.[0] ?? r.key}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** The accounts an aggregator's items belong to, with their regions. */
function aggregatedScopes(resources: readonly NativeResource[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of resources) {
    const m = /^aws:(\d{12})\/(.+)$/.exec(r.scope);
    if (!m) continue;
    const regions = out.get(m[1]!) ?? [];
    if (!regions.includes(m[2]!)) regions.push(m[2]!);
    out.set(m[1]!, regions);
  }
  return out;
}

/** An aggregator holds no account services: the account-level controls are named as not judged there, not left out silently. */
function servicesNotRead(account: string, region: string, aggregator: string): NotScanned {
  const scope = accountScope(account, region);
  return {
    address: `${scope} account services`,
    scope,
    loc: liveLoc(account, region),
    cause: {
      inputs: ['guardduty:ListDetectors', 'securityhub:DescribeHub', 'account:GetAlternateContact', 'config:DescribeConfigurationRecorders', 'config:DescribeConfigRules'],
      detail: `aggregator ${aggregator} holds no account services: GuardDuty, Security Hub, the security contact, the Config recorder and managed rule results of ${account}/${region} (LG-1.2, LG-6.6, LG-6.10, LG-7.3) are not judged; scan the account with --assume-role`,
    },
  };
}

export async function readAws(req: AwsReadRequest): Promise<AwsRead> {
  const out: AwsRead = { ...emptyReadResult(), liveScopes: [], notRead: [] };
  const readTypes = new Set<string>([...SELECTED_TYPES, ...DISCOVERY_TYPES, ...READ_BY_SERVICE_APIS]);
  const base: Credentials | undefined = req.credentials ?? (req.profile ? fromIni({ profile: req.profile }) : undefined);
  if (req.aggregator) {
    // Aggregated items come without the accounts' own services: their scopes are not judged as live accounts.
    await readAggregator(req, req.aggregator, base, out);
    for (const [account, regions] of aggregatedScopes(out.resources)) {
      out.resources.push(...accountWide(out.resources, account, regions));
      dropRepeatedGlobals(out, account);
      for (const region of regions) out.notScanned.push(servicesNotRead(account, region, req.aggregator));
    }
    return out;
  }
  const targets: { account?: string; credentials: Credentials | undefined }[] =
    req.assumeRole && req.accounts?.length
      ? req.accounts.map((account) => ({
          account,
          credentials: fromTemporaryCredentials({
            params: { RoleArn: `arn:aws:iam::${account}:role/${req.assumeRole}`, RoleSessionName: 'kikan-scan' },
            ...(base ? { masterCredentials: base } : {}),
            clientConfig: { region: req.regions[0]!, ...(req.endpoint ? { endpoint: req.endpoint } : {}) },
          }),
        }))
      : [{ credentials: base }];
  for (const t of targets) {
    let account = t.account;
    if (!account) {
      try {
        account = await callerAccount(req.regions[0]!, t.credentials, req.endpoint);
      } catch (e) {
        out.errors.push(callError('aws', 'sts:GetCallerIdentity', 'the account to scan is not known; nothing was read', e));
        continue;
      }
    }
    let contact: ContactAnswer | undefined;
    const rules: RuleRead[] = [];
    const readRegions: string[] = [];
    for (const region of req.regions) {
      req.onProgress?.(`aws:${account}/${region}`);
      const client = new ConfigServiceClient(clientOptions(region, t.credentials, req.endpoint));
      const items = await readConfigItems(client, account, region);
      merge(out, items);
      // A region whose items could not be read is an error already; its recorder adds nothing.
      if (items.errors.some((e) => e.message.startsWith('config:SelectResourceConfig failed'))) continue;
      merge(out, await readDiscovered(client, account, region, DISCOVERY_TYPES));
      await notReadTypes(client, accountScope(account, region), readTypes, out);
      const coverage = await recorderCoverage(client, account, region, [...SELECTED_TYPES, ...DISCOVERY_TYPES]);
      out.errors.push(...coverage.errors);
      out.notScanned.push(...coverage.notScanned);
      for (const r of coverage.resources) out.resources.push(r);
      const options = clientOptions(region, t.credentials, req.endpoint);
      merge(out, await readLogGroups(new CloudWatchLogsClient(options), account, region));
      // The alternate contact belongs to the account: asked once, reported in every region scope.
      contact ??= await securityContactOf(new AccountClient(options));
      const clients = { guardDuty: new GuardDutyClient(options), securityHub: new SecurityHubClient(options) };
      const rulesRecorded = !coverage.errors.length && !coverage.notScanned.some((n) => n.cause.inputs.includes('AWS Config recorder: AWS::Events::Rule'));
      merge(out, await readAccountServices(clients, account, region, contact, rulesRecorded));
      const ruleRead = await readRuleEvaluations(client, account, region);
      out.errors.push(...ruleRead.errors);
      rules.push(ruleRead);
      readRegions.push(region);
      out.liveScopes.push({ scope: accountScope(account, region), account, region });
    }
    // Root and IAM users are global: the managed rules' results are gathered over the account's regions.
    if (readRegions.length) out.resources.push(...ruleItems(account, readRegions, rules));
    out.resources.push(...accountWide(out.resources, account, readRegions));
    dropRepeatedGlobals(out, account);
  }
  return out;
}
