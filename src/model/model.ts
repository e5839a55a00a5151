// The cloud model: every entity lifted from every input of one scan, with
// lookups by id and by kind. Controls and the network graph read only this.
import type { Cloud, NativeResource, SourceKind } from '../readers/native.js';
import type { AccountService, BackupPlan, ResourceLock } from './account.js';
import type { Compute, LoadBalancer } from './compute.js';
import type { DataStore } from './data.js';
import type { SecretInput } from './entity.js';
import type { IamPolicy, IamRole } from './identity.js';
import type { Key } from './keys.js';
import type { LogSetting, LogStore, Trail } from './logging.js';
import type {
  Connection,
  Endpoint,
  Firewall,
  Gateway,
  Network,
  NetworkInterface,
  PublicIp,
  RouteTable,
  Subnet,
  TransitRouteTable,
} from './network.js';
import type { SecurityGroup } from './security.js';

export type Entity =
  | Network
  | Subnet
  | RouteTable
  | Gateway
  | Connection
  | TransitRouteTable
  | Endpoint
  | Firewall
  | PublicIp
  | NetworkInterface
  | SecurityGroup
  | DataStore
  | Key
  | LogStore
  | Trail
  | LogSetting
  | IamPolicy
  | IamRole
  | Compute
  | LoadBalancer
  | AccountService
  | BackupPlan
  | ResourceLock;

export type EntityKind = Entity['kind'];
export type EntityOf<K extends EntityKind> = Extract<Entity, { kind: K }>;

/**
 * A unit the scan covered: a Terraform root module, a template file, a live
 * account/region or subscription. Account-level controls report against it
 * when the resources they look for are absent (SPEC §3).
 */
export interface ScanScope {
  id: string;
  /** The `scope` value of the entities it covers (EntityBase.scope). */
  scope: string;
  cloud: Cloud;
  source: SourceKind;
  /** Human label: the directory, file, `123456789012/ap-northeast-1`, subscription ID. */
  label: string;
  /**
   * Inputs the scope's definitions declare secret (LG-6.9); absent when the
   * reader does not report them, empty when there are none.
   */
  secretInputs?: SecretInput[];
  /**
   * The cloud account and region it deploys to, where the definitions say (a
   * CDK stack's environment, a live account/region): scopes of one account
   * share its global settings, and of one region its regional ones.
   */
  account?: string;
  region?: string;
}

export class CloudModel {
  private readonly byId = new Map<string, Entity>();
  private readonly byKind = new Map<EntityKind, Entity[]>();
  /** Per kind, entities grouped by scan scope; built on first use, dropped when an entity of the kind is added. */
  private readonly byScope = new Map<EntityKind, Map<string, Entity[]>>();
  private readonly scopeIds = new Set<string>();
  readonly scopes: ScanScope[] = [];
  /** Native resources no lifter understood, kept so reports can count what kikan did not judge. */
  readonly unlifted: NativeResource[] = [];

  add(e: Entity): void {
    if (this.byId.has(e.id)) throw new Error(`duplicate model id ${e.id}`);
    this.byId.set(e.id, e);
    let list = this.byKind.get(e.kind);
    if (!list) this.byKind.set(e.kind, (list = []));
    list.push(e);
    this.byScope.delete(e.kind);
  }

  addScope(s: ScanScope): void {
    if (this.scopeIds.has(s.id)) return;
    this.scopeIds.add(s.id);
    this.scopes.push(s);
  }

  get(id: string): Entity | undefined {
    return this.byId.get(id);
  }

  /** The entity with that id if it is of the wanted kind. */
  getOf<K extends EntityKind>(id: string, kind: K): EntityOf<K> | undefined {
    const e = this.byId.get(id);
    return e && e.kind === kind ? (e as EntityOf<K>) : undefined;
  }

  all<K extends EntityKind>(kind: K): readonly EntityOf<K>[] {
    return (this.byKind.get(kind) ?? []) as EntityOf<K>[];
  }

  /**
   * Entities of a kind that belong to a scan scope (same cloud, source and
   * scope), from an index: account-level controls ask this once per scope,
   * and a filter over every entity each time grows with scopes × entities.
   */
  allIn<K extends EntityKind>(kind: K, scope: Pick<ScanScope, 'cloud' | 'source' | 'scope'>): readonly EntityOf<K>[] {
    let index = this.byScope.get(kind);
    if (!index) {
      index = new Map();
      for (const e of this.all(kind)) {
        const key = scopeKey(e);
        const list = index.get(key);
        if (list) list.push(e);
        else index.set(key, [e]);
      }
      this.byScope.set(kind, index);
    }
    return (index.get(scopeKey(scope)) ?? []) as EntityOf<K>[];
  }

  entities(): IterableIterator<Entity> {
    return this.byId.values();
  }

  get size(): number {
    return this.byId.size;
  }
}

function scopeKey(x: { cloud: string; source: string; scope: string }): string {
  return `${x.cloud}\u0000${x.source}\u0000${x.scope}`;
}
