import { describe, expect, it } from 'vitest';
import { parse } from '@cdktf/hcl2json';
import {
  evaluateTfExpression,
  evaluateTfJson,
  parseTfExpression,
  parseTfTemplate,
  referencesOf,
  referencesOfJson,
} from '../../../src/eval/terraform/index.js';
import { toPlain } from '../../../src/readers/value.js';
import { LOC, scopeWith } from './scope-fixture.js';

const HCL = `
locals {
  name = "kikan-\${var.env}"
  subnet_cidrs = [for i, az in var.azs : cidrsubnet(var.cidr, 8, i)]
  tags = merge(var.tags, {
    Name    = local_name_is_not_used_here
    "lg:classification" = "3"
  })
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Deny"
      Action   = "s3:*"
      Resource = ["\${aws_vpc.main.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
  user_data = <<-EOT
    #!/bin/bash
    echo "\${var.env}" > /etc/env
    %{ for az in var.azs }echo \${az}
    %{ endfor }
  EOT
  keyed = { (var.env) = 1, static = 2 }
}
`;

describe('on hcl2json output', () => {
  it('evaluates what hcl2json produces from real HCL', async () => {
    const json = (await parse('main.tf', HCL)) as { locals: Record<string, unknown>[] };
    const locals = json.locals[0]!;
    const v = (k: string): unknown => toPlain(evaluateTfJson(locals[k], scopeWith()));
    expect(v('name')).toBe('kikan-prod');
    expect(v('subnet_cidrs')).toEqual(['10.20.0.0/24', '10.20.1.0/24']);
    expect(v('user_data')).toBe('#!/bin/bash\necho "prod" > /etc/env\necho ap-northeast-1a\necho ap-northeast-1c\n\n');
    expect(v('keyed')).toEqual({ prod: 1, static: 2 });
    const tags = evaluateTfJson(locals.tags, scopeWith());
    expect(tags.kind).toBe('unknown'); // local_name_is_not_used_here is undeclared
    const policy = evaluateTfJson(locals.policy, scopeWith());
    expect(policy.kind).toBe('unknown');
    expect(JSON.parse(policy.kind === 'unknown' ? policy.expr! : '{}').Statement[0]).toEqual({
      Action: 's3:*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      Effect: 'Deny',
      Resource: ['${aws_vpc.main.arn}/*'],
    });
  });

  it('walks JSON: literals located, keys evaluated, an unknown key makes its object unknown', () => {
    const v = evaluateTfJson({ a: [1, true, null, '${var.env}'], '${var.env}-k': 'x', nested: { b: '$${lit}' } }, scopeWith());
    expect(toPlain(v)).toEqual({ a: [1, true, null, 'prod'], 'prod-k': 'x', nested: { b: '${lit}' } });
    expect(v.kind === 'object' && v.fields.a!.kind === 'list' && v.fields.a!.items[0]!.loc).toEqual(LOC);
    const u = evaluateTfJson({ '${var.region}': 1, b: 2 }, scopeWith());
    expect(u).toMatchObject({ kind: 'unknown', cause: { inputs: ['var.region'] } });
  });

  it('keeps __proto__ as an ordinary key', () => {
    const v = evaluateTfJson(JSON.parse('{"__proto__": {"x": 1}}'), scopeWith());
    expect(v.kind === 'object' && Object.keys(v.fields)).toEqual(['__proto__']);
    const o = evaluateTfExpression('{ "__proto__" = 1 }', scopeWith());
    expect(o.kind === 'object' && Object.keys(o.fields)).toEqual(['__proto__']);
  });
});

describe('parsing and references', () => {
  it('parses raw expression source and reports syntax errors', () => {
    const ok = parseTfExpression('merge(local.tags, { Name = "a-${count.index}" })');
    expect(ok.ok && ok.node.type).toBe('call');
    const bad = parseTfExpression('merge(local.tags,');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/offset/);
    expect(parseTfTemplate('a-${var.x}').ok).toBe(true);
    expect(toPlain(evaluateTfExpression('upper(var.env)', scopeWith()))).toBe('PROD');
  });

  it.each([
    ['${var.x}', [['var', 'x']]],
    ['${aws_vpc.main.id}', [['aws_vpc', 'main', 'id']]],
    ['${aws_instance.web[0].id}', [['aws_instance', 'web']]],
    ['${aws_instance.web[*].id}', [['aws_instance', 'web']]],
    ['${aws_instance.web.*.id}', [['aws_instance', 'web']]],
    ['${module.net.subnet_ids[count.index]}', [['module', 'net', 'subnet_ids'], ['count', 'index']]],
    ['${data.aws_vpc.shared.id}', [['data', 'aws_vpc', 'shared', 'id']]],
    ['${var.m[local.k].x}', [['var', 'm'], ['local', 'k']]],
    ['name-${each.key}-${var.env}', [['each', 'key'], ['var', 'env']]],
    ['${merge(var.a, {b = local.b}, var.a)}', [['var', 'a'], ['local', 'b']]],
    ['${[for s in var.l : s.id if s.on]}', [['var', 'l']]],
    ['${{for k, v in var.m : k => [for x in v : x.y + local.z]}}', [['var', 'm'], ['local', 'z']]],
    ['%{for x in var.l}${x}${path.module}%{endfor}', [['var', 'l'], ['path', 'module']]],
    ['%{if var.on}${local.a}%{else}${local.b}%{endif}', [['var', 'on'], ['local', 'a'], ['local', 'b']]],
    ['${var.on ? aws_nat_gateway.a[0].id : null}', [['var', 'on'], ['aws_nat_gateway', 'a']]],
    ['${lookup(var.m, "k", null)}', [['var', 'm']]],
    ['${[for s in var.l : s][0].id}', [['var', 'l']]],
    ['${"x-${var.env}"}', [['var', 'env']]],
    ['plain text', []],
    ['${1 +', []],
  ])('%s', (s, refs) => {
    expect(referencesOf(s)).toEqual(refs);
  });

  it('collects references of a whole block body', () => {
    const body = {
      count: '${var.create ? length(var.azs) : 0}',
      vpc_id: '${aws_vpc.main.id}',
      tags: { Name: '${local.name}-${count.index}', '${var.k}': 'v' },
      ingress: [{ cidr_blocks: ['${var.cidr}'] }],
    };
    expect(referencesOfJson(body).map((r) => r.join('.')).sort()).toEqual(
      ['aws_vpc.main.id', 'count.index', 'local.name', 'var.azs', 'var.cidr', 'var.create', 'var.k'].sort(),
    );
  });
});
