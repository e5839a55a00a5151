// Identities and permissions: IAM policies and roles, Azure role definitions.
import type { EntityBase, Links } from './entity.js';
import type { Fact } from './fact.js';
import type { SourceLoc } from '../readers/value.js';

/** A policy document as JSON text, parsed by the control that reads it (src/model/policy-document.ts). */
export type PolicyText = Fact<string | null>;

export interface IamPolicy extends EntityBase {
  kind: 'iam-policy';
  policyType: 'managed' | 'inline' | 'resource' | 'permission-set' | 'azure-role-definition';
  document: PolicyText;
  /** Roles, users, groups it is attached to (when known). */
  attachedTo?: Links;
  /** Azure role definition: `actions`, `notActions`, assignable scopes. */
  azureActions?: Fact<string[]>;
}

export interface IamRole extends EntityBase {
  kind: 'iam-role';
  /** `instance-profile`: an EC2 instance profile, which holds a role (see `roles`) and has no policies of its own. */
  roleType: 'role' | 'user' | 'group' | 'root' | 'instance-profile';
  /** Trust policy (who can assume the role). */
  trustPolicy?: PolicyText;
  /** Managed policy ARNs attached, as written (`arn:aws:iam::aws:policy/AdministratorAccess`). */
  managedPolicyArns: Fact<string[]>;
  /** Where each managed policy ARN is attached (its list element or attachment resource), first one kept. */
  managedPolicyAt?: Record<string, SourceLoc>;
  /** Inline and attached customer policies in the model. */
  policies: Links;
  /** Live: console access and MFA devices. */
  consoleAccess?: Fact<boolean>;
  mfaEnabled?: Fact<boolean>;
  /** Instance profile: the roles it holds. */
  roles?: Links;
  /** User: the groups it belongs to (their policies apply to it too). */
  groups?: Links;
}
