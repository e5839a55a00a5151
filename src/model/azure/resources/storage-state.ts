// What a storage account's facts combine from its own settings and its child
// resources (containers, immutability policies): gathered while lifting,
// turned into facts once every child is seen (deferred `derive` phase).
// Anonymous read needs both the account to allow it (`allowBlobPublicAccess`
// / `allow_nested_items_to_be_public`) and a container that grants it.
import type { SourceLoc } from '../../../readers/value.js';
import type { DataStore } from '../../data.js';
import type { Fact } from '../../fact.js';
import { fact, mapFact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import { later } from './deferred.js';

interface ContainerAccess {
  /** True when the container grants anonymous read (`Blob` / `Container` access). */
  public: Fact<boolean>;
}

export interface StorageParts {
  store: DataStore;
  allowPublic: Fact<boolean>;
  containers: ContainerAccess[];
  /** Containers with an immutability policy of their own. */
  immutableContainers: Set<string>;
}

const parts = new WeakMap<DataStore, StorageParts>();

export function storageParts(store: DataStore): StorageParts | undefined {
  return parts.get(store);
}

function publicRead(p: StorageParts, loc: SourceLoc): Fact<boolean> {
  if (p.allowPublic.known && !p.allowPublic.value) return { ...p.allowPublic };
  const open = p.containers.find((c) => c.public.known && c.public.value);
  if (open) return p.allowPublic.known ? open.public : p.allowPublic;
  const unknownContainer = p.containers.find((c) => !c.public.known);
  if (unknownContainer) return unknownContainer.public;
  return fact(false, loc);
}

/** Registers a lifted account; its public read and immutable containers are derived at the end. */
export function trackStorage(ctx: LiftContext, store: DataStore, allowPublic: Fact<boolean>): StorageParts {
  const p: StorageParts = { store, allowPublic, containers: [], immutableContainers: new Set() };
  parts.set(store, p);
  later(
    ctx,
    () => {
      store.publicAccessBlocked = mapFact(p.allowPublic, (allowed) => !allowed);
      store.publicRead = publicRead(p, store.loc);
      if (p.immutableContainers.size) store.immutableContainers = fact([...p.immutableContainers].sort(), store.loc);
    },
    'derive',
  );
  return p;
}
