// AWS::EC2::Instance and AWS::EC2::Volume configuration items (the
// DescribeInstances / DescribeVolumes shapes) -> CloudFormation properties,
// lifted by the CloudFormation instance and volume handlers. Live, an
// instance without `publicIpAddress` has no public address, and its volumes
// are their own items (with `encrypted` and `kmsKeyId` as applied).
import type { NativeResource } from '../../../readers/native.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { liveKey } from './live-key.js';
import type { ConfigItem, Translated } from './via-definitions.js';
import { viaCloudFormation } from './via-definitions.js';
import { defined, doc } from './item-shape.js';

/** `arn:aws:iam::111122223333:instance-profile/app/juki-app` -> `juki-app`. */
function profileName(arn: unknown): string | undefined {
  return typeof arn === 'string' ? arn.split('/').pop() : undefined;
}

/** `publicIpAddress` is the primary interface's; an Elastic IP on another attached interface shows only in that interface's association. */
function hasPublicIp(item: ConfigItem): boolean {
  if (typeof item.publicIpAddress === 'string' && item.publicIpAddress !== '') return true;
  const interfaces = Array.isArray(item.networkInterfaces) ? item.networkInterfaces : [];
  return interfaces.some((n) => {
    const ip = doc(doc(n)?.association)?.publicIp;
    return typeof ip === 'string' && ip !== '';
  });
}

export function instanceProperties(item: ConfigItem): Translated {
  const metadata = doc(item.metadataOptions);
  const groups = Array.isArray(item.securityGroups) ? item.securityGroups.flatMap((g) => (typeof doc(g)?.groupId === 'string' ? [doc(g)!.groupId] : [])) : [];
  return {
    properties: defined({
      ImageId: item.imageId,
      InstanceType: item.instanceType,
      SubnetId: item.subnetId,
      AvailabilityZone: doc(item.placement)?.availabilityZone,
      SecurityGroupIds: groups,
      NetworkInterfaces: [{ DeviceIndex: '0', AssociatePublicIpAddress: hasPublicIp(item) }],
      MetadataOptions: metadata ? defined({ HttpTokens: metadata.httpTokens, HttpEndpoint: metadata.httpEndpoint }) : undefined,
      IamInstanceProfile: profileName(doc(item.iamInstanceProfile)?.arn),
      // The network layer reads a non-CloudFormation source's tags the Terraform way.
      tags: item.tags,
    }),
  };
}

export function volumeProperties(item: ConfigItem, _r: NativeResource, ctx: LiftContext): Translated {
  const key = liveKey(ctx, item.kmsKeyId, 'alias/aws/ebs');
  return {
    ...(key && 'unknown' in key ? { unknowns: { KmsKeyId: key.unknown } } : {}),
    properties: defined({
      AvailabilityZone: item.availabilityZone,
      Encrypted: item.encrypted ?? false,
      KmsKeyId: key && 'text' in key ? key.text : undefined,
      Size: item.size,
      VolumeType: item.volumeType,
      Tags: item.tags,
    }),
  };
}

/** Launch template items carry the CloudFormation schema's LaunchTemplateData as is. */
export function launchTemplateProperties(item: ConfigItem): Translated {
  return { properties: defined({ LaunchTemplateName: item.LaunchTemplateName, LaunchTemplateData: item.LaunchTemplateData, tags: item.tags }) };
}

export const configEc2Handlers: LiftHandler[] = [
  ...viaCloudFormation('AWS::EC2::LaunchTemplate', launchTemplateProperties),
  ...viaCloudFormation('AWS::EC2::Instance', instanceProperties),
  ...viaCloudFormation('AWS::EC2::Volume', volumeProperties),
];
