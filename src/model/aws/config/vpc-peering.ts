// VPC peering connection items (describe shape: requesterVpcInfo,
// accepterVpcInfo, status.code) -> CloudFormation properties. Only an active
// connection carries traffic: one still pending acceptance, rejected, failed
// or deleted is no connection, so it is not lifted.
import type { LiftHandler } from '../../lifter.js';
import type { ConfigItem, Translated } from './via-definitions.js';
import { viaCloudFormation } from './via-definitions.js';
import { doc } from './item-shape.js';

/** Status codes of a peering connection that routes traffic. */
const CONNECTED = new Set(['active']);

export function peeringProperties(item: ConfigItem): Translated | undefined {
  const code = doc(item.status)?.code;
  if (typeof code !== 'string' || !CONNECTED.has(code)) return undefined;
  return {
    properties: {
      VpcId: doc(item.requesterVpcInfo)?.vpcId,
      PeerVpcId: doc(item.accepterVpcInfo)?.vpcId,
      tags: item.tags,
    },
  };
}

export const configPeeringHandlers: LiftHandler[] = viaCloudFormation('AWS::EC2::VPCPeeringConnection', peeringProperties);
