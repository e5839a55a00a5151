// A scope shaped like the Terraform reader's: variables (one unset), locals,
// resources with refTarget (single, count and for_each), a module output, a
// data source, count/each symbols.
import type { TfScope } from '../../../src/eval/terraform/scope.js';
import { evaluateTfString } from '../../../src/eval/terraform/index.js';
import type { ObjectValue, SourceLoc, Value } from '../../../src/readers/value.js';
import { fromPlain, known, list, obj, ref, toPlain, unknown } from '../../../src/readers/value.js';

export const LOC: SourceLoc = { file: 'network/main.tf', line: 12 };
export const VAR_LOC: SourceLoc = { file: 'network/variables.tf', line: 3 };

function resource(key: string, attrs: Record<string, Value>): ObjectValue {
  const o = obj(attrs, { file: 'network/main.tf', line: 40 });
  o.refTarget = key;
  return o;
}

const unsetCause = { inputs: ['var.retention'], detail: 'variable retention has no value' };

export const NAMES: Record<string, Value> = {
  var: obj({
    env: known('prod', VAR_LOC),
    cidr: known('10.20.0.0/16', VAR_LOC),
    azs: list([known('ap-northeast-1a', VAR_LOC), known('ap-northeast-1c', VAR_LOC)], VAR_LOC),
    tags: obj({ Owner: known('joho', VAR_LOC), 'lg:segment': known('mynumber', VAR_LOC) }, VAR_LOC),
    retention: unknown(unsetCause),
    region: unknown({ inputs: ['var.region'], detail: 'variable region has no value', chain: ['module.net: var.region'] }),
    enabled: known(true, VAR_LOC),
    empty: known('', VAR_LOC),
    nothing: known(null, VAR_LOC),
    numbers: list([known(3), known(1), known(2)]),
    settings: obj({ retention: known(400), kms: obj({ alias: known('alias/logs') }) }),
    mixed: list([known('a'), unknown(unsetCause), known('c')]),
    subnets: fromPlain({ app: { cidr: '10.20.1.0/24', az: 'a' }, db: { cidr: '10.20.2.0/24', az: 'c' } }, VAR_LOC),
  }),
  local: obj({
    name: known('kikan-prod'),
    prefix: unknown({ inputs: ['var.project'], detail: 'variable project has no value' }, undefined, 'kk-${var.project}'),
    broken: unknown({ inputs: [], detail: 'error: call to unknown function "nosuch"' }),
  }),
  aws_vpc: obj({
    main: resource('net#aws_vpc.main', { cidr_block: known('10.20.0.0/16'), ipv6_cidr_block: known(null), tags: obj({ Name: known('main') }) }),
  }),
  aws_instance: obj({
    web: resource('net#aws_instance.web', {
      ami: known('ami-123'),
      root_block_device: list([obj({ volume_size: known(20) })]),
    }),
  }),
  aws_subnet: obj({
    app: list([
      resource('net#aws_subnet.app[0]', { cidr_block: known('10.20.1.0/24') }),
      resource('net#aws_subnet.app[1]', { cidr_block: known('10.20.2.0/24') }),
    ]),
    each: obj({
      a: resource('net#aws_subnet.each["a"]', { availability_zone: known('ap-northeast-1a') }),
      c: resource('net#aws_subnet.each["c"]', { availability_zone: known('ap-northeast-1c') }),
    }),
  }),
  module: obj({
    net: obj({ subnet_ids: list([ref('net#aws_subnet.app[0]', 'id'), ref('net#aws_subnet.app[1]', 'id')]) }),
  }),
  data: obj({
    aws_caller_identity: obj({
      current: unknown({ inputs: ['data.aws_caller_identity.current'], detail: 'data sources are read at plan time' }),
    }),
  }),
  count: obj({ index: known(1) }),
  each: obj({ key: known('app'), value: obj({ cidr: known('10.20.1.0/24') }) }),
  path: obj({ module: known('modules/net') }),
};

export function scopeWith(names: Record<string, Value> = NAMES, files: Record<string, string> = {}): TfScope {
  return {
    loc: LOC,
    lookup: (name) => (Object.prototype.hasOwnProperty.call(names, name) ? names[name] : undefined),
    readFile: (p) => (Object.prototype.hasOwnProperty.call(files, p) ? Buffer.from(files[p]!, 'utf8') : undefined),
  };
}

/** Evaluate a hcl2json string in the fixture scope. */
export function ev(s: string, scope: TfScope = scopeWith()): Value {
  return evaluateTfString(s, scope);
}

/** Evaluate `${expr}` and return plain JSON (unknown parts become undefined). */
export function plain(expr: string, scope: TfScope = scopeWith()): unknown {
  return toPlain(ev('${' + expr + '}', scope));
}
