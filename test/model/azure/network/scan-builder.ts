// Builds Azure native resources the way the ARM and Terraform readers hand
// them over (located values, resource IDs, references, unknowns) and lifts
// them with the network handlers alone.
import { finishNetwork, networkHandlers } from '../../../../src/model/azure/network/index.js';
import type { LiftContext } from '../../../../src/model/lifter.js';
import { runLifters } from '../../../../src/model/lifter.js';
import { LinkResolver } from '../../../../src/model/link-resolver.js';
import { CloudModel } from '../../../../src/model/model.js';
import type { NativeResource, SourceKind } from '../../../../src/readers/native.js';
import type { ObjectValue, SourceLoc, UnknownCause, Value } from '../../../../src/readers/value.js';
import { known, list, obj, path, ref, unknown } from '../../../../src/readers/value.js';

class RefMark {
  constructor(
    readonly target: NativeResource,
    readonly attribute: string,
  ) {}
}

class UnknownMark {
  constructor(
    readonly cause: UnknownCause,
    readonly expr?: string,
  ) {}
}

/** A Terraform reference to another resource's attribute (`azurerm_subnet.app.id`). */
export function refTo(target: NativeResource, attribute = 'id'): RefMark {
  return new RefMark(target, attribute);
}

/** A value that depends on an input the scan does not have; `expr` is the text an ARM unknown shows. */
export function unknownInput(input: string, expr?: string): UnknownMark {
  return new UnknownMark({ inputs: [input], detail: `${input} is not set` }, expr);
}

const RG_BASE = '/subscriptions/{subscription}/resourceGroups/{resourceGroup}';

/** The ID an ARM template's `resourceId(type, names…)` evaluates to in the deployment's own resource group. */
export function armId(type: string, name: string, base = RG_BASE): string {
  if (type.toLowerCase() === 'microsoft.resources/resourcegroups') return `${base}/resourceGroups/${name}`;
  const [ns, ...types] = type.split('/');
  const names = name.split('/');
  return `${base}/providers/${ns}/${types.map((t, i) => `${t}/${names[i]}`).join('/')}`;
}

export class Scan {
  readonly resources: NativeResource[] = [];
  private line = 1;

  constructor(readonly defaultRegion?: string) {}

  private value(x: unknown, file: string): Value {
    const loc: SourceLoc = { file, line: this.line++ };
    if (x instanceof RefMark) return ref(x.target.key, x.attribute, loc);
    if (x instanceof UnknownMark) return unknown(x.cause, loc, x.expr);
    if (Array.isArray(x)) return list(x.map((i) => this.value(i, file)), loc);
    if (x !== null && typeof x === 'object') {
      const fields: Record<string, Value> = {};
      for (const [k, v] of Object.entries(x)) fields[k] = this.value(v, file);
      return obj(fields, loc);
    }
    return known(x as string | number | boolean | null, loc);
  }

  private add(r: Omit<NativeResource, 'attrs' | 'loc'>, attrs: Record<string, unknown>, file: string): NativeResource {
    const loc = { file, line: this.line++ };
    const native: NativeResource = { ...r, loc, attrs: this.value(attrs, file) as ObjectValue };
    const location = path(native.attrs, 'location');
    if (r.source === 'arm' && location) native.region = location;
    this.resources.push(native);
    return native;
  }

  /**
   * An ARM resource: `body` is the resource object without type and name
   * (`apiVersion`, `location`, `properties`, `zones`, `sku`, `tags` …).
   * `base` places it in another resource group or subscription.
   */
  arm(type: string, name: string, body: Record<string, unknown> = {}, base = RG_BASE): NativeResource {
    const address = `${type}/${name}`;
    return this.add(
      { source: 'arm', cloud: 'azure', type, address, key: `azuredeploy.json#${address}`, scope: 'azuredeploy.json', ids: [armId(type, name, base).toLowerCase()] },
      { type, name, apiVersion: '2024-05-01', ...body },
      'azuredeploy.json',
    );
  }

  /** A Terraform azurerm resource (`source` may be 'terraform-plan'). */
  tf(type: string, name: string, attrs: Record<string, unknown>, source: SourceKind = 'terraform'): NativeResource {
    const address = `${type}.${name}`;
    return this.add({ source, cloud: 'azure', type, address, key: `main.tf#${address}`, scope: '.' }, attrs, 'main.tf');
  }

  /** Marks a built resource as existing only under a condition the scan cannot evaluate. */
  conditional(r: NativeResource, input: string): NativeResource {
    r.conditional = { inputs: [input], detail: `${input} decides whether it exists` };
    return r;
  }

  lift(): { model: CloudModel; unlifted: NativeResource[]; ctx: LiftContext } {
    const model = new CloudModel();
    const ctx: LiftContext = { model, links: new LinkResolver(this.resources) };
    if (this.defaultRegion) ctx.defaultRegion = this.defaultRegion;
    const unlifted = runLifters('azure', networkHandlers, this.resources, ctx, finishNetwork);
    return { model, unlifted, ctx };
  }
}

/** Where an attribute of a built resource is written. */
export function locOf(r: NativeResource, ...steps: (string | number)[]): SourceLoc | undefined {
  return path(r.attrs, ...steps)?.loc;
}
