// Runs this lifter's handlers and finish step over hand-built resources.
import { liftAzure, withAzureSpelling } from '../../../../src/model/azure/lift.js';
import { finishResources, resourceHandlers } from '../../../../src/model/azure/resources/index.js';
import type { Fact } from '../../../../src/model/fact.js';
import { runLifters } from '../../../../src/model/lifter.js';
import { LinkResolver } from '../../../../src/model/link-resolver.js';
import { CloudModel } from '../../../../src/model/model.js';
import type { NativeResource } from '../../../../src/readers/native.js';

export interface Lifted {
  model: CloudModel;
  unlifted: NativeResource[];
}

export function lift(raw: NativeResource[], defaultRegion?: string): Lifted {
  const resources = withAzureSpelling(raw);
  const model = new CloudModel();
  const ctx = { model, links: new LinkResolver(resources), ...(defaultRegion ? { defaultRegion } : {}) };
  const unlifted = runLifters('azure', resourceHandlers, resources, ctx, finishResources);
  return { model, unlifted };
}

/** The whole Azure lifter, network and compute included. */
export function liftAll(raw: NativeResource[], defaultRegion?: string): Lifted {
  const resources = withAzureSpelling(raw);
  const model = new CloudModel();
  const unlifted = liftAzure(resources, { model, links: new LinkResolver(resources), ...(defaultRegion ? { defaultRegion } : {}) });
  return { model, unlifted };
}

/** Throws with the id when the entity is missing or of another kind, so tests read straight. */
export function get<K extends Parameters<CloudModel['getOf']>[1]>(model: CloudModel, id: string, kind: K) {
  const e = model.getOf(id, kind);
  if (!e) throw new Error(`no ${kind} ${id}; have ${[...model.entities()].map((x) => x.id).join(', ')}`);
  return e;
}

/** The inputs an unknown fact names; undefined when the fact is known or absent. */
export function inputsOf(f: Fact<unknown> | undefined): string[] | undefined {
  return f && !f.known ? f.cause.inputs : undefined;
}
