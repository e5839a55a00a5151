import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-4-2.js';
import { defaulted } from '../../src/model/fact.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { only, run, store } from './data-controls-support.js';

describe('LG-4.2', () => {
  it('RDS instances by Multi-AZ, the default named and located at the resource', () => {
    const b = new ModelBuilder();
    const loc = b.loc();
    store(b, 'single', 'rds-instance', { multiZone: defaulted(false, loc) });
    const multi = store(b, 'multi', 'rds-instance', { multiZone: b.fact(true) });
    const drafts = run(check, b);
    expect(only(drafts, 'single').message.en).toBe('the RDS DB instance is not Multi-AZ (the default when unset)');
    expect(only(drafts, 'single').location).toEqual(loc);
    expect(only(drafts, 'multi').location).toEqual(multi.multiZone!.loc);
  });

  it('Aurora needs two instances not pinned to one zone; a Multi-AZ DB cluster says so', () => {
    const b = new ModelBuilder();
    const lone = store(b, 'lone', 'rds-cluster', { instanceCount: b.fact(1), multiZone: b.fact(false) });
    store(b, 'pinned', 'rds-cluster', { instanceCount: b.fact(2), multiZone: b.fact(false) });
    store(b, 'spread', 'rds-cluster', { instanceCount: b.fact(3), multiZone: b.fact(true) });
    store(b, 'maz', 'rds-cluster', { instanceCount: defaulted(3, b.loc()), multiZone: defaulted(true, b.loc()) });
    store(b, 'shards', 'rds-cluster', { instanceCount: b.fact(0), multiZone: b.fact(false) });
    const drafts = run(check, b);
    expect(only(drafts, 'lone').message.en).toBe('the DB cluster has one instance only, so there is nothing to fail over to in another zone');
    expect(only(drafts, 'lone').location).toEqual(lone.instanceCount!.loc);
    expect(only(drafts, 'pinned').message.en).toBe('the 2 instances of the DB cluster are all pinned to one zone');
    expect(only(drafts, 'spread').status).toBe('pass');
    expect(only(drafts, 'maz').message.en).toBe('the DB cluster runs 3 instances across zones (a Multi-AZ DB cluster)');
    expect(only(drafts, 'shards').status).toBe('unknown');
    expect(only(drafts, 'shards').unknown?.[0]?.inputs).toEqual(['shards instances']);
  });

  it('a cluster whose instances exist only under an unset condition is unknown; one instance fails whatever the zones', () => {
    const b = new ModelBuilder();
    store(b, 'open', 'rds-cluster', { instanceCount: b.fact<number>(cause('var.create_replica')), multiZone: b.fact<boolean>(cause('var.create_replica')) });
    store(b, 'one', 'rds-cluster', { instanceCount: b.fact(1), multiZone: b.fact<boolean>(cause('var.az')) });
    const drafts = run(check, b);
    expect(only(drafts, 'open').unknown?.map((u) => u.inputs)).toEqual([['var.create_replica'], ['var.create_replica']]);
    expect(only(drafts, 'one').status).toBe('fail');
  });

  it('Azure databases by zone redundancy; a store the lifter gives no redundancy is unknown, not a pass', () => {
    const b = new ModelBuilder('azure', 'main.json');
    store(b, 'db', 'sql-database', { multiZone: defaulted(false, b.loc()) });
    store(b, 'pg', 'postgresql-server', { multiZone: b.fact(true) });
    store(b, 'redis', 'redis-cache');
    store(b, 'st', 'storage-account', { multiZone: b.fact(false) });
    const drafts = run(check, b);
    expect(only(drafts, 'db').message.en).toBe('the SQL database is not zone redundant (the default when unset)');
    expect(only(drafts, 'pg').message.en).toBe('the PostgreSQL server is set up for zone-redundant high availability');
    expect(only(drafts, 'redis').unknown?.[0]?.inputs).toEqual(['redis zone redundancy']);
    expect(drafts.filter((d) => 'address' in d.subject && d.subject.address === 'st')).toEqual([]);
  });
});
