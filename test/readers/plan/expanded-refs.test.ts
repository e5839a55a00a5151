// Refs between expanded resources and the state form of `terraform show -json`.
import { describe, expect, it } from 'vitest';
import { readTerraformPlan } from '../../../src/readers/plan/index.js';
import { defaultReadOptions } from '../../../src/readers/options.js';

function instance(type: string, name: string, index: number | undefined, values: object) {
  const address = `${type}.${name}${index === undefined ? '' : `[${index}]`}`;
  return { address, mode: 'managed', type, name, ...(index === undefined ? {} : { index }), values };
}

function change(address: string, after: object, afterUnknown: object) {
  return { address, change: { actions: ['create'], before: null, after, after_unknown: afterUnknown } };
}

const plan = {
  format_version: '1.2',
  planned_values: {
    root_module: {
      resources: [
        instance('aws_eip', 'nat', 0, { domain: 'vpc' }),
        instance('aws_eip', 'nat', 1, { domain: 'vpc' }),
        instance('aws_nat_gateway', 'az', 0, {}),
        instance('aws_nat_gateway', 'az', 1, {}),
        instance('aws_nat_gateway', 'odd', 0, {}),
      ],
    },
  },
  resource_changes: [
    change('aws_nat_gateway.az[0]', {}, { allocation_id: true }),
    change('aws_nat_gateway.az[1]', {}, { allocation_id: true }),
    change('aws_nat_gateway.odd[0]', {}, { allocation_id: true }),
  ],
  configuration: {
    root_module: {
      resources: [
        { address: 'aws_nat_gateway.az', expressions: { allocation_id: { references: ['aws_eip.nat', 'count.index'] } } },
        { address: 'aws_nat_gateway.odd', expressions: { allocation_id: { references: ['aws_eip.nat', 'count.index'] } } },
      ],
    },
  },
};

describe('count-expanded references', async () => {
  const r = await readTerraformPlan('p.json', JSON.stringify(plan), defaultReadOptions('/nonexistent'));
  const allocation = (a: string) => r.resources.find((x) => x.address === a)?.attrs.fields.allocation_id;

  it('joins instances with the same index when both resources expand over the same indexes', () => {
    expect(allocation('aws_nat_gateway.az[1]')).toMatchObject({ kind: 'ref', target: 'p.json#aws_eip.nat[1]', attribute: 'id' });
    expect(allocation('aws_nat_gateway.az[0]')).toMatchObject({ kind: 'ref', target: 'p.json#aws_eip.nat[0]' });
  });

  it('stays unknown when the expansions differ', () => {
    expect(allocation('aws_nat_gateway.odd[0]')).toMatchObject({ kind: 'unknown', cause: { inputs: ['aws_nat_gateway.odd[0].allocation_id (known after apply)'] } });
  });
});

describe('state output (values.root_module)', () => {
  it('reads resources from values with their recorded IDs as identities', async () => {
    const state = {
      format_version: '1.0',
      values: {
        root_module: {
          resources: [instance('aws_vpc', 'main', undefined, { id: 'vpc-0abc', arn: 'arn:aws:ec2:ap-northeast-1:111122223333:vpc/vpc-0abc', cidr_block: '10.0.0.0/16' })],
          child_modules: [{ address: 'module.net', resources: [{ ...instance('aws_subnet', 'a', undefined, { vpc_id: 'vpc-0abc' }), address: 'module.net.aws_subnet.a' }] }],
        },
      },
    };
    const r = await readTerraformPlan('state.json', JSON.stringify(state, null, 2), defaultReadOptions('/nonexistent'));
    expect(r.resources.map((x) => x.address)).toEqual(['aws_vpc.main', 'module.net.aws_subnet.a']);
    expect(r.resources[0]!.ids).toEqual(['vpc-0abc', 'arn:aws:ec2:ap-northeast-1:111122223333:vpc/vpc-0abc']);
    expect(r.resources[1]!.attrs.fields.vpc_id).toMatchObject({ kind: 'known', value: 'vpc-0abc' });
    expect(r.resources[1]!.loc.line).toBeGreaterThan(r.resources[0]!.loc.line);
  });
});

describe('references through module outputs', () => {
  it('follows module.x.output to the resource the output names, and stays unknown for an expanded module call', async () => {
    const doc = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [instance('aws_security_group', 'app', undefined, {})],
          child_modules: [
            { address: 'module.vpc', resources: [{ ...instance('aws_vpc', 'this', 0, {}), address: 'module.vpc.aws_vpc.this[0]' }] },
            { address: 'module.zones["a"]', resources: [{ ...instance('aws_vpc', 'this', undefined, {}), address: 'module.zones["a"].aws_vpc.this' }] },
          ],
        },
      },
      resource_changes: [change('aws_security_group.app', {}, { vpc_id: true, description: true })],
      configuration: {
        root_module: {
          resources: [
            {
              address: 'aws_security_group.app',
              expressions: { vpc_id: { references: ['module.vpc.vpc_id', 'module.vpc'] }, description: { references: ['module.zones["a"].vpc_id', 'module.zones["a"]', 'module.zones'] } },
            },
          ],
          module_calls: {
            vpc: { source: 'terraform-aws-modules/vpc/aws', module: { outputs: { vpc_id: { expression: { references: ['aws_vpc.this[0].id', 'aws_vpc.this[0]', 'aws_vpc.this'] } } } } },
            zones: { source: './zone', module: { outputs: { vpc_id: { expression: { references: ['aws_vpc.this.id', 'aws_vpc.this'] } } } } },
          },
        },
      },
    };
    const r = await readTerraformPlan('p.json', JSON.stringify(doc), defaultReadOptions('/nonexistent'));
    const sg = r.resources.find((x) => x.address === 'aws_security_group.app')!;
    expect(sg.attrs.fields.vpc_id).toMatchObject({ kind: 'ref', target: 'p.json#module.vpc.aws_vpc.this[0]', attribute: 'id' });
    expect(sg.attrs.fields.description).toMatchObject({ kind: 'unknown' });
  });
});

describe('collections known only after apply', () => {
  it('makes a list of refs when after_sensitive shows a list and every reference names one resource', async () => {
    const doc = {
      format_version: '1.2',
      planned_values: { root_module: { resources: [instance('aws_security_group', 'web', undefined, {}), instance('aws_instance', 'web', undefined, {}), instance('aws_instance', 'ops', undefined, {})] } },
      resource_changes: [
        { address: 'aws_instance.web', change: { actions: ['create'], after: {}, after_unknown: { vpc_security_group_ids: true }, after_sensitive: { vpc_security_group_ids: [] } } },
        { address: 'aws_instance.ops', change: { actions: ['create'], after: {}, after_unknown: { vpc_security_group_ids: true }, after_sensitive: { vpc_security_group_ids: [] } } },
      ],
      configuration: {
        root_module: {
          resources: [
            { address: 'aws_instance.web', expressions: { vpc_security_group_ids: { references: ['aws_security_group.web.id', 'aws_security_group.web'] } } },
            { address: 'aws_instance.ops', expressions: { vpc_security_group_ids: { references: ['var.extra_sg_ids', 'aws_security_group.web.id', 'aws_security_group.web'] } } },
          ],
        },
      },
    };
    const r = await readTerraformPlan('p.json', JSON.stringify(doc), defaultReadOptions('/nonexistent'));
    const sgs = (a: string) => r.resources.find((x) => x.address === a)?.attrs.fields.vpc_security_group_ids;
    expect(sgs('aws_instance.web')).toMatchObject({ kind: 'list', items: [{ kind: 'ref', target: 'p.json#aws_security_group.web', attribute: 'id' }] });
    expect(sgs('aws_instance.ops')).toMatchObject({ kind: 'unknown', cause: { inputs: ['aws_instance.ops.vpc_security_group_ids (known after apply)'] } });
  });

  it('says a UTF-16 plan must be saved as UTF-8', async () => {
    const utf16 = Buffer.from('\uFEFF{"format_version":"1.2"}', 'utf16le').toString('utf8');
    const r = await readTerraformPlan('win.json', utf16, defaultReadOptions('/nonexistent'));
    expect(r.errors).toEqual([{ file: 'win.json', line: 1, message: expect.stringContaining('UTF-16') }]);
  });
});
