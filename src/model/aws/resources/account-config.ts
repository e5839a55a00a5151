// AWS Config -> AccountService.
//   'config-recorder' (aws_config_configuration_recorder, AWS::Config::ConfigurationRecorder):
//       settings.name: Fact<string>; settings.allSupported: Fact<boolean> (all
//       supported resource types); settings.includeGlobal: Fact<boolean> (IAM
//       and other global types). Without a recording group both dialects
//       record all regional types and no global ones.
//       enabled: Terraform creates the recorder stopped; an
//       aws_config_configuration_recorder_status names it and says is_enabled.
//       CloudFormation starts the recorder once a delivery channel exists, so a
//       channel in the same template turns it on; otherwise unknown.
//   'config-delivery' (aws_config_delivery_channel, AWS::Config::DeliveryChannel):
//       settings.bucket: Link to the S3 bucket (by name).
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact, itemsOf, stringFact } from '../../lift-values.js';
import { dig, isUnresolved, knownString } from './attribute-path.js';
import { accountService, servicesInScope } from './account-service.js';
import { linkByName, registerName } from './name-index.js';
import { BUCKET_TYPES, bucketNameOf } from './s3-settings.js';
import { CLOUDFORMATION, TERRAFORM, isTerraform } from './sources.js';

const RECORDER_TYPES = ['aws_config_configuration_recorder', 'AWS::Config::ConfigurationRecorder'];

function allSupported(r: NativeResource, group: Value | undefined, tf: boolean): Fact<boolean> {
  if (group === undefined) return defaulted(true, r.loc);
  const flag = dig(group, tf ? 'all_supported' : 'AllSupported');
  if (flag !== undefined) return boolFact(flag, r, { name: 'all_supported' });
  const strategy = knownString(dig(group, tf ? 'recording_strategy' : 'RecordingStrategy', tf ? 'use_only' : 'UseOnly'));
  if (strategy !== undefined) return fact(strategy === 'ALL_SUPPORTED_RESOURCE_TYPES', group.loc ?? r.loc);
  // Terraform documents all_supported as true by default; CloudFormation leaves it to the listed types.
  if (tf) return defaulted(true, group.loc ?? r.loc);
  const types = dig(group, 'ResourceTypes');
  if (types !== undefined && !isUnresolved(types) && itemsOf(types).length > 0) return fact(false, types.loc ?? r.loc);
  return unknownFact({ inputs: [`${r.address}.RecordingGroup.AllSupported`], detail: 'the recording group sets neither AllSupported nor resource types' }, group.loc ?? r.loc);
}

const recorders: LiftHandler = {
  types: RECORDER_TYPES,
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const a = r.attrs.fields;
    const group = a[tf ? 'recording_group' : 'RecordingGroup'];
    const nameValue = a[tf ? 'name' : 'Name'];
    const settings = {
      name: stringFact(nameValue, r, { name: 'name', default: 'default' }),
      allSupported: group && isUnresolved(group) ? unknownFact({ inputs: [], detail: 'recording group unknown' }, group.loc) : allSupported(r, group, tf),
      includeGlobal: boolFact(dig(group, tf ? 'include_global_resource_types' : 'IncludeGlobalResourceTypes'), r, {
        name: 'include_global_resource_types',
        default: false,
      }),
    };
    const enabled = tf
      ? defaulted(false, r.loc)
      : unknownFact({ inputs: ['AWS::Config::DeliveryChannel'], detail: 'CloudFormation starts the recorder only once a delivery channel exists' }, r.loc);
    registerName(ctx, 'config-recorder', nameValue ?? { kind: 'known', value: 'default' }, r.key, r);
    ctx.model.add(accountService(r, ctx, 'config-recorder', enabled, settings));
  },
};

const recorderStatus: LiftHandler = {
  types: ['aws_config_configuration_recorder_status'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const l = linkByName(ctx, r, r.attrs.fields.name, 'name', { kind: 'config-recorder', types: RECORDER_TYPES });
    const rec = l.known ? ctx.model.getOf(l.value, 'account-service') : undefined;
    if (rec) rec.enabled = r.conditional ? unknownFact(r.conditional, r.loc) : boolFact(r.attrs.fields.is_enabled, r, { name: 'is_enabled' });
  },
};

const deliveryChannels: LiftHandler = {
  types: ['aws_config_delivery_channel', 'AWS::Config::DeliveryChannel'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'amend',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const bucket = linkByName(ctx, r, r.attrs.fields[tf ? 's3_bucket_name' : 'S3BucketName'], 's3_bucket_name', {
      kind: 's3-bucket',
      types: BUCKET_TYPES,
      nameOf: bucketNameOf,
    });
    ctx.model.add(accountService(r, ctx, 'config-delivery', fact(true, r.loc), { bucket }));
    if (!tf) startCloudFormationRecorders(ctx, r);
  },
};

function startCloudFormationRecorders(ctx: LiftContext, channel: NativeResource): void {
  for (const rec of servicesInScope(ctx, 'config-recorder', channel.scope)) {
    if (rec.source === 'cloudformation') rec.enabled = channel.conditional ? unknownFact(channel.conditional, channel.loc) : defaulted(true, channel.loc);
  }
}

export const configHandlers: LiftHandler[] = [recorders, recorderStatus, deliveryChannels];
