// Handlers for AWS Config configuration items (source 'aws-config').
import type { LiftHandler } from '../../lifter.js';
import { configAccountHandlers } from './account.js';
import { configAlertHandlers } from './alerts.js';
import { configBackupHandlers } from './backup.js';
import { configTrailHandlers } from './cloudtrail.js';
import { configEc2Handlers } from './ec2.js';
import { configEksHandlers } from './eks.js';
import { configElbHandlers } from './elb.js';
import { configIamHandlers } from './iam.js';
import { configKeyHandlers } from './kms.js';
import { configLogHandlers } from './logs.js';
import { configFirewallHandlers } from './network-firewall.js';
import { configNetworkHandlers } from './network.js';
import { configRdsHandlers } from './rds.js';
import { configS3Handlers } from './s3.js';
import { configEndpointHandlers } from './vpc-endpoint.js';
import { configPeeringHandlers } from './vpc-peering.js';

export const configHandlers: LiftHandler[] = [...configNetworkHandlers, ...configLogHandlers, ...configKeyHandlers, ...configTrailHandlers, ...configAccountHandlers, ...configS3Handlers, ...configRdsHandlers, ...configIamHandlers, ...configEc2Handlers, ...configBackupHandlers, ...configAlertHandlers, ...configElbHandlers, ...configEndpointHandlers, ...configPeeringHandlers, ...configFirewallHandlers, ...configEksHandlers];
