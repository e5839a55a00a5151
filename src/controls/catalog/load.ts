// Loads controls/: catalog.yaml plus one LG-<area>.<n>.yaml per control,
// validated by schema and by the cross-file rules below. Every problem is
// collected and reported with file and line; nothing is loaded half-valid.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { catalogMetaSchema, controlSchema } from './schema.js';
import { SPEC_CONTROLS } from './spec-ids.js';
import type { Catalog, CatalogMeta, ControlDefinition } from './types.js';
import { lineOfPath, pointerSegments, type LocatableYaml } from './yaml-locate.js';

export interface CatalogProblem {
  file: string;
  line?: number;
  message: string;
}

export class CatalogError extends Error {
  constructor(readonly problems: CatalogProblem[]) {
    super(
      `invalid control catalog:\n${problems
        .map((p) => `  ${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`)
        .join('\n')}`,
    );
    this.name = 'CatalogError';
  }
}

const META_FILE = 'catalog.yaml';
const CONTROL_FILE = /^LG-.+\.yaml$/;
const LIVE_INPUTS = new Set(['aws-config', 'azure']);
const AWS_ONLY_INPUTS = ['cloudformation', 'aws-config'];
const AZURE_ONLY_INPUTS = ['arm', 'azure'];

/**
 * `<package root>/controls`, found by walking up from this module to the
 * kikan package.json, so it resolves the same from src/ (tests), dist/ (the
 * built CLI) and an installed package or container image.
 */
export function defaultCatalogDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (isKikanPackageRoot(dir)) return join(dir, 'controls');
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the kikan package root above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

function isKikanPackageRoot(dir: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    return pkg.name === 'kikan';
  } catch {
    return false;
  }
}

interface ParsedFile extends LocatableYaml {
  file: string;
  data: unknown;
}

export function loadCatalog(dir: string = defaultCatalogDir()): Catalog {
  const root = resolve(dir);
  const problems: CatalogProblem[] = [];
  let names: string[];
  try {
    names = readdirSync(root).sort();
  } catch (e) {
    throw new CatalogError([{ file: root, message: `cannot read the catalog directory: ${(e as Error).message}` }]);
  }

  const ajv = new Ajv({ allErrors: true, strict: true });
  const validateMeta = ajv.compile(catalogMetaSchema);
  const validateControl = ajv.compile(controlSchema);

  let meta: CatalogMeta | undefined;
  if (!names.includes(META_FILE)) {
    problems.push({ file: join(root, META_FILE), message: 'missing: the catalog metadata file is required' });
  } else {
    const parsed = parseFile(join(root, META_FILE), problems);
    if (parsed && validate(parsed, validateMeta, problems)) {
      meta = parsed.data as CatalogMeta;
      checkMeta(parsed, meta, problems);
    }
  }

  const controls: { parsed: ParsedFile; value: ControlDefinition }[] = [];
  for (const name of names) {
    if (name === META_FILE) continue;
    const file = join(root, name);
    if (!CONTROL_FILE.test(name)) {
      if (/\.ya?ml$/i.test(name)) {
        problems.push({ file, message: 'unexpected file: control files are named LG-<area>.<n>.yaml' });
      }
      continue;
    }
    const parsed = parseFile(file, problems);
    if (parsed && validate(parsed, validateControl, problems)) {
      const value = parsed.data as ControlDefinition;
      controls.push({ parsed, value });
      checkControl(parsed, value, name, meta, problems);
    }
  }

  const byId = checkIdSet(controls, root, problems);
  if (problems.length > 0 || !meta) throw new CatalogError(problems);
  const ordered = SPEC_CONTROLS.map(({ id }) => byId.get(id)!);
  return {
    version: meta.catalogVersion,
    source: `${meta.source.title.ja}（${meta.source.version}）`,
    meta,
    controls: ordered,
    byId: new Map(ordered.map((c) => [c.id, c])),
  };
}

function parseFile(file: string, problems: CatalogProblem[]): ParsedFile | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    problems.push({ file, message: `cannot read: ${(e as Error).message}` });
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      problems.push({ file, line: lineCounter.linePos(err.pos[0]).line || 1, message: err.message });
    }
    return undefined;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    problems.push({ file, message: (e as Error).message });
    return undefined;
  }
  return { file, doc, lineCounter, data };
}

function validate(parsed: ParsedFile, fn: ValidateFunction, problems: CatalogProblem[]): boolean {
  if (fn(parsed.data)) return true;
  for (const err of fn.errors ?? []) {
    // A bad key under propertyNames is reported once, by the propertyNames error itself.
    if (err.propertyName !== undefined && err.keyword !== 'propertyNames') continue;
    const { segments, message } = describeSchemaError(err);
    problems.push({ file: parsed.file, line: lineOfPath(parsed, segments), message });
  }
  return false;
}

/** Turns an ajv error into the YAML path to point at and a readable message. */
function describeSchemaError(err: ErrorObject): { segments: string[]; message: string } {
  const segments = pointerSegments(err.instancePath);
  const where = segments.length > 0 ? segments.join('.') : 'document';
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return { segments: [...segments, key], message: `unknown key "${key}" in ${where}` };
    }
    case 'required':
      return { segments, message: `${where}: missing key "${String(params.missingProperty)}"` };
    case 'propertyNames':
      return {
        segments: [...segments, String(params.propertyName)],
        message: `${where}: key "${String(params.propertyName)}" must be camelCase`,
      };
    case 'enum':
      return {
        segments,
        message: `${where}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'pattern':
      return {
        segments,
        message: segments.at(-1) === 'ja' || segments.at(-2) === 'headings' || segments.at(-1) === 'guideline'
          ? `${where}: must be Japanese text`
          : `${where}: must match ${String(params.pattern)}`,
      };
    default:
      return { segments, message: `${where}: ${err.message ?? 'is invalid'}` };
  }
}

function checkMeta(parsed: ParsedFile, meta: CatalogMeta, problems: CatalogProblem[]): void {
  const sections = new Set<string>();
  meta.policySections.forEach((s, i) => {
    if (sections.has(s.section)) {
      problems.push(at(parsed, ['policySections', i, 'section'], `policy section "${s.section}" is listed twice`));
    }
    sections.add(s.section);
  });
  const areas = new Set<number>();
  meta.areas.forEach((a, i) => {
    if (areas.has(a.area)) problems.push(at(parsed, ['areas', i, 'area'], `area ${a.area} is listed twice`));
    areas.add(a.area);
    if (!sections.has(a.policySection)) {
      problems.push(
        at(parsed, ['areas', i, 'policySection'], `area ${a.area}: policy section "${a.policySection}" is not in policySections`),
      );
    }
  });
  for (let area = 1; area <= 8; area++) {
    if (!areas.has(area)) problems.push(at(parsed, ['areas'], `area ${area} of the draft's chapter 5 is missing`));
  }
}

function checkControl(
  parsed: ParsedFile,
  c: ControlDefinition,
  fileName: string,
  meta: CatalogMeta | undefined,
  problems: CatalogProblem[],
): void {
  const report = (path: (string | number)[], message: string) => problems.push(at(parsed, path, `${c.id}: ${message}`));

  if (fileName !== `${c.id}.yaml`) report(['id'], `file name must be ${c.id}.yaml`);

  const idArea = Number(/^LG-([1-8])\./.exec(c.id)?.[1]);
  if (c.area !== idArea) report(['area'], `area ${c.area} does not match the ID prefix (${idArea})`);

  const spec = SPEC_CONTROLS.find((s) => s.id === c.id);
  if (spec && spec.kind !== c.kind) report(['kind'], `kind must be "${spec.kind}" (SPEC §3), not "${c.kind}"`);

  const area = meta?.areas.find((a) => a.area === c.area);
  if (area && c.policySection.split('.')[0] !== area.policySection.split('.')[0]) {
    report(['policySection'], `policy section "${c.policySection}" is outside area ${c.area}'s 対策基準 section ${area.policySection}`);
  }

  if (c.kind === 'attest') {
    if (c.inputs.length > 0) report(['inputs'], 'an attest control has no scan inputs (inputs: [])');
    if (!c.attest) report(['kind'], 'an attest control needs attest questions');
    if (c.checks.aws || c.checks.azure || !c.checks.common) {
      report(['checks'], 'an attest control describes its questionnaire under checks.common only');
    }
    if (c.thresholds) report(['thresholds'], 'an attest control has no thresholds');
  } else {
    if (c.inputs.length === 0) report(['inputs'], `a ${c.kind} control needs at least one input`);
    if (c.kind === 'live') {
      c.inputs.forEach((input, i) => {
        if (!LIVE_INPUTS.has(input)) report(['inputs', i], `a live control cannot be checked on "${input}"`);
      });
    }
    if (!c.checks.common) {
      if (!c.checks.aws && c.inputs.some((i) => AWS_ONLY_INPUTS.includes(i))) {
        report(['checks'], 'AWS inputs are listed but checks.aws is missing');
      }
      if (!c.checks.azure && c.inputs.some((i) => AZURE_ONLY_INPUTS.includes(i))) {
        report(['checks'], 'Azure inputs are listed but checks.azure is missing');
      }
    }
  }

  c.attest?.forEach((q, i) => {
    const expected = `${c.id}.q${i + 1}`;
    if (q.id !== expected) report(['attest', i, 'id'], `question ${i + 1} must have the ID ${expected}, not ${q.id}`);
  });
}

/** The set of IDs must be exactly SPEC §3's, each defined once. */
function checkIdSet(
  controls: { parsed: ParsedFile; value: ControlDefinition }[],
  root: string,
  problems: CatalogProblem[],
): Map<string, ControlDefinition> {
  const byId = new Map<string, ControlDefinition>();
  const fileOf = new Map<string, ParsedFile>();
  for (const { parsed, value } of controls) {
    const seen = fileOf.get(value.id);
    if (seen) {
      problems.push(
        at(parsed, ['id'], `${value.id} is defined twice (also in ${seen.file}:${lineOfPath(seen, ['id'])})`),
      );
      continue;
    }
    fileOf.set(value.id, parsed);
    byId.set(value.id, value);
    if (!SPEC_CONTROLS.some((s) => s.id === value.id)) {
      problems.push(at(parsed, ['id'], `${value.id} is not a control ID of SPEC §3`));
    }
  }
  for (const { id } of SPEC_CONTROLS) {
    if (!byId.has(id) && !problems.some((p) => p.file === join(root, `${id}.yaml`))) {
      problems.push({ file: join(root, `${id}.yaml`), message: `missing: control ${id} of SPEC §3 is not defined` });
    }
  }
  return byId;
}

function at(parsed: ParsedFile, path: (string | number)[], message: string): CatalogProblem {
  return { file: parsed.file, line: lineOfPath(parsed, path.map(String)), message };
}
