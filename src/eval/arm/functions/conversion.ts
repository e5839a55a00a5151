// Conversions between types and encodings: string, int, bool, float, json,
// base64, data URIs and URIs.
import { parse, type ParseError } from 'jsonc-parser';
import { ArmEvalError } from '../values.js';
import { asString, checkedString, strict, type ArmFunction } from './types.js';

/** ARM's string(): .NET spelling of booleans, compact JSON for arrays and objects. */
export function stringOfPlain(x: unknown): string {
  if (typeof x === 'string') return x;
  if (typeof x === 'boolean') return x ? 'True' : 'False';
  if (x === null || x === undefined) return '';
  if (typeof x === 'number') return String(x);
  return checkedString(JSON.stringify(x));
}

/** json() reads JSON as ARM does: comments and trailing commas allowed. */
function parseJson(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) throw new ArmEvalError('json: the argument is not valid JSON');
  return value;
}

function fromBase64(s: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw new ArmEvalError('not a base64 string');
  return Buffer.from(s, 'base64').toString('utf8');
}

const DATA_URI_PREFIX = 'data:text/plain;charset=utf8;base64,';

export const CONVERSION_FUNCTIONS: Record<string, ArmFunction> = {
  string: strict('string', 1, 1, ([x]) => stringOfPlain(x)),
  int: strict('int', 1, 1, ([x]) => {
    if (typeof x === 'number') return Math.trunc(x);
    const s = asString('int', x).trim();
    if (!/^[+-]?\d+$/.test(s)) throw new ArmEvalError(`int: '${s}' is not an integer`);
    return Number(s);
  }),
  float: strict('float', 1, 1, ([x]) => {
    const n = typeof x === 'number' ? x : Number(asString('float', x));
    if (!Number.isFinite(n)) throw new ArmEvalError('float: not a number');
    return n;
  }),
  bool: strict('bool', 1, 1, ([x]) => {
    if (typeof x === 'boolean') return x;
    if (typeof x === 'number') return x !== 0;
    const s = asString('bool', x).toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
    throw new ArmEvalError(`bool: '${s}' is not a boolean`);
  }),
  json: strict('json', 1, 1, ([x]) => parseJson(asString('json', x))),
  base64: strict('base64', 1, 1, ([x]) => Buffer.from(asString('base64', x), 'utf8').toString('base64')),
  base64tostring: strict('base64ToString', 1, 1, ([x]) => fromBase64(asString('base64ToString', x))),
  base64tojson: strict('base64ToJson', 1, 1, ([x]) => parseJson(fromBase64(asString('base64ToJson', x)))),
  datauri: strict('dataUri', 1, 1, ([x]) => DATA_URI_PREFIX + Buffer.from(stringOfPlain(x), 'utf8').toString('base64')),
  datauritostring: strict('dataUriToString', 1, 1, ([x]) => {
    const m = /^data:[^,]*?(;base64)?,(.*)$/s.exec(asString('dataUriToString', x));
    if (!m) throw new ArmEvalError('dataUriToString: not a data URI');
    return m[1] ? fromBase64(m[2]!) : decodeURIComponent(m[2]!);
  }),
  uri: strict('uri', 2, 2, ([base, rel]) => {
    try {
      return new URL(asString('uri', rel), asString('uri', base)).toString();
    } catch {
      throw new ArmEvalError('uri: not a valid URI');
    }
  }),
  uricomponent: strict('uriComponent', 1, 1, ([x]) => encodeURIComponent(asString('uriComponent', x))),
  uricomponenttostring: strict('uriComponentToString', 1, 1, ([x]) => {
    try {
      return decodeURIComponent(asString('uriComponentToString', x));
    } catch {
      throw new ArmEvalError('uriComponentToString: malformed escape');
    }
  }),
};

