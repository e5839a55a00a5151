// Terraform's regular expressions are Go RE2. This compiles the common
// subset into JavaScript RegExps, and refuses what a backtracking engine
// could take exponential time on (RE2 never does), so no pattern hangs a scan.
import { TfEvalError, TfLimitError } from '../errors.js';

/** Longest subject a pattern is run against. */
const MAX_SUBJECT = 200_000;

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\t\\n\\v\\f\\r ',
  blank: '\\t ',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
  ascii: '\\x00-\\x7f',
};

/** A group that contains a quantifier and is itself repeated: `(a+)+`, `(\w*\s?)*`. */
function hasNestedQuantifier(p: string): boolean {
  const stack: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') stack.push(false);
    else if (c === ')') {
      const inner = stack.pop() ?? false;
      const next = p[i + 1];
      const repeated = next === '*' || next === '+' || (next === '{' && /^\{\d*,\d*\}/.test(p.slice(i + 1)));
      if (inner && repeated) return true;
      if (stack.length > 0 && (inner || repeated)) stack[stack.length - 1] = true;
    } else if ((c === '*' || c === '+' || c === '{') && stack.length > 0) {
      stack[stack.length - 1] = true;
    }
  }
  return false;
}

function translate(pattern: string): { source: string; flags: string } {
  let source = pattern;
  let flags = '';
  const leading = /^\(\?([imsU]+)\)/.exec(source);
  if (leading) {
    if (leading[1]!.includes('U')) throw new TfEvalError('the regular expression flag U is not supported');
    flags = Array.from(new Set(leading[1]!)).join('');
    source = source.slice(leading[0].length);
  }
  source = source
    .replace(/\\Q([\s\S]*?)(?:\\E|$)/g, (_, lit: string) => lit.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '(?<![\\s\\S])')
    .replace(/\\z/g, '(?![\\s\\S])')
    .replace(/\[:(\^?)([a-z]+):\]/g, (whole, neg: string, name: string) => {
      const cls = POSIX_CLASSES[name];
      if (!cls) return whole;
      if (neg) throw new TfEvalError(`negated POSIX class [:^${name}:] is not supported`);
      return cls;
    });
  if (/\(\?[imsU-]+[:)]/.test(source)) throw new TfEvalError('inline regular expression flags are only supported at the start');
  return { source, flags };
}

export function compileRegex(pattern: string, subject: string, extraFlags = ''): RegExp {
  if (subject.length > MAX_SUBJECT) throw new TfLimitError(`string of ${subject.length} characters is too long for a regular expression`);
  if (hasNestedQuantifier(pattern)) {
    throw new TfLimitError(`the regular expression ${JSON.stringify(pattern)} repeats a repeated group, which kikan does not run`);
  }
  const { source, flags } = translate(pattern);
  for (const unicode of ['u', '']) {
    try {
      return new RegExp(source, flags + extraFlags + unicode);
    } catch {
      // Some RE2 escapes are invalid in unicode mode; retry without it.
    }
  }
  throw new TfEvalError(`invalid regular expression ${JSON.stringify(pattern)}`);
}

/** Go's regexp Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`. */
export function goReplacement(template: string): (match: string, ...rest: unknown[]) => string {
  return (match: string, ...rest: unknown[]) => {
    const last = rest[rest.length - 1];
    const groups = typeof last === 'object' && last !== null ? (last as Record<string, string | undefined>) : undefined;
    const numbered = rest.slice(0, groups ? -3 : -2) as (string | undefined)[];
    return template.replace(/\$(?:\$|\{(\w+)\}|(\w+))/g, (token, braced?: string, bare?: string) => {
      if (token === '$$') return '$';
      const name = braced ?? bare!;
      if (/^\d+$/.test(name)) {
        const n = Number(name);
        return n === 0 ? match : (numbered[n - 1] ?? '');
      }
      return groups?.[name] ?? '';
    });
  };
}
