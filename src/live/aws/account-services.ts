// Account services the account-level controls read (LG-1.2, LG-6.10), which
// AWS Config does not describe reliably (its GuardDuty and Security Hub items
// exist only if the recorder records those types, and carry no status):
// read from each service's own API with the same credentials, as items in
// the API's shape. A call that fails leaves an item whose facts are unknown,
// naming the call and its permission, and a ReadError: never a pass or fail.
import type { AccountClient } from '@aws-sdk/client-account';
import { GetAlternateContactCommand } from '@aws-sdk/client-account';
import type { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { GetDetectorCommand, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { DescribeHubCommand } from '@aws-sdk/client-securityhub';
import type { NativeResource, ReadError, ReadResult } from '../../readers/native.js';
import { emptyReadResult } from '../../readers/native.js';
import { unknown } from '../../readers/value.js';
import { accountScope, nativeOfItem } from './to-native.js';
import { callError, errorText } from './call-error.js';

export interface AccountServiceClients {
  guardDuty: GuardDutyClient;
  securityHub: SecurityHubClient;
}

/** The SECURITY alternate contact is per account: one answer serves every region. */
export type ContactAnswer = { contact: Record<string, unknown> | null } | { failed: { call: string; error: unknown } };

function errorName(e: unknown): string {
  return (e as { name?: string }).name ?? '';
}

/**
 * An item standing for what could not be read: every field the handler reads
 * is unknown, naming `input` (a call, whose IAM action is the permission to
 * grant, or a recorder setting).
 */
export function unreadItem(type: string, id: string, fields: string[], input: string, detail: string, accountId: string, region: string): NativeResource | undefined {
  const r = nativeOfItem({ resourceType: type, resourceId: id, configuration: {} }, { accountId, region });
  if (!r) return undefined;
  for (const f of fields) r.attrs.fields[f] = unknown({ inputs: [input], detail }, r.loc);
  return r;
}

function failedCall(call: string, e: unknown, accountId: string, region: string): string {
  return `${call} failed in ${accountScope(accountId, region)} (${errorText(e)}); allow ${call} to read it`;
}

function serviceCallError(accountId: string, region: string, call: string, prevented: string, e: unknown): ReadError {
  return callError(accountScope(accountId, region), call, prevented, e);
}

async function readGuardDuty(client: GuardDutyClient, accountId: string, region: string, out: ReadResult): Promise<void> {
  const ids: string[] = [];
  let token: string | undefined;
  try {
    // One detector per account and region; the loop only follows tokens a service might still send.
    for (let page = 0; page < 100; page++) {
      const list = await client.send(new ListDetectorsCommand({ NextToken: token }));
      ids.push(...(list.DetectorIds ?? []));
      token = list.NextToken || undefined;
      if (!token) break;
    }
  } catch (e) {
    const r = unreadItem('AWS::GuardDuty::Detector', 'guardduty', ['Status'], 'guardduty:ListDetectors', failedCall('guardduty:ListDetectors', e, accountId, region), accountId, region);
    if (r) out.resources.push(r);
    out.errors.push(serviceCallError(accountId, region, 'guardduty:ListDetectors', 'whether GuardDuty is enabled is not known', e));
    return;
  }
  for (const id of ids) {
    const arn = `arn:aws:guardduty:${region}:${accountId}:detector/${id}`;
    try {
      const d = await client.send(new GetDetectorCommand({ DetectorId: id }));
      const r = nativeOfItem(
        {
          resourceType: 'AWS::GuardDuty::Detector',
          resourceId: id,
          arn,
          configuration: { DetectorId: id, Status: d.Status, FindingPublishingFrequency: d.FindingPublishingFrequency },
          tags: d.Tags ?? {},
        },
        { accountId, region },
      );
      if (r) out.resources.push(r);
    } catch (e) {
      const r = unreadItem('AWS::GuardDuty::Detector', id, ['Status', 'FindingPublishingFrequency'], 'guardduty:GetDetector', failedCall('guardduty:GetDetector', e, accountId, region), accountId, region);
      if (r) out.resources.push(r);
      out.errors.push(serviceCallError(accountId, region, 'guardduty:GetDetector', `whether GuardDuty detector ${id} is enabled is not known`, e));
    }
  }
}

/** Security Hub answers DescribeHub with InvalidAccessException when the account is not subscribed. */
const HUB_ABSENT = new Set(['InvalidAccessException', 'ResourceNotFoundException']);

async function readSecurityHub(client: SecurityHubClient, accountId: string, region: string, out: ReadResult): Promise<void> {
  try {
    const hub = await client.send(new DescribeHubCommand({}));
    const r = nativeOfItem(
      {
        resourceType: 'AWS::SecurityHub::Hub',
        resourceId: hub.HubArn ?? `securityhub/${region}`,
        ...(hub.HubArn ? { arn: hub.HubArn } : {}),
        configuration: { HubArn: hub.HubArn, SubscribedAt: hub.SubscribedAt, AutoEnableControls: hub.AutoEnableControls },
      },
      { accountId, region },
    );
    if (r) out.resources.push(r);
  } catch (e) {
    if (HUB_ABSENT.has(errorName(e))) return;
    const r = unreadItem('AWS::SecurityHub::Hub', 'securityhub', ['HubArn'], 'securityhub:DescribeHub', failedCall('securityhub:DescribeHub', e, accountId, region), accountId, region);
    if (r) out.resources.push(r);
    out.errors.push(serviceCallError(accountId, region, 'securityhub:DescribeHub', 'whether Security Hub is enabled is not known', e));
  }
}

export async function securityContactOf(client: AccountClient): Promise<ContactAnswer> {
  try {
    const c = await client.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }));
    const a = c.AlternateContact;
    return { contact: a ? { AlternateContactType: a.AlternateContactType ?? 'SECURITY', EmailAddress: a.EmailAddress, Name: a.Name, Title: a.Title } : null };
  } catch (e) {
    if (errorName(e) === 'ResourceNotFoundException') return { contact: null };
    return { failed: { call: 'account:GetAlternateContact', error: e } };
  }
}

function contactItems(answer: ContactAnswer, rulesRecorded: boolean, accountId: string, region: string, out: ReadResult): void {
  const origin = { accountId, region };
  if ('failed' in answer) {
    const { call, error } = answer.failed;
    const r = unreadItem('AWS::Account::AlternateContact', 'SECURITY', ['AlternateContactType', 'EmailAddress'], call, failedCall(call, error, accountId, region), accountId, region);
    if (r) out.resources.push(r);
    out.errors.push(serviceCallError(accountId, region, call, 'whether the account has a security alternate contact is not known', error));
    return;
  }
  if (answer.contact) {
    const r = nativeOfItem({ resourceType: 'AWS::Account::AlternateContact', resourceId: 'SECURITY', configuration: answer.contact }, origin);
    if (r) out.resources.push(r);
    return;
  }
  if (rulesRecorded) return;
  // Without a contact LG-1.2 looks for an EventBridge rule forwarding findings; rules Config does not record cannot be looked at.
  const r = unreadItem(
    'AWS::Events::Rules',
    'not-recorded',
    ['State', 'EventPattern', 'Targets'],
    'AWS Config recorder: AWS::Events::Rule',
    `${accountScope(accountId, region)} has no security alternate contact, and its Config recorder does not record the EventBridge rules that may forward findings instead`,
    accountId,
    region,
  );
  if (r) out.resources.push(r);
}

export async function readAccountServices(
  clients: AccountServiceClients,
  accountId: string,
  region: string,
  contact: ContactAnswer,
  /** Whether Config records AWS::Events::Rule here, so that the rules read are all there are. */
  rulesRecorded: boolean,
): Promise<ReadResult> {
  const out = emptyReadResult();
  await readGuardDuty(clients.guardDuty, accountId, region, out);
  await readSecurityHub(clients.securityHub, accountId, region, out);
  contactItems(contact, rulesRecorded, accountId, region, out);
  return out;
}
