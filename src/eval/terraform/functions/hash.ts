// Hashes of strings, and the functions whose result is new on every run.
import { createHash } from 'node:crypto';
import { known, unknown } from '../../../readers/value.js';
import { TfEvalError } from '../errors.js';
import { argStr } from './args.js';
import type { FunctionTable, TfFunction } from './registry-types.js';

function digest(algorithm: string, encoding: 'hex' | 'base64'): TfFunction {
  return {
    min: 1,
    max: 1,
    call: (args, ctx) => known(createHash(algorithm).update(argStr(args, 0), 'utf8').digest(encoding), ctx.loc),
  };
}

/** A value Terraform makes anew at apply time: never known before. */
function generated(name: string, min: number, max: number): TfFunction {
  return {
    min,
    max,
    handlesUnknown: true,
    call: (_, ctx) => unknown({ inputs: [`${name}() (known after apply)`], detail: `${name}() is generated when the configuration is applied` }, ctx.loc, ctx.text),
  };
}

/** RFC 4122 name-based UUID, version 5 (SHA-1) — deterministic, so computable. */
function uuidv5(namespace: string, name: string): string {
  const namespaces: Record<string, string> = {
    dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
    url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
    oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
    x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
  };
  const ns = namespaces[namespace] ?? namespace;
  const nsBytes = Buffer.from(ns.replace(/-/g, ''), 'hex');
  if (nsBytes.length !== 16) throw new TfEvalError(`invalid namespace ${JSON.stringify(namespace)}`);
  const hash = createHash('sha1').update(nsBytes).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const hashFunctions: FunctionTable = {
  md5: digest('md5', 'hex'),
  sha1: digest('sha1', 'hex'),
  sha256: digest('sha256', 'hex'),
  sha512: digest('sha512', 'hex'),
  base64sha256: digest('sha256', 'base64'),
  base64sha512: digest('sha512', 'base64'),
  uuidv5: {
    min: 2,
    max: 2,
    call: (args, ctx) => known(uuidv5(argStr(args, 0), argStr(args, 1)), ctx.loc),
  },
  uuid: generated('uuid', 0, 0),
  timestamp: generated('timestamp', 0, 0),
  plantimestamp: generated('plantimestamp', 0, 0),
  bcrypt: generated('bcrypt', 1, 2),
};
