// EFS file systems and mount targets -> DataStore 'efs-file-system'.
// Unencrypted unless `encrypted`; encrypted without a key uses the AWS
// managed `aws/elasticfilesystem`. Regional file systems store data across
// zones; One Zone file systems (availability_zone_name) do not. Automatic
// backups (backup policy ENABLED) go to the AWS Backup default plan, which
// keeps them 35 days; file systems made through the API start without.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { DataStore } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, mapFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact } from '../../lift-values.js';
import { dig } from './attribute-path.js';
import { kmsEncryption } from './key-reference.js';
import { appendLink, concatLinks } from './link-lists.js';
import { linkByName } from './name-index.js';
import { statusFact } from './s3-settings.js';
import { CLOUDFORMATION, TERRAFORM, isTerraform } from './sources.js';
import { dataStore, nameStore } from './store-base.js';
import { tagsValue } from './tags.js';

const FS_TYPES = ['aws_efs_file_system', 'AWS::EFS::FileSystem'];

function backupDays(r: NativeResource, status: Value | undefined): Fact<number> {
  return mapFact(statusFact(status, r, 'backup policy status', false), (on) => (on ? 35 : 0));
}

const fileSystems: LiftHandler = {
  types: FS_TYPES,
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const a = r.attrs.fields;
    const store = dataStore(r, ctx, 'efs-file-system', tf ? tagsValue(r) : tagsValue(r, 'FileSystemTags'));
    nameStore(ctx, store, r, tf ? 'creation_token' : 'FileSystemId', 'efs-file-system');
    const encName = tf ? 'encrypted' : 'Encrypted';
    const keyName = tf ? 'kms_key_id' : 'KmsKeyId';
    const on = boolFact(a[encName], r, { name: encName, default: false });
    if (!on.known) store.encryption = on;
    else if (!on.value && a[keyName] === undefined) store.encryption = { ...on, value: { mode: 'none' } };
    else store.encryption = kmsEncryption(ctx, r, a[keyName], keyName, fact({ mode: 'provider-managed', keyText: 'alias/aws/elasticfilesystem' }, on.loc));
    const oneZone = a[tf ? 'availability_zone_name' : 'AvailabilityZoneName'];
    store.multiZone = oneZone === undefined ? defaulted(true, r.loc) : fact(false, oneZone.loc ?? r.loc);
    if (!tf) store.backupRetentionDays = backupDays(r, dig(r.attrs, 'BackupPolicy', 'Status'));
    else store.backupRetentionDays = defaulted(0, r.loc);
    store.subnets = defaulted([], r.loc);
    ctx.model.add(store);
  },
};

function fileSystemOf(ctx: LiftContext, r: NativeResource, v: Value | undefined): DataStore | undefined {
  const l = linkByName(ctx, r, v, 'file_system_id', { kind: 'efs-file-system', types: FS_TYPES });
  return l.known ? ctx.model.getOf(l.value, 'data-store') : undefined;
}

const terraformBackupPolicies: LiftHandler = {
  types: ['aws_efs_backup_policy'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const fs = fileSystemOf(ctx, r, r.attrs.fields.file_system_id);
    if (fs) fs.backupRetentionDays = backupDays(r, dig(r.attrs, 'backup_policy', 'status'));
  },
};

/** Mount targets place the file system in subnets. */
const mountTargets: LiftHandler = {
  types: ['aws_efs_mount_target', 'AWS::EFS::MountTarget'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'amend',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const fs = fileSystemOf(ctx, r, r.attrs.fields[tf ? 'file_system_id' : 'FileSystemId']);
    if (!fs) return;
    const subnet = ctx.links.link(r.attrs.fields[tf ? 'subnet_id' : 'SubnetId'], r, 'subnet_id');
    fs.subnets = appendLink(fs.subnets ?? defaulted([], fs.loc), subnet);
    const sgs = r.attrs.fields[tf ? 'security_groups' : 'SecurityGroups'];
    if (sgs !== undefined) fs.securityGroups = concatLinks(fs.securityGroups, ctx.links.links(sgs, r, 'security_groups'));
  },
};

export const efsHandlers: LiftHandler[] = [fileSystems, terraformBackupPolicies, mountTargets];
