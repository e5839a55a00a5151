// Which disks belong to a VM, so that a backup of the VM counts for them:
// the disks it creates with itself (stores whose parent is the VM) and the
// managed disks attached by ID (ARM `managedDisk.id` in its storage profile,
// azurerm_virtual_machine_data_disk_attachment).
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Link } from '../../entity.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import type { CloudModel } from '../../model.js';
import { attr } from './attribute-paths.js';
import { TERRAFORM } from './sources.js';
import { referencedKey } from './arm-ids.js';

const attached = new WeakMap<CloudModel, Map<string, Link[]>>();

/** Records that a disk (by reference or ID) is attached to VM `vmKey`. */
export function attachDisk(ctx: LiftContext, vmKey: string, disk: Value, from: NativeResource, name: string): void {
  let m = attached.get(ctx.model);
  if (!m) attached.set(ctx.model, (m = new Map()));
  const list = m.get(vmKey) ?? [];
  list.push(ctx.links.link(disk, from, name));
  m.set(vmKey, list);
}

/** Model ids of the disks of a VM; links to disks outside the scan are left out. */
export function disksOf(ctx: LiftContext, vmKey: string): string[] {
  const own = ctx.model
    .all('data-store')
    .filter((s) => s.storeType === 'managed-disk' && s.parent?.known && s.parent.value === vmKey)
    .map((s) => s.id);
  const more = (attached.get(ctx.model)?.get(vmKey) ?? []).flatMap((l) => (l.known ? [l.value] : []));
  return [...own, ...more];
}

const terraformAttachments: LiftHandler = {
  types: ['azurerm_virtual_machine_data_disk_attachment'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const vm = attr(r, 'virtual_machine_id');
    const disk = attr(r, 'managed_disk_id');
    const vmKey = referencedKey(ctx, vm);
    if (vmKey && disk) attachDisk(ctx, vmKey, disk, r, 'managed_disk_id');
  },
};

export const diskAttachmentHandlers: LiftHandler[] = [terraformAttachments];
