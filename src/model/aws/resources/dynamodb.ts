// DynamoDB tables -> DataStore 'dynamodb-table'. Encryption: a table that
// says nothing is encrypted with an AWS owned key; SSE on without a key uses
// the AWS managed `aws/dynamodb`; both are provider-managed. Backups:
// point-in-time recovery keeps 35 days unless RecoveryPeriodInDays says less.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Encryption } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, mapFact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact, causeOf, itemsOf, numberFact } from '../../lift-values.js';
import { dig, isUnresolved } from './attribute-path.js';
import { kmsEncryption } from './key-reference.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';
import { dataStore, nameStore } from './store-base.js';

function tableEncryption(ctx: LiftContext, r: NativeResource, sse: Value | undefined, enabledName: string, keyName: string): Fact<Encryption> {
  if (sse === undefined) return defaulted({ mode: 'provider-managed' }, r.loc);
  if (isUnresolved(sse)) return unknownFact(causeOf(sse, r, 'server_side_encryption'), sse.loc ?? r.loc);
  const on = boolFact(dig(sse, enabledName), r, { name: enabledName, default: false });
  if (!on.known) return on;
  // SSE off means the AWS owned key, not plaintext.
  if (!on.value) return { ...on, value: { mode: 'provider-managed' } };
  return kmsEncryption(ctx, r, dig(sse, keyName), keyName, fact({ mode: 'provider-managed', keyText: 'alias/aws/dynamodb' }, on.loc));
}

function pitrDays(r: NativeResource, pitr: Value | undefined, enabledName: string, daysName: string): Fact<number> {
  if (pitr === undefined) return defaulted(0, r.loc);
  if (isUnresolved(pitr)) return unknownFact(causeOf(pitr, r, 'point_in_time_recovery'), pitr.loc ?? r.loc);
  const on = boolFact(dig(pitr, enabledName), r, { name: enabledName, default: false });
  if (!on.known || !on.value) return mapFact(on, () => 0);
  return numberFact(dig(pitr, daysName), r, { name: daysName, default: 35 });
}

const terraformTables: LiftHandler = {
  types: ['aws_dynamodb_table'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const a = r.attrs.fields;
    const store = dataStore(r, ctx, 'dynamodb-table');
    nameStore(ctx, store, r, 'name');
    store.encryption = tableEncryption(ctx, r, dig(r.attrs, 'server_side_encryption'), 'enabled', 'kms_key_arn');
    store.backupRetentionDays = pitrDays(r, dig(r.attrs, 'point_in_time_recovery'), 'enabled', 'recovery_period_in_days');
    store.deletionProtection = boolFact(a.deletion_protection_enabled, r, { name: 'deletion_protection_enabled', default: false });
    store.replicationRegions = replicaRegions(r, a.replica, 'region_name');
    ctx.model.add(store);
  },
};

function replicaRegions(r: NativeResource, replicas: Value | undefined, regionName: string): Fact<string[]> {
  if (replicas === undefined) return defaulted([], r.loc);
  if (isUnresolved(replicas)) return unknownFact(causeOf(replicas, r, 'replica'), replicas.loc ?? r.loc);
  const out: string[] = [];
  for (const rep of itemsOf(replicas)) {
    const reg = dig(rep, regionName);
    if (reg?.kind !== 'known' || typeof reg.value !== 'string') {
      return unknownFact(reg ? causeOf(reg, r, regionName) : { inputs: [], detail: `${regionName} is not set` }, reg?.loc ?? r.loc);
    }
    out.push(reg.value);
  }
  return fact(out, replicas.loc ?? r.loc);
}

const cloudFormationTables: LiftHandler = {
  // A SAM SimpleTable deploys as a table, its SSESpecification and Tags passed through.
  types: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable'],
  sources: CLOUDFORMATION,
  pass: 'entity',
  lift(r, ctx) {
    const a = r.attrs.fields;
    const global = r.type === 'AWS::DynamoDB::GlobalTable';
    // A global table keeps backups and deletion protection per replica: read the first replica's.
    const settings = global ? dig(r.attrs, 'Replicas', 0) : r.attrs;
    const store = dataStore(r, ctx, 'dynamodb-table');
    nameStore(ctx, store, r, 'TableName');
    store.encryption = tableEncryption(ctx, r, a.SSESpecification, 'SSEEnabled', 'KMSMasterKeyId');
    // A global table names its key per replica.
    const replicaKey = global ? dig(settings, 'SSESpecification', 'KMSMasterKeyId') : undefined;
    if (replicaKey !== undefined) store.encryption = kmsEncryption(ctx, r, replicaKey, 'KMSMasterKeyId', store.encryption);
    store.backupRetentionDays = pitrDays(r, dig(settings, 'PointInTimeRecoverySpecification'), 'PointInTimeRecoveryEnabled', 'RecoveryPeriodInDays');
    store.deletionProtection = boolFact(dig(settings, 'DeletionProtectionEnabled'), r, { name: 'DeletionProtectionEnabled', default: false });
    store.replicationRegions = global ? replicaRegions(r, a.Replicas, 'Region') : defaulted([], r.loc);
    ctx.model.add(store);
  },
};

export const dynamodbHandlers: LiftHandler[] = [terraformTables, cloudFormationTables];
