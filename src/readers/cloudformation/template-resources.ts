// From a parsed template to native resources: declarations, the evaluator
// over them, then one NativeResource per created resource with its evaluated
// Properties, `__meta` (DeletionPolicy, UpdateReplacePolicy, DependsOn),
// region, waivers and the `conditional` cause when its Condition is unknown.
import { NO_BINDINGS, NO_VALUE } from '../../eval/cloudformation/evaluated.js';
import { CfnEvaluator, type ResourceDecl } from '../../eval/cloudformation/evaluator.js';
import { expandForEach } from '../../eval/cloudformation/for-each.js';
import { parameterDeclarations, resolveParameter, type ParameterState, type SuppliedParameter } from '../../eval/cloudformation/parameters.js';
import { scalarText, valueOf, type TMap, type TNode } from '../../eval/cloudformation/template-node.js';
import { invalid, mergeCauses } from '../../eval/cloudformation/unknown-causes.js';
import { causeOf, exprOf } from '../../eval/cloudformation/value-text.js';
import type { NativeResource, NotScanned, ReadResult } from '../native.js';
import type { ReadOptions } from '../options.js';
import { known, list, obj, unknown, type ObjectValue, type UnknownCause, type Value } from '../value.js';
import type { CommentLine } from './parsed-template.js';
import { spreadConditionalProperties } from './conditional-properties.js';
import type { AssemblyExports } from './cdk-exports.js';
import { NestedStacks, type Nesting } from './nested-stacks.js';
import { samFunctionRole } from './sam-function-role.js';
import { withStackTags, withUnknownTags, type StackTag } from './stack-tags.js';
import { withSamGlobals } from './sam-globals.js';
import { commentWaivers, metadataWaivers, type ResourceSpan } from './waivers.js';
import { takeInstances } from '../instance-allowance.js';

/** Transforms whose output the reader models by reading the template as written. */
const READ_AS_WRITTEN = new Set(['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions']);

/** Resource types whose body is another template; a Stack's local template is followed (nested-stacks.ts), the rest are not. */
const NESTED_TEMPLATE_PROPERTY: Record<string, string> = {
  'AWS::CloudFormation::Stack': 'TemplateURL',
  'AWS::Serverless::Application': 'Location',
};

export interface TemplateInput {
  file: string;
  root: TMap;
  comments: CommentLine[];
  supplied: ReadonlyMap<string, SuppliedParameter>;
  stackTags: ReadonlyMap<string, StackTag>;
  opts: ReadOptions;
  /** Where the template sits among nested stacks; the scanned template is the root. */
  nesting: Nesting;
  /** Exports of the other stacks of its CDK cloud assembly, for Fn::ImportValue. */
  exports?: AssemblyExports;
}

function sectionEntries(root: TMap, name: string): Map<string, TNode> {
  const section = valueOf(root, name);
  const out = new Map<string, TNode>();
  if (section?.t === 'map') for (const e of section.entries) out.set(e.key, e.value);
  return out;
}

function regionValue(opts: ReadOptions): Value {
  return opts.region !== undefined
    ? known(opts.region)
    : unknown({ inputs: ['--region'], detail: 'AWS::Region is the deployment region: pass --region' }, undefined, '${AWS::Region}');
}

/** The template's Transform names (one or a list). */
function transformNames(root: TMap): string[] {
  const t = valueOf(root, 'Transform');
  const names = t?.t === 'seq' ? t.items.map(scalarText) : [scalarText(t)];
  return names.filter((n): n is string => n !== undefined);
}

/** Template-level macros other than SAM and language extensions rewrite the template at deployment. */
function macroNotes(input: TemplateInput): NotScanned[] {
  const entry = input.root.entries.find((e) => e.key === 'Transform');
  return transformNames(input.root)
    .filter((n) => !READ_AS_WRITTEN.has(n))
    .map((name) => ({
      address: `${input.nesting.prefix}Transform:${name}`,
      scope: input.nesting.scope,
      loc: entry?.keyLoc ?? input.root.loc,
      cause: { inputs: [`macro ${name}`], detail: `the ${name} transform rewrites the template at deployment; its resources are read as written` },
      reason: {
        ja: `変換（Transform）${name} はデプロイ時にテンプレートを書き換えます。リソースは書かれたとおりに読みます`,
        en: `the ${name} transform rewrites the template at deployment; its resources are read as written`,
      },
    }));
}

/** A template's declarations and the evaluator over them, before its resources are emitted. */
export interface DeclaredTemplate {
  input: TemplateInput;
  evaluator: CfnEvaluator;
  resources: Map<string, ResourceDecl>;
  spans: ResourceSpan[];
  serverless: boolean;
  nested: NestedStacks;
}

export function readTemplateResources(input: TemplateInput, out: ReadResult): void {
  const declared = declareTemplate(input, out);
  if (declared) emitTemplate(declared, out);
}

function declareTemplate(input: TemplateInput, out: ReadResult): DeclaredTemplate | undefined {
  const { file, root, opts, nesting } = input;
  const parameters = new Map<string, ParameterState>();
  for (const decl of parameterDeclarations(valueOf(root, 'Parameters'))) {
    parameters.set(decl.name, nesting.passed?.(decl) ?? resolveParameter(decl, input.supplied.get(decl.name)));
  }
  const resources = new Map<string, ResourceDecl>();
  const nested: NestedStacks = new NestedStacks(input, out, () => evaluator, { declare: declareTemplate, emit: emitTemplate });
  const scope = {
    parameters,
    conditions: sectionEntries(root, 'Conditions'),
    mappings: valueOf(root, 'Mappings'),
    resources,
    stackOutput: (d: ResourceDecl, name: string) => nested.output(d, name),
    importValue: (name: string) => input.exports?.value(name, declareTemplate),
  };
  const evaluator: CfnEvaluator = new CfnEvaluator(opts.region !== undefined ? { ...scope, region: opts.region } : scope);

  const section = valueOf(root, 'Resources');
  if (section?.t !== 'map') {
    out.errors.push({ file, line: section?.loc.line ?? 1, message: 'the template has no Resources mapping' });
    return undefined;
  }
  const expansion = expandForEach(section.entries, NO_BINDINGS, (n, b) => evaluator.evaluate(n, b));
  for (const u of expansion.unexpanded) out.notScanned.push({ address: nesting.prefix + u.key, scope: nesting.scope, loc: u.keyLoc, cause: u.cause });
  const spans: ResourceSpan[] = [];
  const serverless = transformNames(root).includes('AWS::Serverless-2016-10-31');
  for (const e of expansion.entries) {
    const typeNode = valueOf(e.value, 'Type');
    const directive = preprocessorDirective(typeNode);
    if (directive !== undefined) {
      out.notScanned.push({
        address: nesting.prefix + e.key,
        scope: nesting.scope,
        loc: e.keyLoc,
        cause: {
          inputs: [directive],
          detail: `the resource type ${directive} is expanded by a preprocessor before deployment; scan the packaged template`,
        },
      });
      continue;
    }
    const type = scalarText(typeNode);
    if (e.value.t !== 'map' || !type) {
      out.errors.push({ file, line: e.keyLoc.line, column: e.keyLoc.column, message: `resource ${e.key} has no Type` });
      continue;
    }
    const body = serverless ? withSamGlobals(root, type, e.value) : e.value;
    const decl: ResourceDecl = { logicalId: e.key, key: `${nesting.scope}#${nesting.prefix}${e.key}`, type, body, keyLoc: e.keyLoc, bindings: e.bindings };
    const conditionName = scalarText(valueOf(e.value, 'Condition'));
    if (conditionName !== undefined) decl.conditionName = conditionName;
    resources.set(e.key, decl);
    spans.push({ logicalId: e.key, keyLine: e.keyLoc.line, endLine: e.value.endLine });
  }
  out.notScanned.push(...macroNotes(input));
  return { input, evaluator, resources, spans, serverless, nested };
}

function emitTemplate(declared: DeclaredTemplate, out: ReadResult): void {
  const { input, evaluator, resources, serverless, nested } = declared;
  const { file, opts, nesting } = input;
  const waivers = commentWaivers(input.comments, declared.spans, file);
  for (const decl of resources.values()) {
    takeInstances(1);
    const created = evaluator.resourceCreated(decl);
    if (created.kind === 'known' && created.value === false) continue;
    const properties = propertiesOf(decl, evaluator, out, input);
    // Unreadable Properties are noted, not judged on platform defaults.
    if (!properties) continue;
    const r: NativeResource = {
      source: 'cloudformation',
      cloud: 'aws',
      type: decl.type!,
      address: nesting.prefix + decl.logicalId,
      key: decl.key,
      scope: nesting.scope,
      attrs: nesting.tagsUnknown ? withUnknownTags(properties, nesting.tagsUnknown) : withStackTags(properties, input.stackTags),
      loc: decl.keyLoc,
      region: regionValue(opts),
    };
    const meta = metaOf(decl, evaluator);
    if (meta) r.attrs.fields['__meta'] = meta;
    const w = [...(waivers.get(decl.logicalId) ?? []), ...metadataWaivers(decl.body, file)];
    if (w.length > 0) r.waivers = w;
    const conditional = [created.kind !== 'known' ? causeOf(created) : undefined, nesting.conditional].filter((c): c is UnknownCause => !!c);
    if (conditional.length > 0) r.conditional = mergeCauses(conditional);
    out.resources.push(r);
    const role = serverless ? samFunctionRole(r) : undefined;
    if (role) out.resources.push(role);
    if (nested.emit(decl, r)) continue;
    const note = nestedTemplateNote(decl, r, nesting.scope);
    if (note) out.notScanned.push(note);
  }
}

/**
 * `Type: !Rain::Module ./vpc.yml` (YAML) or `"Type": {"Rain::Module": "./vpc.yml"}`
 * (JSON): a tool such as `rain pkg` replaces this before CloudFormation sees it.
 */
function preprocessorDirective(typeNode: TNode | undefined): string | undefined {
  if (typeNode?.t === 'unknown-tag') return typeNode.text !== undefined ? `${typeNode.tag} ${typeNode.text}` : typeNode.tag;
  if (typeNode?.t === 'map' && typeNode.entries.length === 1) {
    const e = typeNode.entries[0]!;
    return scalarText(e.value) !== undefined ? `${e.key} ${scalarText(e.value)}` : e.key;
  }
  return undefined;
}

function propertiesOf(decl: ResourceDecl, evaluator: CfnEvaluator, out: ReadResult, input: TemplateInput): ObjectValue | undefined {
  const node = valueOf(decl.body, 'Properties');
  if (!node) return obj({}, decl.keyLoc);
  const v = evaluator.evaluate(node, decl.bindings);
  if (v === NO_VALUE) return obj({}, decl.keyLoc);
  if (v.kind === 'object') return v;
  const spread = spreadConditionalProperties(node);
  const each = spread ? evaluator.evaluate(spread, decl.bindings) : undefined;
  if (each !== undefined && each !== NO_VALUE && each.kind === 'object') return each;
  // Properties that are a whole unknown (a macro's output, an unresolved function) leave nothing to read:
  // the resource is noted and not judged, rather than judged on the platform's defaults.
  const why = causeOf(v) ?? invalid(`Properties of ${decl.logicalId} is not a mapping`);
  out.notScanned.push({
    address: input.nesting.prefix + decl.logicalId,
    scope: input.nesting.scope,
    loc: node.loc,
    cause: { ...why, detail: `${why.detail}; the Properties of ${decl.logicalId} cannot be read, so it is not judged` },
  });
  return undefined;
}

/** Resource attributes that are not properties, kept apart so lifters never take them for one. */
function metaOf(decl: ResourceDecl, evaluator: CfnEvaluator): ObjectValue | undefined {
  const fields: Record<string, Value> = {};
  for (const name of ['DeletionPolicy', 'UpdateReplacePolicy']) {
    const node = valueOf(decl.body, name);
    if (!node) continue;
    const v = evaluator.evaluate(node, decl.bindings);
    if (v !== NO_VALUE) fields[name] = v;
  }
  const dependsOn = valueOf(decl.body, 'DependsOn');
  if (dependsOn) {
    const names = dependsOn.t === 'seq' ? dependsOn.items : [dependsOn];
    const ids = names.filter((n) => scalarText(n) !== undefined).map((n) => known(scalarText(n)!, n.loc));
    fields['DependsOn'] = list(ids, dependsOn.loc);
  }
  return Object.keys(fields).length > 0 ? obj(fields, decl.keyLoc) : undefined;
}

function nestedTemplateNote(decl: ResourceDecl, r: NativeResource, scope: string): NotScanned | undefined {
  const prop = Object.prototype.hasOwnProperty.call(NESTED_TEMPLATE_PROPERTY, decl.type!) ? NESTED_TEMPLATE_PROPERTY[decl.type!]! : undefined;
  if (!prop) return undefined;
  const location = r.attrs.fields[prop];
  const where = location ? exprOf(location) : '(no location)';
  return {
    address: r.address,
    scope,
    loc: decl.keyLoc,
    cause: {
      inputs: [where],
      detail: `nested template ${where} of ${decl.logicalId} is not followed; scan it as a template of its own`,
    },
    reason: {
      ja: `${decl.logicalId} の入れ子のテンプレート ${where} はたどりません。そのテンプレートを単独で検査してください`,
      en: `nested template ${where} of ${decl.logicalId} is not followed; scan it as a template of its own`,
    },
  };
}
