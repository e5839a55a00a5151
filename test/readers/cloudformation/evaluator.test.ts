import { describe, expect, it } from 'vitest';
import { toPlain, type Value } from '../../../src/readers/value.js';
import { probe, readText, resource } from './helpers.js';

const PARAMS = `
Parameters:
  Env:
    Type: String
    Default: prod
  Owner:
    Type: String
  Cidrs:
    Type: CommaDelimitedList
    Default: "10.0.0.0/24,  10.0.1.0/24"
  Days:
    Type: Number
    Default: 400
  Version:
    Type: String
    Default: 8.0
  Ports:
    Type: List<Number>
    Default: 443,8443
  Only:
    Type: String
    AllowedValues: [tokyo]
  Ami:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
    Default: /aws/service/ami
`;

function unknownOf(v: Value | undefined) {
  if (v?.kind !== 'unknown') throw new Error(`expected an unknown, got ${JSON.stringify(v)}`);
  return v;
}

describe('parameters', () => {
  it('takes the Default, and --param over it', () => {
    expect(probe('!Ref Env', PARAMS)).toMatchObject({ kind: 'known', value: 'prod' });
    expect(probe('!Ref Env', PARAMS, { params: { Env: 'stg' } })).toMatchObject({ kind: 'known', value: 'stg' });
  });
  it('names a parameter without Default or value as the input to supply', () => {
    const v = unknownOf(probe('!Ref Owner', PARAMS));
    expect(v.cause.inputs).toEqual(['parameter Owner']);
    expect(v.expr).toBe('${Owner}');
  });
  it('splits list types and trims the members', () => {
    expect(toPlain(probe('!Ref Cidrs', PARAMS))).toEqual(['10.0.0.0/24', '10.0.1.0/24']);
    expect(toPlain(probe('!Ref Cidrs', PARAMS, { params: { Cidrs: 'a, b ,c' } }))).toEqual(['a', 'b', 'c']);
    expect(toPlain(probe('!Ref Ports', PARAMS))).toEqual([443, 8443]);
  });
  it('types numbers but keeps text a number would change', () => {
    expect(probe('!Ref Days', PARAMS)).toMatchObject({ kind: 'known', value: 400 });
    expect(probe('!Ref Version', PARAMS)).toMatchObject({ kind: 'known', value: '8.0' });
  });
  it('uses the single allowed value when nothing else is given', () => {
    expect(probe('!Ref Only', PARAMS)).toMatchObject({ kind: 'known', value: 'tokyo' });
  });
  it('leaves SSM parameter types unknown even with a Default', () => {
    const v = unknownOf(probe('!Ref Ami', PARAMS, { params: { Ami: '/my/ami' } }));
    expect(v.cause.inputs).toEqual(['parameter Ami (SSM)']);
    expect(v.cause.detail).toContain('/my/ami');
  });
});

describe('pseudo parameters', () => {
  it('knows AWS::Region only from --region', () => {
    expect(probe('!Ref AWS::Region', '', { region: 'ap-northeast-3' })).toMatchObject({ kind: 'known', value: 'ap-northeast-3' });
    expect(unknownOf(probe('!Ref AWS::Region')).cause.inputs).toEqual(['--region']);
  });
  it('never guesses the account, stack name or stack ID', () => {
    for (const p of ['AWS::AccountId', 'AWS::StackName', 'AWS::StackId']) {
      expect(unknownOf(probe(`!Ref ${p}`, '', { region: 'ap-northeast-1' })).cause.inputs).toEqual([p]);
    }
  });
  it('derives partition and URL suffix', () => {
    expect(probe('!Ref AWS::Partition')).toMatchObject({ value: 'aws' });
    expect(probe('!Sub "s3.${AWS::URLSuffix}"', '', { region: 'ap-northeast-1' })).toMatchObject({ value: 's3.amazonaws.com' });
    expect(probe('!Ref AWS::Partition', '', { region: 'cn-north-1' })).toMatchObject({ value: 'aws-cn' });
  });
});

const RESOURCES_HEAD = `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.8.0.0/16
  V6:
    Type: AWS::EC2::VPCCidrBlock
    Properties:
      VpcId: !Ref Vpc
`;

function probeWithResources(expr: string, extra = {}): Value | undefined {
  const r = readText(
    `${RESOURCES_HEAD}  Probe:
    Type: AWS::SSM::Parameter
    Properties:
      V: ${expr}
`,
    extra,
  );
  return resource(r, 'Probe').attrs.fields['V'];
}

describe('references to resources', () => {
  it('turns Ref and both GetAtt forms into references to the resource key', () => {
    expect(probeWithResources('!Ref Vpc')).toMatchObject({ kind: 'ref', target: 'inline.yaml#Vpc', attribute: 'Ref' });
    expect(probeWithResources('!GetAtt V6.Ipv6CidrBlock')).toMatchObject({ kind: 'ref', target: 'inline.yaml#V6', attribute: 'Ipv6CidrBlock' });
    expect(probeWithResources('{"Fn::GetAtt": [Vpc, DefaultSecurityGroup]}')).toMatchObject({
      kind: 'ref',
      attribute: 'DefaultSecurityGroup',
    });
  });
  it('reads an attribute that echoes a property from the template', () => {
    expect(probeWithResources('!GetAtt Vpc.CidrBlock')).toMatchObject({ kind: 'known', value: '10.8.0.0/16' });
    expect(toPlain(probeWithResources('!Cidr [!GetAtt Vpc.CidrBlock, 2, 12]'))).toEqual(['10.8.0.0/20', '10.8.16.0/20']);
  });
  it('keeps known text around a reference inside a string', () => {
    const v = unknownOf(probeWithResources('!Sub "${Vpc.DefaultNetworkAcl}-acl-${AWS::Region}"', { region: 'ap-northeast-1' }));
    expect(v.expr).toBe('${Vpc.DefaultNetworkAcl}-acl-ap-northeast-1');
    expect(v.cause.inputs).toEqual(['after deploy']);
    const j = unknownOf(probeWithResources('!Join ["", ["arn:aws:ec2:::vpc/", !Ref Vpc]]'));
    expect(j.expr).toBe('arn:aws:ec2:::vpc/${Vpc}');
  });
  it('lets a string that is only a reference stand for the reference', () => {
    expect(probeWithResources('!Sub "${Vpc}"')).toMatchObject({ kind: 'ref', target: 'inline.yaml#Vpc' });
  });
  it('does not invent a reference to a name the template lacks', () => {
    const v = unknownOf(probeWithResources('!GetAtt Nothing.Arn'));
    expect(v.cause.inputs).toEqual([]);
    expect(v.cause.detail).toContain('Nothing');
  });
});

describe('strings', () => {
  it('substitutes variables, the variable map and literals', () => {
    expect(probe('!Sub ["${A}-${Env}-${!Literal}", {A: x}]', PARAMS)).toMatchObject({ value: 'x-prod-${Literal}' });
    expect(probe('!Join [":", [a, 1, true]]')).toMatchObject({ value: 'a:1:true' });
  });
  it('joins a list parameter and selects from a split', () => {
    expect(probe('!Join [";", !Ref Cidrs]', PARAMS)).toMatchObject({ value: '10.0.0.0/24;10.0.1.0/24' });
    expect(probe('!Select [2, !Split [".", "a.b.c"]]')).toMatchObject({ value: 'c' });
  });
  it('names every unknown input of a composed string', () => {
    const v = unknownOf(probe('!Sub "${Owner}-${AWS::AccountId}-${Env}"', PARAMS));
    expect(v.cause.inputs).toEqual(['parameter Owner', 'AWS::AccountId']);
    expect(v.expr).toBe('${Owner}-${AWS::AccountId}-prod');
  });
  it('encodes Base64 and measures lists', () => {
    expect(probe('!Base64 "echo hi"')).toMatchObject({ value: Buffer.from('echo hi').toString('base64') });
    expect(probe('{"Fn::Length": [a, b, c]}')).toMatchObject({ value: 3 });
    expect(probe('{"Fn::ToJsonString": {a: [1, "x"]}}')).toMatchObject({ value: '{"a":[1,"x"]}' });
  });
  it('reports a Select out of range as a template mistake', () => {
    const v = unknownOf(probe('!Select [5, [a, b]]'));
    expect(v.cause.inputs).toEqual([]);
    expect(v.cause.detail).toContain('index 5');
  });
});

describe('availability zones', () => {
  it('gives distinct zones of the region, so two subnets differ', () => {
    const a = probe('!Select [0, !GetAZs ""]', '', { region: 'ap-northeast-1' });
    const b = probe('!Select [1, !GetAZs ""]', '', { region: 'ap-northeast-1' });
    expect(a).toMatchObject({ kind: 'known', value: 'ap-northeast-1a' });
    expect(b).toMatchObject({ kind: 'known' });
    expect(toPlain(b)).not.toBe(toPlain(a));
    expect(String(toPlain(b))).toMatch(/^ap-northeast-1[a-z]$/);
  });
  it('keeps zones of an unknown region distinct placeholders', () => {
    const zones = toPlain(probe('!GetAZs {Ref: "AWS::Region"}')) as string[];
    expect(new Set(zones).size).toBe(zones.length);
    expect(zones[0]).toBe('[GetAZs:0]');
  });
});

describe('conditions and AWS::NoValue', () => {
  const HEAD = `${PARAMS}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  HasOwner: !Not [!Equals [!Ref Owner, ""]]
  ProdOrOwner: !Or [!Condition IsProd, !Condition HasOwner]
  ProdAndOwner: !And [!Condition IsProd, !Condition HasOwner]
  NotProdAndOwner: !And [!Not [!Condition IsProd], !Condition HasOwner]
  Loop1: !Condition Loop2
  Loop2: !Not [!Condition Loop1]
`;
  it('chooses the If branch of a known condition', () => {
    expect(probe('!If [IsProd, big, small]', HEAD)).toMatchObject({ value: 'big' });
    expect(probe('!If [IsProd, big, small]', HEAD, { params: { Env: 'dev' } })).toMatchObject({ value: 'small' });
  });
  it('uses three-valued logic: a known operand can decide And/Or', () => {
    expect(probe('!If [ProdOrOwner, y, n]', HEAD)).toMatchObject({ value: 'y' });
    expect(probe('!If [NotProdAndOwner, y, n]', HEAD)).toMatchObject({ value: 'n' });
    const v = unknownOf(probe('!If [ProdAndOwner, y, n]', HEAD));
    expect(v.cause.inputs).toEqual(['parameter Owner']);
    expect(v.cause.chain).toContain('condition HasOwner');
  });
  it('does not need the condition when both branches agree', () => {
    expect(probe('!If [HasOwner, 30, 30]', HEAD)).toMatchObject({ kind: 'known', value: 30 });
  });
  it('removes a property or list item that is AWS::NoValue', () => {
    const r = readText(`${HEAD}
Resources:
  Probe:
    Type: AWS::SSM::Parameter
    Properties:
      Kept: 1
      Gone: !Ref AWS::NoValue
      Chosen: !If [IsProd, !Ref AWS::NoValue, x]
      Items: [a, !If [IsProd, !Ref AWS::NoValue, b], c]
`);
    const attrs = resource(r, 'Probe').attrs;
    expect(Object.keys(attrs.fields)).toEqual(['Kept', 'Items']);
    expect(toPlain(attrs.fields['Items'])).toEqual(['a', 'c']);
  });
  it('survives circular and undeclared conditions', () => {
    expect(unknownOf(probe('!If [Loop1, a, b]', HEAD)).cause.detail).toContain('depends on itself');
    expect(unknownOf(probe('!If [Missing, a, b]', HEAD)).cause.detail).toContain('not declared');
  });
});

describe('mappings', () => {
  const HEAD = `${PARAMS}
Mappings:
  Regions:
    ap-northeast-1: { Ami: ami-tokyo, Tier: gov }
    ap-northeast-3: { Ami: ami-osaka, Tier: gov }
`;
  it('looks up known keys and falls back to DefaultValue', () => {
    expect(probe('!FindInMap [Regions, !Ref AWS::Region, Ami]', HEAD, { region: 'ap-northeast-3' })).toMatchObject({ value: 'ami-osaka' });
    expect(probe('!FindInMap [Regions, us-east-1, Ami, {DefaultValue: ami-x}]', HEAD)).toMatchObject({ value: 'ami-x' });
  });
  it('stays unknown on an unknown key unless every candidate agrees', () => {
    expect(unknownOf(probe('!FindInMap [Regions, !Ref AWS::Region, Ami]', HEAD)).cause.inputs).toEqual(['--region']);
    expect(probe('!FindInMap [Regions, !Ref AWS::Region, Tier]', HEAD)).toMatchObject({ kind: 'known', value: 'gov' });
  });
});

describe('Fn::Cidr', () => {
  it('splits IPv4 and IPv6 blocks', () => {
    expect(toPlain(probe('!Cidr [10.1.0.0/16, 3, 8]'))).toEqual(['10.1.0.0/24', '10.1.1.0/24', '10.1.2.0/24']);
    expect(toPlain(probe('!Cidr ["2001:db8:1200::/56", 2, 64]'))).toEqual(['2001:db8:1200::/64', '2001:db8:1200:1::/64']);
  });
  it('reports arguments that cannot work', () => {
    expect(unknownOf(probe('!Cidr [10.1.0.0/24, 4, 8]')).cause.detail).toContain('do not fit');
  });
});

describe('what cannot be known before deployment', () => {
  it('makes ImportValue, Transform and unknown tags unknown, never a crash', () => {
    expect(unknownOf(probe('!ImportValue shared-vpc')).cause.inputs).toEqual(['export shared-vpc']);
    expect(unknownOf(probe('!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}')).cause.inputs).toEqual([
      'macro AWS::Include',
    ]);
    expect(unknownOf(probe('!Rain::Embed script.sh')).cause.detail).toContain('!Rain::Embed');
    const included = unknownOf(probe('!Base64 {"Fn::Sub": {"Fn::Transform": {Name: AWS::Include, Parameters: {Location: s3://b/user-data.sh}}}}'));
    expect(included.cause.inputs).toEqual(['macro AWS::Include']);
    expect(unknownOf(probe('{"Fn::Nope": 1}')).cause.detail).toContain('Fn::Nope');
  });
  it('makes a mapping that AWS::Include merges into unknown as a whole: the snippet may add or replace any key', () => {
    const merged = unknownOf(probe('{Statement: [], "Fn::Transform": {Name: AWS::Include, Parameters: {Location: s3://b/policy.yaml}}}'));
    expect(merged.cause.inputs).toEqual(['macro AWS::Include']);
    expect(merged.cause.detail).toContain('merges content');
  });

  it('does not judge a resource whose Properties a macro writes, and says so', () => {
    const r = readText(`Resources:
  KansaLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /juki/kansa
      Fn::Transform:
        Name: AWS::Include
        Parameters: {Location: s3://juki-snippets/log-retention.yaml}
  Plain:
    Type: AWS::Logs::LogGroup
`);
    expect(r.resources.map((x) => x.address)).toEqual(['Plain']);
    expect(r.notScanned).toEqual([
      expect.objectContaining({ address: 'KansaLogs', cause: expect.objectContaining({ inputs: ['macro AWS::Include'], detail: expect.stringContaining('not judged') }) }),
    ]);
  });

  it('turns bad intrinsic arguments into unknowns with a reason', () => {
    for (const expr of ['!Select [a]', '!Join [","]', '!If [OnlyName]', '!Sub [1, 2, 3]', '!GetAtt NoDot', '!Equals [a]', '!Split [",", [1]]']) {
      const v = unknownOf(probe(expr));
      expect(v.cause.inputs).toEqual([]);
      expect(v.cause.detail.length).toBeGreaterThan(0);
    }
  });
});
