// Compute and load balancing: instances, scaling groups, container services,
// VMs and scale sets, load balancers and web apps.
import type { SourceLoc } from '../readers/value.js';
import type { PublicFirewall } from './data.js';
import type { EntityBase, Link, Links, LiteralSecret } from './entity.js';
import type { Fact } from './fact.js';

export type ComputeType =
  | 'ec2-instance'
  | 'launch-template'
  | 'autoscaling-group'
  | 'ecs-service'
  | 'lambda-function'
  | 'eks-cluster'
  | 'azure-vm'
  | 'azure-vmss'
  | 'app-service'
  | 'app-service-plan'
  | 'aks-cluster';

export interface Compute extends EntityBase {
  kind: 'compute';
  computeType: ComputeType;
  subnets: Links;
  /** Availability zones used (explicit zones, or derived from the subnets). */
  zones?: Fact<string[]>;
  /** Azure availability set the VM is in, or null. */
  availabilitySet?: Fact<string | null>;
  /** Zone redundancy (App Service plan `zoneRedundant`). */
  zoneRedundant?: Fact<boolean>;
  /** A public IP is associated on launch or bound. */
  publicIp?: Fact<boolean>;
  securityGroups?: Links;
  /** IMDSv2 required (`http_tokens = "required"`). */
  imdsV2Required?: Fact<boolean>;
  /** Instance profile / role that lets SSM manage it; Azure patch mode `AutomaticByPlatform`. */
  managed?: Fact<boolean>;
  instanceProfile?: Link;
  patchMode?: Fact<string | null>;
  /** Launch template a scaling group uses. */
  launchTemplate?: Link;
  /** Desired/min capacity (a single instance is not redundant). */
  minSize?: Fact<number>;
  /** Literal admin passwords / user data secrets. */
  literalSecrets?: LiteralSecret[];
  /** Public network access (App Service). */
  publicNetworkAccess?: Fact<boolean>;
  /** App Service: what its access restrictions admit on the public endpoint, when their default action is written. */
  publicFirewall?: Fact<PublicFirewall>;
  httpsOnly?: Fact<boolean>;
  minTlsVersion?: Fact<string | null>;
  /** Azure web app: the App Service plan it runs on (whose zone redundancy it shares). */
  plan?: Link;
}

export interface Listener {
  protocol: Fact<string>;
  port: Fact<number | null>;
  /** TLS policy name (`ELBSecurityPolicy-TLS13-1-2-2021-06`). */
  sslPolicy?: Fact<string | null>;
  /** Redirects HTTP to HTTPS. */
  redirectsToHttps?: Fact<boolean>;
  /**
   * Port on the backends the traffic is forwarded to, when the rule says
   * (Azure load-balancing and inbound NAT rules: frontend 50001 -> 3389).
   */
  backendPort?: Fact<number | null>;
  loc: SourceLoc;
  definedBy: string;
}

export interface LoadBalancer extends EntityBase {
  kind: 'load-balancer';
  lbType: 'application' | 'network' | 'gateway' | 'classic' | 'azure-load-balancer' | 'azure-application-gateway';
  internetFacing: Fact<boolean>;
  subnets: Links;
  zones?: Fact<string[]>;
  /** Azure: zone-redundant frontend. */
  zoneRedundant?: Fact<boolean>;
  securityGroups?: Links;
  deletionProtection?: Fact<boolean>;
  listeners: Listener[];
  /** Network it belongs to when not through subnets. */
  network?: Link;
}
