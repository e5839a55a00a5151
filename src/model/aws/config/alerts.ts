// EventBridge rules and SNS topics from configuration items (CloudFormation
// schema shapes: Name, State, EventPattern, Targets[].Arn; TopicArn,
// KmsMasterKeyId) -> the security-alert-rule and notification-topic services
// LG-1.2 reads. A rule item without its event pattern leaves the pattern
// unknown (events:DescribeRule), never "selects nothing"; topic items carry
// no subscriptions, which stay unknown (sns:ListSubscriptionsByTopic).
import type { NativeResource } from '../../../readers/native.js';
import { unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { CONFIG } from './network.js';
import { liveKey } from './live-key.js';
import type { ConfigItem, Translated } from './via-definitions.js';
import { viaCloudFormation } from './via-definitions.js';
import { defined } from './item-shape.js';

export function ruleProperties(item: ConfigItem, r: NativeResource): Translated {
  const pattern = item.EventPattern;
  const scheduled = typeof item.ScheduleExpression === 'string' && item.ScheduleExpression !== '';
  return {
    properties: defined({
      Name: item.Name,
      State: item.State,
      EventBusName: item.EventBusName,
      EventPattern: pattern,
      ScheduleExpression: item.ScheduleExpression,
      Targets: Array.isArray(item.Targets) ? item.Targets : [],
    }),
    ...(pattern === undefined && !scheduled
      ? { unknowns: { EventPattern: { inputs: ['events:DescribeRule'], detail: `the AWS Config item of ${r.address} does not include its event pattern` } } }
      : {}),
  };
}

export function topicProperties(item: ConfigItem, _r: NativeResource, ctx: LiftContext): Translated {
  const arn = typeof item.TopicArn === 'string' ? item.TopicArn : undefined;
  const key = liveKey(ctx, item.KmsMasterKeyId, 'alias/aws/sns');
  return {
    properties: defined({ TopicName: arn?.split(':').pop(), KmsMasterKeyId: key && 'text' in key ? key.text : undefined, DisplayName: item.DisplayName, Tags: item.tags }),
    ...(key && 'unknown' in key ? { unknowns: { KmsMasterKeyId: key.unknown } } : {}),
  };
}

const topicSubscriptions: LiftHandler = {
  types: ['AWS::SNS::Topic'],
  sources: CONFIG,
  pass: 'amend',
  lift(r, ctx) {
    const topic = ctx.model.getOf(r.key, 'account-service');
    const subs = topic?.settings.subscriptions;
    if (topic && subs?.known && subs.defaulted) {
      topic.settings.subscriptions = unknownFact({ inputs: ['sns:ListSubscriptionsByTopic'], detail: `the AWS Config item of ${r.address} does not include its subscriptions` }, r.loc);
    }
  },
};

export const configAlertHandlers: LiftHandler[] = [...viaCloudFormation('AWS::Events::Rule', ruleProperties), ...viaCloudFormation('AWS::SNS::Topic', topicProperties), topicSubscriptions];
