// What every entity of the cloud model shares, whatever cloud or source it
// was lifted from.
import type { Cloud, InlineWaiver, NativeResource, SourceKind } from '../readers/native.js';
import type { SourceLoc, UnknownCause } from '../readers/value.js';
import type { Fact, UnknownFact } from './fact.js';

export interface EntityBase {
  /** Unique within the model: the native key, or `<key>#<part>` for synthesized platform objects. */
  id: string;
  cloud: Cloud;
  source: SourceKind;
  /** Provider type the entity was lifted from (`aws_subnet`, `AWS::EC2::Subnet`, …). */
  nativeType: string;
  /** Address as reported in findings (SPEC §4). */
  address: string;
  /** Terraform root module dir, template file, `aws:<account>/<region>`, `azure:<subscription>`. */
  scope: string;
  loc: SourceLoc;
  /**
   * Tags / labels with known values; unknown only when the set of keys itself
   * is unknown (`tags = var.tags`). Keys as written.
   */
  tags: Fact<Record<string, string>>;
  /** Tags whose key is known but whose value is not (`Name = "${var.env}-vpc"`). */
  unknownTags?: Record<string, UnknownFact>;
  /**
   * Azure: tags of the resource group the entity is deployed in, when that
   * resource group is defined in the scan (last source of a segment, SPEC §2).
   */
  resourceGroupTags?: Fact<Record<string, string>>;
  /** Deployment region (AWS region, Azure location). */
  region: Fact<string>;
  /**
   * Set on objects the platform creates without a definition (a VPC's main
   * route table, the default security group, an NSG's default rules): says
   * which default it models.
   */
  platformDefault?: string;
  waivers?: InlineWaiver[];
  /** The entity exists only under a condition that could not be evaluated. */
  conditional?: UnknownCause;
  /** The native resource(s) it came from, for evidence. */
  native?: NativeResource;
}

/** A reference to another entity by model id; unknown when the target is not in the model. */
export type Link = Fact<string>;

/** A list of links where some members may be unknown (a list of subnets, one from a data source). */
export type Links = Fact<Link[]>;

/** Where a literal secret is written in a definition (LG-6.9). */
export interface LiteralSecret {
  attribute: string;
  loc: SourceLoc;
}

/**
 * An input the definitions declare secret (LG-6.9): a CloudFormation `NoEcho`
 * parameter, an ARM `secureString`/`secureObject` parameter, a Terraform
 * variable marked `sensitive`. Its value should come from outside the
 * repository; `literal` says where the scanned files write one anyway.
 */
export interface SecretInput {
  /** As the user names it: `parameter DbPassword`, `var.db_password`. */
  name: string;
  /** How it is declared secret: `NoEcho`, `secureString`, `secureObject`, `sensitive`. */
  declaredAs: string;
  /** The declaration. */
  loc: SourceLoc;
  /**
   * Where a value is written for it in the scanned files: the parameter's
   * default, a `terraform.tfvars` / `*.auto.tfvars` / parameter file line.
   * Absent when no value is written (it is supplied at deployment).
   */
  literal?: SourceLoc;
}
