// Turns a template's resources into native resources: copy loops, conditions,
// child resources (nested or `parent/child`), inline subnets of a virtual
// network (also emitted as subnet resources), and nested inline deployments
// (expanded with their own scope); linked templates by `relativePath` are
// read and expanded like inner-scope ones, those by URI are reported as not scanned.
import { scopeBase, appendSegments, idValue } from '../../eval/arm/resource-id.js';
import { withCopyIndex, type ArmDeploymentTarget, type ArmScope, type EvalBudget } from '../../eval/arm/scope.js';
import { evaluateCopyCount, evaluateTemplateValue, expandLoop } from '../../eval/arm/template-value.js';
import { displayText, mergeCauses } from '../../eval/arm/unknowns.js';
import { lookupField } from '../../eval/arm/values.js';
import type { InlineWaiver, NativeResource, NotScanned, ReadError } from '../native.js';
import type { ObjectValue, SourceLoc, UnknownCause, Value } from '../value.js';
import { known, obj, unknown } from '../value.js';
import type { Extent, ParsedJson } from './jsonc.js';
import type { LinkedTemplateLoader } from './linked-templates.js';
import { joinNames, nameSegments } from './names.js';
import { nestedTarget } from './nested-target.js';
import type { SuppliedParameters } from './parameters.js';
import { TemplateScope } from './template-scope.js';
import { commentWaivers, metadataWaivers } from './waivers.js';
import { tickReadClock } from '../read-clock.js';
import { takeInstances } from '../instance-allowance.js';

/** Nested inline deployments deeper than this are not expanded (ARM allows far fewer in practice). */
export const MAX_DEPLOYMENT_DEPTH = 16;

const DEPLOYMENTS = 'microsoft.resources/deployments';
const VIRTUAL_NETWORKS = 'microsoft.network/virtualnetworks';
const RESOURCE_GROUPS = 'microsoft.resources/resourcegroups';
const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets';

/** Where resources being expanded live and how their expressions are evaluated. */
interface Placement {
  scope: ArmScope;
  /** The template instance the resources belong to. */
  template: TemplateScope;
  /** Where the resources deploy: differs from scope.target for outer-scope nested deployments. */
  idTarget: ArmDeploymentTarget;
  /** Address prefix: `Microsoft.Resources/deployments/<name>/` for nested deployments. */
  prefix: string;
  conditional: UnknownCause | undefined;
  depth: number;
}

interface Parent {
  type: string;
  name: Value;
}

export interface ExpanderOutput {
  resources: NativeResource[];
  errors: ReadError[];
  notScanned: NotScanned[];
}

export class ArmExpander {
  private readonly keys = new Set<string>();
  private readonly resourceGroupLocations = new Map<string, Value>();
  /** Inner scopes of nested deployments, per deployment object and enclosing scope. */
  private readonly innerScopes = new WeakMap<ObjectValue, WeakMap<ArmScope, TemplateScope>>();
  /** Outputs of nested deployments, per template instance ('pending' while being evaluated). */
  private readonly outputs = new WeakMap<TemplateScope, Map<ObjectValue, Value | 'pending'>>();
  /** Files of the templates being expanded, outermost first: a link back to one of them is a cycle. */
  private readonly linkChain: string[] = [];
  /** The parsed text of this template and of each linked one, for the comments and extents of their objects. */
  private readonly parsedFiles = new Map<string, ParsedJson>();

  constructor(
    private readonly file: string,
    private readonly parsed: ParsedJson,
    private readonly out: ExpanderOutput,
    private readonly budget: EvalBudget,
    private readonly loadLinked?: LinkedTemplateLoader,
  ) {
    this.parsedFiles.set(file, parsed);
  }

  /** The parsed file an object of some template was read from. */
  private parsedOf(o: ObjectValue | undefined): ParsedJson {
    return this.parsedFiles.get(o?.loc?.file ?? this.file) ?? this.parsed;
  }

  report = (message: string, loc: SourceLoc): void => {
    this.out.errors.push({ file: loc.file, line: loc.line, message });
  };

  /** Expand every resource of a template. */
  expandTemplate(template: ObjectValue, place: Placement): void {
    if (place.scope === place.template) this.attachReferenceResolver(template, place);
    for (const [symbolic, raw] of resourceEntries(template)) this.expandResource(raw, symbolic, place, undefined);
  }

  /** Root entry: a template with its own scope, deploying at its target. */
  expandRoot(template: ObjectValue, scope: TemplateScope): void {
    this.expandTemplate(template, { scope, template: scope, idTarget: scope.target, prefix: '', conditional: undefined, depth: 0 });
  }

  private expandResource(raw: Value, symbolic: string | undefined, place: Placement, parent: Parent | undefined): void {
    if (raw.kind !== 'object') {
      this.report('a resource must be a JSON object', raw.loc ?? place.scope.loc);
      return;
    }
    const existing = lookupField(raw, 'existing');
    if (existing?.kind === 'known' && existing.value === true) return;
    const copy = lookupField(raw, 'copy');
    if (copy?.kind !== 'object') {
      this.instance(raw, place, parent);
      return;
    }
    const loc = copy.loc ?? raw.loc!;
    const nameRaw = lookupField(copy, 'name');
    const loopName = nameRaw ? evaluateTemplateValue(nameRaw, place.scope) : undefined;
    if (!loopName) {
      this.report('resource copy loop without a name', loc);
      return;
    }
    // A name built from an unknown parameter still serves copyIndex() without a name.
    const loop = displayText(loopName);
    const count = evaluateCopyCount(lookupField(copy, 'count'), place.scope);
    if (count.kind === 'invalid') {
      this.report(`copy '${loop}' of ${symbolic ?? 'a resource'}: ${count.message}`, loc);
      return;
    }
    if (count.kind === 'unknown') {
      // One resource stands for all iterations; it exists only if the count is at least one.
      const cause = count.value.kind === 'unknown' ? count.value.cause : { inputs: [], detail: 'unknown count' };
      const index = unknown({ ...cause, detail: `copy index of '${loop}': ${cause.detail}` }, loc, '[copyIndex()]');
      const conditional = mergeOptional(place.conditional, { ...cause, detail: `copy '${loop}' count: ${cause.detail}` });
      this.instance(raw, { ...place, conditional, scope: withCopyIndex(place.scope, loop, index, true) }, parent);
      return;
    }
    for (let i = 0; i < count.count; i++) {
      this.instance(raw, { ...place, scope: withCopyIndex(place.scope, loop, known(i, loc), true) }, parent);
    }
  }

  private instance(raw: ObjectValue, place: Placement, parent: Parent | undefined): void {
    tickReadClock();
    takeInstances(1);
    const scope = place.scope;
    const loc = raw.loc!;
    let conditional = place.conditional;
    const conditionRaw = lookupField(raw, 'condition');
    const cond = conditionRaw === undefined ? undefined : evaluateTemplateValue(conditionRaw, scope);
    if (cond?.kind === 'known' && cond.value === false) return;
    if (cond !== undefined && !(cond.kind === 'known' && cond.value === true)) {
      let cause: UnknownCause;
      if (cond.kind === 'unknown') {
        cause = cond.cause;
      } else {
        this.report('resource condition is not a bool', conditionRaw!.loc ?? loc);
        cause = { inputs: [], detail: 'the condition is not a bool' };
      }
      conditional = mergeOptional(conditional, { ...cause, detail: `condition ${displayText(cond)}: ${cause.detail}` });
    }

    const typeValue = lookupField(raw, 'type');
    const type = typeValue ? evaluateTemplateValue(typeValue, scope) : undefined;
    if (type?.kind !== 'known' || typeof type.value !== 'string' || type.value === '') {
      this.report('resource without a known type', loc);
      return;
    }
    const nameRaw = lookupField(raw, 'name');
    const name = nameRaw ? evaluateTemplateValue(nameRaw, scope) : undefined;
    if (!name) {
      this.report(`resource of type ${type.value} without a name`, loc);
      return;
    }
    // A child nested in its parent's `resources` gives its type and name relative to the parent,
    // in one segment or several (`blobServices/containers`); only a full type starts with a
    // provider namespace, which always has a dot.
    const qualified = parent !== undefined && !type.value.split('/')[0]!.includes('.');
    const fullType = qualified ? `${parent.type}/${type.value}` : type.value;
    const fullName = qualified ? joinNames(parent.name, name, name.loc ?? loc) : name;

    const lowerType = fullType.toLowerCase();
    const attrs = this.evaluateAttrs(raw, scope, fullType, fullName, place.idTarget, lowerType === DEPLOYMENTS);
    const subnets = lowerType === VIRTUAL_NETWORKS ? this.inlineSubnets(attrs, fullName) : [];
    // Comments inside child resources and inline subnets are theirs, not this resource's.
    const parsed = this.parsedOf(raw);
    const inner = [...childExtents(raw, parsed), ...subnets.flatMap((s) => (s.raw ? [parsed.extents.get(s.raw)!] : []))];
    const emitted = this.emit({ raw, type: fullType, name: fullName, attrs, loc, place, conditional, children: inner });
    for (const subnet of subnets) this.emit({ ...subnet, type: SUBNET_TYPE, place, conditional, children: [] });
    if (lowerType === RESOURCE_GROUPS && fullName.kind === 'known') {
      const location = lookupField(attrs, 'location');
      if (location) this.resourceGroupLocations.set(String(fullName.value).toLowerCase(), location);
    }
    if (lowerType === DEPLOYMENTS) this.expandDeployment(raw, emitted, { ...place, conditional });

    const children = lookupField(raw, 'resources');
    if (children?.kind === 'list') {
      for (const child of children.items) this.expandResource(child, undefined, { ...place, conditional }, { type: fullType, name: fullName });
    }
  }

  /** The resource body, evaluated. `name`/`type` are the full ones; an extension `scope` becomes a full ID. */
  private evaluateAttrs(
    raw: ObjectValue,
    scope: ArmScope,
    type: string,
    name: Value,
    idTarget: ArmDeploymentTarget,
    deployment: boolean,
  ): ObjectValue {
    const fields: Record<string, Value> = Object.create(null);
    for (const [k, v] of Object.entries(raw.fields)) {
      const key = k.toLowerCase();
      if (key === 'resources' || key === 'copy' || key === 'condition') continue;
      if (key === 'properties' && deployment && v.kind === 'object') {
        // The inner template's resources are emitted on their own.
        const props = obj({}, v.loc);
        for (const [pk, pv] of Object.entries(v.fields)) if (pk.toLowerCase() !== 'template') props.fields[pk] = evaluateTemplateValue(pv, scope);
        fields[k] = props;
        continue;
      }
      fields[k] = evaluateTemplateValue(v, scope);
    }
    const attrs = obj(fields, raw.loc);
    setField(attrs, 'name', name);
    setField(attrs, 'type', known(type, lookupField(raw, 'type')?.loc));
    const extensionScope = lookupField(attrs, 'scope');
    if (extensionScope) setField(attrs, 'scope', absoluteScope(extensionScope, idTarget, raw.loc!));
    return attrs;
  }

  private emit(r: {
    raw: ObjectValue | undefined;
    type: string;
    name: Value;
    attrs: ObjectValue;
    loc: SourceLoc;
    place: Placement;
    conditional: UnknownCause | undefined;
    children: Extent[];
  }): NativeResource {
    const display = displayText(r.name);
    const address = `${r.place.prefix}${r.type}/${display}`;
    let key = `${this.file}#${address}`;
    for (let n = 2; this.keys.has(key); n++) key = `${this.file}#${address}#${n}`;
    this.keys.add(key);

    const extensionScope = lookupField(r.attrs, 'scope');
    const baseText = extensionScope ? displayText(extensionScope) : scopeBase(r.place.idTarget).text;
    const id = appendSegments(baseText, r.type, nameSegments(display));

    const waivers: InlineWaiver[] = [];
    if (r.raw) {
      const parsed = this.parsedOf(r.raw);
      const file = r.raw.loc?.file ?? this.file;
      const extent = parsed.extents.get(r.raw);
      if (extent) waivers.push(...commentWaivers(file, parsed.comments, extent, r.children));
      waivers.push(...metadataWaivers(file, r.raw, this.out.errors));
    }

    const resource: NativeResource = {
      source: 'arm',
      cloud: 'azure',
      type: r.type,
      address,
      key,
      scope: this.file,
      attrs: r.attrs,
      loc: r.loc,
      ids: id ? [id.toLowerCase()] : [],
    };
    const location = lookupField(r.attrs, 'location');
    if (location) resource.region = location;
    if (waivers.length) resource.waivers = waivers;
    if (r.conditional) resource.conditional = r.conditional;
    this.out.resources.push(resource);
    return resource;
  }

  /** Subnets written inside a virtual network are subnet resources too (they stay in the network's attrs). */
  private inlineSubnets(attrs: ObjectValue, vnetName: Value): { raw: ObjectValue | undefined; name: Value; attrs: ObjectValue; loc: SourceLoc }[] {
    const props = lookupField(attrs, 'properties');
    const subnets = props?.kind === 'object' ? lookupField(props, 'subnets') : undefined;
    if (subnets?.kind !== 'list') return [];
    const out: { raw: ObjectValue | undefined; name: Value; attrs: ObjectValue; loc: SourceLoc }[] = [];
    for (const item of subnets.items) {
      if (item.kind !== 'object') continue;
      const loc = item.loc ?? attrs.loc!;
      const subnetName = lookupField(item, 'name');
      if (!subnetName) {
        this.report('inline subnet without a name', loc);
        continue;
      }
      const name = joinNames(vnetName, subnetName, loc);
      const subnetAttrs = obj({ ...item.fields }, item.loc);
      setField(subnetAttrs, 'name', name);
      setField(subnetAttrs, 'type', known(SUBNET_TYPE, loc));
      const apiVersion = lookupField(attrs, 'apiVersion');
      if (apiVersion) setField(subnetAttrs, 'apiVersion', apiVersion);
      // The subnet object in the text, for its waivers.
      const raw = this.parsedFiles.get(loc.file)?.objectsAt.get(`${loc.line}:${loc.column}`);
      out.push({ raw, name, attrs: subnetAttrs, loc });
    }
    return out;
  }

  private expandDeployment(raw: ObjectValue, deployment: NativeResource, place: Placement): void {
    const props = lookupField(raw, 'properties');
    let template = props?.kind === 'object' ? lookupField(props, 'template') : undefined;
    const link = props?.kind === 'object' ? lookupField(props, 'templateLink') : undefined;
    // A linked template always evaluates in its own scope, with the parameters the deployment passes.
    let linked = false;
    if (template?.kind !== 'object') {
      if (!link) return;
      template = this.followLink(deployment, raw, link);
      if (!template) return;
      linked = true;
    }
    if (place.depth >= MAX_DEPLOYMENT_DEPTH) {
      this.report(`nested deployments deeper than ${MAX_DEPLOYMENT_DEPTH} levels are not expanded`, raw.loc!);
      return;
    }
    const name = lookupField(deployment.attrs, 'name')!;
    const target = nestedTarget({
      deployment: raw,
      template,
      scope: place.scope,
      outer: place.idTarget,
      name,
      resourceGroupLocations: this.resourceGroupLocations,
    });
    const prefix = `${place.prefix}Microsoft.Resources/deployments/${displayText(name)}/`;
    if (linked || isInnerScope(raw, place.scope)) {
      const inner = this.innerScope(raw, template, place.scope, target, name);
      if (linked) this.linkChain.push(template.loc?.file ?? '');
      try {
        this.expandTemplate(template, { scope: inner, template: inner, idTarget: target, prefix, conditional: place.conditional, depth: place.depth + 1 });
      } finally {
        if (linked) this.linkChain.pop();
      }
    } else {
      // Outer scope: the inner template's expressions read the enclosing template's parameters and variables.
      this.expandTemplate(template, { ...place, idTarget: target, prefix, depth: place.depth + 1 });
    }
  }

  /** A deployment's inline template, or the one its `relativePath` link names when it can be read (for reference()). */
  private deployedTemplate(raw: ObjectValue, scope: ArmScope): { template: ObjectValue; linked: boolean } | undefined {
    const inline = path(raw, 'properties', 'template');
    if (inline?.kind === 'object') return { template: inline, linked: false };
    const relRaw = path(raw, 'properties', 'templateLink', 'relativePath');
    if (!relRaw || !this.loadLinked) return undefined;
    const rel = evaluateTemplateValue(relRaw, scope);
    if (rel.kind !== 'known' || typeof rel.value !== 'string') return undefined;
    const loaded = this.loadLinked(raw.loc?.file ?? this.file, rel.value);
    if (!('template' in loaded)) return undefined;
    this.parsedFiles.set(loaded.file, loaded.parsed);
    return { template: loaded.template, linked: true };
  }

  /** The template a `relativePath` link names, read from the scan root; otherwise reported as not scanned. */
  private followLink(deployment: NativeResource, raw: ObjectValue, link: Value): ObjectValue | undefined {
    const linkAttrs = path(deployment.attrs, 'properties', 'templateLink');
    const rel = linkAttrs?.kind === 'object' ? lookupField(linkAttrs, 'relativePath') : undefined;
    if (rel?.kind !== 'known' || typeof rel.value !== 'string' || !this.loadLinked) {
      this.linkedTemplate(deployment, link);
      return undefined;
    }
    const loaded = this.loadLinked(raw.loc?.file ?? this.file, rel.value);
    const cycle = loaded.file === this.file || this.linkChain.includes(loaded.file);
    if ('template' in loaded && !cycle) {
      this.parsedFiles.set(loaded.file, loaded.parsed);
      return loaded.template;
    }
    const problem = 'problem' in loaded ? loaded.problem : `it links back to ${loaded.file}, which is being expanded (a cycle)`;
    this.out.notScanned.push({
      address: deployment.address,
      scope: this.file,
      loc: rel.loc ?? link.loc ?? deployment.loc,
      cause: { inputs: [`templateLink ${rel.value}`], detail: `linked template ${rel.value} is not followed: ${problem}` },
    });
    return undefined;
  }

  private linkedTemplate(deployment: NativeResource, link: Value): void {
    const linkAttrs = path(deployment.attrs, 'properties', 'templateLink');
    const target =
      (linkAttrs?.kind === 'object' && (lookupField(linkAttrs, 'uri') ?? lookupField(linkAttrs, 'relativePath') ?? lookupField(linkAttrs, 'id'))) ||
      undefined;
    const where = target ? displayText(target) : 'the linked template';
    const detail = `linked template ${where} is not followed: scan it as its own template (with its parameters)`;
    this.out.notScanned.push({
      address: deployment.address,
      scope: this.file,
      loc: link.loc ?? deployment.loc,
      cause: { inputs: [`templateLink ${where}`], detail },
      reason: { ja: `リンク先のテンプレート${target ? ` ${where} ` : ''}はたどりません。そのテンプレートを（パラメータとともに）単独で検査してください`, en: detail },
    });
  }

  /** The scope an inner-scope nested deployment evaluates its template in; its parameters come from the enclosing scope. */
  private innerScope(raw: ObjectValue, template: ObjectValue, outer: ArmScope, target: ArmDeploymentTarget, name: Value): TemplateScope {
    let byOuter = this.innerScopes.get(raw);
    if (!byOuter) this.innerScopes.set(raw, (byOuter = new WeakMap()));
    const cached = byOuter.get(outer);
    if (cached) return cached;
    const display = displayText(name);
    const supplied: SuppliedParameters = new Map();
    const props = lookupField(raw, 'properties');
    const params = props?.kind === 'object' ? lookupField(props, 'parameters') : undefined;
    if (params?.kind === 'object') {
      for (const [k, entryRaw] of Object.entries(params.fields)) {
        // The entry itself may be an expression or hold a `copy` loop named `value` (Bicep writes both).
        const entry = evaluateTemplateValue(entryRaw, outer);
        if (entry.kind === 'unknown') {
          supplied.set(k.toLowerCase(), { kind: 'unknown', value: { ...entry, expr: `[parameters('${k}')]` } });
          continue;
        }
        if (entry.kind !== 'object') continue;
        const value = lookupField(entry, 'value');
        if (value !== undefined) supplied.set(k.toLowerCase(), { kind: 'value', value });
        else if (lookupField(entry, 'reference'))
          supplied.set(k.toLowerCase(), {
            kind: 'unknown',
            value: unknown({ inputs: [`parameter ${k} of deployment ${display}`], detail: 'a Key Vault secret, read at deployment' }, entry.loc, `[parameters('${k}')]`),
          });
      }
    }
    const scope = new TemplateScope({
      file: template.loc?.file ?? this.file,
      template,
      supplied,
      target,
      budget: this.budget,
      report: this.report,
      missingParameter: (n) => ({
        inputs: [`parameter ${n} of deployment ${display}`],
        detail: `nested deployment ${display} passes no value for '${n}' and it has no default`,
      }),
      passedIn: (n) => `deployment ${display}: parameters('${n}')`,
    });
    byOuter.set(outer, scope);
    return scope;
  }

  /**
   * reference() of a nested deployment in the same template returns its
   * outputs, evaluated like the deployment itself; anything else it reads is
   * known only after deployment.
   */
  private attachReferenceResolver(template: ObjectValue, place: Placement): void {
    const candidates = resourceEntries(template).filter(
      ([, r]) =>
        r.kind === 'object' &&
        lookupField(r, 'copy') === undefined &&
        typeOf(r)?.toLowerCase() === DEPLOYMENTS &&
        this.deployedTemplate(r, place.scope) !== undefined,
    ) as [string | undefined, ObjectValue][];
    if (!candidates.length) return;
    const names = new Map<ObjectValue, Value>();
    const nameOf = (r: ObjectValue): Value => {
      let n = names.get(r);
      if (!n) names.set(r, (n = evaluateTemplateValue(lookupField(r, 'name') ?? known(null), place.scope)));
      return n;
    };
    place.template.referenceResolver = (target: Value): Value | undefined => {
      const wanted = (target.kind === 'known' ? String(target.value) : target.kind === 'unknown' ? (target.expr ?? '') : '').toLowerCase();
      if (!wanted) return undefined;
      const base = scopeBase(place.idTarget).text;
      const hit = candidates.find(([symbolic, r]) => {
        if (symbolic !== undefined && symbolic.toLowerCase() === wanted) return true;
        const display = displayText(nameOf(r));
        if (display.toLowerCase() === wanted) return true;
        return appendSegments(base, 'Microsoft.Resources/deployments', [display])?.toLowerCase() === wanted;
      });
      return hit ? this.deploymentOutputs(hit[1], nameOf(hit[1]), place) : undefined;
    };
  }

  private deploymentOutputs(raw: ObjectValue, name: Value, place: Placement): Value | undefined {
    let memo = this.outputs.get(place.template);
    if (!memo) this.outputs.set(place.template, (memo = new Map()));
    const done = memo.get(raw);
    // A deployment whose outputs depend on themselves: leave the reference unknown.
    if (done === 'pending') return undefined;
    if (done) return done;
    memo.set(raw, 'pending');
    try {
      const { template, linked } = this.deployedTemplate(raw, place.scope)!;
      const target = nestedTarget({ deployment: raw, template, scope: place.scope, outer: place.idTarget, name, resourceGroupLocations: this.resourceGroupLocations });
      const scope = linked || isInnerScope(raw, place.scope) ? this.innerScope(raw, template, place.scope, target, name) : place.scope;
      const outputs = lookupField(template, 'outputs');
      const fields: Record<string, Value> = Object.create(null);
      if (outputs?.kind === 'object') {
        for (const [k, o] of Object.entries(outputs.fields)) {
          if (o.kind !== 'object') continue;
          const loop = lookupField(o, 'copy');
          const valueRaw = lookupField(o, 'value');
          const value = loop ? expandLoop('', loop, scope, true) : valueRaw ? evaluateTemplateValue(valueRaw, scope) : known(null, o.loc);
          fields[k] = obj({ type: lookupField(o, 'type') ?? known(null, o.loc), value }, o.loc);
        }
      }
      const result = obj({ outputs: obj(fields, raw.loc) }, raw.loc);
      result.refTarget = `${this.file}#${place.prefix}Microsoft.Resources/deployments/${displayText(name)}`;
      memo.set(raw, result);
      return result;
    } catch (e) {
      memo.delete(raw);
      throw e;
    }
  }

}

/** Resources of a template: an array, or (languageVersion 2.0) an object keyed by symbolic name. */
function resourceEntries(template: ObjectValue): [string | undefined, Value][] {
  const resources = lookupField(template, 'resources');
  if (resources?.kind === 'list') return resources.items.map((r) => [undefined, r]);
  if (resources?.kind === 'object') return Object.entries(resources.fields);
  return [];
}

function typeOf(r: ObjectValue): string | undefined {
  const t = lookupField(r, 'type');
  return t?.kind === 'known' && typeof t.value === 'string' ? t.value : undefined;
}

function isInnerScope(raw: ObjectValue, scope: ArmScope): boolean {
  const props = lookupField(raw, 'properties');
  const options = props?.kind === 'object' ? lookupField(props, 'expressionEvaluationOptions') : undefined;
  const s = options?.kind === 'object' ? lookupField(options, 'scope') : undefined;
  if (!s) return false;
  const v = evaluateTemplateValue(s, scope);
  return v.kind === 'known' && String(v.value).toLowerCase() === 'inner';
}

function childExtents(raw: ObjectValue, parsed: ParsedJson): Extent[] {
  const children = lookupField(raw, 'resources');
  if (children?.kind !== 'list') return [];
  return children.items.flatMap((c) => {
    const e = c.kind === 'object' ? parsed.extents.get(c) : undefined;
    return e ? [e] : [];
  });
}

/** Bicep writes an extension resource's scope relative to the deployment (`Microsoft.Network/virtualNetworks/vnet`). */
function absoluteScope(scope: Value, target: ArmDeploymentTarget, loc: SourceLoc): Value {
  const text = displayText(scope);
  if (text.startsWith('/') || (scope.kind !== 'known' && scope.kind !== 'unknown')) return scope;
  const base = scopeBase(target);
  const full = `${base.text}/providers/${text}`;
  if (scope.kind === 'unknown') return { ...scope, expr: full };
  return idValue({ values: base.values, text: full }, scope.loc ?? loc);
}

function setField(o: ObjectValue, name: string, v: Value): void {
  const existing = Object.keys(o.fields).find((k) => k.toLowerCase() === name.toLowerCase());
  o.fields[existing ?? name] = v;
}

function path(v: Value | undefined, ...names: string[]): Value | undefined {
  let cur = v;
  for (const n of names) cur = cur?.kind === 'object' ? lookupField(cur, n) : undefined;
  return cur;
}

function mergeOptional(a: UnknownCause | undefined, b: UnknownCause): UnknownCause {
  return a ? mergeCauses([a, b]) : b;
}
