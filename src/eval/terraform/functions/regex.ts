// regex and regexall: the shape of the result follows the pattern's
// capture groups (none: the match; unnamed: a list; named: an object).
import type { Value } from '../../../readers/value.js';
import { known, list } from '../../../readers/value.js';
import { TfEvalError } from '../errors.js';
import { checkCollectionSize } from '../limits.js';
import { argStr } from './args.js';
import { compileRegex } from './regex-syntax.js';
import type { CallContext, FunctionTable } from './registry-types.js';

function captureShape(re: RegExp): { count: number; names: string[] } {
  const probe = new RegExp(`${re.source}|`, re.flags.replace('g', '')).exec('')!;
  return { count: probe.length - 1, names: Object.keys(probe.groups ?? {}) };
}

function matchValue(m: RegExpExecArray, shape: { count: number; names: string[] }, ctx: CallContext): Value {
  const str = (s: string | undefined): Value => known(s ?? null, ctx.loc);
  if (shape.count === 0) return str(m[0]);
  if (shape.names.length === 0) return list(m.slice(1).map(str), ctx.loc);
  const fields: Record<string, Value> = Object.create(null);
  for (const n of shape.names) fields[n] = str(m.groups![n]);
  return { kind: 'object', fields, loc: ctx.loc };
}

function compile(args: Value[], global: boolean): { re: RegExp; subject: string; shape: { count: number; names: string[] } } {
  const pattern = argStr(args, 0);
  const subject = argStr(args, 1);
  const re = compileRegex(pattern, subject, global ? 'g' : '');
  const shape = captureShape(re);
  if (shape.names.length > 0 && shape.names.length !== shape.count) {
    throw new TfEvalError('the pattern mixes named and unnamed capture groups');
  }
  return { re, subject, shape };
}

export const regexFunctions: FunctionTable = {
  regex: {
    min: 2,
    max: 2,
    call: (args, ctx) => {
      const { re, subject, shape } = compile(args, false);
      const m = re.exec(subject);
      if (!m) throw new TfEvalError('the pattern did not match');
      return matchValue(m, shape, ctx);
    },
  },
  regexall: {
    min: 2,
    max: 2,
    call: (args, ctx) => {
      const { re, subject, shape } = compile(args, true);
      const out: Value[] = [];
      for (const m of subject.matchAll(re)) {
        ctx.budget.spend();
        out.push(matchValue(m, shape, ctx));
        checkCollectionSize(out.length, 'regexall result');
      }
      return list(out, ctx.loc);
    },
  },
};
