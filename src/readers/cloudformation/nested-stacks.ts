// Nested stacks whose TemplateURL is a path relative to the parent template
// (what `aws cloudformation package` takes): the child template is read where
// it is nested, with the Parameters the Stack passes, the Stack's tags (which
// CloudFormation propagates to the child's resources), its Condition, and
// addresses under the Stack's logical ID. S3 and https URLs are not fetched;
// a CDK NestedStack's asset URL is read from the cdk.out file CDK names for it.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { NO_VALUE, type Evaluated } from '../../eval/cloudformation/evaluated.js';
import type { CfnEvaluator, ResourceDecl } from '../../eval/cloudformation/evaluator.js';
import { resolveParameter, type ParameterDecl, type ParameterState } from '../../eval/cloudformation/parameters.js';
import { scalarText, valueOf, type TMap, type TNode } from '../../eval/cloudformation/template-node.js';
import { invalid, mergeCauses } from '../../eval/cloudformation/unknown-causes.js';
import { causeOf } from '../../eval/cloudformation/value-text.js';
import type { NativeResource, NotScanned, ReadResult } from '../native.js';
import { isOutsideRoot } from '../paths.js';
import { readReferencedFile } from '../referenced-file.js';
import type { SecretInput } from '../../model/entity.js';
import { unknown, type SourceLoc, type UnknownCause, type UnknownValue, type Value } from '../value.js';
import { cdkNestedTemplatePath } from './cdk-nested-template.js';
import type { CommentLine } from './parsed-template.js';
import { secretParameters } from './secret-parameters.js';
import type { StackTag } from './stack-tags.js';
import type { DeclaredTemplate, TemplateInput } from './template-resources.js';
import { parseTemplateText } from './template-text.js';

/** Deeper than any real stack tree; a chain this long is a generator's loop. */
export const MAX_STACK_DEPTH = 16;

/** Stacks read under one scanned template: a few files nesting each other twice over would otherwise grow exponentially. */
export const MAX_NESTED_STACKS = 1000;

const STACK = 'AWS::CloudFormation::Stack';
const NESTED_KIND = /^cloudformation \(nested in (.+)\)$/;

type ParsedChild = { root: TMap; comments: CommentLine[] } | { problem: string };

/** State shared by one scanned template and every stack nested under it. */
export interface NestingRun {
  parsed: Map<string, ParsedChild>;
  /** Files on a nesting cycle: each also nests the other, so neither may replace the other's standalone read. */
  cyclic: Set<string>;
  /** NoEcho parameters of nested templates, reported with the scanned template's own (LG-6.9). */
  secretInputs: SecretInput[];
  /** Nested stacks read so far under the scanned template. */
  stacksRead: number;
}

export interface Nesting {
  /** The scanned template: scope of every resource and note read under it. */
  scope: string;
  /** `Network/` for the resources of the nested stack Network. */
  prefix: string;
  /** Template files from the scanned one down to this one. */
  chain: string[];
  /** The value a parameter takes from the parent Stack's Parameters; undefined leaves its Default. */
  passed?: (decl: ParameterDecl) => ParameterState | undefined;
  /** The parent Stack's Tags when they are not known: every tag of the child's resources is then unknown. */
  tagsUnknown?: UnknownValue;
  /** The parent Stacks' unknown Conditions: every resource of the child shares them. */
  conditional?: UnknownCause;
  run: NestingRun;
}

export function rootNesting(file: string): Nesting {
  return { scope: file, prefix: '', chain: [file], run: { parsed: new Map(), cyclic: new Set(), secretInputs: [], stacksRead: 0 } };
}

/**
 * A template on a nesting cycle stays judged on its own as well: the read that nests it stops at the cycle,
 * so dropping its standalone read would leave part of it judged nowhere.
 */
export function markCyclicNesting(out: ReadResult, run: NestingRun): void {
  for (const i of out.inputs) if (NESTED_KIND.test(i.kind) && run.cyclic.has(i.file)) i.kind = 'cloudformation (read again on a nesting cycle)';
}

interface TemplateSteps {
  declare(input: TemplateInput, out: ReadResult): DeclaredTemplate | undefined;
  emit(declared: DeclaredTemplate, out: ReadResult): void;
}

type Child = { declared: DeclaredTemplate } | { note: NotScanned } | { remote: true };

function localTemplatePath(url: Evaluated): string | undefined {
  if (url === NO_VALUE || url.kind !== 'known' || typeof url.value !== 'string') return undefined;
  // https://, s3:// and the like are deployed from where they point, which is not read (no network).
  return /^[a-z][a-z0-9+.-]*:/i.test(url.value) || url.value.trim() === '' ? undefined : url.value.trim();
}

/** A known scalar or list of scalars as the text CloudFormation hands a nested stack. */
function parameterText(v: Value): string | undefined {
  if (v.kind === 'known') return v.value === null ? '' : String(v.value);
  if (v.kind === 'list' && v.items.every((i) => i.kind === 'known')) return v.items.map(parameterText).join(',');
  return undefined;
}

function passedParameters(parameters: Evaluated | undefined, parentFile: string): Nesting['passed'] {
  if (parameters === undefined || parameters === NO_VALUE) return undefined;
  return (decl) => {
    if (parameters.kind !== 'object') {
      return { kind: 'unknown', cause: causeOf(parameters) ?? invalid(`the Parameters given to the nested stack are not a mapping`) };
    }
    const v = parameters.fields[decl.name];
    if (v === undefined) return undefined;
    const text = parameterText(v);
    if (text === undefined) return { kind: 'passed', value: v };
    const supplied = v.kind === 'known' && v.supplied === true;
    return resolveParameter(decl, { value: text, origin: supplied ? '--param' : parentFile });
  };
}

/**
 * The Stack resource's Tags (its own and those it received) as the stack tags of its child; `unknown` when
 * the list or a key in it is not known, so any tag of the child's resources may come from it.
 */
function tagsOf(r: NativeResource): { tags: Map<string, StackTag>; unknown?: UnknownValue } {
  const tags = new Map<string, StackTag>();
  const own = r.attrs.fields.Tags;
  if (own === undefined) return { tags };
  const whole = (why: UnknownCause) => ({ tags, unknown: unknown(why, own.loc ?? r.loc, `[Tags of ${r.address}]`) });
  if (own.kind !== 'list') return whole(causeOf(own) ?? invalid(`Tags of ${r.address} is not a list`));
  for (const item of own.items) {
    const key = item.kind === 'object' ? item.fields.Key : undefined;
    const value = item.kind === 'object' ? item.fields.Value : undefined;
    if (key?.kind === 'known' && typeof key.value === 'string' && value !== undefined) tags.set(key.value, { value, loc: item.loc ?? r.loc });
    else return whole((key && causeOf(key)) ?? causeOf(item) ?? invalid(`a tag of ${r.address} has no Key`));
  }
  return { tags };
}

/**
 * The child's NoEcho parameters: a value is written in the repository when the parent passes a literal, or
 * passes nothing and the child has a Default. A value passed by Ref is the parent's own input, reported there.
 */
function nestedSecrets(childRoot: TMap, passedNode: TNode | undefined, prefix: string): SecretInput[] {
  const literals = new Map<string, SourceLoc>();
  const passedOtherwise = new Set<string>();
  if (passedNode?.t === 'map') {
    for (const e of passedNode.entries) {
      if (e.value.t === 'scalar' && (scalarText(e.value) ?? '') !== '') literals.set(e.key, e.value.loc);
      else passedOtherwise.add(e.key);
    }
  }
  return secretParameters(childRoot, literals).map((input) => {
    const name = input.name.slice('parameter '.length);
    const { literal, ...rest } = input;
    const renamed = { ...rest, name: `parameter ${prefix}${name}` };
    return literal && !passedOtherwise.has(name) ? { ...renamed, literal } : renamed;
  });
}

export class NestedStacks {
  private readonly children = new Map<string, Child>();
  private readonly loading = new Set<string>();

  constructor(
    private readonly input: TemplateInput,
    private readonly out: ReadResult,
    private readonly evaluator: () => CfnEvaluator,
    private readonly steps: TemplateSteps,
  ) {}

  /** `Fn::GetAtt Stack.Outputs.Name`: the child's output, or undefined when its template is not read. */
  output(decl: ResourceDecl, name: string): Value | undefined {
    const child = this.child(decl);
    if (!child || !('declared' in child)) return undefined;
    const { root, file } = child.declared.input;
    const node = valueOf(valueOf(valueOf(root, 'Outputs'), name), 'Value');
    if (!node) return unknown(invalid(`${file} has no output ${name}`), decl.keyLoc, `\${${decl.logicalId}.Outputs.${name}}`);
    const v = child.declared.evaluator.evaluate(node);
    return v === NO_VALUE ? unknown(invalid(`output ${name} of ${file} is AWS::NoValue`), node.loc, `\${${decl.logicalId}.Outputs.${name}}`) : v;
  }

  /** Reads the child of the Stack `r` into the result; false when it is not followed (the caller notes why). */
  emit(decl: ResourceDecl, r: NativeResource): boolean {
    if (decl.type !== STACK) return false;
    const child = this.child(decl);
    if (!child || 'remote' in child) return false;
    if ('note' in child) {
      this.out.notScanned.push(child.note);
      return true;
    }
    const { tags, unknown: tagsUnknown } = tagsOf(r);
    const nesting = tagsUnknown ? { ...child.declared.input.nesting, tagsUnknown } : child.declared.input.nesting;
    const input = { ...child.declared.input, stackTags: tags, nesting };
    this.steps.emit({ ...child.declared, input }, this.out);
    return true;
  }

  private child(decl: ResourceDecl): Child | undefined {
    const hit = this.children.get(decl.logicalId);
    if (hit) return hit;
    // Sibling stacks passing each other's outputs: CloudFormation rejects the loop; the output stays a reference.
    if (this.loading.has(decl.logicalId)) return undefined;
    this.loading.add(decl.logicalId);
    try {
      const loaded = this.load(decl);
      this.children.set(decl.logicalId, loaded);
      return loaded;
    } finally {
      this.loading.delete(decl.logicalId);
    }
  }

  private load(decl: ResourceDecl): Child {
    const { nesting } = this.input;
    const properties = valueOf(decl.body, 'Properties');
    const urlNode = valueOf(properties, 'TemplateURL');
    const url = urlNode ? this.evaluator().evaluate(urlNode) : undefined;
    const relative = (url ? localTemplatePath(url) : undefined) ?? cdkNestedTemplatePath(decl.body, url, this.input.file, this.input.opts.root);
    if (relative === undefined) return { remote: true };
    const file = path.posix.normalize(path.posix.join(path.posix.dirname(this.input.file), relative.replace(/\\/g, '/')));
    const note = (problem: string): Child => ({
      note: {
        address: nesting.prefix + decl.logicalId,
        scope: nesting.scope,
        loc: decl.keyLoc,
        cause: { inputs: [relative], detail: `nested template ${relative} of ${decl.logicalId} is not read: ${problem}` },
      },
    });
    if (isOutsideRoot(file) || path.isAbsolute(relative)) return note(`${file} is outside the scanned directory`);
    const ancestor = nesting.chain.indexOf(file);
    if (ancestor >= 0) {
      for (const f of nesting.chain.slice(ancestor)) nesting.run.cyclic.add(f);
      return note(`it nests ${file}, which is already being read above it (a cycle)`);
    }
    if (nesting.chain.length > MAX_STACK_DEPTH) return note(`stacks are nested more than ${MAX_STACK_DEPTH} deep`);
    if (nesting.run.stacksRead >= MAX_NESTED_STACKS) return note(`more than ${MAX_NESTED_STACKS} nested stacks under ${nesting.scope}`);
    nesting.run.stacksRead++;
    const parsed = this.parse(file);
    if ('problem' in parsed) return note(parsed.problem);
    const created = this.evaluator().resourceCreated(decl);
    const causes = [nesting.conditional, created.kind !== 'known' ? causeOf(created) : undefined].filter((c): c is UnknownCause => !!c);
    const paramsNode = valueOf(properties, 'Parameters');
    const passed = passedParameters(paramsNode ? this.evaluator().evaluate(paramsNode) : undefined, this.input.file);
    const childNesting: Nesting = { scope: nesting.scope, prefix: `${nesting.prefix}${decl.logicalId}/`, chain: [...nesting.chain, file], run: nesting.run };
    if (passed) childNesting.passed = passed;
    if (causes.length > 0) childNesting.conditional = mergeCauses(causes);
    const childInput: TemplateInput = {
      file,
      root: parsed.root,
      comments: parsed.comments,
      supplied: new Map(),
      stackTags: new Map(),
      opts: this.input.opts,
      nesting: childNesting,
    };
    const declared = this.steps.declare(childInput, this.out);
    if (!declared) return note(`${file} has no Resources mapping`);
    nesting.run.secretInputs.push(...nestedSecrets(parsed.root, paramsNode, childNesting.prefix));
    return { declared };
  }

  /** Each child file is read and parsed once per scanned template, and recorded as nested in its first parent. */
  private parse(file: string): ParsedChild {
    const hit = this.input.nesting.run.parsed.get(file);
    if (hit) return hit;
    const read = readReferencedFile(this.input.opts.root, file);
    const parsed: ParsedChild = 'text' in read ? this.parseText(file, read.text) : read;
    this.input.nesting.run.parsed.set(file, parsed);
    return parsed;
  }

  private parseText(file: string, text: string): ParsedChild {
    this.out.inputs.push({ file, kind: `cloudformation (nested in ${this.input.file})`, sha256: createHash('sha256').update(text).digest('hex') });
    const p = parseTemplateText(file, text);
    this.out.errors.push(...p.errors);
    return p.root?.t === 'map' ? { root: p.root, comments: p.comments } : { problem: `${file} cannot be read as a template` };
  }
}
