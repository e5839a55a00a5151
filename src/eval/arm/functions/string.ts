// String functions. concat and format keep the known parts of a string whose
// other parts are unknown, so a name shows as `kv-juki-[uniqueString(...)]`.
import type { Value } from '../../../readers/value.js';
import { known, list } from '../../../readers/value.js';
import { spend } from '../scope.js';
import { displayText, unknownFrom, unknownIn } from '../unknowns.js';
import { ArmEvalError, plainOf, typeName } from '../values.js';
import { arity, asInt, asString, checkedString, MAX_STRING, strict, values, type ArmFunction } from './types.js';
import { stringOfPlain } from './conversion.js';

/** concat of strings, or of arrays (items keep their own values, known or not). */
const concat: ArmFunction = (args, call) => {
  const vs = values('concat', args);
  if (vs.length === 0) return known('', call.loc);
  if (vs.some((v) => v.kind === 'list')) {
    // Charge before building: concat of an array with itself doubles it.
    spend(call.scope.budget, vs.reduce((n, v) => n + (v.kind === 'list' ? v.items.length : 0), 0));
    const items: Value[] = [];
    for (const v of vs) {
      if (v.kind === 'list') for (const item of v.items) items.push(item);
      else if (v.kind === 'known' && v.value === null) continue;
      else if (v.kind === 'unknown' || v.kind === 'ref') return unknownFrom(vs, call.expr, call.loc);
      else throw new ArmEvalError(`concat cannot join an array and ${typeName(v)}`);
    }
    return list(items, call.loc);
  }
  for (const v of vs) {
    if (v.kind !== 'known' && v.kind !== 'unknown' && v.kind !== 'ref') throw new ArmEvalError(`concat cannot join ${typeName(v)} with strings`);
  }
  const text = checkedString(vs.map(displayText).join(''));
  return unknownIn(vs, text, call.loc) ?? known(text, call.loc);
};

/** .NET composite formatting, with the specifiers templates use: D, N, X. */
function formatComposite(fmt: string, arg: (i: number, spec: string) => string): string {
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i]!;
    if (c === '{' && fmt[i + 1] === '{') {
      out += '{';
      i += 2;
    } else if (c === '}' && fmt[i + 1] === '}') {
      out += '}';
      i += 2;
    } else if (c === '{') {
      const end = fmt.indexOf('}', i);
      if (end < 0) throw new ArmEvalError('format string has an unclosed {');
      const m = /^(\d+)(?:,(-?\d+))?(?::(.*))?$/.exec(fmt.slice(i + 1, end));
      if (!m) throw new ArmEvalError(`invalid format item '${fmt.slice(i, end + 1)}'`);
      let text = arg(Number(m[1]), m[3] ?? '');
      const width = m[2] ? Number(m[2]) : 0;
      if (Math.abs(width) > text.length) text = width > 0 ? text.padStart(width) : text.padEnd(-width);
      out += text;
      i = end + 1;
    } else {
      out += c;
      i++;
    }
    checkedString(out);
  }
  return out;
}

function formatPlain(x: unknown, spec: string): string {
  if (spec === '') return stringOfPlain(x);
  const m = /^([DdNnXx])(\d*)$/.exec(spec);
  if (!m || typeof x !== 'number') throw new ArmEvalError(`kikan does not evaluate the format specifier ':${spec}'`);
  const digits = m[2] ? Number(m[2]) : undefined;
  switch (m[1]) {
    case 'D':
    case 'd':
      return (x < 0 ? '-' : '') + String(Math.abs(Math.trunc(x))).padStart(digits ?? 0, '0');
    case 'N':
    case 'n':
      return x.toLocaleString('en-US', { minimumFractionDigits: digits ?? 2, maximumFractionDigits: digits ?? 2 });
    default: {
      const hex = (Math.trunc(x) >>> 0).toString(16).padStart(digits ?? 0, '0');
      return m[1] === 'X' ? hex.toUpperCase() : hex;
    }
  }
}

const format: ArmFunction = (args, call) => {
  arity('format', args, 1, Infinity);
  const vs = values('format', args);
  const [fmtValue, ...rest] = vs;
  if (fmtValue!.kind !== 'known') return unknownFrom(vs, call.expr, call.loc);
  const fmt = asString('format', fmtValue!.value);
  const argAt = (i: number): Value => {
    const v = rest[i];
    if (!v) throw new ArmEvalError(`format refers to argument {${i}} but has ${rest.length}`);
    return v;
  };
  if (unknownIn(rest, call.expr, call.loc)) {
    // Show known parts as they are and unknown ones as their expression.
    const shown = formatComposite(fmt, (i, spec) => {
      const v = argAt(i);
      return v.kind === 'known' ? formatPlain(v.value, spec) : displayText(v);
    });
    return unknownFrom(rest, shown, call.loc);
  }
  return known(
    formatComposite(fmt, (i, spec) => formatPlain(plainOf(argAt(i)), spec)),
    call.loc,
  );
};

const padLeft = strict('padLeft', 2, 3, ([value, total, pad]) => {
  const s = typeof value === 'number' ? String(value) : asString('padLeft', value);
  const width = asInt('padLeft', total);
  const ch = pad === undefined ? ' ' : asString('padLeft', pad);
  if (ch.length !== 1) throw new ArmEvalError('padLeft takes a single padding character');
  return checkedString(s.padStart(Math.min(width, MAX_STRING + 1), ch));
});

const substring = strict('substring', 2, 3, ([s, start, len]) => {
  const str = asString('substring', s);
  const from = asInt('substring', start);
  const count = len === undefined ? str.length - from : asInt('substring', len);
  if (from < 0 || count < 0 || from + count > str.length) throw new ArmEvalError('substring range is outside the string');
  return str.substring(from, from + count);
});

const split = strict('split', 2, 2, ([s, delim]) => {
  const str = asString('split', s);
  const delims = Array.isArray(delim) ? delim.map((d) => asString('split', d)) : [asString('split', delim)];
  let parts = [str];
  for (const d of delims) if (d !== '') parts = parts.flatMap((p) => p.split(d));
  return parts;
});

const replace = strict('replace', 3, 3, ([s, from, to]) => {
  const f = asString('replace', from);
  if (f === '') throw new ArmEvalError('replace: the old string must not be empty');
  return checkedString(asString('replace', s).split(f).join(asString('replace', to)));
});

export const STRING_FUNCTIONS: Record<string, ArmFunction> = {
  concat,
  format,
  padleft: padLeft,
  substring,
  split,
  replace,
  tolower: strict('toLower', 1, 1, ([s]) => asString('toLower', s).toLowerCase()),
  toupper: strict('toUpper', 1, 1, ([s]) => asString('toUpper', s).toUpperCase()),
  trim: strict('trim', 1, 1, ([s]) => asString('trim', s).trim()),
  startswith: strict('startsWith', 2, 2, ([s, p]) =>
    asString('startsWith', s).toLowerCase().startsWith(asString('startsWith', p).toLowerCase()),
  ),
  endswith: strict('endsWith', 2, 2, ([s, p]) =>
    asString('endsWith', s).toLowerCase().endsWith(asString('endsWith', p).toLowerCase()),
  ),
};
