// AWS Network Firewall configuration items (describe shapes:
// configuration.firewall.{vpcId, subnetMappings, firewallPolicyArn},
// configuration.firewallPolicy.{statefulRuleGroupReferences, stateless/statefulDefaultActions},
// configuration.ruleGroup.rulesSource.{rulesSourceList, rulesString, statefulRules})
// -> Terraform arguments, the network layer's reading of a non-CloudFormation
// source. The firewall handler reads its policy and rule groups through the
// links, which hand it their translated forms.
import type { LiftHandler } from '../../lifter.js';
import type { ConfigItem, Translated } from './via-definitions.js';
import { viaTerraform } from './via-definitions.js';
import { defined, doc, list } from './item-shape.js';

export function firewallArguments(item: ConfigItem): Translated {
  const f = doc(item.firewall) ?? {};
  return {
    type: 'aws_networkfirewall_firewall',
    properties: defined({
      name: f.firewallName,
      vpc_id: f.vpcId,
      subnet_mapping: list(f.subnetMappings).map((m) => ({ subnet_id: m.subnetId })),
      firewall_policy_arn: f.firewallPolicyArn,
      tags: item.tags,
    }),
  };
}

export function policyArguments(item: ConfigItem): Translated {
  const p = doc(item.firewallPolicy) ?? {};
  return {
    type: 'aws_networkfirewall_firewall_policy',
    properties: {
      name: doc(item.firewallPolicyResponse)?.firewallPolicyName,
      firewall_policy: [
        defined({
          stateless_default_actions: p.statelessDefaultActions,
          stateful_default_actions: p.statefulDefaultActions,
          stateful_rule_group_reference: list(p.statefulRuleGroupReferences).map((g) => defined({ resource_arn: g.resourceArn, priority: g.priority })),
        }),
      ],
    },
  };
}

export function ruleGroupArguments(item: ConfigItem): Translated {
  const source = doc(doc(item.ruleGroup)?.rulesSource) ?? {};
  const sourceList = doc(source.rulesSourceList);
  return {
    type: 'aws_networkfirewall_rule_group',
    properties: {
      name: doc(item.ruleGroupResponse)?.ruleGroupName,
      type: doc(item.ruleGroupResponse)?.type,
      rule_group: [
        {
          rules_source: [
            defined({
              rules_string: source.rulesString,
              rules_source_list: sourceList
                ? [defined({ generated_rules_type: sourceList.generatedRulesType, target_types: sourceList.targetTypes, targets: sourceList.targets })]
                : undefined,
              stateful_rule: list(source.statefulRules).map((r) => defined({ action: r.action })),
            }),
          ],
        },
      ],
    },
  };
}

export const configFirewallHandlers: LiftHandler[] = [
  ...viaTerraform('AWS::NetworkFirewall::Firewall', firewallArguments),
  ...viaTerraform('AWS::NetworkFirewall::FirewallPolicy', policyArguments),
  ...viaTerraform('AWS::NetworkFirewall::RuleGroup', ruleGroupArguments),
];
