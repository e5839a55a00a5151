// End to end: templates read by the CloudFormation reader, lifted by the
// network handlers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishNetwork, networkHandlers } from '../../../../src/model/aws/network/index.js';
import type { Links } from '../../../../src/model/entity.js';
import type { LiftContext } from '../../../../src/model/lifter.js';
import { runLifters } from '../../../../src/model/lifter.js';
import { LinkResolver } from '../../../../src/model/link-resolver.js';
import { CloudModel } from '../../../../src/model/model.js';
import { readCloudFormation } from '../../../../src/readers/cloudformation/index.js';
import { defaultReadOptions } from '../../../../src/readers/options.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../fixtures/model/aws/network');

function lift(dir: string, file: string, region?: string) {
  const root = path.join(FIXTURES, dir);
  const opts = { ...defaultReadOptions(root), ...(region ? { region } : {}) };
  const read = readCloudFormation(file, readFileSync(path.join(root, file), 'utf8'), opts);
  const model = new CloudModel();
  const ctx: LiftContext = { model, links: new LinkResolver(read.resources) };
  const unlifted = runLifters('aws', networkHandlers, read.resources, ctx, finishNetwork);
  return { model, unlifted, errors: read.errors, key: (id: string) => `${file}#${id}` };
}

function ids(l: Links | undefined): (string | false)[] | undefined {
  return l?.known ? l.value.map((x) => x.known && x.value) : undefined;
}

describe('closed-segment VPC (YAML)', () => {
  const { model, unlifted, errors, key } = lift('cfn-closed-segment', 'template.yaml', 'ap-northeast-1');

  it('reads without errors and lifts every network resource', () => {
    expect(errors).toEqual([]);
    expect(unlifted.map((r) => r.type)).toEqual([]);
  });

  it('evaluates the CIDR functions and distinct placeholder zones', () => {
    const a = model.getOf(key('AppSubnetA'), 'subnet')!;
    const c = model.getOf(key('AppSubnetC'), 'subnet')!;
    expect(a.cidr).toMatchObject({ known: true, value: '10.20.0.0/24' });
    expect(a.zone?.known && c.zone?.known && a.zone.value !== c.zone.value).toBe(true);
    expect(a.network).toMatchObject({ value: key('MnVpc') });
    expect(model.getOf(key('MnVpc'), 'network')!.tags).toMatchObject({ value: { 'lg:segment': 'mynumber' } });
  });

  it('routes associated subnets through their table and the rest through the synthesized main table', () => {
    const a = model.getOf(key('AppSubnetA'), 'subnet')!;
    expect(a.routeTable).toMatchObject({ known: true, value: key('PrivateRouteTable'), loc: { file: 'template.yaml' } });
    const tools = model.getOf(key('ToolsSubnet'), 'subnet')!;
    expect(tools.routeTable).toMatchObject({ known: true, value: null });
    const main = model.getOf(key('MnVpc#main-route-table'), 'route-table')!;
    expect(main.routes.map((r) => r.platformDefault)).toEqual(['local route']);
    const table = model.getOf(key('PrivateRouteTable'), 'route-table')!;
    const tgwRoute = table.routes.find((r) => !r.platformDefault)!;
    expect(tgwRoute.destination).toMatchObject({ value: '172.16.0.0/12' });
    // The gateway is a parameter without a value: a transit gateway all the same, whose identity names the input.
    expect(tgwRoute.target).toMatchObject({ known: true, value: { kind: 'transit-gateway', ref: { known: false, cause: { inputs: ['parameter TransitGatewayId'] } } } });
  });

  it('keeps CloudFormation’s implicit egress rule and adds standalone ingress', () => {
    const app = model.getOf(key('AppSecurityGroup'), 'security-group')!;
    expect(app.rules.map((r) => [r.direction, r.platformDefault ?? r.name])).toEqual([
      ['ingress', '庁内端末からの HTTPS'],
      ['egress', 'all egress allowed by default'],
    ]);
    const endpoints = model.getOf(key('EndpointSecurityGroup'), 'security-group')!;
    expect(endpoints.rules.map((r) => [r.direction, r.definedBy, r.platformDefault])).toEqual([
      ['egress', 'EndpointSecurityGroup', undefined],
      ['ingress', 'EndpointIngressFromApp', undefined],
    ]);
    const peers = endpoints.rules[1]!.peers;
    expect(peers.known && peers.value).toEqual([{ kind: 'security-group', ref: expect.objectContaining({ value: key('AppSecurityGroup') }) }]);
  });

  it('lifts the endpoints with private DNS from the parameter default and the default group where none is given', () => {
    const ssm = model.getOf(key('SsmEndpoint'), 'endpoint')!;
    expect(ssm.service).toMatchObject({ known: true, value: 'com.amazonaws.ap-northeast-1.ssm' });
    expect(ssm.privateDns).toMatchObject({ known: true, value: true });
    const messages = model.getOf(key('SsmMessagesEndpoint'), 'endpoint')!;
    expect(messages.privateDns).toMatchObject({ known: true, value: false, defaulted: true });
    expect(ids(messages.securityGroups)).toEqual([key('MnVpc#default-security-group')]);
    const s3 = model.getOf(key('S3Endpoint'), 'endpoint')!;
    expect(s3.endpointType).toBe('gateway');
    expect(ids(s3.routeTables)).toEqual([key('PrivateRouteTable')]);
  });

  it('attaches the VPC to a transit gateway outside the template', () => {
    const att = model.getOf(key('TgwAttachment'), 'connection')!;
    expect(att.from).toMatchObject({ value: key('MnVpc') });
    expect(!att.to.known && att.to.cause.inputs).toEqual(['parameter TransitGatewayId']);
    expect(att.routeTable).toMatchObject({ known: true, value: null });
    expect(att.propagations?.known).toBe(false);
  });
});

describe('web tier (JSON)', () => {
  const { model, unlifted, errors, key } = lift('cfn-web-tier', 'template.json');

  it('reads without errors; only the target group is left to other lifters', () => {
    expect(errors).toEqual([]);
    expect(unlifted.map((r) => r.type)).toEqual(['AWS::ElasticLoadBalancingV2::TargetGroup']);
  });

  it('attaches the internet gateway and routes public and private subnets', () => {
    expect(model.getOf(key('Igw'), 'gateway')!.network).toMatchObject({ known: true, value: key('WebVpc') });
    const pub = model.getOf(key('PublicRoutes'), 'route-table')!.routes.find((r) => !r.platformDefault)!;
    expect(pub.target).toMatchObject({ value: { kind: 'internet-gateway', ref: { value: key('Igw') } } });
    const app = model.getOf(key('AppRoutes'), 'route-table')!.routes.find((r) => !r.platformDefault)!;
    expect(app.target).toMatchObject({ value: { kind: 'nat-gateway', ref: { value: key('Nat') } } });
    expect(model.getOf(key('Nat'), 'gateway')).toMatchObject({ connectivity: { value: 'public' }, network: { value: key('WebVpc') } });
    expect(model.getOf(key('NatIp'), 'public-ip')!.attachedTo).toMatchObject({ value: key('Nat') });
  });

  it('lifts the internet-facing ALB with its listeners and the scaling group from its template', () => {
    const alb = model.getOf(key('Alb'), 'load-balancer')!;
    expect(alb).toMatchObject({ lbType: 'application', internetFacing: { value: true, defaulted: true }, deletionProtection: { value: true } });
    expect(alb.zones?.known && alb.zones.value).toHaveLength(2);
    expect(alb.listeners.map((l) => [l.port.known && l.port.value, l.redirectsToHttps?.known && l.redirectsToHttps.value, l.sslPolicy?.known && l.sslPolicy.value])).toEqual([
      [80, true, null],
      [443, false, 'ELBSecurityPolicy-TLS13-1-2-2021-06'],
    ]);
    const asg = model.getOf(key('WebGroup'), 'compute')!;
    expect(asg).toMatchObject({ computeType: 'autoscaling-group', minSize: { value: 2 }, imdsV2Required: { value: true }, launchTemplate: { value: key('WebTemplate') } });
    expect(asg.zones?.known && asg.zones.value).toHaveLength(2);
    expect(ids(asg.securityGroups)).toEqual([key('AlbSg')]);
    expect(asg.publicIp).toMatchObject({ known: true, value: false });
  });
});
