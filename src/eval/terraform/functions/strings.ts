// String functions. Arguments reach them fully known (the evaluator turns a
// call with unknown arguments into an unknown result first).
import type { Value } from '../../../readers/value.js';
import { known, list } from '../../../readers/value.js';
import { toStr } from '../convert.js';
import { TfEvalError } from '../errors.js';
import { checkCollectionSize, checkStringSize } from '../limits.js';
import { argInt, argList, argStr } from './args.js';
import { graphemes } from './collection.js';
import { compileRegex, goReplacement } from './regex-syntax.js';
import type { CallContext, FunctionTable, TfFunction } from './registry-types.js';

function str(s: string, ctx: CallContext): Value {
  checkStringSize(s.length, 'result');
  return known(s, ctx.loc);
}

/** A function of one string argument returning a string. */
function mapString(f: (s: string) => string): TfFunction {
  return { min: 1, max: 1, call: (args, ctx) => str(f(argStr(args, 0)), ctx) };
}

/** A predicate of two strings. */
function testStrings(f: (s: string, t: string) => boolean): TfFunction {
  return { min: 2, max: 2, call: (args, ctx) => known(f(argStr(args, 0), argStr(args, 1)), ctx.loc) };
}

function trimSet(s: string, cutset: string): string {
  const cut = new Set(Array.from(cutset));
  const chars = Array.from(s);
  let a = 0;
  let b = chars.length;
  while (a < b && cut.has(chars[a]!)) a++;
  while (b > a && cut.has(chars[b - 1]!)) b--;
  return chars.slice(a, b).join('');
}

/** Go's strings.Title: upper-case the first letter of every word. */
function title(s: string): string {
  return s.replace(/(^|[^\p{L}\p{N}_])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

export const stringFunctions: FunctionTable = {
  join: {
    min: 2,
    max: Infinity,
    call: (args, ctx) => {
      const sep = argStr(args, 0);
      const parts: string[] = [];
      for (let i = 1; i < args.length; i++) {
        for (const [j, v] of argList(args, i).entries()) parts.push(toStr(v, `element ${j} of argument ${i + 1}`));
      }
      ctx.budget.spend(parts.length);
      return str(parts.join(sep), ctx);
    },
  },
  split: {
    min: 2,
    max: 2,
    call: (args, ctx) => {
      const sep = argStr(args, 0);
      const s = argStr(args, 1);
      const parts = sep === '' ? graphemes(s) : s.split(sep);
      checkCollectionSize(parts.length, 'split result');
      return list(
        parts.map((p) => known(p, ctx.loc)),
        ctx.loc,
      );
    },
  },
  replace: {
    min: 3,
    max: 3,
    call: (args, ctx) => {
      const s = argStr(args, 0);
      const search = argStr(args, 1);
      const replacement = argStr(args, 2);
      if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) {
        const re = compileRegex(search.slice(1, -1), s, 'g');
        return str(s.replace(re, goReplacement(replacement)), ctx);
      }
      if (search === '') throw new TfEvalError('the substring to replace must not be empty');
      return str(s.split(search).join(replacement), ctx);
    },
  },
  lower: mapString((s) => s.toLowerCase()),
  upper: mapString((s) => s.toUpperCase()),
  title: mapString(title),
  trimspace: mapString((s) => s.replace(/^\s+|\s+$/gu, '')),
  chomp: mapString((s) => s.replace(/(?:\r\n|\n|\r)+$/, '')),
  strrev: mapString((s) => graphemes(s).reverse().join('')),
  trim: { min: 2, max: 2, call: (args, ctx) => str(trimSet(argStr(args, 0), argStr(args, 1)), ctx) },
  trimprefix: {
    min: 2,
    max: 2,
    call: (args, ctx) => {
      const [s, p] = [argStr(args, 0), argStr(args, 1)];
      return str(s.startsWith(p) ? s.slice(p.length) : s, ctx);
    },
  },
  trimsuffix: {
    min: 2,
    max: 2,
    call: (args, ctx) => {
      const [s, p] = [argStr(args, 0), argStr(args, 1)];
      return str(p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s, ctx);
    },
  },
  substr: {
    min: 3,
    max: 3,
    call: (args, ctx) => {
      const chars = graphemes(argStr(args, 0));
      let offset = argInt(args, 1);
      const length = argInt(args, 2);
      if (offset < 0) offset = Math.max(0, chars.length + offset);
      if (offset > chars.length) throw new TfEvalError(`offset ${offset} is beyond the end of the string`);
      const end = length < 0 ? chars.length : Math.min(chars.length, offset + length);
      return str(chars.slice(offset, end).join(''), ctx);
    },
  },
  indent: {
    min: 2,
    max: 2,
    call: (args, ctx) => {
      const pad = ' '.repeat(Math.max(0, Math.min(argInt(args, 0), 1000)));
      return str(argStr(args, 1).replace(/\n/g, '\n' + pad), ctx);
    },
  },
  startswith: testStrings((s, p) => s.startsWith(p)),
  endswith: testStrings((s, p) => s.endsWith(p)),
  strcontains: testStrings((s, p) => s.includes(p)),
};
