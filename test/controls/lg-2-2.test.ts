import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-2-2.js';
import type { Entity } from '../../src/model/model.js';
import { defaulted, fact, unknownFact } from '../../src/model/fact.js';
import { defaultPolicy } from '../../src/policy/types.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { only, run, store } from './data-controls-support.js';

function scope(b: ModelBuilder, label = 'network'): void {
  b.model.addScope({ id: `terraform:aws:${label}`, scope: label, cloud: 'aws', source: 'terraform', label });
}

describe('LG-2.2', () => {
  it('passes Japanese regions, fails others at the region, and names the allowed ones of that cloud', () => {
    const b = new ModelBuilder();
    store(b, 'tokyo', 's3-bucket');
    const us = store(b, 'us', 's3-bucket');
    us.region = fact('us-east-1', { file: 'providers.tf', line: 9 });
    const drafts = run(check, b);
    expect(only(drafts, 'tokyo').status).toBe('pass');
    const d = only(drafts, 'us');
    expect(d.status).toBe('fail');
    expect(d.location).toEqual({ file: 'providers.tf', line: 9 });
    expect(d.message.en).toContain('(ap-northeast-1, ap-northeast-3)');
  });

  it('accepts Azure display names, does not judge the global location, and follows the policy list', () => {
    const b = new ModelBuilder('azure', 'main.json');
    store(b, 'west', 'storage-account').region = fact('Japan West');
    store(b, 'global', 'cosmosdb-account').region = fact('global');
    const osaka = new ModelBuilder();
    store(osaka, 'osaka', 's3-bucket').region = fact('ap-northeast-3');
    expect(only(run(check, b), 'west').status).toBe('pass');
    expect(only(run(check, b), 'global').status).toBe('not_applicable');
    const tokyoOnly = { ...defaultPolicy(), allowedRegions: ['ap-northeast-1'] };
    expect(only(run(check, osaka, tokyoOnly), 'osaka').status).toBe('fail');
  });

  it('groups resources whose region is unknown for the same reason into one unknown per scope', () => {
    const b = new ModelBuilder();
    scope(b);
    const noRegion = { inputs: ['--region'], detail: 'the deployment region is not given by the definition' };
    for (const a of ['a', 'b', 'c']) store(b, a, 's3-bucket').region = unknownFact(noRegion);
    store(b, 'd', 's3-bucket').region = unknownFact(cause('var.dr_region'));
    const drafts = run(check, b);
    const unknowns = drafts.filter((d) => d.status === 'unknown');
    expect(unknowns).toHaveLength(2);
    const grouped = unknowns.find((d) => d.unknown?.[0].inputs[0] === '--region')!;
    expect('label' in grouped.subject && grouped.subject.label).toBe('network');
    expect(grouped.evidence).toEqual({ resources: 3, addresses: ['a', 'b', 'c'] });
    expect(grouped.message.en).toContain('3 resources (give --region)');
    expect(new Set(unknowns.map((d) => d.key)).size).toBe(2);
  });

  it('does not judge global services, platform objects or the parts of a judged resource', () => {
    const b = new ModelBuilder();
    const role: Entity = { ...b.base('aws_iam_role.admin', 'aws_iam_role'), kind: 'iam-role', roleType: 'role', managedPolicyArns: fact([]), policies: fact([]) };
    b.model.add(role);
    b.vpc('vpc');
    const instance = store(b, 'aws_instance.app', 'ebs-volume');
    instance.native = { source: 'terraform', cloud: 'aws', type: 'aws_instance', address: 'aws_instance.app', key: 'aws_instance.app', scope: 'network', attrs: { kind: 'object', fields: {} }, loc: instance.loc };
    const root = store(b, 'aws_instance.app#root_block_device', 'ebs-volume');
    root.address = 'aws_instance.app';
    root.native = instance.native;
    root.region = fact('us-west-2');
    const drafts = run(check, b);
    expect(drafts.map((d) => ('address' in d.subject ? d.subject.address : d.subject.label)).sort()).toEqual(['aws_instance.app', 'vpc']);
  });

  it('judges replication and backup copies; a copy region from the --region default is noted', () => {
    const b = new ModelBuilder();
    const bucket = store(b, 'bucket', 's3-bucket', { replicationRegions: fact(['ap-northeast-3', 'us-west-2'], { file: 's3.tf', line: 30 }) });
    store(b, 'quiet', 's3-bucket', { replicationRegions: defaulted([]) });
    store(b, 'open', 's3-bucket', { replicationRegions: unknownFact(cause('var.dr_bucket')) });
    bucket.region = defaulted('eu-west-1');
    b.model.add({ ...b.base('plan', 'aws_backup_plan'), kind: 'backup-plan', retentionDays: fact(35), selects: fact([]), copyRegions: fact(['ap-northeast-3']) });
    const drafts = run(check, b);
    expect(only(drafts, 'plan', 'backup-copy').status).toBe('pass');
    const repl = only(drafts, 'bucket', 'replication');
    expect(repl.status).toBe('fail');
    expect(repl.message.en).toContain('us-west-2');
    expect(repl.location).toEqual({ file: 's3.tf', line: 30 });
    const own = drafts.find((d) => d.key === undefined && 'address' in d.subject && d.subject.address === 'bucket')!;
    expect(own.message.en).toContain('(from --region / --location)');
    expect(drafts.filter((d) => d.key === 'replication' && 'address' in d.subject && d.subject.address === 'quiet')).toEqual([]);
    expect(only(drafts, 'open', 'replication').unknown?.[0].inputs).toEqual(['var.dr_bucket']);
  });
});
