// Child-process side of `npm run bench`: one measurement per process, so the
// peak RSS it prints is its own. `node measure.js scan|floor DIR [JOBS]` prints one JSON line.
import { readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseTree } from 'jsonc-parser';
import { parseDocument } from 'yaml';
import { loadCatalog } from '../controls/catalog/load.js';
import { scanDefinitions } from '../engine/scan.js';
import { loadPolicyFor } from '../policy/load.js';
import { defaultReadOptions } from '../readers/options.js';
import { parseJsonc } from '../readers/arm/jsonc.js';
import { looksLikeArmParameters, looksLikeArmTemplate } from '../readers/arm/sniff.js';
import { parseHcl } from '../readers/terraform/hcl-parser.js';
import { summarize } from '../results/summary.js';
import { renderReportChunks } from '../report/render.js';
import { writeChunks } from '../report/write.js';
import { VERSION } from '../cli/version.js';
import { inputFiles } from './input-files.js';

export interface Measurement {
  mode: 'scan' | 'floor';
  jobs: number;
  files: number;
  bytes: number;
  wallMs: number;
  maxRssMb: number;
  stages: Record<string, number>;
  findings?: number;
  errors?: number;
}

async function measureScan(dir: string, jobs: number): Promise<Measurement> {
  const t0 = performance.now();
  const catalog = loadCatalog();
  const outcome = await scanDefinitions({
    paths: [dir],
    read: defaultReadOptions(dir),
    policy: loadPolicyFor(dir, undefined),
    now: new Date(),
    severityOf: (id) => catalog.byId.get(id)?.severity ?? 'medium',
    jobs,
  });
  outcome.stages.start('report');
  // As the CLI writes it: in pieces, never one string of the whole report.
  let reportBytes = 0;
  const chunks = renderReportChunks(
    'json',
    {
      tool: { name: 'kikan', version: VERSION },
      catalog: { version: catalog.version, source: catalog.source },
      scannedAt: new Date().toISOString(),
      kind: 'iac',
      findings: outcome.findings,
      inputs: outcome.inputs,
      errors: outcome.errors,
      notScanned: outcome.notScanned,
      summary: summarize(outcome.findings),
    },
    { lang: 'en', catalog },
  );
  writeChunks((text) => {
    reportBytes += Buffer.byteLength(text);
  }, chunks);
  outcome.stages.stop();
  const wallMs = performance.now() - t0;
  const files = inputFiles(dir);
  return {
    mode: 'scan',
    jobs,
    files: files.length,
    bytes: files.reduce((n, f) => n + statSync(f).size, 0),
    wallMs,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    stages: { ...outcome.stages.ms, reportBytes },
    findings: outcome.findings.length,
    errors: outcome.errors.length,
  };
}

/** Parse every input with the same parsers the readers use, nothing else: the floor a scan cannot beat. */
async function measureFloor(dir: string): Promise<Measurement> {
  const t0 = performance.now();
  const files = inputFiles(dir);
  let bytes = 0;
  const stages: Record<string, number> = { read: 0, hcl: 0, json: 0, yaml: 0 };
  for (const f of files) {
    let at = performance.now();
    const text = readFileSync(f, 'utf8');
    bytes += Buffer.byteLength(text);
    stages.read! += performance.now() - at;
    at = performance.now();
    if (/\.(tf|tfvars)$/i.test(f)) {
      parseHcl(f, text);
      stages.hcl! += performance.now() - at;
    } else if (/\.ya?ml$/i.test(f) || /\.(template|cfn)$/i.test(f) && !text.trimStart().startsWith('{')) {
      parseDocument(text);
      stages.yaml! += performance.now() - at;
    } else {
      // ARM templates and parameter files have their own parser; CloudFormation JSON and the rest use jsonc-parser's tree.
      if (looksLikeArmTemplate(text) || looksLikeArmParameters(text)) parseJsonc(f, text);
      else parseTree(text, [], { allowTrailingComma: true });
      stages.json! += performance.now() - at;
    }
  }
  return { mode: 'floor', jobs: 1, files: files.length, bytes, wallMs: performance.now() - t0, maxRssMb: process.resourceUsage().maxRSS / 1024, stages };
}

const [mode, dir, jobsArg] = process.argv.slice(2);
if ((mode !== 'scan' && mode !== 'floor') || !dir) {
  process.stderr.write('usage: measure.js scan|floor DIR [JOBS]\n');
  process.exit(2);
}
const m = mode === 'scan' ? await measureScan(dir, Number(jobsArg ?? 1)) : await measureFloor(dir);
process.stdout.write(JSON.stringify(m) + '\n');
