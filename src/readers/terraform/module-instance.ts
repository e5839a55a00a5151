// One instance of a module (the root, or `module.net["a"]`): the names its
// expressions can use (var, local, module, data, resource types), computed
// lazily as Terraform's graph would, and the resources it declares.
import path from 'node:path';
import type { Cloud, NativeResource, NotScanned, ReadError } from '../native.js';
import type { ReadOptions } from '../options.js';
import { known, list, markSupplied, obj, unknown, type ObjectValue, type UnknownCause, type Value } from '../value.js';
import { awsDataSourceValue, effectiveRegion, LOCALLY_RESOLVED_DATA } from './aws-data-sources.js';
import { evaluateAttr, evaluateBody, extendEnv } from './body-eval.js';
import { attrOf, type BlockConfig } from './config-body.js';
import { renderPolicyDocument } from './iam-policy-document.js';
import { expandInstances, MAX_INSTANCES, type Expansion } from './instances.js';
import { Lazy, lazyObject, lazyValue, materialize } from './lazy.js';
import type { ModuleConfig, ModuleLoader, ResourceConfig } from './module-loader.js';
import { isLocalSource, type ModuleManifest } from './module-manifest.js';
import { placeAt, type VarAssignments } from './root-variables.js';
import { exprText, type Env } from './tf-eval.js';
import type { ExpressionFiles } from './expression-files.js';
import { declareProvider, declareRequiredVersions, mergeTags, providerOf, providersForCall, type ProviderTable } from './providers.js';
import { mergeCauses, withChain, withQualifiedExprs } from './unknown-cause.js';
import { convertToType, parseTypeSpec } from './variable-type.js';
import { waiversOf } from './waivers.js';
import { relativePath } from '../paths.js';
import { takeInstances } from '../instance-allowance.js';

/** Module nesting deeper than this is reported instead of followed. */
export const MAX_MODULE_DEPTH = 24;

const NOT_DOWNLOADED = 'not available locally: run `terraform init` or scan a plan';

/** Meta-arguments: how Terraform manages a resource, not attributes of it. */
const RESOURCE_META = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection']);
const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

const NO_NAMES: Env = { lookup: () => undefined };

/** Shared by every module instance of one root module. */
export interface RootContext {
  opts: ReadOptions;
  rootDir: string;
  /** Root module directory relative to the scan root: NativeResource.scope. */
  scope: string;
  loader: ModuleLoader;
  manifest: ModuleManifest;
  rootVars: VarAssignments;
  resources: NativeResource[];
  errors: ReadError[];
  notScanned: NotScanned[];
  /** Resource types of providers other than AWS and Azure, counted and not emitted. */
  skippedTypes: Map<string, number>;
  /** Files expressions read (`file()`, `templatefile()`), relative to the root module. */
  files: ExpressionFiles;
}

interface ResourceInstance {
  address: string;
  attrs: Lazy<ObjectValue>;
  conditional?: UnknownCause;
}

interface Group<T> {
  expansion: Expansion;
  instances: T[];
}

interface ModuleCallGroup {
  /** Set when the module cannot be evaluated (not downloaded, missing, cyclic). */
  unavailable?: UnknownCause;
  group?: Group<ModuleInstance>;
}

function cloudOf(type: string): Cloud | undefined {
  if (type.startsWith('aws_')) return 'aws';
  if (type.startsWith('azurerm_') || type.startsWith('azapi_')) return 'azure';
  return undefined;
}

export class ModuleInstance {
  private readonly env: Env = { lookup: (name) => this.lookup(name), readFile: (p) => this.ctx.files.read(p) };
  private readonly vars = new Map<string, Lazy<Value>>();
  private readonly locals = new Map<string, Lazy<Value>>();
  private readonly outputs = new Map<string, Lazy<Value>>();
  private readonly resourceGroups = new Map<string, Lazy<Group<ResourceInstance>>>();
  private readonly resourceValues = new Map<string, Lazy<Value>>();
  private readonly dataValues = new Map<string, Lazy<Value>>();
  private readonly moduleCalls = new Map<string, Lazy<ModuleCallGroup>>();
  private readonly providers: ProviderTable;
  private readonly namespaces = new Map<string, Value>();
  private readonly dataByType = new Map<string, ResourceConfig[]>();
  private readonly managedByType = new Map<string, ResourceConfig[]>();

  constructor(
    private readonly ctx: RootContext,
    readonly config: ModuleConfig,
    /** `''` for the root, else `module.a` / `module.a["k"].module.b[0]`. */
    readonly address: string,
    /** Module call names from the root (`["a", "b"]`), the key of `.terraform/modules/modules.json`. */
    private readonly callNames: string[],
    /** Directories of this instance and its callers, to refuse cycles. */
    private readonly dirChain: string[],
    /** For a child: its arguments, evaluated in the caller (with the chain noted). */
    private readonly inputs: Map<string, () => Value> | undefined,
    inherited: ProviderTable,
    /** Set when this instance exists only under a condition that could not be evaluated. */
    private readonly conditional: UnknownCause | undefined,
  ) {
    for (const r of config.resources.values()) {
      const byType = r.mode === 'data' ? this.dataByType : this.managedByType;
      const list = byType.get(r.type);
      if (list) list.push(r);
      else byType.set(r.type, [r]);
    }
    this.providers = new Map(inherited);
    for (const p of config.providers) declareProvider(this.providers, p, this.env);
    declareRequiredVersions(this.providers, config.settings);
  }

  /** Every resource of this instance and of the modules it calls. */
  emit(): void {
    for (const rc of this.config.resources.values()) {
      if (rc.mode !== 'managed') continue;
      const cloud = cloudOf(rc.type);
      if (!cloud) {
        const prefix = rc.type.split('_')[0] ?? rc.type;
        this.ctx.skippedTypes.set(prefix, (this.ctx.skippedTypes.get(prefix) ?? 0) + 1);
        continue;
      }
      const waivers = waiversOf(rc.block, this.config.comments.get(rc.block.loc.file));
      const region = this.regionOf(rc);
      for (const inst of this.resourceGroup(rc).instances) {
        const native: NativeResource = {
          source: 'terraform',
          cloud,
          type: rc.type,
          address: inst.address,
          key: this.keyOf(inst.address),
          scope: this.ctx.scope,
          attrs: materialize(inst.attrs.get()) as ObjectValue,
          loc: rc.block.loc,
        };
        if (cloud === 'aws') {
          const r = this.instanceRegion(native.attrs, region);
          if (r) native.region = r;
        }
        const versions = cloud === 'azure' ? providerOf(this.providers, rc)?.versions : undefined;
        if (versions) native.providerVersions = versions;
        if (waivers.length) native.waivers = waivers;
        if (inst.conditional) native.conditional = inst.conditional;
        this.ctx.resources.push(native);
      }
    }
    for (const name of this.config.moduleCalls.keys()) {
      for (const child of this.moduleCall(name).group?.instances ?? []) child.emit();
    }
  }

  private keyOf(address: string): string {
    return `${this.ctx.scope}#${address}`;
  }

  private prefixed(address: string): string {
    return this.address ? `${this.address}.${address}` : address;
  }

  // ---------------------------------------------------------------- names

  private lookup(name: string): Value | undefined {
    const cached = this.namespaces.get(name);
    if (cached) return cached;
    let v: Value | undefined;
    switch (name) {
      case 'var':
        v = lazyObject(this.config.variables.keys(), (n) => this.variable(n));
        break;
      case 'local':
        v = lazyObject(this.config.locals.keys(), (n) => this.local(n));
        break;
      case 'module':
        v = lazyObject(this.config.moduleCalls.keys(), (n) => this.moduleValue(n));
        break;
      case 'data':
        v = obj(Object.fromEntries([...this.dataByType].map(([type, rcs]) => [type, lazyObject(rcs.map((r) => r.name), (n) => this.dataValue(type, n))])));
        break;
      case 'path': {
        const rel = relativePath(this.ctx.rootDir, this.config.dir);
        v = obj({ module: known(rel), root: known('.'), cwd: known('.') });
        break;
      }
      case 'terraform':
        v = obj({ workspace: unknown({ inputs: ['terraform.workspace'], detail: 'the Terraform workspace is chosen when Terraform runs' }) });
        break;
      default: {
        const rcs = this.managedByType.get(name);
        if (!rcs) return undefined;
        v = lazyObject(
          rcs.map((r) => r.name),
          (n) => this.resourceValue(this.config.resources.get(`${name}.${n}`)!),
        );
      }
    }
    this.namespaces.set(name, v);
    return v;
  }

  private variable(name: string): Value {
    let cell = this.vars.get(name);
    if (!cell) {
      cell = lazyValue(`var.${name}`, () => this.computeVariable(name));
      this.vars.set(name, cell);
    }
    return cell.get();
  }

  private computeVariable(name: string): Value {
    const decl = this.config.variables.get(name)!;
    const typeAttr = attrOf(decl, 'type');
    const type = parseTypeSpec(typeAttr?.json);
    const defaultAttr = attrOf(decl, 'default');
    const nullable = attrOf(decl, 'nullable')?.json !== false;
    const byDefault = (): Value | undefined => (defaultAttr ? evaluateAttr(defaultAttr, NO_NAMES) : undefined);
    let value: Value | undefined;
    if (this.inputs) {
      value = this.inputs.get(name)?.();
      if (value === undefined) {
        value = byDefault() ?? unknown({ inputs: [`${this.address}.${name}`], detail: `required input "${name}" of ${this.address} is not set by the caller` }, decl.loc);
      }
    } else {
      const given = this.ctx.rootVars.get(name);
      // Terraform takes --var text literally for `string` and type-less variables, as HCL otherwise.
      const literal = typeAttr === undefined || type.kind === 'string';
      if (given?.raw !== undefined) value = placeAt(literal ? markSupplied(known(given.raw)) : given.value, decl.loc);
      else if (given) value = given.value;
      else {
        value =
          byDefault() ??
          unknown({ inputs: [`var.${name}`], detail: `variable "${name}" has no default and no value was given (tfvars, --var, --var-file)` }, decl.loc, `var.${name}`);
      }
    }
    // Terraform: a null assigned to a non-nullable variable takes the default.
    if (!nullable && value.kind === 'known' && value.value === null) value = byDefault() ?? value;
    return convertToType(value, type);
  }

  private local(name: string): Value {
    let cell = this.locals.get(name);
    if (!cell) {
      const attr = this.config.locals.get(name)!;
      cell = lazyValue(`local.${name}`, () => evaluateAttr(attr, this.env));
      this.locals.set(name, cell);
    }
    return cell.get();
  }

  // ------------------------------------------------------------ resources

  private resourceGroup(rc: ResourceConfig): Group<ResourceInstance> {
    const key = `${rc.type}.${rc.name}`;
    let cell = this.resourceGroups.get(key);
    if (!cell) {
      cell = new Lazy(
        this.prefixed(key),
        () => this.expandResource(rc),
        (cause) => ({ expansion: { mode: 'unknown', instances: [], cause }, instances: [] }),
      );
      this.resourceGroups.set(key, cell);
    }
    return cell.get();
  }

  /** The instances of a block; more than the reader expands is a read error at the block, and it stands as one instance. */
  private instancesOf(block: BlockConfig, address: string): Expansion {
    const expansion = expandInstances(block, this.env, address);
    takeInstances(Math.max(1, expansion.instances.length));
    if (expansion.tooMany !== undefined) {
      this.ctx.errors.push({
        file: block.loc.file,
        line: block.loc.line,
        message: `${address}: ${expansion.tooMany} instances is more than the ${MAX_INSTANCES} kikan expands; judged as one instance of unknown index`,
      });
    }
    return expansion;
  }

  private expandResource(rc: ResourceConfig): Group<ResourceInstance> {
    const base = this.prefixed(`${rc.type}.${rc.name}`);
    const expansion = this.instancesOf(rc.block, base);
    const instances = expansion.instances.map((i): ResourceInstance => {
      const address = base + i.suffix;
      const env = extendEnv(this.env, i.names);
      const attrs = new Lazy<ObjectValue>(
        address,
        () => this.resourceAttrs(rc, env, this.keyOf(address)),
        (cause) => {
          const o = obj({}, rc.block.loc);
          o.refTarget = this.keyOf(address);
          this.ctx.errors.push({ file: rc.block.loc.file, line: rc.block.loc.line, message: cause.detail });
          return o;
        },
      );
      const inst: ResourceInstance = { address, attrs };
      const conditional = mergeOptional(this.conditional, i.conditional);
      if (conditional) inst.conditional = conditional;
      return inst;
    });
    return { expansion, instances };
  }

  private resourceAttrs(rc: ResourceConfig, env: Env, key: string): ObjectValue {
    const attrs = evaluateBody(rc.block, env, { skip: RESOURCE_META });
    attrs.refTarget = key;
    if (cloudOf(rc.type) === 'aws') {
      const defaults = providerOf(this.providers, rc)?.defaultTags?.get();
      if (defaults) attrs.fields.tags_all = mergeTags(defaults, attrs.fields.tags, rc.block.loc);
    }
    return attrs;
  }

  /** What `aws_x.y` means in an expression: one object, a list (count), a map (for_each). */
  private resourceValue(rc: ResourceConfig): Value {
    // Built once: `aws_subnet.this[each.key]` in a thousand instances must not rebuild the map each time.
    const key = `${rc.type}.${rc.name}`;
    let cell = this.resourceValues.get(key);
    if (!cell) {
      cell = lazyValue(this.prefixed(key), () => {
        const group = this.resourceGroup(rc);
        return this.groupValue(group.expansion, group.instances.map((i) => i.attrs.get()));
      });
      this.resourceValues.set(key, cell);
    }
    return cell.get();
  }

  private groupValue(expansion: Expansion, values: Value[]): Value {
    switch (expansion.mode) {
      case 'single':
        return values[0] ?? obj();
      case 'count':
        return list(values);
      case 'for_each':
        return obj(Object.fromEntries(expansion.instances.map((inst, n) => [inst.key ?? '', values[n]!])));
      default:
        // With count or for_each unknown, which instances exist is unknown too.
        return unknown(expansion.cause ?? { inputs: [], detail: 'instances are not known' });
    }
  }

  // ---------------------------------------------------------- data sources

  private dataValue(type: string, name: string): Value {
    const key = `data.${type}.${name}`;
    let cell = this.dataValues.get(key);
    if (!cell) {
      cell = lazyValue(this.prefixed(key), () => this.computeData(this.config.resources.get(key)!));
      this.dataValues.set(key, cell);
    }
    return cell.get();
  }

  private computeData(rc: ResourceConfig): Value {
    const base = this.prefixed(`data.${rc.type}.${rc.name}`);
    const expansion = this.instancesOf(rc.block, base);
    const values = expansion.instances.map((i) => this.dataInstance(rc, base + i.suffix, extendEnv(this.env, i.names)));
    return this.groupValue(expansion, values);
  }

  private dataInstance(rc: ResourceConfig, address: string, env: Env): Value {
    const loc = rc.block.loc;
    if (rc.type === 'aws_iam_policy_document') {
      const config = evaluateBody(rc.block, env, { skip: RESOURCE_META });
      const { json, minified } = renderPolicyDocument(config, loc);
      config.fields.json = json;
      config.fields.minified_json = minified;
      return config;
    }
    if (LOCALLY_RESOLVED_DATA.has(rc.type)) {
      const region = effectiveRegion(providerOf(this.providers, rc)?.region?.get(), this.ctx.opts.region, loc);
      return awsDataSourceValue(rc.type, address, region, loc, evaluateBody(rc.block, env, { skip: RESOURCE_META }));
    }
    return unknown({ inputs: [address], detail: `data source ${address} is read from the provider at plan time` }, loc, address);
  }

  // --------------------------------------------------------------- modules

  private moduleCall(name: string): ModuleCallGroup {
    let cell = this.moduleCalls.get(name);
    if (!cell) {
      cell = new Lazy<ModuleCallGroup>(
        this.prefixed(`module.${name}`),
        () => this.expandModule(name, this.config.moduleCalls.get(name)!),
        (cause) => ({ unavailable: cause }),
      );
      this.moduleCalls.set(name, cell);
    }
    return cell.get();
  }

  private moduleValue(name: string): Value {
    const call = this.moduleCall(name);
    if (!call.group) return unknown(call.unavailable ?? { inputs: [], detail: 'module not evaluated' });
    return this.groupValue(
      call.group.expansion,
      call.group.instances.map((child) => child.outputsValue()),
    );
  }

  outputsValue(): Value {
    return lazyObject(this.config.outputs.keys(), (n) => this.output(n));
  }

  private output(name: string): Value {
    let cell = this.outputs.get(name);
    if (!cell) {
      const block = this.config.outputs.get(name)!;
      const valueAttr = attrOf(block, 'value');
      cell = lazyValue(this.prefixed(`output.${name}`), () => {
        if (!valueAttr) return known(null, block.loc);
        const v = evaluateAttr(valueAttr, this.env);
        return this.address ? withQualifiedExprs(v, this.address) : v;
      });
      this.outputs.set(name, cell);
    }
    return cell.get();
  }

  private expandModule(name: string, block: BlockConfig): ModuleCallGroup {
    const callAddress = this.prefixed(`module.${name}`);
    const resolved = this.resolveSource(name, block, callAddress);
    if ('unavailable' in resolved) return resolved;
    const { config, dir } = resolved;
    const expansion = this.instancesOf(block, callAddress);
    const providers = providersForCall(this.providers, block);
    const instances = expansion.instances.map((i) => {
      const address = callAddress + i.suffix;
      const callerEnv = extendEnv(this.env, i.names);
      const inputs = new Map<string, () => Value>();
      for (const attr of block.attrs) {
        if (MODULE_META.has(attr.name)) continue;
        inputs.set(attr.name, () => withChain(evaluateAttr(attr, callerEnv), `${address}: var.${attr.name} <- ${exprText(attr.json)}`));
      }
      return new ModuleInstance(
        this.ctx,
        config,
        address,
        [...this.callNames, name],
        [...this.dirChain, dir],
        inputs,
        providers,
        mergeOptional(this.conditional, i.conditional),
      );
    });
    return { group: { expansion, instances } };
  }

  private resolveSource(name: string, block: BlockConfig, callAddress: string): { config: ModuleConfig; dir: string } | { unavailable: UnknownCause } {
    const source = attrOf(block, 'source')?.json;
    const notScanned = (detail: string, inputs: string[], ja?: string): { unavailable: UnknownCause } => {
      const cause: UnknownCause = { inputs, detail };
      this.ctx.notScanned.push({ address: callAddress, scope: this.ctx.scope, loc: block.loc, cause, ...(ja ? { reason: { ja, en: detail } } : {}) });
      return { unavailable: cause };
    };
    const notDownloaded = (source: string) =>
      notScanned(`module "${name}" (${source}) is ${NOT_DOWNLOADED}`, [callAddress], `モジュール "${name}"（${source}）は手元にありません。terraform init を実行するか、plan を検査してください`);
    const fail = (message: string): { unavailable: UnknownCause } => {
      this.ctx.errors.push({ file: block.loc.file, line: block.loc.line, message });
      return notScanned(message, [callAddress]);
    };
    if (typeof source !== 'string' || source.includes('${')) return fail(`module "${name}": source must be a literal string`);
    let dir: string | undefined;
    if (isLocalSource(source)) dir = path.resolve(this.config.dir, source);
    else {
      dir = this.ctx.manifest.dirOf([...this.callNames, name]);
      if (!dir) return notDownloaded(source);
    }
    if (this.dirChain.includes(dir)) return fail(`module "${name}" calls ${source}, which is already being evaluated (module cycle)`);
    if (this.callNames.length + 1 > MAX_MODULE_DEPTH) return fail(`module "${name}" is nested more than ${MAX_MODULE_DEPTH} levels deep`);
    const config = this.ctx.loader.get(dir);
    if (!config) {
      if (isLocalSource(source)) return fail(`module "${name}": no Terraform files in ${source}`);
      return notDownloaded(source);
    }
    return { config, dir };
  }

  // ------------------------------------------------------------- providers

  private regionOf(rc: ResourceConfig): Value | undefined {
    return providerOf(this.providers, rc)?.region?.get();
  }

  /** AWS provider v6 lets a resource set its own `region`. */
  private instanceRegion(attrs: ObjectValue, providerRegion: Value | undefined): Value | undefined {
    const own = attrs.fields.region;
    if (own && !(own.kind === 'known' && own.value === null)) return own;
    return providerRegion;
  }
}

function mergeOptional(a: UnknownCause | undefined, b: UnknownCause | undefined): UnknownCause | undefined {
  if (a && b) return mergeCauses([a, b]);
  return a ?? b;
}
