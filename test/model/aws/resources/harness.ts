// Runs this lifter's handlers and finish step over hand-built resources.
import { liftAws } from '../../../../src/model/aws/lift.js';
import { finishResources, resourceHandlers } from '../../../../src/model/aws/resources/index.js';
import { runLifters } from '../../../../src/model/lifter.js';
import { LinkResolver } from '../../../../src/model/link-resolver.js';
import { CloudModel } from '../../../../src/model/model.js';
import type { NativeResource } from '../../../../src/readers/native.js';

export interface Lifted {
  model: CloudModel;
  unlifted: NativeResource[];
}

export function lift(resources: NativeResource[], defaultRegion?: string): Lifted {
  const model = new CloudModel();
  const ctx = { model, links: new LinkResolver(resources), ...(defaultRegion ? { defaultRegion } : {}) };
  const unlifted = runLifters('aws', resourceHandlers, resources, ctx, finishResources);
  return { model, unlifted };
}

/** Throws with the id when the entity is missing or of another kind, so tests read straight. */
export function get<K extends Parameters<CloudModel['getOf']>[1]>(model: CloudModel, id: string, kind: K) {
  const e = model.getOf(id, kind);
  if (!e) throw new Error(`no ${kind} ${id}; have ${[...model.entities()].map((x) => x.id).join(', ')}`);
  return e;
}

/** The whole AWS lifter, network included, for joins that read networks and gateways. */
export function liftAll(resources: NativeResource[], defaultRegion?: string): Lifted {
  const model = new CloudModel();
  const unlifted = liftAws(resources, { model, links: new LinkResolver(resources), ...(defaultRegion ? { defaultRegion } : {}) });
  return { model, unlifted };
}
