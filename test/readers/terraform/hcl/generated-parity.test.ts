import { describe, expect, it } from 'vitest';
import { parseWithHcl2json } from '../../../../src/bench/hcl2json-oracle.js';
import { parseHclNative } from '../../../../src/readers/terraform/hcl/index.js';

// Seeded random HCL: bodies, blocks, templates with strip markers and
// directives, heredocs, every expression form, then sometimes damaged,
// switched to CRLF or given a BOM. Each must come out of our parser exactly as
// out of hcl2json (or be rejected by both).

function generator(seed: number): (source?: 'body') => string {
  let state = seed;
  const random = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number): boolean => random() < p;
  const names = ['a', 'b_c', 'd-e', 'x1', 'é', 'var', 'each', 'count'];
  const numbers = ['0', '1', '42', '1.5', '1e3', '1E-2', '007', '0.10', '1.e5', '12345678901234567890', '1e21'];
  const literals = ['abc', ' ', '  ', '\\n', '\\t', '\\"', '\\\\', '\\u00e9', '\\U0001F600', '$${x}', '%%{y}', '$', '%', 'a\u0301', '{', '}', '~', '#'];
  const spaces = (): string => pick(['', ' ', '  ', '\t']);

  const template = (depth: number, heredoc: boolean): string => {
    let s = '';
    for (let n = Math.floor(random() * 5); n > 0; n--) {
      const r = random();
      if (r < 0.4) s += pick(heredoc ? literals.filter((l) => !l.startsWith('\\')) : literals);
      else if (r < 0.7) s += `\${${chance(0.3) ? '~' : ''}${spaces()}${expr(depth + 1)}${spaces()}${chance(0.3) ? '~' : ''}}`;
      else if (r < 0.85) {
        s += `%{${chance(0.3) ? '~' : ''} if ${expr(depth + 1)} ${chance(0.3) ? '~' : ''}}${template(depth + 1, heredoc)}`;
        if (chance(0.5)) s += `%{ else }${template(depth + 1, heredoc)}`;
        s += `%{ endif ${chance(0.3) ? '~' : ''}}`;
      } else {
        s += `%{ for ${chance(0.5) ? 'k, ' : ''}v in ${expr(depth + 1)} }${template(depth + 1, heredoc)}%{ endfor }`;
      }
      if (heredoc && chance(0.4)) s += '\n' + pick(['', ' ', '  ', '    ', '\t']);
    }
    return s;
  };

  const list = (depth: number, separator: string): string =>
    Array.from({ length: Math.floor(random() * 3) }, () => expr(depth + 1)).join(separator);

  const expr = (depth = 0): string => {
    if (depth > 3) return pick([pick(numbers), '"s"', 'x']);
    const r = random();
    if (r < 0.12) return pick(numbers);
    if (r < 0.2) return pick(['true', 'false', 'null']);
    if (r < 0.3) {
      let s = pick(names);
      for (let n = Math.floor(random() * 3); n > 0; n--) s += pick(['.x', '.0', '[0]', '["k"]', '[*]', '.*', `[${expr(depth + 1)}]`]);
      return s;
    }
    if (r < 0.45) return `"${template(depth, false)}"`;
    if (r < 0.52) {
      const marker = pick(['EOT', 'END']);
      return `<<${chance(0.5) ? '-' : ''}${marker}\n${pick(['', '  ', '    '])}${template(depth, true)}\n${pick(['', '  '])}${marker}\n`;
    }
    if (r < 0.6) return `[${list(depth, ', ')}${chance(0.2) ? ',' : ''}]`;
    if (r < 0.7) {
      const items = Array.from(
        { length: Math.floor(random() * 3) },
        () => `${pick([pick(names), '"k"', '(x)', '1', 'a.b', '"${x}"', 'null'])}${spaces()}${pick(['=', ':'])} ${expr(depth + 1)}`,
      );
      return `{${items.join(pick([', ', '\n']))}}`;
    }
    if (r < 0.76) return pick(['-', '!']) + expr(depth + 1);
    if (r < 0.82) return `${expr(depth + 1)} ${pick(['+', '-', '*', '/', '%', '==', '!=', '<', '>=', '&&', '||'])} ${expr(depth + 1)}`;
    if (r < 0.86) return `${expr(depth + 1)} ? ${expr(depth + 1)} : ${expr(depth + 1)}`;
    if (r < 0.9) return `${pick(['f', 'upper', 'provider::p::f'])}(${list(depth, ', ')}${chance(0.2) ? '...' : ''})`;
    if (r < 0.94) return `(${expr(depth + 1)})`;
    if (r < 0.97) return `[for ${chance(0.5) ? 'k, ' : ''}v in ${expr(depth + 1)} : ${expr(depth + 1)}${chance(0.3) ? ' if v' : ''}]`;
    return `{for k, v in ${expr(depth + 1)} : k => ${expr(depth + 1)}${chance(0.3) ? '...' : ''}}`;
  };

  const body = (depth: number): string => {
    let s = '';
    for (let n = 1 + Math.floor(random() * 4); n > 0; n--) {
      if (depth < 3 && chance(0.3)) {
        const labels = (chance(0.6) ? ` "${pick(['x', 'y', 'a b', 'é'])}"` : '') + (chance(0.3) ? ' lbl' : '');
        s += `${pick(['resource', 'locals', 'dynamic', 'b'])}${labels} {\n${body(depth + 1)}}\n`;
      } else {
        s += `${pick(names)} = ${expr()}\n`;
      }
      if (chance(0.1)) s += pick(['# c\n', '// c\n', '/* c */\n', '\n']);
    }
    return s;
  };

  const damage = (s: string): string => {
    const at = Math.floor(random() * s.length);
    const r = random();
    if (r < 0.3) return s.slice(0, at);
    if (r < 0.6) return s.slice(0, at) + s.slice(at + 1);
    return s.slice(0, at) + pick(['"', '{', '}', '[', ']', '(', ')', '\n', '~', '$', '%', '<<', '\\', '#', '*', '.', ',', '=']) + s.slice(at);
  };

  return () => {
    let src = body(0);
    if (chance(0.4)) src = damage(src);
    if (chance(0.15)) src = src.replace(/\n/g, '\r\n');
    if (chance(0.05)) src = `\ufeff${src}`;
    return src;
  };
}

describe('generated HCL', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`agrees with hcl2json on 150 random files (seed ${seed})`, async () => {
      const next = generator(seed);
      let accepted = 0;
      for (let i = 0; i < 150; i++) {
        const src = next();
        const theirs = await parseWithHcl2json('t.tf', src);
        const ours = parseHclNative('t.tf', src);
        const outcome = (r: typeof theirs): string => (r.ok ? JSON.stringify(r.body) : 'rejected');
        expect(outcome(ours), src).toBe(outcome(theirs));
        if (theirs.ok) accepted++;
      }
      // The generator must keep producing mostly valid files, or this test checks little.
      expect(accepted).toBeGreaterThan(40);
    });
  }
});
