// Hand-built native resources as the Terraform and CloudFormation readers
// produce them: every value located on its own line, refs and unknowns
// written with tfRef/cfnRef/unk.
import type { NativeResource, SourceKind } from '../../../../src/readers/native.js';
import type { ObjectValue, SourceLoc, Value } from '../../../../src/readers/value.js';
import { known, list, obj, ref, unknown } from '../../../../src/readers/value.js';

let nextLine = 1;

function isValue(x: unknown): x is Value {
  if (typeof x !== 'object' || x === null) return false;
  const k = (x as { kind?: unknown }).kind;
  return (
    (k === 'ref' && 'target' in x) ||
    (k === 'unknown' && 'cause' in x) ||
    (k === 'known' && 'value' in x) ||
    (k === 'list' && 'items' in x) ||
    (k === 'object' && 'fields' in x)
  );
}

/** Converts plain data to located values; Values inside are kept (and located when they have no loc). */
export function val(x: unknown, file: string): Value {
  const loc: SourceLoc = { file, line: nextLine++ };
  if (isValue(x)) return x.loc ? x : { ...x, loc };
  if (x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return known(x, loc);
  if (Array.isArray(x)) return list(x.map((i) => val(i, file)), loc);
  if (typeof x === 'object') {
    const f: Record<string, Value> = {};
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) f[k] = val(v, file);
    return obj(f, loc);
  }
  return known(null, loc);
}

export interface BuildOptions {
  scope?: string;
  file?: string;
  region?: unknown;
  source?: SourceKind;
}

/** A Terraform resource `type.name` in root module `.`; nested blocks are written as lists of objects. */
export function tf(type: string, name: string, attrs: Record<string, unknown>, o: BuildOptions = {}): NativeResource {
  const scope = o.scope ?? '.';
  const file = o.file ?? 'main.tf';
  const address = `${type}.${name}`;
  const loc = { file, line: nextLine++ };
  const r: NativeResource = {
    source: o.source ?? 'terraform',
    cloud: 'aws',
    type,
    address,
    key: `${scope}#${address}`,
    scope,
    attrs: val(attrs, file) as ObjectValue,
    loc,
  };
  if (o.region !== undefined) r.region = val(o.region, file);
  return r;
}

/** A CloudFormation resource of template.yaml with Properties. */
export function cfn(type: string, logicalId: string, props: Record<string, unknown>, o: BuildOptions = {}): NativeResource {
  const file = o.file ?? 'template.yaml';
  const loc = { file, line: nextLine++ };
  const r: NativeResource = {
    source: 'cloudformation',
    cloud: 'aws',
    type,
    address: logicalId,
    key: `${file}#${logicalId}`,
    scope: file,
    attrs: val(props, file) as ObjectValue,
    loc,
  };
  if (o.region !== undefined) r.region = val(o.region, file);
  return r;
}

/** `aws_kms_key.k.arn` in root module `.`. */
export function tfRef(address: string, attribute: string, scope = '.'): Value {
  return ref(`${scope}#${address}`, attribute);
}

/** `!Ref X` / `!GetAtt X.Arn` in template.yaml. */
export function cfnRef(logicalId: string, attribute = 'Ref', file = 'template.yaml'): Value {
  return ref(`${file}#${logicalId}`, attribute);
}

export function unk(input: string, detail = `${input} is not set`, expr?: string): Value {
  return unknown({ inputs: [input], detail }, undefined, expr);
}
