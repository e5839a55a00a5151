import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-2-1.js';
import { defaultPolicy } from '../../src/policy/types.js';
import { unknownFact } from '../../src/model/fact.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { about, only, run, store } from './data-controls-support.js';

describe('LG-2.1 data stores', () => {
  it('accepts classification values as 3, 2, 1, 機密性3 and full-width digits; fails others at the tags', () => {
    const b = new ModelBuilder();
    for (const [name, value] of [['a', '3'], ['b', '機密性2'], ['c', '機密性１'], ['d', 'secret'], ['e', '4']] as const) {
      store(b, name, 's3-bucket', {}, { 'lg:classification': value, 'lg:segment': 'internet' });
    }
    const drafts = run(check, b);
    expect(['a', 'b', 'c', 'd', 'e'].map((n) => only(drafts, n).status)).toEqual(['pass', 'pass', 'pass', 'fail', 'fail']);
    expect(only(drafts, 'd').location).toEqual(b.model.get('d')!.tags.loc);
    expect(only(drafts, 'd').message.ja).toContain('「secret」');
    expect(only(drafts, 'b').evidence).toEqual({ classification: { value: '2', from: 'tag' }, segment: { value: 'internet', from: 'tag' } });
  });

  it('takes a store segment from its subnet, but needs the classification on the store itself', () => {
    const b = new ModelBuilder();
    b.vpc('vpc', { tags: { 'lg:segment': 'マイナンバー利用事務系', 'lg:classification': '3' } });
    b.subnet('db', 'vpc');
    b.store('rds', ['db']);
    const d = only(run(check, b), 'rds');
    expect(d.status).toBe('fail');
    expect(d.message.en).toBe('no lg:classification tag gives its classification');
    expect(d.location).toEqual(b.model.get('rds')!.loc);
  });

  it('reads tag names case-insensitively and under the names the policy gives', () => {
    const b = new ModelBuilder('azure', 'main.json');
    store(b, 'st', 'storage-account', {}, { 'City:Kimitsu': '2', 'CITY:SEGMENT': 'lgwan' });
    const policy = defaultPolicy();
    policy.tagKeys.classification = 'city:kimitsu';
    policy.tagKeys.segment = 'city:segment';
    expect(only(run(check, b, policy), 'st').status).toBe('pass');
    expect(only(run(check, b), 'st').status).toBe('fail');
  });

  it('is unknown when the tags or one tag value cannot be read, naming the input', () => {
    const b = new ModelBuilder();
    store(b, 'whole', 's3-bucket', {}, cause('var.tags'));
    const one = store(b, 'one', 's3-bucket', {}, { 'lg:segment': 'lgwan' });
    one.unknownTags = { 'lg:classification': unknownFact(cause('var.level'), { file: 'x.tf', line: 40 }) };
    const drafts = run(check, b);
    expect(only(drafts, 'whole').status).toBe('unknown');
    expect(only(drafts, 'whole').unknown?.flatMap((c) => c.inputs)).toContain('var.tags');
    expect(only(drafts, 'one').unknown?.map((c) => c.inputs)).toEqual([['var.level']]);
    expect(only(drafts, 'one').location).toEqual({ file: 'x.tf', line: 40 });
  });

  it('a known missing label fails even beside an unknown one', () => {
    const b = new ModelBuilder();
    const s = store(b, 's', 'dynamodb-table', {}, {});
    s.unknownTags = { 'lg:classification': unknownFact(cause('var.level')) };
    expect(only(run(check, b), 's').status).toBe('fail');
  });

  it('does not judge queues, topics, secrets and parameters', () => {
    const b = new ModelBuilder();
    for (const t of ['sqs-queue', 'sns-topic', 'secret', 'ssm-parameter'] as const) store(b, t, t);
    expect(run(check, b)).toEqual([]);
  });
});

describe('LG-2.1 networks', () => {
  it('subnets inherit the segment of their network; an untagged network fails', () => {
    const b = new ModelBuilder();
    b.vpc('tagged', { tags: { 'lg:segment': 'lgwan' } });
    b.subnet('app', 'tagged');
    b.vpc('untagged');
    const drafts = run(check, b);
    expect(only(drafts, 'app').status).toBe('pass');
    expect(only(drafts, 'app').message.en).toContain('from its network');
    expect(only(drafts, 'untagged').status).toBe('fail');
    expect(about(drafts, 'tagged#main-route-table')).toEqual([]);
  });

  it('a segment from a policy selector counts; a tag value that is not a segment fails even then', () => {
    const b = new ModelBuilder();
    b.vpc('sel', { cidr: '10.40.0.0/16' });
    b.vpc('wrong', { cidr: '10.41.0.0/16', tags: { 'lg:segment': 'dmz' } });
    const policy = defaultPolicy();
    policy.selectors = [{ segment: 'lgwan', cidr: '10.40.0.0/15' }];
    const drafts = run(check, b, policy);
    expect(only(drafts, 'sel').status).toBe('pass');
    expect(only(drafts, 'wrong').status).toBe('fail');
    expect(only(drafts, 'wrong').message.en).toContain('"dmz" is not a segment');
  });

  it('a network derived mynumber through a peering fails with the chain', () => {
    const b = new ModelBuilder();
    b.vpc('mn', { tags: { 'lg:segment': 'mynumber' } });
    b.vpc('ops');
    b.peering('pcx', 'mn', 'ops', true);
    const d = only(run(check, b), 'ops');
    expect(d.status).toBe('fail');
    expect(d.message.en).toMatch(/counts as mynumber through mn → .*ops/);
  });

  it('a subnet of a network outside the scan is unknown', () => {
    const b = new ModelBuilder();
    b.subnet('orphan', cause('data.aws_vpc.shared'));
    const d = only(run(check, b), 'orphan');
    expect(d.status).toBe('unknown');
    expect(d.unknown?.[0].inputs).toEqual(['data.aws_vpc.shared']);
  });
});
