// Identities and permissions: IAM policies and roles, Azure role definitions.
import type { EntityBase, Links } from './entity.js';
import type { Fact } from './fact.js';

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
  roleType: 'role' | 'user' | 'group' | 'root';
  /** Trust policy (who can assume the role). */
  trustPolicy?: PolicyText;
  /** Managed policy ARNs attached, as written (`arn:aws:iam::aws:policy/AdministratorAccess`). */
  managedPolicyArns: Fact<string[]>;
  /** Inline and attached customer policies in the model. */
  policies: Links;
  /** Live: console access and MFA devices. */
  consoleAccess?: Fact<boolean>;
  mfaEnabled?: Fact<boolean>;
}
