// Hands each discovered input to its reader and gathers what they return.
import { looksLikeArmParameters, looksLikeArmTemplate, armParameterFileNames, readArm } from '../readers/arm/index.js';
import type { ArmParameterFile } from '../readers/arm/index.js';
import { looksLikeCloudFormation, readCloudFormation } from '../readers/cloudformation/index.js';
import type { ReadResult } from '../readers/native.js';
import { emptyReadResult } from '../readers/native.js';
import type { ReadOptions } from '../readers/options.js';
import { readTerraform } from '../readers/terraform/index.js';
import type { Discovery, FileKind } from './discover.js';

/** What a structured file is, by content. */
export function sniffFile(text: string, rel: string): FileKind | undefined {
  if (looksLikeArmTemplate(text, rel)) return 'arm';
  if (looksLikeArmParameters(text, rel)) return 'arm-parameters';
  if (looksLikeCloudFormation(text, rel)) return 'cloudformation';
  return undefined;
}

function merge(into: ReadResult, r: ReadResult): void {
  into.resources.push(...r.resources);
  // A parameter file shared by several templates is one input, and its errors are reported once.
  for (const i of r.inputs) if (!into.inputs.some((x) => x.file === i.file && x.kind === i.kind)) into.inputs.push(i);
  for (const e of r.errors) {
    if (!into.errors.some((x) => x.file === e.file && x.line === e.line && x.message === e.message)) into.errors.push(e);
  }
  into.notScanned.push(...r.notScanned);
}

export async function readDiscovered(found: Discovery, opts: ReadOptions): Promise<ReadResult> {
  const out = emptyReadResult();
  if (found.terraformDirs.length) merge(out, await readTerraform(found.terraformDirs, opts));

  const byRel = new Map(found.files.map((f) => [f.rel, f]));
  const pairedParams = new Set<string>();
  for (const f of found.files) {
    if (f.kind === 'cloudformation') merge(out, readCloudFormation(f.rel, f.text, opts));
    else if (f.kind === 'arm') {
      const params: ArmParameterFile[] = [];
      for (const name of armParameterFileNames(f.rel)) {
        const p = byRel.get(name);
        if (p && p.kind === 'arm-parameters') {
          params.push({ file: p.rel, text: p.text });
          pairedParams.add(p.rel);
        }
      }
      merge(out, readArm(f.rel, f.text, opts, params));
    }
  }
  for (const f of found.files) {
    // Parameter files not paired with a template are listed, so nothing read goes unreported.
    if (f.kind === 'arm-parameters' && !pairedParams.has(f.rel)) out.inputs.push({ file: f.rel, kind: 'arm-parameters (unpaired)' });
    else if (f.kind === 'other') out.inputs.push({ file: f.rel, kind: 'not a definition' });
  }
  return out;
}
