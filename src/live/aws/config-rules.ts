// Results of the AWS managed Config rules an account already runs, for the
// live part of LG-6.6 (root and IAM user MFA): the rules are found
// by their managed source identifier (Security Hub names them
// `securityhub-root-account-mfa-enabled-1a2b3c`), their evaluations read page
// by page. A watched rule the account does not run becomes an item whose
// evaluations are unknown, naming the rule to enable.
import type { ConfigServiceClient, GetComplianceDetailsByConfigRuleCommandOutput } from '@aws-sdk/client-config-service';
import { DescribeConfigRulesCommand, GetComplianceDetailsByConfigRuleCommand } from '@aws-sdk/client-config-service';
import type { NativeResource, ReadError } from '../../readers/native.js';
import { unknown } from '../../readers/value.js';
import { accountScope, nativeOfItem } from './to-native.js';
import { errorText } from './call-error.js';

/**
 * Managed rule source identifier -> the managed rule's name in the AWS Config
 * documentation. Only rules whose results a control reads: trails' state
 * comes from their own items (LG-6.5), not from cloudtrail-enabled.
 */
export const WATCHED_RULES: Record<string, string> = {
  ROOT_ACCOUNT_MFA_ENABLED: 'root-account-mfa-enabled',
  IAM_USER_MFA_ENABLED: 'iam-user-mfa-enabled',
  MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS: 'mfa-enabled-for-iam-console-access',
};

const MAX_PAGES = 1000;

export interface RuleEvaluations {
  sourceIdentifier: string;
  configRuleName: string;
  region: string;
  evaluations: { resourceType: string; resourceId: string; complianceType: string }[];
}

export interface RuleRead {
  found: RuleEvaluations[];
  errors: ReadError[];
  /** The call failed: absence of a rule then tells nothing. */
  failed?: { call: string; detail: string };
}

/** The watched managed rules of one account/region with their COMPLIANT / NON_COMPLIANT evaluations. */
export async function readRuleEvaluations(client: ConfigServiceClient, accountId: string, region: string): Promise<RuleRead> {
  const scope = accountScope(accountId, region);
  const out: RuleRead = { found: [], errors: [] };
  const rules: { name: string; source: string }[] = [];
  let token: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = await client.send(new DescribeConfigRulesCommand({ NextToken: token }));
      for (const rule of r.ConfigRules ?? []) {
        const source = rule.Source?.SourceIdentifier;
        if (rule.Source?.Owner === 'AWS' && source && WATCHED_RULES[source] && rule.ConfigRuleName) rules.push({ name: rule.ConfigRuleName, source });
      }
      token = r.NextToken || undefined;
      if (!token) break;
    }
  } catch (e) {
    const detail = `config:DescribeConfigRules failed in ${scope} (${errorText(e)})`;
    out.errors.push({ file: scope, message: `${detail}; the results of managed Config rules (root and IAM user MFA) are not known` });
    out.failed = { call: 'config:DescribeConfigRules', detail };
    return out;
  }
  for (const rule of rules) {
    const found: RuleEvaluations = { sourceIdentifier: rule.source, configRuleName: rule.name, region, evaluations: [] };
    token = undefined;
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer: GetComplianceDetailsByConfigRuleCommandOutput = await client.send(
          new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: rule.name, ComplianceTypes: ['COMPLIANT', 'NON_COMPLIANT'], NextToken: token }),
        );
        for (const e of answer.EvaluationResults ?? []) {
          const q = e.EvaluationResultIdentifier?.EvaluationResultQualifier;
          if (q?.ResourceType && q.ResourceId && e.ComplianceType) found.evaluations.push({ resourceType: q.ResourceType, resourceId: q.ResourceId, complianceType: e.ComplianceType });
        }
        token = answer.NextToken || undefined;
        if (!token) break;
      }
    } catch (e) {
      out.errors.push({ file: scope, message: `config:GetComplianceDetailsByConfigRule failed for ${rule.name} (${errorText(e)}); its results are not known` });
      continue;
    }
    out.found.push(found);
  }
  return out;
}

/**
 * One AWS::Config::ConfigRule item per watched rule for the account, in the
 * region where the rule runs (the first region asked when none does). A rule
 * found in several regions is taken from the first.
 */
export function ruleItems(accountId: string, regions: readonly string[], reads: readonly RuleRead[]): NativeResource[] {
  const out: NativeResource[] = [];
  const failed = reads.find((r) => r.failed)?.failed;
  for (const [source, name] of Object.entries(WATCHED_RULES)) {
    const found = reads.flatMap((r) => r.found).find((f) => f.sourceIdentifier === source);
    const region = found?.region ?? regions[0]!;
    const r = nativeOfItem(
      {
        resourceType: 'AWS::Config::ConfigRule',
        resourceId: found?.configRuleName ?? name,
        configuration: { configRuleName: found?.configRuleName ?? name, source: { owner: 'AWS', sourceIdentifier: source }, evaluations: found?.evaluations ?? [] },
      },
      { accountId, region },
    );
    if (!r) continue;
    if (!found) {
      const detail = failed
        ? `${failed.detail}; whether the account runs the managed rule ${name} is not known`
        : `the account runs no AWS Config managed rule ${name} (${source}) in ${regions.join(', ')}: enable it to read its results`;
      r.attrs.fields.evaluations = unknown({ inputs: [failed ? failed.call : `AWS Config rule ${name}`], detail }, r.loc);
    }
    out.push(r);
  }
  return out;
}
