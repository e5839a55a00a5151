// Parameter values the user supplies: parameter files (`--param-file`) in the
// shapes the AWS tools write, then `--param`, each overriding what came before.
//   [{"ParameterKey": "Env", "ParameterValue": "prod"}]      (aws cloudformation create-stack)
//   {"Parameters": {"Env": "prod"}, "Tags": {…}}              (CodePipeline template configuration)
//   {"Env": "prod"}                                           (plain)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { SuppliedParameter } from '../../eval/cloudformation/parameters.js';
import type { InputRecord, ReadError } from '../native.js';
import type { ReadOptions } from '../options.js';
import { type SourceLoc } from '../value.js';
import { timeParse } from '../parse-time.js';
import { isOutsideRoot, relativePath } from '../paths.js';

export interface SuppliedParameters {
  values: Map<string, SuppliedParameter>;
  /**
   * Where a parameter file under the scan root writes a value, last file
   * winning; kept when a later source overrides it, since the repository
   * still holds it (LG-6.9).
   */
  writtenInRepository: Map<string, SourceLoc>;
  /** Stack tags of a template configuration file (`"Tags": {…}`): CloudFormation puts them on every resource. */
  stackTags: Map<string, { value: string; loc: SourceLoc }>;
  inputs: InputRecord[];
  errors: ReadError[];
}

/** Keys a CodePipeline template configuration file has beside `Parameters`. */
const CONFIGURATION_KEYS = new Set(['Parameters', 'Tags', 'StackPolicy']);

function scalarText(n: unknown): string | undefined {
  if (!isScalar(n)) return undefined;
  if (n.value === null) return '';
  // `8.0` stays `8.0`: a parameter value is text.
  return typeof n.value === 'number' && n.source !== undefined ? n.source : String(n.value);
}

/** A parameter value: text, or a list of texts for list-typed parameters. */
function valueText(n: unknown): string | string[] | undefined {
  const s = scalarText(n);
  if (s !== undefined) return s;
  if (isSeq(n)) {
    const items = n.items.map(scalarText);
    if (items.every((i): i is string => i !== undefined)) return items;
  }
  return undefined;
}

function readOne(abs: string, opts: ReadOptions, into: SuppliedParameters): void {
  const file = relativePath(opts.root, abs);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    into.errors.push({ file, message: `cannot read parameter file: ${(e as Error).message}` });
    return;
  }
  into.inputs.push({ file, kind: 'cloudformation-parameters', sha256: createHash('sha256').update(text).digest('hex') });
  const lines = new LineCounter();
  const doc = timeParse(() => parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }));
  const lineOf = (node: Node | null | undefined): number => lines.linePos(node?.range?.[0] ?? 0).line;
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const p = lines.linePos(e.pos[0]);
      into.errors.push({ file, line: p.line, column: p.col, message: e.message });
    }
    return;
  }
  const bad = (node: Node | null | undefined, message: string): void => {
    into.errors.push({ file, line: lineOf(node), message });
  };
  const inRepository = !isOutsideRoot(file);
  const written = (key: string, node: unknown): void => {
    if (inRepository) into.writtenInRepository.set(key, { file, line: lineOf(node as Node) });
  };
  const root = doc.contents;
  if (isSeq(root)) {
    for (const item of root.items) {
      const key = isMap(item) ? scalarText(item.get('ParameterKey', true)) : undefined;
      if (!isMap(item) || key === undefined) {
        bad(item as Node, 'expected an entry with ParameterKey');
        continue;
      }
      if (scalarText(item.get('UsePreviousValue', true))?.toLowerCase() === 'true') {
        into.values.set(key, { usePrevious: true, origin: file });
        continue;
      }
      const value = valueText(item.get('ParameterValue', true));
      if (value === undefined) {
        bad(item, `parameter ${key}: ParameterValue must be a string`);
      } else {
        into.values.set(key, { value, origin: file });
        written(key, item.get('ParameterValue', true));
      }
    }
    return;
  }
  if (!isMap(root)) {
    bad(root, 'a parameter file must be a list of ParameterKey/ParameterValue entries or a mapping');
    return;
  }
  const keys = root.items.map((p) => scalarText(p.key));
  const nested = root.get('Parameters', true);
  const configuration = isMap(nested) && keys.every((k) => k !== undefined && CONFIGURATION_KEYS.has(k));
  const params = configuration ? nested : root;
  const tags = configuration ? root.get('Tags', true) : undefined;
  if (tags !== undefined && !isMap(tags)) bad(tags as Node, 'Tags must be a mapping of tag keys to values');
  for (const pair of isMap(tags) ? tags.items : []) {
    const key = scalarText(pair.key);
    const value = scalarText(pair.value);
    if (key === undefined || value === undefined) bad((pair.value ?? pair.key) as Node, `tag ${key ?? '?'}: the value must be a string`);
    else into.stackTags.set(key, { value, loc: { file, line: lineOf(pair.value as Node) } });
  }
  for (const pair of params.items) {
    const key = scalarText(pair.key);
    const value = valueText(pair.value);
    if (key === undefined || value === undefined) {
      bad((pair.value ?? pair.key) as Node, `parameter ${key ?? '?'}: the value must be a string`);
    } else {
      into.values.set(key, { value, origin: file });
      written(key, pair.value);
    }
  }
}

export function suppliedParameters(opts: ReadOptions): SuppliedParameters {
  const out: SuppliedParameters = { values: new Map(), writtenInRepository: new Map(), stackTags: new Map(), inputs: [], errors: [] };
  for (const abs of opts.paramFiles) readOne(abs, opts, out);
  for (const [k, v] of Object.entries(opts.params)) out.values.set(k, { value: v, origin: '--param' });
  return out;
}
