// Secrets Manager secrets, SecureString SSM parameters and SQS queues ->
// DataStore 'secret' / 'ssm-parameter' / 'sqs-queue'. Without a key, secrets
// use `aws/secretsmanager`, SecureString parameters `aws/ssm`, and queues
// SSE-SQS (on by default for new queues since 2022): all provider-managed.
// Plain String parameters hold configuration, not data at rest: not lifted.
import type { NativeResource } from '../../../readers/native.js';
import { defaulted, fact } from '../../fact.js';
import type { LiftHandler } from '../../lifter.js';
import { boolFact } from '../../lift-values.js';
import { knownString } from './attribute-path.js';
import { kmsEncryption } from './key-reference.js';
import { literalSecret } from './literal-secret.js';
import { linkByName } from './name-index.js';
import { CLOUDFORMATION, TERRAFORM, isTerraform } from './sources.js';
import { dataStore, nameStore } from './store-base.js';

const SECRET_TYPES = ['aws_secretsmanager_secret', 'AWS::SecretsManager::Secret'];

const secrets: LiftHandler = {
  types: SECRET_TYPES,
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const a = r.attrs.fields;
    const store = dataStore(r, ctx, 'secret');
    nameStore(ctx, store, r, tf ? 'name' : 'Name', 'secret');
    const keyName = tf ? 'kms_key_id' : 'KmsKeyId';
    store.encryption = kmsEncryption(ctx, r, a[keyName], keyName, defaulted({ mode: 'provider-managed', keyText: 'alias/aws/secretsmanager' }, r.loc));
    const literal = tf ? undefined : literalSecret(a.SecretString, r, 'SecretString');
    if (literal) store.literalSecrets = [literal];
    ctx.model.add(store);
  },
};

/** A secret value written into aws_secretsmanager_secret_version is a literal secret of its secret. */
const secretVersions: LiftHandler = {
  types: ['aws_secretsmanager_secret_version'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const literal = literalSecret(r.attrs.fields.secret_string, r, 'secret_string');
    if (!literal) return;
    const l = linkByName(ctx, r, r.attrs.fields.secret_id, 'secret_id', { kind: 'secret', types: SECRET_TYPES });
    const secret = l.known ? ctx.model.getOf(l.value, 'data-store') : undefined;
    if (secret) (secret.literalSecrets ??= []).push(literal);
  },
};

const secureParameters: LiftHandler = {
  types: ['aws_ssm_parameter'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const a = r.attrs.fields;
    if (knownString(a.type) !== 'SecureString') return;
    const store = dataStore(r, ctx, 'ssm-parameter');
    nameStore(ctx, store, r, 'name');
    store.encryption = kmsEncryption(ctx, r, a.key_id, 'key_id', defaulted({ mode: 'provider-managed', keyText: 'alias/aws/ssm' }, r.loc));
    const literal = literalSecret(a.value, r, 'value');
    if (literal) store.literalSecrets = [literal];
    ctx.model.add(store);
  },
};

function queueEncryption(r: NativeResource, sqsManaged: string) {
  const managed = boolFact(r.attrs.fields[sqsManaged], r, { name: sqsManaged, default: true });
  if (!managed.known) return managed;
  return managed.value
    ? { ...managed, value: { mode: 'provider-managed' as const } }
    : fact({ mode: 'none' as const }, managed.loc);
}

const queues: LiftHandler = {
  types: ['aws_sqs_queue', 'AWS::SQS::Queue'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const a = r.attrs.fields;
    const store = dataStore(r, ctx, 'sqs-queue');
    nameStore(ctx, store, r, tf ? 'name' : 'QueueName');
    const keyName = tf ? 'kms_master_key_id' : 'KmsMasterKeyId';
    store.encryption = kmsEncryption(ctx, r, a[keyName], keyName, queueEncryption(r, tf ? 'sqs_managed_sse_enabled' : 'SqsManagedSseEnabled'));
    ctx.model.add(store);
  },
};

export const secretQueueHandlers: LiftHandler[] = [secrets, secretVersions, secureParameters, queues];
