// VPC flow logs -> LogSetting 'vpc-flow-log' on a VPC, subnet, network
// interface or transit gateway, with its CloudWatch Logs / S3 destination.
// Created in the amend pass, when every bucket and log group name is known.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Link } from '../../entity.js';
import { fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { stringFact, stringListFact } from '../../lift-values.js';
import type { LogSetting } from '../../logging.js';
import { LOG_GROUP_TYPES, logGroupNameOf } from './log-groups.js';
import { linkByName } from './name-index.js';
import { BUCKET_TYPES, bucketNameOf } from './s3-settings.js';
import { CLOUDFORMATION, TERRAFORM, isTerraform } from './sources.js';
import { tagsValue } from './tags.js';

const TF_TARGETS = ['vpc_id', 'subnet_id', 'eni_id', 'transit_gateway_id', 'transit_gateway_attachment_id'];

function targetOf(ctx: LiftContext, r: NativeResource): Link {
  const a = r.attrs.fields;
  if (isTerraform(r.source)) {
    const attr = TF_TARGETS.find((t) => a[t] !== undefined);
    return attr ? ctx.links.link(a[attr], r, attr) : unknownFact({ inputs: [], detail: `${r.address} names no VPC, subnet or interface` }, r.loc);
  }
  return ctx.links.link(a.ResourceId, r, 'ResourceId');
}

function destinationOf(ctx: LiftContext, r: NativeResource): Link {
  const tf = isTerraform(r.source);
  const a = r.attrs.fields;
  const typeName = tf ? 'log_destination_type' : 'LogDestinationType';
  const type = stringFact(a[typeName], r, { name: typeName, default: 'cloud-watch-logs' });
  if (!type.known) return type;
  const dest: Value | undefined = a[tf ? 'log_destination' : 'LogDestination'];
  if (type.value === 's3') return linkByName(ctx, r, dest, 'log_destination', { kind: 's3-bucket', types: BUCKET_TYPES, nameOf: bucketNameOf });
  if (type.value === 'cloud-watch-logs') {
    return linkByName(ctx, r, dest ?? a[tf ? 'log_group_name' : 'LogGroupName'], 'log_destination', {
      kind: 'log-group',
      types: LOG_GROUP_TYPES,
      nameOf: logGroupNameOf,
    });
  }
  return ctx.links.link(dest, r, 'log_destination');
}

const flowLogs: LiftHandler = {
  types: ['aws_flow_log', 'AWS::EC2::FlowLog'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'amend',
  lift(r, ctx) {
    const traffic = r.attrs.fields[isTerraform(r.source) ? 'traffic_type' : 'TrafficType'];
    const setting: LogSetting = {
      ...baseOf(r, ctx, tagsValue(r)),
      kind: 'log-setting',
      settingType: 'vpc-flow-log',
      target: targetOf(ctx, r),
      destinations: fact([destinationOf(ctx, r)], r.loc),
      enabled: fact(true, r.loc),
    };
    // The traffic recorded: ALL, or only ACCEPT / REJECT.
    if (traffic !== undefined) setting.categories = stringListFact(traffic, r, { name: 'traffic_type' });
    ctx.model.add(setting);
  },
};

export const flowLogHandlers: LiftHandler[] = [flowLogs];
