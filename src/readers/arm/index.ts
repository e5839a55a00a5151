// The ARM template reader: JSON (with comments) templates and parameter files
// to native resources.
//
// Parameter values, later sources winning:
//   1. `defaultValue` in the template (a nullable parameter without one is null),
//   2. parameter files passed in `parameterFiles` — discovery passes the ones
//      `armParameterFileNames(template)` names when they exist beside it,
//   3. `--param-file` files (opts.paramFiles) that are ARM parameter files,
//   4. `--param name=value` (opts.params), read by the parameter's declared type.
// A parameter with none of these is unknown and names `parameter <name>`.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEFAULT_EVAL_BUDGET } from '../../eval/arm/evaluate.js';
import { rootDeploymentTarget } from '../../eval/arm/root-target.js';
import { EvalBudgetExceeded } from '../../eval/arm/scope.js';
import { lookupField } from '../../eval/arm/values.js';
import type { ReadResult } from '../native.js';
import { emptyReadResult } from '../native.js';
import type { ReadOptions } from '../options.js';
import { markSupplied, type SourceLoc } from '../value.js';
import { ArmExpander } from './expander.js';
import { parseJsonc } from './jsonc.js';
import { linkedTemplateLoader } from './linked-templates.js';
import { scopeKindOfSchema } from './nested-target.js';
import { cliParameters, mergeSupplied, readParameterFile, type ArmParameterFile, type SuppliedParameters } from './parameters.js';
import { secureParameters } from './secret-parameters.js';
import { looksLikeArmParameters } from './sniff.js';
import { TemplateScope } from './template-scope.js';
import { isOutsideRoot, relativePath } from '../paths.js';

export { looksLikeArmParameters, looksLikeArmTemplate } from './sniff.js';
export { armParameterFileNames, type ArmParameterFile } from './parameters.js';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Read one ARM template. `file` is relative to opts.root; `parameterFiles`
 * are the convention files beside it (see armParameterFileNames), already
 * read by discovery. Never throws: problems become read errors.
 */
export function readArm(file: string, text: string, opts: ReadOptions, parameterFiles: ArmParameterFile[] = []): ReadResult {
  const result = emptyReadResult();
  result.inputs.push({ file, kind: 'arm', sha256: sha256(text) });
  try {
    const parsed = parseJsonc(file, text);
    result.errors.push(...parsed.errors);
    const root = parsed.root;
    if (!root) return result;
    if (root.kind !== 'object') {
      result.errors.push({ file, line: root.loc?.line ?? 1, message: 'not an ARM template: the document is not a JSON object' });
      return result;
    }

    const layers: SuppliedParameters[] = [];
    // Values the repository holds stay written there when a later source overrides them (LG-6.9).
    const writtenInRepository = new Map<string, SourceLoc>();
    const addFile = (p: ArmParameterFile) => {
      result.inputs.push({ file: p.file, kind: 'arm-parameters', sha256: sha256(p.text) });
      const read = readParameterFile(p);
      result.errors.push(...read.errors);
      layers.push(read.values);
      if (isOutsideRoot(p.file)) {
        // Not part of the repository being judged: its values are given from outside.
        for (const v of read.values.values()) if (v.kind === 'value') v.value = markSupplied(v.value);
        return;
      }
      for (const [name, v] of read.values) if (v.kind === 'value' && v.value.loc) writtenInRepository.set(name, v.value.loc);
    };
    parameterFiles.forEach(addFile);
    for (const abs of opts.paramFiles) {
      const rel = relativePath(opts.root, abs);
      let content: string;
      try {
        content = readFileSync(abs, 'utf8');
      } catch (e) {
        result.errors.push({ file: rel, message: `cannot read parameter file: ${(e as Error).message}` });
        continue;
      }
      // A CloudFormation parameter file given for another template is not ours.
      if (looksLikeArmParameters(content, rel)) addFile({ file: rel, text: content });
    }
    layers.push(cliParameters(opts.params));
    result.secretInputs = [{ source: 'arm', scope: file, inputs: secureParameters(root, writtenInRepository) }];

    const target = rootDeploymentTarget(scopeKindOfSchema(lookupField(root, '$schema')) ?? 'resourceGroup', opts.region, root.loc);
    const budget = { remaining: DEFAULT_EVAL_BUDGET };
    const expander = new ArmExpander(file, parsed, result, budget, linkedTemplateLoader(opts.root, result.inputs));
    const scope = new TemplateScope({
      file,
      template: root,
      supplied: mergeSupplied(...layers),
      target,
      budget,
      report: expander.report,
      missingParameter: (name) => ({
        inputs: [`parameter ${name}`],
        detail: `parameter '${name}' has no default and no value was given (parameter file or --param ${name}=...)`,
      }),
    });
    expander.expandRoot(root, scope);
  } catch (e) {
    const message =
      e instanceof EvalBudgetExceeded
        ? e.message
        : e instanceof RangeError
          ? 'the template is nested too deeply to evaluate'
          : `internal error while reading the template: ${(e as Error).message}`;
    result.errors.push({ file, message });
  }
  return result;
}
