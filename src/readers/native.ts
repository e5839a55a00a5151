// What every reader hands to the lifters: resources in the provider's own
// vocabulary, with located, known-or-unknown attribute values.
import type { SecretInput } from '../model/entity.js';
import type { ObjectValue, SourceLoc, UnknownCause, Value } from './value.js';

export type SourceKind = 'terraform' | 'terraform-plan' | 'cloudformation' | 'arm' | 'aws-config' | 'azure';

export type Cloud = 'aws' | 'azure';

export interface InlineWaiver {
  /** Control ID the waiver names (`LG-3.4`), or `*`. */
  controlId: string;
  /** Empty when the author gave none: such a waiver does not suppress. */
  reason: string;
  loc: SourceLoc;
}

export interface NativeResource {
  source: SourceKind;
  /** The reader that read it, when it is lifted as another source's resources are (`azapi_resource` bodies as ARM). */
  readBy?: SourceKind;
  cloud: Cloud;
  /** Provider type name: `aws_subnet`, `AWS::EC2::Subnet`, `Microsoft.Network/virtualNetworks/subnets`. */
  type: string;
  /** Address as the SPEC §4 defines it for this source. */
  address: string;
  /**
   * Unique key within one scan, used by RefValue.target. Readers make it
   * unique across files (e.g. `<scope>#<address>`).
   */
  key: string;
  /**
   * The scope the resource was read in: Terraform root module directory,
   * template file, `aws:<account>/<region>`, `azure:<subscription>`.
   */
  scope: string;
  /** Attributes / properties, evaluated as far as possible. */
  attrs: ObjectValue;
  /** Where the resource is defined (its block or logical ID line). */
  loc: SourceLoc;
  /**
   * Other string identities by which references may name this resource:
   * ARM resource IDs, ARNs, live IDs. Lifters use them to join references
   * given as strings rather than RefValues.
   */
  ids?: string[];
  /**
   * Deployment region as far as the source says: Terraform provider `region`,
   * ARM `location`, the live region. Unknown when it depends on an input
   * (`var.region`, `resourceGroup().location` without `--location`); absent
   * when the source says nothing (the engine then applies `--region`).
   */
  region?: Value;
  /**
   * Terraform: the version constraints written for the resource's provider
   * (`required_providers`), where platform defaults differ between versions.
   */
  providerVersions?: string[];
  /** Waivers written next to the resource (comments, Metadata, metadata). */
  waivers?: InlineWaiver[];
  /** Set when the resource exists only under a condition that could not be evaluated. */
  conditional?: UnknownCause;
}

/** A file or live source that was read, as reported in `inputs` (SPEC §4). */
export interface InputRecord {
  file: string;
  kind: string;
  sha256?: string;
}

/** The kind of a `.tfvars` file found but not loaded: Terraform loads only terraform.tfvars and *.auto.tfvars by itself. */
export const UNLOADED_VARS_KIND = 'terraform-vars (not loaded by itself: give it with --var-file)';

/** An input that could not be read or parsed, or an API call that failed. */
export interface ReadError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/**
 * Something the reader could not cover and must be reported as unknown by
 * the engine: a remote module that was not downloaded, a nested template
 * link that was not followed.
 */
export interface NotScanned {
  /** Address of the module call or the nested deployment. */
  address: string;
  scope: string;
  loc: SourceLoc;
  cause: UnknownCause;
  /** Why and what to do, in the report's languages; reports fall back to the cause's (English) detail. */
  reason?: { ja: string; en: string };
}

/** The inputs one scope declares secret (LG-6.9); an empty list when it declares none. */
export interface ScopeSecretInputs {
  source: SourceKind;
  /** As NativeResource.scope. */
  scope: string;
  inputs: SecretInput[];
}

export interface ScopeAccount {
  source: SourceKind;
  /** As NativeResource.scope. */
  scope: string;
  account: string;
  /** Absent when the definitions do not say (an environment-agnostic region). */
  region?: string;
}

export interface ReadResult {
  resources: NativeResource[];
  inputs: InputRecord[];
  errors: ReadError[];
  notScanned: NotScanned[];
  /** Absent when the reader does not tell which inputs are declared secret. */
  secretInputs?: ScopeSecretInputs[];
  /** The cloud account a scope deploys to, where its definitions say (a CDK stack's environment). */
  scopeAccounts?: ScopeAccount[];
  /** Time the read took and the part of it spent parsing, summed over units (for `npm run bench`). */
  timing?: { readMs: number; parseMs: number };
}

export function emptyReadResult(): ReadResult {
  return { resources: [], inputs: [], errors: [], notScanned: [] };
}
