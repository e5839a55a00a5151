import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-6-4.js';
import { defaulted } from '../../src/model/fact.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { about, diagnosticSetting, key, only, run, store } from './data-controls-support.js';
import { flowLog } from './resilience-support.js';

const MN = { 'lg:segment': 'mynumber' };

describe('LG-6.4', () => {
  it('mynumber networks need a flow log of all traffic; other segments are not judged', () => {
    const b = new ModelBuilder();
    b.vpc('mn', { tags: MN });
    b.vpc('mn-bare', { tags: MN, cidr: '10.1.0.0/16' });
    b.vpc('mn-rejects', { tags: MN, cidr: '10.2.0.0/16' });
    b.vpc('inet', { tags: { 'lg:segment': 'internet' }, cidr: '10.3.0.0/16' });
    const fl = flowLog(b, 'fl', 'mn', { categories: b.fact(['ALL']) });
    const rej = flowLog(b, 'fl-rej', 'mn-rejects', { categories: b.fact(['REJECT']) });
    const drafts = run(check, b);
    expect(only(drafts, 'mn').message.en).toBe("flow logs (fl) record the network's traffic");
    expect(only(drafts, 'mn').location).toEqual(fl.loc);
    expect(only(drafts, 'mn-bare').message.en).toBe('the network (mynumber segment (tag)) has no flow log');
    expect(only(drafts, 'mn-rejects').message.en).toBe('the flow log fl-rej of the network (mynumber segment (tag)) records only REJECT traffic');
    expect(only(drafts, 'mn-rejects').location).toEqual(rej.categories!.loc);
    expect(about(drafts, 'inet')).toEqual([]);
  });

  it('flow logs on every subnet cover the network; a subnet without one does not', () => {
    const b = new ModelBuilder();
    b.vpc('mn', { tags: MN });
    b.subnet('a', 'mn');
    b.subnet('c', 'mn', { cidr: '10.0.2.0/24' });
    flowLog(b, 'fl-a', 'a');
    flowLog(b, 'fl-c', 'c');
    b.vpc('mn2', { tags: MN, cidr: '10.9.0.0/16' });
    b.subnet('x', 'mn2', { cidr: '10.9.1.0/24' });
    b.subnet('y', 'mn2', { cidr: '10.9.2.0/24' });
    flowLog(b, 'fl-x', 'x');
    const drafts = run(check, b);
    expect(only(drafts, 'mn').message.en).toBe("flow logs (fl-a, fl-c) record the network's traffic");
    expect(only(drafts, 'mn2').status).toBe('fail');
  });

  it('a flow log whose target or state cannot be told leaves the network unknown; a network of unknown segment too', () => {
    const b = new ModelBuilder();
    b.vpc('mn', { tags: MN });
    b.vpc('untold', { tags: cause('var.tags'), cidr: '10.1.0.0/16' });
    flowLog(b, 'fl', cause('var.vpc_id'));
    const drafts = run(check, b);
    expect(only(drafts, 'mn').unknown?.[0]?.inputs).toEqual(['var.vpc_id']);
    expect(only(drafts, 'untold').unknown?.map((u) => u.inputs)).toContainEqual(['var.tags']);
  });

  it('Azure: NSG flow logs on the NSGs of every subnet cover the VNet', () => {
    const b = new ModelBuilder('azure', 'main.json');
    b.vpc('vnet', { tags: MN });
    b.subnet('app', 'vnet', { securityGroup: 'nsg-app' });
    b.subnet('db', 'vnet', { cidr: '10.0.2.0/24', securityGroup: 'nsg-db' });
    flowLog(b, 'fl-app', 'nsg-app', {}, 'nsg-flow-log');
    flowLog(b, 'fl-db', 'nsg-db', { enabled: b.fact(false) }, 'nsg-flow-log');
    expect(only(run(check, b), 'vnet').status).toBe('fail');
    b.model.getOf('fl-db', 'log-setting')!.enabled = b.fact(true);
    expect(only(run(check, b), 'vnet').message.en).toBe("flow logs (fl-app, fl-db) record the network's traffic");
  });

  it('labelled buckets need access logging; RDS needs log exports', () => {
    const b = new ModelBuilder();
    const loc = b.loc();
    store(b, 'juki', 's3-bucket', { accessLogging: defaulted(false, loc) }, { 'lg:classification': '3' });
    store(b, 'assets', 's3-bucket', { accessLogging: b.fact(false) });
    store(b, 'maybe', 's3-bucket', { accessLogging: b.fact(false) }, cause('var.tags'));
    store(b, 'logged', 's3-bucket', { accessLogging: b.fact(true) }, cause('var.tags'));
    store(b, 'db', 'rds-instance', { accessLogging: b.fact(true) });
    const drafts = run(check, b);
    expect(only(drafts, 'juki').message.en).toBe('the labelled bucket has no server access logging (the default when unset)');
    expect(only(drafts, 'juki').location).toEqual(loc);
    expect(about(drafts, 'assets')).toEqual([]);
    expect(only(drafts, 'maybe').unknown?.[0]?.inputs).toEqual(['var.tags']);
    expect(only(drafts, 'logged').status).toBe('pass');
    expect(only(drafts, 'db').status).toBe('pass');
  });

  it('Azure stores and key vaults need a diagnostic setting sending log categories; SQL auditing counts', () => {
    const b = new ModelBuilder('azure', 'main.json');
    key(b, 'kv', 'key-vault');
    store(b, 'st', 'storage-account');
    store(b, 'server', 'sql-server', { accessLogging: b.fact(true) });
    store(b, 'db', 'sql-database', { parent: b.link('server'), accessLogging: defaulted(false, b.loc()) });
    store(b, 'cosmos', 'cosmosdb-account');
    diagnosticSetting(b, 'kv-diag', 'kv', ['law'], b.fact(['AuditEvent']));
    const metrics = diagnosticSetting(b, 'st-diag', 'st', ['law'], b.fact<string[]>([]));
    metrics.enabled = b.fact(false);
    const drafts = run(check, b);
    expect(only(drafts, 'kv').message.en).toBe('the diagnostic setting kv-diag sends its resource logs');
    expect(only(drafts, 'st').message.en).toBe('the diagnostic setting st-diag of the storage account sends no log category (metrics only)');
    expect(only(drafts, 'db').message.en).toBe('auditing is on at the server');
    expect(only(drafts, 'cosmos').message.en).toBe('the Cosmos DB account has no diagnostic setting sending its resource logs');
  });
});
