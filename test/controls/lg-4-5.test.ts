import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-4-5.js';
import { defaulted } from '../../src/model/fact.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { about, key, only, run, store } from './data-controls-support.js';
import { loadBalancer, lock } from './resilience-support.js';

describe('LG-4.5', () => {
  it('RDS and ELBv2 deletion protection, the default named; Classic Load Balancers are not judged', () => {
    const b = new ModelBuilder();
    const loc = b.loc();
    store(b, 'db', 'rds-instance', { deletionProtection: defaulted(false, loc) });
    const on = store(b, 'cluster', 'rds-cluster', { deletionProtection: b.fact(true) });
    store(b, 'open', 'rds-cluster', { deletionProtection: b.fact<boolean>(cause('var.deletion_protection')) });
    loadBalancer(b, 'nlb', 'network', { deletionProtection: b.fact(false) });
    loadBalancer(b, 'elb', 'classic');
    store(b, 'table', 'dynamodb-table', { deletionProtection: b.fact(false) });
    const drafts = run(check, b);
    expect(only(drafts, 'db').message.en).toBe('the DB instance has deletion protection off (the default when unset)');
    expect(only(drafts, 'db').location).toEqual(loc);
    expect(only(drafts, 'cluster').location).toEqual(on.deletionProtection!.loc);
    expect(only(drafts, 'open').unknown?.[0]?.inputs).toEqual(['var.deletion_protection']);
    expect(only(drafts, 'nlb').status).toBe('fail');
    expect(about(drafts, 'elb')).toEqual([]);
    expect(about(drafts, 'table')).toEqual([]);
  });

  it('Azure stores and key vaults need a lock that covers them; both levels forbid deletion', () => {
    const b = new ModelBuilder('azure', 'main.json');
    store(b, 'st', 'storage-account');
    store(b, 'sql', 'sql-server');
    store(b, 'db', 'sql-database');
    store(b, 'cosmos', 'cosmosdb-account');
    key(b, 'kv', 'key-vault');
    key(b, 'kv/key', 'key-vault-key');
    const l = lock(b, 'rg-lock', 'CanNotDelete', 'rg', ['st', 'sql', 'db']);
    lock(b, 'kv-lock', 'ReadOnly', 'kv', ['kv', 'kv/key']);
    const drafts = run(check, b);
    expect(only(drafts, 'db').message.en).toBe('the SQL database is protected from deletion by the CanNotDelete lock rg-lock');
    expect(only(drafts, 'db').location).toEqual(l.level.loc);
    expect(only(drafts, 'kv').status).toBe('pass');
    expect(about(drafts, 'kv/key')).toEqual([]);
    expect(only(drafts, 'cosmos').message.en).toBe('neither the Cosmos DB account nor a scope above it (resource group, subscription) has a CanNotDelete lock, so it can be deleted by mistake');
  });

  it('a lock whose scope or level cannot be told leaves unlocked stores unknown', () => {
    const b = new ModelBuilder('azure', 'main.tf');
    store(b, 'st', 'storage-account');
    store(b, 'pg', 'postgresql-server');
    lock(b, 'lock', 'CanNotDelete', 'rg', cause('var.resource_group_id'));
    lock(b, 'pg-lock', cause('var.lock_level'), 'pg', ['pg']);
    const drafts = run(check, b);
    expect(only(drafts, 'st').unknown?.map((u) => u.inputs)).toEqual([['var.resource_group_id']]);
    expect(only(drafts, 'pg').unknown?.map((u) => u.inputs)).toEqual([['var.resource_group_id'], ['var.lock_level']]);
  });

  it("a VM's own disks go with the VM; standalone disks are judged", () => {
    const b = new ModelBuilder('azure', 'main.json');
    const os = store(b, 'vm#osDisk', 'managed-disk', { parent: b.link('vm') });
    os.native = { source: 'arm', cloud: 'azure', type: 'Microsoft.Compute/virtualMachines', address: 'vm', key: 'vm', scope: 'network', attrs: { kind: 'object', fields: {} }, loc: os.loc };
    store(b, 'data-disk', 'managed-disk');
    const drafts = run(check, b);
    expect(about(drafts, 'vm#osDisk')).toEqual([]);
    expect(only(drafts, 'data-disk').status).toBe('fail');
  });
});
