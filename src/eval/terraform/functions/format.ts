// format and formatlist: printf-style verbs as Terraform implements them
// (%v %#v %t %s %q %d %b %o %x %X %e %E %f %g %G %%, flags, width,
// precision and %[n] argument indexes).
import type { Value } from '../../../readers/value.js';
import { containsUnknown, known, list } from '../../../readers/value.js';
import { formatNumber, isNull, toBool, toNum, toStr, typeName } from '../convert.js';
import { TfEvalError } from '../errors.js';
import { checkCollectionSize, checkStringSize } from '../limits.js';
import { isUnknownish, unknownFrom } from '../unknowns.js';
import { argStr } from './args.js';
import { encodingFunctions } from './encoding.js';
import type { CallContext, FunctionTable } from './registry-types.js';

interface Spec {
  flags: string;
  width?: number;
  precision?: number;
  verb: string;
}

const VERB = /%([-+ #0]*)(?:\[(\d+)\])?(\d+)?(?:\.(\d*))?(?:\[(\d+)\])?([a-zA-Z%])/y;

function json(v: Value, ctx: CallContext): string {
  const encoded = encodingFunctions.jsonencode!.call([v], ctx);
  return toStr(encoded, 'value');
}

function integer(v: Value, verb: string): bigint {
  const n = toNum(v, `the %${verb} argument`);
  if (!Number.isInteger(n)) throw new TfEvalError(`%${verb} requires a whole number, got ${formatNumber(n)}`);
  return BigInt(n);
}

/** Go's %e: at least two exponent digits. Without a precision, the shortest exact digits. */
function exponent(n: number, precision: number | undefined, upper: boolean): string {
  const s = (precision === undefined ? n.toExponential() : n.toExponential(precision)).replace(/e([+-])(\d)$/, 'e$10$2');
  return upper ? s.toUpperCase() : s;
}

/** Go's %g: exponent form for very small or large numbers, plain digits otherwise. */
function general(n: number, precision: number | undefined, upper: boolean): string {
  const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
  const limit = precision === undefined ? 21 : Math.max(1, precision);
  let s: string;
  if (exp < -4 || exp >= limit) s = exponent(n, precision === undefined ? undefined : limit - 1, false);
  else s = precision === undefined ? formatNumber(n) : formatNumber(Number(n.toPrecision(limit)));
  return upper ? s.toUpperCase() : s;
}

function sign(body: string, negative: boolean, flags: string): string {
  if (negative) return '-' + body;
  if (flags.includes('+')) return '+' + body;
  if (flags.includes(' ')) return ' ' + body;
  return body;
}

function numeric(v: Value, spec: Spec): string {
  const { verb, flags, precision } = spec;
  if ('dboxX'.includes(verb)) {
    const n = integer(v, verb);
    const abs = n < 0n ? -n : n;
    const radix = verb === 'd' ? 10 : verb === 'b' ? 2 : verb === 'o' ? 8 : 16;
    let digits = abs.toString(radix);
    if (verb === 'X') digits = digits.toUpperCase();
    if (flags.includes('#')) digits = (verb === 'o' ? '0' : verb === 'x' ? '0x' : verb === 'X' ? '0X' : verb === 'b' ? '0b' : '') + digits;
    return sign(digits, n < 0n, flags);
  }
  const n = toNum(v, `the %${verb} argument`);
  const abs = Math.abs(n);
  let body: string;
  if (verb === 'f' || verb === 'F') body = abs.toFixed(Math.min(precision ?? 6, 100));
  else if (verb === 'e' || verb === 'E') body = exponent(abs, Math.min(precision ?? 6, 100), verb === 'E');
  else body = general(abs, precision, verb === 'G');
  return sign(body, n < 0 || Object.is(n, -0), flags);
}

function render(v: Value, spec: Spec, ctx: CallContext): string {
  const { verb, flags, precision } = spec;
  let body: string;
  let isNumeric = false;
  switch (verb) {
    case 'v':
      if (flags.includes('#') || v.kind === 'list' || v.kind === 'object') body = json(v, ctx);
      else if (isNull(v)) body = 'null';
      else body = toStr(v, 'the %v argument');
      break;
    case 's':
      if (v.kind !== 'known' || v.value === null) throw new TfEvalError(`%s requires a string, got ${typeName(v)}`);
      body = toStr(v, 'the %s argument');
      if (precision !== undefined) body = Array.from(body).slice(0, precision).join('');
      break;
    case 'q':
      body = JSON.stringify(toStr(v, 'the %q argument'));
      break;
    case 't':
      body = toBool(v, 'the %t argument') ? 'true' : 'false';
      break;
    case 'd':
    case 'b':
    case 'o':
    case 'x':
    case 'X':
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      body = numeric(v, spec);
      isNumeric = true;
      break;
    default:
      throw new TfEvalError(`unsupported format verb %${verb}`);
  }
  const width = spec.width ?? 0;
  const length = Array.from(body).length;
  if (length >= width) return body;
  const pad = width - length;
  if (flags.includes('-')) return body + ' '.repeat(pad);
  if (flags.includes('0') && isNumeric) {
    const signLength = /^[-+ ]/.test(body) ? 1 : 0;
    return body.slice(0, signLength) + '0'.repeat(pad) + body.slice(signLength);
  }
  return ' '.repeat(pad) + body;
}

export function formatString(spec: string, args: Value[], ctx: CallContext): string {
  let out = '';
  let next = 0;
  let maxUsed = 0;
  let i = 0;
  while (i < spec.length) {
    const pct = spec.indexOf('%', i);
    if (pct < 0) {
      out += spec.slice(i);
      break;
    }
    out += spec.slice(i, pct);
    VERB.lastIndex = pct;
    const m = VERB.exec(spec);
    if (!m) throw new TfEvalError(`invalid format sequence at offset ${pct} of ${JSON.stringify(spec)}`);
    i = pct + m[0].length;
    const [, flags = '', indexBefore, width, precision, indexAfter, verb] = m;
    if (verb === '%') {
      out += '%';
      continue;
    }
    const explicit = indexAfter ?? indexBefore;
    if (explicit !== undefined) next = Number(explicit) - 1;
    if (next < 0 || next >= args.length) throw new TfEvalError(`not enough arguments for ${m[0]} in the format string`);
    const s: Spec = { flags, verb: verb! };
    if (width !== undefined) s.width = Math.min(Number(width), 10_000);
    if (precision !== undefined) s.precision = precision === '' ? 0 : Number(precision);
    out += render(args[next]!, s, ctx);
    checkStringSize(out.length, 'format result');
    next++;
    maxUsed = Math.max(maxUsed, next);
  }
  if (maxUsed < args.length && !/%\[\d+\]/.test(spec)) {
    throw new TfEvalError(`too many arguments; only ${maxUsed} used by the format string`);
  }
  return out;
}

export const formatFunctions: FunctionTable = {
  format: {
    min: 1,
    max: Infinity,
    call: (args, ctx) => known(formatString(argStr(args, 0), args.slice(1), ctx), ctx.loc),
  },
  formatlist: {
    min: 1,
    max: Infinity,
    handlesUnknown: true,
    call: (args, ctx) => {
      const u = args.filter(isUnknownish);
      if (u.length > 0) return unknownFrom(u, ctx.loc, ctx.text);
      if (containsUnknown(args[0]!)) return unknownFrom([args[0]!], ctx.loc, ctx.text);
      const spec = argStr(args, 0);
      const rest = args.slice(1);
      let length: number | undefined;
      for (const a of rest) {
        if (a.kind !== 'list') continue;
        if (length !== undefined && a.items.length !== length) throw new TfEvalError('all list arguments must have the same length');
        length = a.items.length;
      }
      const n = length ?? 1;
      checkCollectionSize(n, 'formatlist result');
      const out: Value[] = [];
      for (let i = 0; i < n; i++) {
        ctx.budget.spend();
        const row = rest.map((a) => (a.kind === 'list' ? a.items[i]! : a));
        // One unknown element leaves only its own line unknown.
        out.push(row.some(containsUnknown) ? unknownFrom(row, ctx.loc, ctx.text) : known(formatString(spec, row, ctx), ctx.loc));
      }
      return list(out, ctx.loc);
    },
  },
};
