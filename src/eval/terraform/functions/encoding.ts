// JSON, YAML, base64 and URL encodings.
import type { Value } from '../../../readers/value.js';
import { containsUnknown, known, unknown } from '../../../readers/value.js';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { formatNumber, sortedKeys } from '../convert.js';
import { TfEvalError } from '../errors.js';
import { checkCollectionSize, checkStringSize } from '../limits.js';
import { collectCauses, mergeCauses, refName } from '../unknowns.js';
import { argStr } from './args.js';
import type { CallContext, FunctionTable } from './registry-types.js';

const MAX_DEPTH = 200;

/**
 * JSON as Terraform's jsonencode writes it: keys sorted, no spaces, and
 * `<`, `>`, `&` escaped. Unknown parts are written as `"${expression}"`
 * placeholders, so an unknown policy document still shows its known shape.
 */
function encodeJson(v: Value, ctx: CallContext, depth: number): string {
  if (depth > MAX_DEPTH) throw new TfEvalError('value nested too deeply to encode');
  ctx.budget.spend();
  switch (v.kind) {
    case 'known':
      if (typeof v.value === 'number') return formatNumber(v.value);
      return escapeHtml(JSON.stringify(v.value));
    case 'list':
      return `[${v.items.map((i) => encodeJson(i, ctx, depth + 1)).join(',')}]`;
    case 'object':
      return `{${sortedKeys(v.fields)
        .map((k) => `${escapeHtml(JSON.stringify(k))}:${encodeJson(v.fields[k]!, ctx, depth + 1)}`)
        .join(',')}}`;
    case 'ref':
      return JSON.stringify(`\${${refName(v)}}`);
    case 'unknown':
      return JSON.stringify(v.expr !== undefined && v.expr.includes('${') ? v.expr : `\${${v.expr ?? v.cause.inputs[0] ?? 'unknown'}}`);
  }
}

function escapeHtml(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Plain JSON/YAML data to values, every node at the call's location. */
function fromData(x: unknown, ctx: CallContext, depth: number): Value {
  if (depth > MAX_DEPTH) throw new TfEvalError('document nested too deeply');
  ctx.budget.spend();
  if (x === null || x === undefined) return known(null, ctx.loc);
  if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return known(x, ctx.loc);
  if (x instanceof Date) return known(x.toISOString(), ctx.loc);
  if (Array.isArray(x)) {
    checkCollectionSize(x.length, 'decoded list');
    return { kind: 'list', items: x.map((i) => fromData(i, ctx, depth + 1)), loc: ctx.loc };
  }
  if (typeof x === 'object') {
    const fields: Record<string, Value> = Object.create(null);
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) fields[k] = fromData(v, ctx, depth + 1);
    return { kind: 'object', fields, loc: ctx.loc };
  }
  return known(String(x), ctx.loc);
}

function toData(v: Value, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new TfEvalError('value nested too deeply to encode');
  switch (v.kind) {
    case 'known':
      return v.value;
    case 'list':
      return v.items.map((i) => toData(i, depth + 1));
    case 'object':
      // A Map keeps any key (even `__proto__`) as data.
      return new Map(sortedKeys(v.fields).map((k) => [k, toData(v.fields[k]!, depth + 1)]));
    default:
      throw new TfEvalError('cannot encode an unknown value');
  }
}

export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TfEvalError(`${what} is not valid UTF-8`);
  }
}

export const encodingFunctions: FunctionTable = {
  jsonencode: {
    min: 1,
    max: 1,
    handlesUnknown: true,
    call: (args, ctx) => {
      const text = encodeJson(args[0]!, ctx, 0);
      checkStringSize(text.length, 'jsonencode result');
      if (!containsUnknown(args[0]!)) return known(text, ctx.loc);
      return unknown(mergeCauses(collectCauses(args[0]!)), ctx.loc, text);
    },
  },
  jsondecode: {
    min: 1,
    max: 1,
    call: (args, ctx) => {
      let data: unknown;
      try {
        data = JSON.parse(argStr(args, 0));
      } catch (e) {
        throw new TfEvalError(`invalid JSON: ${(e as Error).message}`);
      }
      return fromData(data, ctx, 0);
    },
  },
  yamlencode: {
    min: 1,
    max: 1,
    call: (args, ctx) => {
      const text = stringifyYaml(toData(args[0]!, 0), { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'QUOTE_DOUBLE', lineWidth: 0 });
      return known(text, ctx.loc);
    },
  },
  yamldecode: {
    min: 1,
    max: 1,
    call: (args, ctx) => {
      let data: unknown;
      try {
        data = parseYaml(argStr(args, 0), { maxAliasCount: 100 });
      } catch (e) {
        throw new TfEvalError(`invalid YAML: ${(e as Error).message}`);
      }
      return fromData(data, ctx, 0);
    },
  },
  base64encode: { min: 1, max: 1, call: (args, ctx) => known(Buffer.from(argStr(args, 0), 'utf8').toString('base64'), ctx.loc) },
  base64decode: {
    min: 1,
    max: 1,
    call: (args, ctx) => {
      const s = argStr(args, 0);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) throw new TfEvalError('the string is not valid base64');
      return known(decodeUtf8(Buffer.from(s, 'base64'), 'the decoded data'), ctx.loc);
    },
  },
  urlencode: {
    min: 1,
    max: 1,
    call: (args, ctx) =>
      known(
        encodeURIComponent(argStr(args, 0))
          .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
          .replace(/%20/g, '+'),
        ctx.loc,
      ),
  },
};
