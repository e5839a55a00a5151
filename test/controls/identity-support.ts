// Shared pieces of the identity and operations control tests: the entities
// the graph tests' ModelBuilder does not make (roles, policies, account
// services, compute with management facts, stores with secrets), written the
// way the lifters fill them, and the scan scope those entities belong to.
import type { AccountService, AccountServiceType } from '../../src/model/account.js';
import type { Compute, ComputeType } from '../../src/model/compute.js';
import type { DataStore, StoreType } from '../../src/model/data.js';
import type { LiteralSecret, SecretInput } from '../../src/model/entity.js';
import type { Fact } from '../../src/model/fact.js';
import { defaulted, fact, unknownFact } from '../../src/model/fact.js';
import type { IamPolicy, IamRole } from '../../src/model/identity.js';
import type { Key } from '../../src/model/keys.js';
import type { ScanScope } from '../../src/model/model.js';
import type { Cloud, SourceKind } from '../../src/readers/native.js';
import type { UnknownCause } from '../../src/readers/value.js';
import { ModelBuilder } from '../graph/model-builder.js';

export { cause } from '../graph/model-builder.js';

function isCause(x: unknown): x is UnknownCause {
  return typeof x === 'object' && x !== null && 'inputs' in x && 'detail' in x;
}

/** A trust or permission document as JSON text. */
export function doc(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** A JSON marker for a part of a document a reader could not resolve. */
export function marker(input: string): Record<string, unknown> {
  return { 'kikan:unknown': { inputs: [input], detail: `${input} is not set` } };
}

export class IdentityModel extends ModelBuilder {
  readonly cloudName: Cloud;

  constructor(cloud: Cloud = 'aws') {
    super(cloud, cloud === 'aws' ? 'iam.tf' : 'security.json');
    this.cloudName = cloud;
  }

  /** The scan scope every entity of this builder belongs to (`network`, as ModelBuilder.base sets it). */
  scope(opts: { source?: SourceKind; secretInputs?: SecretInput[] } = {}): ScanScope {
    const source = opts.source ?? (this.cloudName === 'aws' ? 'terraform' : 'arm');
    const s: ScanScope = { id: `${source}:${this.cloudName}:network`, scope: 'network', cloud: this.cloudName, source, label: 'network' };
    if (opts.secretInputs) s.secretInputs = opts.secretInputs;
    this.model.addScope(s);
    return s;
  }

  /** A fact, known, unknown from a cause, or a platform default. */
  val<T>(v: T | UnknownCause, opts: { defaulted?: boolean } = {}): Fact<T> {
    if (isCause(v)) return unknownFact(v, this.loc());
    return opts.defaulted ? defaulted(v as T, this.loc()) : fact(v as T, this.loc());
  }

  policy(address: string, document: string | null | UnknownCause, opts: { policyType?: IamPolicy['policyType']; id?: string; azureActions?: string[] | UnknownCause } = {}): string {
    const p: IamPolicy = {
      ...this.base(address, 'aws_iam_policy'),
      kind: 'iam-policy',
      policyType: opts.policyType ?? 'managed',
      document: this.val<string | null>(document),
    };
    if (opts.id) p.id = opts.id;
    if (opts.azureActions) p.azureActions = this.val(opts.azureActions);
    this.model.add(p);
    return p.id;
  }

  role(
    address: string,
    trust: string | null | UnknownCause | undefined,
    opts: { arns?: string[] | UnknownCause; policies?: (string | UnknownCause)[]; roleType?: IamRole['roleType']; console?: boolean | UnknownCause; mfa?: boolean | UnknownCause; source?: SourceKind } = {},
  ): IamRole {
    const r: IamRole = {
      ...this.base(address, 'aws_iam_role'),
      kind: 'iam-role',
      roleType: opts.roleType ?? 'role',
      managedPolicyArns: this.val<string[]>(opts.arns ?? []),
      policies: this.links(opts.policies ?? []),
    };
    if (trust !== undefined) r.trustPolicy = this.val<string | null>(trust);
    if (opts.console !== undefined) r.consoleAccess = this.val(opts.console);
    if (opts.mfa !== undefined) r.mfaEnabled = this.val(opts.mfa);
    if (opts.source) r.source = opts.source;
    this.model.add(r);
    return r;
  }

  service(address: string, serviceType: AccountServiceType, enabled: boolean | UnknownCause, settings: Record<string, unknown> = {}, extra: Partial<AccountService> = {}): AccountService {
    const s: AccountService = {
      ...this.base(address, serviceType),
      kind: 'account-service',
      serviceType,
      enabled: this.val(enabled),
      settings: Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, this.val(v)])),
      ...extra,
    };
    this.model.add(s);
    return s;
  }

  compute(address: string, computeType: ComputeType, facts: Partial<Compute> = {}): Compute {
    const c: Compute = { ...this.base(address, computeType), kind: 'compute', computeType, subnets: this.links([]), ...facts };
    this.model.add(c);
    return c;
  }

  dataStore(address: string, storeType: StoreType, extra: Partial<DataStore> = {}): DataStore {
    const s: DataStore = { ...this.base(address, storeType), kind: 'data-store', storeType, ...extra };
    this.model.add(s);
    return s;
  }

  kmsKey(address: string, policy: string | null | UnknownCause): Key {
    const k: Key = { ...this.base(address, 'aws_kms_key'), kind: 'key', keyType: 'kms-key', policy: this.val<string | null>(policy) };
    this.model.add(k);
    return k;
  }

  keyVault(address: string): Key {
    const k: Key = { ...this.base(address, 'Microsoft.KeyVault/vaults'), kind: 'key', keyType: 'key-vault' };
    this.model.add(k);
    return k;
  }

  /** A literal secret written on a line of its own file (a tfvars line, a template default). */
  secret(attribute: string, file = 'terraform.tfvars'): LiteralSecret {
    return { attribute, loc: { file, line: this.loc().line } };
  }
}
