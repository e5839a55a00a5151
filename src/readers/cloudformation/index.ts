// CloudFormation reader: YAML or JSON templates (SAM included, read as
// written) to native resources of cloud `aws`.
import { createHash } from 'node:crypto';
import { emptyReadResult, type ReadResult } from '../native.js';
import type { ReadOptions } from '../options.js';
import { readAssembly } from './cdk-assembly.js';
import { AssemblyExports } from './cdk-exports.js';
import { suppliedParameters } from './parameter-files.js';
import { secretParameters } from './secret-parameters.js';
import { markCyclicNesting, rootNesting } from './nested-stacks.js';
import { readTemplateResources } from './template-resources.js';
import { parseTemplateText } from './template-text.js';

export { looksLikeCloudFormation } from './sniff.js';

/**
 * Read one template. `file` is relative to `opts.root`. Never throws: syntax
 * errors and limits become ReadErrors with file and line.
 */
export function readCloudFormation(file: string, text: string, opts: ReadOptions): ReadResult {
  const out = emptyReadResult();
  out.inputs.push({ file, kind: 'cloudformation', sha256: createHash('sha256').update(text).digest('hex') });
  try {
    const parsed = parseTemplateText(file, text);
    out.errors.push(...parsed.errors);
    if (!parsed.root) return out;
    if (parsed.root.t !== 'map') {
      out.errors.push({ file, line: parsed.root.loc.line, message: 'a template must be a mapping' });
      return out;
    }
    const supplied = suppliedParameters(opts);
    out.inputs.push(...supplied.inputs);
    out.errors.push(...supplied.errors);
    // A CDK stack's environment in cdk.out/manifest.json is where it deploys, whatever --region says.
    const assembly = readAssembly(file, opts);
    if (assembly) out.inputs.push(assembly.manifest);
    const readOpts = assembly?.self.region ? { ...opts, region: assembly.self.region } : opts;
    const nesting = rootNesting(file);
    const input = { file, root: parsed.root, comments: parsed.comments, supplied: supplied.values, stackTags: supplied.stackTags, opts: readOpts, nesting };
    readTemplateResources(assembly ? { ...input, exports: new AssemblyExports(assembly, opts) } : input, out);
    markCyclicNesting(out, nesting.run);
    const secrets = [...secretParameters(parsed.root, supplied.writtenInRepository), ...nesting.run.secretInputs];
    out.secretInputs = [{ source: 'cloudformation', scope: file, inputs: secrets }];
    const self = assembly?.self;
    if (self?.account) out.scopeAccounts = [{ source: 'cloudformation', scope: file, account: self.account, ...(self.region ? { region: self.region } : {}) }];
  } catch (e) {
    // A bug of ours must not stop the scan of other files; it is reported, not hidden.
    out.errors.push({ file, message: `internal error of the CloudFormation reader: ${e instanceof Error ? e.message : String(e)}` });
  }
  return out;
}
