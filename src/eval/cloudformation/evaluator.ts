// Evaluates CloudFormation intrinsic functions over a parsed template:
// parameters, pseudo parameters, conditions, mappings and the Fn:: family.
// What cannot be known before deployment becomes an unknown value that names
// the input to supply; a reference to a resource becomes a RefValue.
import {
  containsUnknown,
  known,
  list,
  obj,
  ref,
  toPlain,
  unknown,
  type SourceLoc,
  type UnknownCause,
  type Value,
} from '../../readers/value.js';
import { echoedProperty } from './attribute-echoes.js';
import { availabilityZones } from './availability-zones.js';
import { cidrSubnets } from './cidr.js';
import { NO_BINDINGS, NO_VALUE, type Bindings, type Evaluated } from './evaluated.js';
import { FOR_EACH_PREFIX, expandForEach } from './for-each.js';
import { materializeParameter, type ParameterState } from './parameters.js';
import { NO_VALUE_NAME, pseudoParameter } from './pseudo-parameters.js';
import { parseSubTemplate } from './sub-template.js';
import { entryOf, scalarText, valueOf, type TMap, type TNode } from './template-node.js';
import { cause, invalid, mergeCauses, throughStep } from './unknown-causes.js';
import { assembleString, causeOf, exprOf, type StringPiece } from './value-text.js';
import { tickReadClock } from '../../readers/read-clock.js';

/** A resource of the template (after Fn::ForEach expansion). */
export interface ResourceDecl {
  logicalId: string;
  /** NativeResource key: `${file}#${logicalId}`. */
  key: string;
  /** The literal Type, when the template gives one. */
  type?: string;
  body: TNode;
  keyLoc: SourceLoc;
  /** Fn::ForEach identifiers in force for this resource. */
  bindings: Bindings;
  /** Name in the resource's `Condition:`, if any. */
  conditionName?: string;
}

export interface TemplateScope {
  region?: string;
  parameters: ReadonlyMap<string, ParameterState>;
  conditions: ReadonlyMap<string, TNode>;
  mappings?: TNode;
  resources: ReadonlyMap<string, ResourceDecl>;
  /** `Fn::GetAtt Stack.Outputs.Name` of a nested stack whose template is read; undefined when it cannot be. */
  stackOutput?: (decl: ResourceDecl, output: string) => Value | undefined;
  /** `Fn::ImportValue Name` of an export another read template declares; undefined when none is known to. */
  importValue?: (name: string) => Value | undefined;
}

interface Ctx {
  bindings: Bindings;
  depth: number;
  /** Directly inside Conditions, Fn::Not/And/Or: `{Condition: Name}` is a function here only. */
  inCondition: boolean;
}

/** Deeper nesting than any real template has; guards the call stack. */
const MAX_DEPTH = 200;

function relocate<V extends Value>(v: V, loc: SourceLoc): V {
  return { ...v, loc };
}

/** A known scalar as CloudFormation text, or undefined. */
function asText(v: Evaluated): string | undefined {
  if (v === NO_VALUE || v.kind !== 'known') return undefined;
  return v.value === null ? '' : String(v.value);
}

function asIndex(v: Evaluated): number | undefined {
  const t = asText(v);
  return t !== undefined && /^\d+$/.test(t.trim()) ? Number(t) : undefined;
}

/** CloudFormation compares values as strings (`1` equals `'1'`). */
function looseEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => looseEqual(x, b[i]));
  }
  if (a !== null && typeof a === 'object') {
    if (b === null || typeof b !== 'object') return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => looseEqual((a as never)[k], (b as never)[k]));
  }
  if (b !== null && typeof b === 'object') return false;
  return String(a ?? '') === String(b ?? '');
}

export class CfnEvaluator {
  private readonly conditionMemo = new Map<string, Value>();
  private readonly conditionsInProgress = new Set<string>();
  private readonly echoesInProgress = new Set<string>();
  /** Echoed attributes evaluated once: a chain of them must not grow exponentially. */
  private readonly echoMemo = new Map<string, Evaluated>();

  constructor(private readonly scope: TemplateScope) {}

  evaluate(node: TNode, bindings: Bindings = NO_BINDINGS): Evaluated {
    return this.eval(node, { bindings, depth: 0, inCondition: false });
  }

  /** A declared condition: known boolean, or unknown naming what it depends on. */
  condition(name: string, depth = 0): Value {
    const memo = this.conditionMemo.get(name);
    if (memo) return memo;
    const node = this.scope.conditions.get(name);
    if (!node) return unknown(invalid(`condition ${name} is not declared`), undefined, `[Condition ${name}]`);
    if (this.conditionsInProgress.has(name)) {
      return unknown(invalid(`condition ${name} depends on itself`), node.loc, `[Condition ${name}]`);
    }
    this.conditionsInProgress.add(name);
    let result: Value;
    try {
      const b = this.bool(this.eval(node, { bindings: NO_BINDINGS, depth, inCondition: true }));
      result =
        typeof b === 'boolean'
          ? known(b, node.loc)
          : unknown(throughStep(b, `condition ${name}`), node.loc, `[Condition ${name}]`);
    } finally {
      this.conditionsInProgress.delete(name);
    }
    this.conditionMemo.set(name, result);
    return result;
  }

  /** Whether the resource is created: known boolean or unknown (its condition's cause). */
  resourceCreated(decl: ResourceDecl, depth = 0): Value {
    return decl.conditionName === undefined ? known(true, decl.keyLoc) : this.condition(decl.conditionName, depth);
  }

  private eval(node: TNode, ctx: Ctx): Evaluated {
    tickReadClock();
    if (ctx.depth > MAX_DEPTH) return unknown(invalid('expression nested too deeply'), node.loc, '[...]');
    const inner: Ctx = { bindings: ctx.bindings, depth: ctx.depth + 1, inCondition: false };
    switch (node.t) {
      case 'scalar':
        return known(node.value, node.loc);
      case 'unknown-tag':
        return unknown(invalid(`${node.tag} is not a CloudFormation tag`), node.loc, `[${node.tag}]`);
      case 'seq': {
        const items: Value[] = [];
        for (const i of node.items) {
          const v = this.eval(i, inner);
          if (v !== NO_VALUE) items.push(v);
        }
        return list(items, node.loc);
      }
      case 'map': {
        const fn = this.intrinsicName(node, ctx);
        return fn !== undefined ? this.intrinsic(fn, node.entries[0]!.value, node, inner) : this.object(node, inner);
      }
    }
  }

  private intrinsicName(node: TMap, ctx: Ctx): string | undefined {
    if (node.entries.length !== 1) return undefined;
    const k = node.entries[0]!.key;
    if (k === 'Ref' || (k.startsWith('Fn::') && !k.startsWith(FOR_EACH_PREFIX))) return k;
    if (k === 'Condition' && ctx.inCondition) return k;
    return undefined;
  }

  private object(node: TMap, ctx: Ctx): Value {
    // `Fn::Transform` beside other keys (AWS::Include) merges a snippet into this map at deployment:
    // any key may be added or replaced, so none of the map is known.
    const transform = node.entries.find((e) => e.key === 'Fn::Transform');
    if (transform) {
      const name = scalarText(valueOf(transform.value, 'Name')) ?? '?';
      return unknown(cause([`macro ${name}`], `Fn::Transform ${name} merges content into this mapping at deployment`), node.loc, `[Transform ${name}]`);
    }
    const fields: Record<string, Value> = Object.create(null);
    const hasLoop = node.entries.some((e) => e.key.startsWith(FOR_EACH_PREFIX));
    const expansion = hasLoop
      ? expandForEach(node.entries, ctx.bindings, (n, b) => this.eval(n, { ...ctx, bindings: b }))
      : { entries: node.entries.map((e) => ({ ...e, bindings: ctx.bindings })), unexpanded: [] };
    for (const e of expansion.entries) {
      const v = this.eval(e.value, { ...ctx, bindings: e.bindings });
      // Properties are located at the line that names them.
      if (v === NO_VALUE) delete fields[e.key];
      else fields[e.key] = relocate(v, e.keyLoc);
    }
    for (const u of expansion.unexpanded) fields[u.key] = unknown(u.cause, u.keyLoc, `[${u.key}]`);
    return obj(fields, node.loc);
  }

  private bad(fn: string, message: string, loc: SourceLoc): Value {
    return unknown(invalid(`${fn}: ${message}`), loc, `[${fn}]`);
  }

  private args(arg: TNode, count: number | [number, number]): TNode[] | undefined {
    if (arg.t !== 'seq') return undefined;
    const [min, max] = typeof count === 'number' ? [count, count] : count;
    return arg.items.length >= min && arg.items.length <= max ? arg.items : undefined;
  }

  private intrinsic(fn: string, arg: TNode, node: TMap, ctx: Ctx): Evaluated {
    const loc = node.loc;
    switch (fn) {
      case 'Ref':
        return this.fnRef(arg, loc, ctx);
      case 'Fn::GetAtt':
        return this.fnGetAtt(arg, loc, ctx);
      case 'Fn::Sub':
        return this.fnSub(arg, loc, ctx);
      case 'Fn::Join':
        return this.fnJoin(arg, loc, ctx);
      case 'Fn::Select':
        return this.fnSelect(arg, loc, ctx);
      case 'Fn::Split':
        return this.fnSplit(arg, loc, ctx);
      case 'Fn::If':
        return this.fnIf(arg, loc, ctx);
      case 'Fn::FindInMap':
        return this.fnFindInMap(arg, loc, ctx);
      case 'Fn::Cidr':
        return this.fnCidr(arg, loc, ctx);
      case 'Fn::GetAZs':
        return this.fnGetAZs(arg, loc, ctx);
      case 'Fn::ImportValue':
        return this.fnImportValue(arg, loc, ctx);
      case 'Fn::Base64':
        return this.fnBase64(arg, loc, ctx);
      case 'Fn::Equals':
        return this.fnEquals(arg, loc, ctx);
      case 'Fn::Not':
      case 'Fn::And':
      case 'Fn::Or':
        return this.fnLogic(fn, arg, loc, ctx);
      case 'Condition': {
        const name = scalarText(arg);
        return name !== undefined ? relocate(this.condition(name, ctx.depth), loc) : this.bad(fn, 'expected a condition name', loc);
      }
      case 'Fn::Transform': {
        const name = scalarText(valueOf(arg, 'Name')) ?? '?';
        return unknown(
          cause([`macro ${name}`], `Fn::Transform ${name} is expanded by a macro at deployment`),
          loc,
          `[Transform ${name}]`,
        );
      }
      case 'Fn::Length': {
        const v = this.eval(arg, ctx);
        if (v !== NO_VALUE && v.kind === 'list') return known(v.items.length, loc);
        if (v !== NO_VALUE && (v.kind === 'unknown' || v.kind === 'ref')) return unknown(causeOf(v)!, loc, `[Length ${exprOf(v)}]`);
        return this.bad(fn, 'expected a list', loc);
      }
      case 'Fn::ToJsonString': {
        const v = this.eval(arg, ctx);
        if (v === NO_VALUE) return this.bad(fn, 'AWS::NoValue is not a value', loc);
        if (containsUnknown(v)) return unknown(causeOf(v)!, loc, `[ToJsonString ${exprOf(v)}]`);
        return known(JSON.stringify(toPlain(v)), loc);
      }
      default:
        return this.bad(fn, 'not a supported intrinsic function', loc);
    }
  }

  private fnRef(arg: TNode, loc: SourceLoc, ctx: Ctx): Evaluated {
    const name = arg.t === 'scalar' ? scalarText(arg) : asText(this.eval(arg, ctx));
    if (name === undefined || name === '') return this.bad('Ref', 'expected a name', loc);
    return this.resolveName(name, loc, ctx);
  }

  private resolveName(name: string, loc: SourceLoc, ctx: Ctx): Evaluated {
    const bound = ctx.bindings.get(name);
    if (bound) return relocate(bound, loc);
    if (name === NO_VALUE_NAME) return NO_VALUE;
    if (name.startsWith('AWS::')) return pseudoParameter(name, this.scope.region, loc);
    const param = this.scope.parameters.get(name);
    if (param) return materializeParameter(name, param, loc);
    const res = this.scope.resources.get(name);
    if (res) return this.resourceValue(res, 'Ref', loc, ctx);
    return unknown(invalid(`Ref to ${name}, which the template does not declare`), loc, `\${${name}}`);
  }

  /** Ref or attribute of a resource; a resource that is certainly not created has no value. */
  private resourceValue(decl: ResourceDecl, attribute: string, loc: SourceLoc, ctx: Ctx): Value {
    const created = this.resourceCreated(decl, ctx.depth);
    const expr = attribute === 'Ref' ? `\${${decl.logicalId}}` : `\${${decl.logicalId}.${attribute}}`;
    if (created.kind === 'known' && created.value === false) {
      return unknown(invalid(`${decl.logicalId} is not created (condition ${decl.conditionName} is false)`), loc, expr);
    }
    if (decl.type === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.') && this.scope.stackOutput) {
      const output = this.scope.stackOutput(decl, attribute.slice('Outputs.'.length));
      if (output !== undefined) return relocate(output, loc);
    }
    const prop = attribute === 'Ref' ? undefined : echoedProperty(decl.type, attribute);
    const guard = `${decl.logicalId}.${attribute}`;
    if (prop !== undefined && !this.echoesInProgress.has(guard)) {
      const propNode = valueOf(valueOf(decl.body, 'Properties'), prop);
      if (propNode) {
        let v = this.echoMemo.get(guard);
        if (v === undefined) {
          this.echoesInProgress.add(guard);
          try {
            v = this.eval(propNode, { bindings: decl.bindings, depth: ctx.depth + 1, inCondition: false });
          } finally {
            this.echoesInProgress.delete(guard);
          }
          this.echoMemo.set(guard, v);
        }
        if (v !== NO_VALUE) return relocate(v, loc);
      }
    }
    return ref(decl.key, attribute, loc);
  }

  private fnGetAtt(arg: TNode, loc: SourceLoc, ctx: Ctx): Evaluated {
    let id: string | undefined;
    let attribute: string | undefined;
    const text = scalarText(arg);
    if (text !== undefined) {
      const dot = text.indexOf('.');
      if (dot > 0) [id, attribute] = [text.slice(0, dot), text.slice(dot + 1)];
    } else {
      const a = this.args(arg, 2);
      id = a ? scalarText(a[0]) : undefined;
      if (a && id !== undefined) {
        const attrV = this.eval(a[1]!, ctx);
        attribute = asText(attrV);
        if (attribute === undefined && attrV !== NO_VALUE && causeOf(attrV)) {
          return unknown(causeOf(attrV)!, loc, `\${${id}.${exprOf(attrV)}}`);
        }
      }
    }
    if (id === undefined || !attribute) return this.bad('Fn::GetAtt', 'expected LogicalId.Attribute', loc);
    const decl = this.scope.resources.get(id);
    if (!decl) {
      return unknown(invalid(`Fn::GetAtt on ${id}, which is not a resource of the template`), loc, `\${${id}.${attribute}}`);
    }
    return this.resourceValue(decl, attribute, loc, ctx);
  }

  private fnSub(arg: TNode, loc: SourceLoc, ctx: Ctx): Evaluated {
    const a = arg.t === 'seq' ? this.args(arg, 2) : [arg];
    if (!a) return this.bad('Fn::Sub', 'expected a string or [string, variables]', loc);
    // The string itself may come from a function, typically Fn::Transform AWS::Include.
    const source = a[0]!.t === 'scalar' ? undefined : this.eval(a[0]!, ctx);
    if (source !== undefined && source !== NO_VALUE && (source.kind === 'unknown' || source.kind === 'ref')) {
      return unknown(causeOf(source)!, loc, `[Sub ${exprOf(source)}]`);
    }
    const template = source === undefined ? scalarText(a[0]) : asText(source);
    if (template === undefined) return this.bad('Fn::Sub', 'expected a string or [string, variables]', loc);
    const vars = a[1];
    if (vars && vars.t !== 'map') return this.bad('Fn::Sub', 'variables must be a mapping', loc);
    const pieces: StringPiece[] = parseSubTemplate(template).map((p) =>
      'text' in p ? p.text : this.subVariable(p.variable, vars, loc, ctx),
    );
    return assembleString(pieces, loc, 'Fn::Sub');
  }

  private subVariable(name: string, vars: TNode | undefined, loc: SourceLoc, ctx: Ctx): StringPiece {
    const expr = `\${${name}}`;
    const entry = entryOf(vars, name);
    let v: Evaluated;
    if (entry) v = this.eval(entry.value, ctx);
    else if (name.includes('.') && !ctx.bindings.has(name)) {
      const dot = name.indexOf('.');
      const decl = this.scope.resources.get(name.slice(0, dot));
      v = decl
        ? this.resourceValue(decl, name.slice(dot + 1), loc, ctx)
        : unknown(invalid(`Fn::Sub: ${expr} names no resource of the template`), loc, expr);
    } else v = this.resolveName(name, loc, ctx);
    if (v === NO_VALUE) v = unknown(invalid(`Fn::Sub: ${expr} is AWS::NoValue`), loc, expr);
    return { value: v, expr };
  }

  private fnJoin(arg: TNode, loc: SourceLoc, ctx: Ctx): Evaluated {
    const a = this.args(arg, 2);
    const delimiter = a ? asText(this.eval(a[0]!, ctx)) : undefined;
    if (!a || delimiter === undefined) return this.bad('Fn::Join', 'expected [delimiter, list]', loc);
    const items = this.eval(a[1]!, ctx);
    if (items === NO_VALUE) return this.bad('Fn::Join', 'AWS::NoValue is not a list', loc);
    if (items.kind === 'unknown' || items.kind === 'ref') {
      return unknown(causeOf(items)!, loc, `[Join '${delimiter}' ${exprOf(items)}]`);
    }
    if (items.kind !== 'list') return this.bad('Fn::Join', 'expected a list', loc);
    const pieces: StringPiece[] = [];
    items.items.forEach((v, i) => {
      if (i > 0) pieces.push(delimiter);
      pieces.push({ value: v });
    });
    return assembleString(pieces, loc, 'Fn::Join');
  }

  private fnSelect(arg: TNode, loc: SourceLoc, ctx: Ctx): Evaluated {
    const a = this.args(arg, 2);
    if (!a) return this.bad('Fn::Select', 'expected [index, list]', loc);
    const indexV = this.eval(a[0]!, ctx);
    const listV = this.eval(a[1]!, ctx);
    if (indexV === NO_VALUE || listV === NO_VALUE) return this.bad('Fn::Select', 'AWS::NoValue is not an argument', loc);
    const index = asIndex(indexV);
    const causes = [causeOf(indexV), listV.kind === 'list' ? undefined : causeOf(listV)].filter(
      (c): c is UnknownCause => c !== undefined,
    );
    if (causes.length > 0) return unknown(mergeCauses(causes), loc, `[Select ${exprOf(indexV)} ${exprOf(listV)}]`);
    if (index === undefined) return this.bad('Fn::Select', 'the index is not a non-negative integer', loc);
    if (listV.kind !== 'list') return this.bad('Fn::Select', 'expected a list', loc);
    const item = listV.items[index];
    if (!item) return this.bad('Fn::Select', `index ${index} is beyond the ${listV.items.length} items of the list`, loc);
    return relocate(item, loc);
  }

  private fnSplit(arg: TNode, loc: SourceLoc, ctx: Ctx): Evaluated {
    const a = this.args(arg, 2);
    const delimiter = a ? asText(this.eval(a[0]!, ctx)) : undefined;
    if (!a || !delimiter) return this.bad('Fn::Split', 'expected [delimiter, string]', loc);
    const source = this.eval(a[1]!, ctx);
    const text = asText(source);
    if (text !== undefined) return list(text.split(delimiter).map((s) => known(s, loc)), loc);
    if (source !== NO_VALUE && causeOf(source)) return unknown(causeOf(source)!, loc, `[Split '${delimiter}' ${exprOf(source)}]`);
    return this.bad('Fn::Split', 'expected a string to split', loc);
  }

  private fnIf(arg: TNode, loc: SourceLoc, ctx: Ctx): Evaluated {
    const a = this.args(arg, 3);
    const name = a ? scalarText(a[0]) : undefined;
    if (!a || name === undefined) return this.bad('Fn::If', 'expected [condition, value if true, value if false]', loc);
    const c = this.condition(name, ctx.depth);
    if (c.kind === 'known') return this.eval(c.value === true ? a[1]! : a[2]!, ctx);
    // Both branches alike: the condition does not matter.
    const yes = this.eval(a[1]!, ctx);
    const no = this.eval(a[2]!, ctx);
    if (yes === NO_VALUE && no === NO_VALUE) return NO_VALUE;
    if (yes !== NO_VALUE && no !== NO_VALUE && !containsUnknown(yes) && !containsUnknown(no)) {
      if (looseEqual(toPlain(yes), toPlain(no)) && yes.kind === no.kind) return yes;
    }
    return unknown(causeOf(c)!, loc, `[If ${name}]`);
  }

  private fnFindInMap(arg: TNode, loc: SourceLoc, ctx: Ctx): Evaluated {
    const a = this.args(arg, [3, 4]);
    if (!a) return this.bad('Fn::FindInMap', 'expected [map, top-level key, second-level key]', loc);
    const keys = a.slice(0, 3).map((k) => this.eval(k, ctx));
    const defaultNode = a[3] ? valueOf(a[3], 'DefaultValue') : undefined;
    const [mapName, top, second] = keys.map(asText);
    const expr = `[FindInMap ${keys.map((k) => (k === NO_VALUE ? '?' : exprOf(k))).join(' ')}]`;
    const causes = keys.map((k) => (k === NO_VALUE ? undefined : causeOf(k))).filter((c): c is UnknownCause => !!c);
    if (mapName === undefined) return causes.length > 0 ? unknown(mergeCauses(causes), loc, expr) : this.bad('Fn::FindInMap', 'the map name is not a string', loc);
    const mapping = valueOf(this.scope.mappings, mapName);
    if (top !== undefined && second !== undefined) {
      const hit = valueOf(valueOf(mapping, top), second) ?? defaultNode;
      if (!hit) return this.bad('Fn::FindInMap', `mapping ${mapName} has no ${top}/${second}`, loc);
      const v = this.eval(hit, ctx);
      return v === NO_VALUE ? v : relocate(v, loc);
    }
    if (causes.length === 0) return this.bad('Fn::FindInMap', 'the keys are not strings', loc);
    // An unknown key still gives a known value when every entry it could pick agrees.
    const candidates: TNode[] = [];
    const tops = mapping?.t === 'map' ? mapping.entries.filter((e) => top === undefined || e.key === top) : [];
    for (const t of tops) {
      if (t.value.t !== 'map') continue;
      for (const s of t.value.entries) if (second === undefined || s.key === second) candidates.push(s.value);
    }
    if (defaultNode) candidates.push(defaultNode);
    const values = candidates.map((n) => this.eval(n, ctx));
    const first = values[0];
    if (first !== undefined && first !== NO_VALUE && !containsUnknown(first)) {
      const plain = toPlain(first);
      if (values.every((v) => v !== NO_VALUE && !containsUnknown(v) && looseEqual(toPlain(v), plain))) return relocate(first, loc);
    }
    return unknown(mergeCauses(causes), loc, expr);
  }

  private fnCidr(arg: TNode, loc: SourceLoc, ctx: Ctx): Evaluated {
    const a = this.args(arg, 3);
    if (!a) return this.bad('Fn::Cidr', 'expected [ipBlock, count, cidrBits]', loc);
    const vals = a.map((n) => this.eval(n, ctx));
    const causes = vals.map((v) => (v === NO_VALUE ? undefined : causeOf(v))).filter((c): c is UnknownCause => !!c);
    if (causes.length > 0) {
      return unknown(mergeCauses(causes), loc, `[Cidr ${vals.map((v) => (v === NO_VALUE ? '?' : exprOf(v))).join(' ')}]`);
    }
    const [block, count, bits] = vals.map(asText);
    if (block === undefined || count === undefined || bits === undefined) return this.bad('Fn::Cidr', 'expected [ipBlock, count, cidrBits]', loc);
    const subnets = cidrSubnets(block, Number(count), Number(bits));
    if (typeof subnets === 'string') return this.bad('Fn::Cidr', subnets, loc);
    return list(subnets.map((s) => known(s, loc)), loc);
  }

  private fnGetAZs(arg: TNode, loc: SourceLoc, ctx: Ctx): Evaluated {
    const v = this.eval(arg, ctx);
    const text = asText(v);
    // An empty argument means the deployment region; an unknown one leaves placeholders.
    const region = text === '' ? this.scope.region : text;
    return list(availabilityZones(region).map((z) => known(z, loc)), loc);
  }

  private fnImportValue(arg: TNode, loc: SourceLoc, ctx: Ctx): Evaluated {
    const v = this.eval(arg, ctx);
    if (v === NO_VALUE) return this.bad('Fn::ImportValue', 'AWS::NoValue is not an export name', loc);
    const exportName = asText(v);
    const exported = exportName !== undefined ? this.scope.importValue?.(exportName) : undefined;
    if (exported) return relocate(exported, loc);
    const name = exportName ?? exprOf(v);
    const own = cause([`export ${name}`], `Fn::ImportValue ${name} is exported by another stack`);
    const nameCause = causeOf(v);
    return unknown(nameCause ? mergeCauses([own, nameCause]) : own, loc, `[ImportValue ${name}]`);
  }

  private fnBase64(arg: TNode, loc: SourceLoc, ctx: Ctx): Evaluated {
    const v = this.eval(arg, ctx);
    const text = asText(v);
    if (text !== undefined) return known(Buffer.from(text, 'utf8').toString('base64'), loc);
    if (v !== NO_VALUE && causeOf(v)) return unknown(causeOf(v)!, loc, `[Base64 ${exprOf(v)}]`);
    return this.bad('Fn::Base64', 'expected a string', loc);
  }

  private fnEquals(arg: TNode, loc: SourceLoc, ctx: Ctx): Evaluated {
    const a = this.args(arg, 2);
    if (!a) return this.bad('Fn::Equals', 'expected [value, value]', loc);
    const [x, y] = a.map((n) => this.eval(n, ctx));
    if (x === NO_VALUE || y === NO_VALUE) return this.bad('Fn::Equals', 'AWS::NoValue is not a value', loc);
    const causes = [causeOf(x!), causeOf(y!)].filter((c): c is UnknownCause => !!c);
    if (causes.length > 0) return unknown(mergeCauses(causes), loc, `[Equals ${exprOf(x!)} ${exprOf(y!)}]`);
    return known(looseEqual(toPlain(x), toPlain(y)), loc);
  }

  private fnLogic(fn: 'Fn::Not' | 'Fn::And' | 'Fn::Or', arg: TNode, loc: SourceLoc, ctx: Ctx): Evaluated {
    const a = this.args(arg, fn === 'Fn::Not' ? 1 : [1, 10]);
    if (!a) return this.bad(fn, fn === 'Fn::Not' ? 'expected [condition]' : 'expected a list of conditions', loc);
    const operands = a.map((n) => this.bool(this.eval(n, { ...ctx, inCondition: true })));
    if (fn === 'Fn::Not') {
      const o = operands[0]!;
      return typeof o === 'boolean' ? known(!o, loc) : unknown(o, loc, `[Not]`);
    }
    // Three-valued logic: one false decides And, one true decides Or.
    const decisive = fn === 'Fn::Or';
    if (operands.includes(decisive)) return known(decisive, loc);
    const causes = operands.filter((o): o is UnknownCause => typeof o !== 'boolean');
    return causes.length > 0 ? unknown(mergeCauses(causes), loc, `[${fn.slice(4)}]`) : known(!decisive, loc);
  }

  private bool(v: Evaluated): boolean | UnknownCause {
    if (v === NO_VALUE) return invalid('AWS::NoValue is not a condition');
    if (v.kind === 'known') {
      if (typeof v.value === 'boolean') return v.value;
      const t = String(v.value).toLowerCase();
      if (t === 'true' || t === 'false') return t === 'true';
    }
    return causeOf(v) ?? invalid(`${exprOf(v)} is not a condition`);
  }
}
