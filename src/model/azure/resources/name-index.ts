// Resources that azurerm configurations name by their Azure name rather than
// by ID (`storage_account_name`, `recovery_vault_name`) and Key Vault keys,
// which key URIs name as `<vault>/<key>`. Entity handlers register names;
// deferred work looks them up once every entity exists. Azure names compare
// case-insensitively.
import type { Value } from '../../../readers/value.js';
import type { LiftContext } from '../../lifter.js';
import type { CloudModel } from '../../model.js';

export type NameKind = 'storage-account' | 'key-vault' | 'key-vault-key' | 'recovery-vault' | 'backup-policy' | 'database-server';

const indexes = new WeakMap<CloudModel, Map<string, string>>();

function indexOf(ctx: LiftContext): Map<string, string> {
  let i = indexes.get(ctx.model);
  if (!i) indexes.set(ctx.model, (i = new Map()));
  return i;
}

/** Records that entity `id` is called `name`; names with unknown parts are not indexed. */
export function registerName(ctx: LiftContext, kind: NameKind, name: string | Value | undefined, id: string): void {
  const text = typeof name === 'string' ? name : name?.kind === 'known' && typeof name.value === 'string' ? name.value : undefined;
  if (text) indexOf(ctx).set(`${kind} ${text.toLowerCase()}`, id);
}

export function idByName(ctx: LiftContext, kind: NameKind, name: string): string | undefined {
  return indexOf(ctx).get(`${kind} ${name.toLowerCase()}`);
}
