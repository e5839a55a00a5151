import { describe, expect, it } from 'vitest';
import { fact } from '../../src/model/fact.js';
import type { Trail } from '../../src/model/logging.js';
import { CloudModel } from '../../src/model/model.js';

const loc = { file: 'main.tf', line: 1 };

function trail(id: string, scope: string, source: 'terraform' | 'cloudformation' = 'terraform'): Trail {
  return {
    id,
    kind: 'trail',
    trailType: 'cloudtrail',
    cloud: 'aws',
    source,
    nativeType: 'aws_cloudtrail',
    address: id,
    scope,
    loc,
    tags: fact({}, loc),
    region: fact('ap-northeast-1', loc),
    managementEvents: fact(true, loc),
    destinations: fact([], loc),
  };
}

describe('CloudModel', () => {
  it('lists the entities of a kind in one scan scope (same cloud, source and scope), also after more are added', () => {
    const m = new CloudModel();
    m.add(trail('a', 'envs/prod'));
    m.add(trail('b', 'envs/stg'));
    m.add(trail('c', 'envs/prod', 'cloudformation'));
    const prod = { cloud: 'aws' as const, source: 'terraform' as const, scope: 'envs/prod' };
    expect(m.allIn('trail', prod).map((t) => t.id)).toEqual(['a']);
    m.add(trail('d', 'envs/prod'));
    expect(m.allIn('trail', prod).map((t) => t.id)).toEqual(['a', 'd']);
    expect(m.allIn('trail', { ...prod, scope: 'envs/dev' })).toEqual([]);
    expect(m.allIn('compute', prod)).toEqual([]);
  });
  it('keeps one scan scope per id', () => {
    const m = new CloudModel();
    const s = { id: 'terraform:envs/prod', scope: 'envs/prod', cloud: 'aws' as const, source: 'terraform' as const, label: 'envs/prod' };
    m.addScope(s);
    m.addScope({ ...s });
    expect(m.scopes).toHaveLength(1);
  });
});
