// Fn::ImportValue between the stacks of one CDK cloud assembly. CDK writes a
// cross-stack reference as an Output of the producing stack exported under
// `<producer stack name>:<output id>`, and an Fn::ImportValue of that name in
// the consumer. The producer's template, listed in manifest.json, is read to
// find that export and evaluate its value there, so the consumer refers to the
// producer's resources as their own read does. The producer's own imports stay
// unknown: two stacks cannot chase each other.
import { NO_VALUE } from '../../eval/cloudformation/evaluated.js';
import { valueOf, type TNode } from '../../eval/cloudformation/template-node.js';
import { emptyReadResult, type ReadResult } from '../native.js';
import type { ReadOptions } from '../options.js';
import { readReferencedFile } from '../referenced-file.js';
import type { Value } from '../value.js';
import type { Assembly, AssemblyStack } from './cdk-assembly.js';
import { rootNesting } from './nested-stacks.js';
import { suppliedParameters } from './parameter-files.js';
import type { DeclaredTemplate, TemplateInput } from './template-resources.js';
import { parseTemplateText } from './template-text.js';

type Declare = (input: TemplateInput, out: ReadResult) => DeclaredTemplate | undefined;

interface Producer {
  declared: DeclaredTemplate;
  /** Export name to the Value node of the Output exported under it. */
  exports: Map<string, TNode>;
}

export class AssemblyExports {
  private readonly producers = new Map<string, Producer | undefined>();

  constructor(
    private readonly assembly: Assembly,
    private readonly opts: ReadOptions,
  ) {}

  /** The value exported under `name` by another stack of the assembly; undefined when none is known to export it. */
  value(name: string, declare: Declare): Value | undefined {
    const colon = name.indexOf(':');
    const stack = colon > 0 ? this.assembly.stacks.find((s) => s !== this.assembly.self && s.stackName === name.slice(0, colon)) : undefined;
    const producer = stack ? this.producer(stack, declare) : undefined;
    const node = producer?.exports.get(name);
    if (!producer || !node) return undefined;
    const v = producer.declared.evaluator.evaluate(node);
    return v === NO_VALUE ? undefined : v;
  }

  private producer(stack: AssemblyStack, declare: Declare): Producer | undefined {
    if (this.producers.has(stack.templateFile)) return this.producers.get(stack.templateFile);
    const producer = this.load(stack, declare);
    this.producers.set(stack.templateFile, producer);
    return producer;
  }

  private load(stack: AssemblyStack, declare: Declare): Producer | undefined {
    const read = readReferencedFile(this.opts.root, stack.templateFile);
    // Not in the scan (or not readable there): the import stays unknown.
    if (!('text' in read)) return undefined;
    const text = read.text;
    const parsed = parseTemplateText(stack.templateFile, text);
    if (parsed.root?.t !== 'map') return undefined;
    const opts = stack.region ? { ...this.opts, region: stack.region } : this.opts;
    const supplied = suppliedParameters(opts);
    const input: TemplateInput = {
      file: stack.templateFile,
      root: parsed.root,
      comments: parsed.comments,
      supplied: supplied.values,
      stackTags: supplied.stackTags,
      opts,
      nesting: rootNesting(stack.templateFile),
    };
    // The producer's resources, notes and errors are reported by its own read.
    const declared = declare(input, emptyReadResult());
    if (!declared) return undefined;
    const exports = new Map<string, TNode>();
    const outputs = valueOf(parsed.root, 'Outputs');
    for (const e of outputs?.t === 'map' ? outputs.entries : []) {
      const nameNode = valueOf(valueOf(e.value, 'Export'), 'Name');
      const valueNode = valueOf(e.value, 'Value');
      if (!nameNode || !valueNode) continue;
      const exported = declared.evaluator.evaluate(nameNode);
      if (exported !== NO_VALUE && exported.kind === 'known' && typeof exported.value === 'string') exports.set(exported.value, valueNode);
    }
    return { declared, exports };
  }
}
