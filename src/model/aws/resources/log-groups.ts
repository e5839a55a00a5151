// CloudWatch Logs log groups -> LogStore 'cloudwatch-log-group'. Retention
// absent or 0 = never expire; without a key the logs are encrypted with a
// key CloudWatch Logs manages (provider-managed).
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Encryption } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, mapFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { numberFact } from '../../lift-values.js';
import type { LogStore } from '../../logging.js';
import { kmsEncryption } from './key-reference.js';
import { registerName } from './name-index.js';
import { CLOUDFORMATION, TERRAFORM, isTerraform } from './sources.js';
import { tagsValue } from './tags.js';

export const LOG_GROUP_TYPES = ['aws_cloudwatch_log_group', 'AWS::Logs::LogGroup'];

/** `arn:aws:logs:ap-northeast-1:111122223333:log-group:/aws/trail:*` -> `/aws/trail`. */
export function logGroupNameOf(text: string): string {
  const m = /:log-group:(.+?)(:\*)?$/.exec(text);
  return m ? m[1] : text;
}

function retentionDays(r: NativeResource, v: Value | undefined, name: string): Fact<number | null> {
  return mapFact(numberFact(v, r, { name, default: 0 }), (d): number | null => (d === 0 ? null : d));
}

/** The key a store is encrypted with, as LogStore/Trail `kmsKey` says it: the key entity, the key as written, or null. */
function kmsKeyOf(enc: Fact<Encryption>): Fact<string | null> {
  if (!enc.known) return enc;
  const e = enc.value;
  if (e.mode !== 'customer-managed') return { ...enc, value: null };
  if (e.key?.known) return { ...enc, value: e.key.value };
  return { ...enc, value: e.keyText ?? null };
}

const logGroups: LiftHandler = {
  types: LOG_GROUP_TYPES,
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const a = r.attrs.fields;
    const keyName = tf ? 'kms_key_id' : 'KmsKeyId';
    const store: LogStore = {
      ...baseOf(r, ctx, tagsValue(r)),
      kind: 'log-store',
      storeType: 'cloudwatch-log-group',
      retentionDays: retentionDays(r, a[tf ? 'retention_in_days' : 'RetentionInDays'], tf ? 'retention_in_days' : 'RetentionInDays'),
      encryption: kmsEncryption(ctx, r, a[keyName], keyName, defaulted({ mode: 'provider-managed' }, r.loc)),
    };
    registerName(ctx, 'log-group', a[tf ? 'name' : 'LogGroupName'], r.key, r);
    ctx.model.add(store);
  },
};

/** Key fields follow the alias fix-ups. */
export function finishLogStores(ctx: LiftContext): void {
  for (const s of ctx.model.all('log-store')) if (s.encryption) s.kmsKey = kmsKeyOf(s.encryption);
  for (const t of ctx.model.all('trail')) if (t.encryption) t.kmsKey = kmsKeyOf(t.encryption);
}

export const logGroupHandlers: LiftHandler[] = [logGroups];

