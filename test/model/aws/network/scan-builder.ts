// Builds native resources the way the Terraform and CloudFormation readers
// hand them over (located values, references, unknowns) and lifts them with
// the network handlers alone.
import { CloudModel } from '../../../../src/model/model.js';
import { LinkResolver } from '../../../../src/model/link-resolver.js';
import type { LiftContext } from '../../../../src/model/lifter.js';
import { runLifters } from '../../../../src/model/lifter.js';
import { finishNetwork, networkHandlers } from '../../../../src/model/aws/network/index.js';
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

/** A reference to another resource's attribute (`aws_vpc.main.id`, `!Ref Vpc`). */
export function refTo(target: NativeResource, attribute = 'id'): RefMark {
  return new RefMark(target, attribute);
}

/** A value that depends on inputs the scan does not have. */
export function unknownInput(input: string | string[], detail = `${input} is not set`): UnknownMark {
  return new UnknownMark({ inputs: Array.isArray(input) ? input : [input], detail });
}

/** An expression the Terraform evaluator could not evaluate, with its source text. */
export function unknownExpr(expr: string, input: string): UnknownMark {
  return new UnknownMark({ inputs: [input], detail: `${input} is not known` }, expr);
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
    this.resources.push(native);
    return native;
  }

  /** A Terraform resource (`source` may be 'terraform-plan'). */
  tf(type: string, name: string, attrs: Record<string, unknown>, source: SourceKind = 'terraform', ids?: string[]): NativeResource {
    return this.tfIn('', type, name, attrs, source, ids);
  }

  /** A Terraform resource of a module call (`module.net.`), keyed as the reader keys it. */
  tfIn(modulePath: string, type: string, name: string, attrs: Record<string, unknown>, source: SourceKind = 'terraform', ids?: string[]): NativeResource {
    const address = `${modulePath}${type}.${name}`;
    return this.add({ source, cloud: 'aws', type, address, key: `.#${address}`, scope: '.', ...(ids ? { ids } : {}) }, attrs, 'main.tf');
  }

  /** A CloudFormation resource: `attrs` are its Properties. */
  cfn(logicalId: string, type: string, props: Record<string, unknown>): NativeResource {
    return this.add(
      { source: 'cloudformation', cloud: 'aws', type, address: logicalId, key: `stack.yaml#${logicalId}`, scope: 'stack.yaml' },
      props,
      'stack.yaml',
    );
  }

  /**
   * Lifts with the network handlers. `others` stands for what other lifters
   * put in the model before finishNetwork runs (IAM roles and profiles).
   */
  lift(others?: (ctx: LiftContext) => void): { model: CloudModel; unlifted: NativeResource[] } {
    const model = new CloudModel();
    const ctx: LiftContext = { model, links: new LinkResolver(this.resources) };
    if (this.defaultRegion) ctx.defaultRegion = this.defaultRegion;
    const unlifted = runLifters('aws', networkHandlers, this.resources, ctx, (c) => {
      others?.(c);
      finishNetwork(c);
    });
    return { model, unlifted };
  }
}

/** Where an attribute of a built resource is written. */
export function locOf(r: NativeResource, ...steps: (string | number)[]): SourceLoc | undefined {
  return path(r.attrs, ...steps)?.loc;
}
