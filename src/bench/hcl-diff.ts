// `node dist/bench/hcl-diff.js [--mutate] [--show=N] [--rounds=N] DIR...`:
// parses every .tf and .tfvars under the directories with hcl2json and with
// our parser and reports how often they agree (same JSON, key order included,
// or both rejecting), the first differences, and the speed of each (first
// pass, and with --rounds=N also the best of N-1 further passes). --mutate
// also parses damaged copies of every file (truncated, a bracket or quote
// removed or added) to compare the error paths.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { HclParseResult } from '../readers/terraform/hcl-parser.js';
import { parseWithHcl2json } from './hcl2json-oracle.js';
import { parseHclNative } from '../readers/terraform/hcl/index.js';

const SKIP_DIRS = new Set(['.terraform', 'node_modules', '.git']);

interface Input {
  name: string;
  text: string;
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(full, out);
    } else if (entry.isFile() && (entry.name.endsWith('.tf') || entry.name.endsWith('.tfvars'))) {
      out.push(full);
    }
  }
}

/** Where two JSON values first differ, key order included; undefined when identical. */
function firstDifference(a: unknown, b: unknown, at: string): string | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return `${at}[${i}] (length ${a.length} vs ${b.length})`;
      const d = firstDifference(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
      if (ka[i] !== kb[i]) return `${at} key #${i}: ${JSON.stringify(ka[i])} vs ${JSON.stringify(kb[i])}`;
      const k = ka[i]!;
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  return sa === sb ? undefined : `${at}: ${clip(sa)} vs ${clip(sb)}`;
}

function clip(s: string | undefined): string {
  if (s === undefined) return 'undefined';
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

/** Deterministic damaged copies of a file: truncations and one bracket or quote removed or added. */
function mutants(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  if (n === 0) return out;
  for (const f of [0.13, 0.5, 0.87]) out.push(text.slice(0, Math.floor(n * f)));
  const delimiters: number[] = [];
  for (let i = 0; i < n; i++) if ('{}[]()"'.includes(text[i]!)) delimiters.push(i);
  if (delimiters.length > 0) {
    const del = delimiters[Math.floor(delimiters.length * 0.37)]!;
    out.push(text.slice(0, del) + text.slice(del + 1));
    const dup = delimiters[Math.floor(delimiters.length * 0.71)]!;
    out.push(text.slice(0, dup) + text[dup] + text.slice(dup));
  }
  const at = Math.floor(n * 0.61);
  out.push(text.slice(0, at) + '"' + text.slice(at));
  return out;
}

interface Tally {
  files: number;
  bytes: number;
  identical: number;
  differing: number;
  bothRejected: number;
  sameErrorLine: number;
  unlocatedByHcl2json: number;
  onlyHcl2jsonRejected: number;
  onlyOursRejected: number;
  examples: string[];
  lineExamples: string[];
}

function compare(inputs: Input[], theirs: HclParseResult[], ours: HclParseResult[], show: number): Tally {
  const t: Tally = {
    files: inputs.length,
    bytes: 0,
    identical: 0,
    differing: 0,
    bothRejected: 0,
    sameErrorLine: 0,
    unlocatedByHcl2json: 0,
    onlyHcl2jsonRejected: 0,
    onlyOursRejected: 0,
    examples: [],
    lineExamples: [],
  };
  const note = (s: string): void => {
    if (t.examples.length < show) t.examples.push(s);
  };
  inputs.forEach((input, i) => {
    t.bytes += Buffer.byteLength(input.text);
    const a = theirs[i]!;
    const b = ours[i]!;
    if (a.ok && b.ok) {
      if (JSON.stringify(a.body) === JSON.stringify(b.body)) t.identical++;
      else {
        t.differing++;
        note(`DIFF ${input.name}: ${firstDifference(a.body, b.body, '$')}`);
      }
    } else if (!a.ok && !b.ok) {
      t.bothRejected++;
      if (a.line === b.line) t.sameErrorLine++;
      else if (a.line === undefined) t.unlocatedByHcl2json++;
      else if (t.lineExamples.length < 10) {
        t.lineExamples.push(`ERROR LINE ${input.name}: hcl2json ${a.line}:${a.column} ${clip(a.message)} / ours ${b.line}:${b.column} ${clip(b.message)}`);
      }
    } else if (!a.ok) {
      t.onlyHcl2jsonRejected++;
      note(`ONLY HCL2JSON REJECTS ${input.name}: ${a.line}:${a.column} ${clip(a.message)}`);
    } else if (!b.ok) {
      t.onlyOursRejected++;
      note(`ONLY OURS REJECTS ${input.name}: ${b.line}:${b.column} ${clip(b.message)}`);
    }
  });
  return t;
}

interface Timing {
  first: number;
  best: number;
}

/** Wall time of the first pass (start-up and JIT warm-up included) and of the best later one. */
async function timePasses(rounds: number, pass: () => Promise<void>): Promise<Timing> {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    await pass();
    times.push(performance.now() - start);
  }
  return { first: times[0]!, best: Math.min(...(times.length > 1 ? times.slice(1) : times)) };
}

async function run(label: string, inputs: Input[], show: number, rounds: number): Promise<void> {
  let theirs: HclParseResult[] = [];
  const theirTime = await timePasses(rounds, async () => {
    theirs = [];
    for (const input of inputs) theirs.push(await parseWithHcl2json(path.basename(input.name), input.text));
  });
  let ours: HclParseResult[] = [];
  const ourTime = await timePasses(rounds, async () => {
    ours = [];
    for (const input of inputs) ours.push(parseHclNative(path.basename(input.name), input.text));
  });

  const t = compare(inputs, theirs, ours, show);
  const mb = t.bytes / 1024 / 1024;
  const speed = (ms: number): string => `${(ms / 1000).toFixed(2)} s, ${(mb / (ms / 1000)).toFixed(2)} MB/s`;
  console.log(`${label}: ${t.files} files, ${mb.toFixed(2)} MB`);
  console.log(
    `  identical ${t.identical}, differing ${t.differing}, both rejected ${t.bothRejected} ` +
      `(same error line ${t.sameErrorLine}, no line from hcl2json ${t.unlocatedByHcl2json}), ` +
      `only hcl2json rejected ${t.onlyHcl2jsonRejected}, only ours rejected ${t.onlyOursRejected}`,
  );
  console.log(`  first pass: hcl2json ${speed(theirTime.first)}; ours ${speed(ourTime.first)}; ${(theirTime.first / ourTime.first).toFixed(1)}x`);
  if (rounds > 1) {
    console.log(`  best of ${rounds - 1} more: hcl2json ${speed(theirTime.best)}; ours ${speed(ourTime.best)}; ${(theirTime.best / ourTime.best).toFixed(1)}x`);
  }
  for (const line of t.examples) console.log(`  ${line}`);
  for (const line of t.lineExamples) console.log(`  ${line}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const mutate = args.includes('--mutate');
  const showArg = args.find((a) => a.startsWith('--show='));
  const show = showArg ? Number(showArg.slice(7)) : 20;
  const roundsArg = args.find((a) => a.startsWith('--rounds='));
  const rounds = Math.max(1, roundsArg ? Number(roundsArg.slice(9)) : 1);
  const dirs = args.filter((a) => !a.startsWith('--'));
  if (dirs.length === 0) {
    console.error('usage: node dist/bench/hcl-diff.js [--mutate] [--show=N] [--rounds=N] DIR...');
    process.exit(2);
  }
  const files: string[] = [];
  for (const dir of dirs) walk(path.resolve(dir), files);
  files.sort();
  const inputs = files.map((name) => ({ name, text: readFileSync(name, 'utf8') }));
  await run('files', inputs, show, rounds);
  if (mutate) {
    const damaged = inputs.flatMap((input) => mutants(input.text).map((text, i) => ({ name: `${input.name}#mutant${i}`, text })));
    await run('mutants', damaged, show, rounds);
  }
  // The hcl2json WASM runtime keeps the event loop alive.
  process.exit(0);
}

void main();
