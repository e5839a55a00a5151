// Key Vault secrets -> DataStore 'secret' (parent: the vault). Key Vault
// encrypts them with its own keys, with no customer-key option, so no
// encryption is judged; a value written in the definition (a literal, or a
// parameter or variable default) is a literal secret (LG-6.9).
import type { LiftHandler } from '../../lifter.js';
import { parentLink } from './arm-ids.js';
import { attr, prop } from './attribute-paths.js';
import { newDataStore } from './base.js';
import { literalSecrets } from './literal-secret.js';
import { ARM, TERRAFORM } from './sources.js';

const armSecrets: LiftHandler = {
  types: ['Microsoft.KeyVault/vaults/secrets'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const parent = parentLink(ctx, r, 1, 'vault');
    const s = newDataStore(r, ctx, 'secret', parent.known ? ctx.links.native(parent.value) : undefined);
    s.parent = parent;
    const secrets = r.source === 'arm' ? literalSecrets(r, [{ v: prop(r, 'value'), name: 'value' }]) : undefined;
    if (secrets) s.literalSecrets = secrets;
    ctx.model.add(s);
  },
};

const terraformSecrets: LiftHandler = {
  types: ['azurerm_key_vault_secret'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const vault = attr(r, 'key_vault_id');
    const s = newDataStore(r, ctx, 'secret', vault?.kind === 'ref' ? ctx.links.native(vault.target) : undefined);
    s.parent = ctx.links.link(vault, r, 'key_vault_id');
    // `value_wo` (write-only, azurerm 4.x) stays out of the state, not out of the repository.
    const secrets = literalSecrets(r, [
      { v: attr(r, 'value'), name: 'value' },
      { v: attr(r, 'value_wo'), name: 'value_wo' },
    ]);
    if (secrets) s.literalSecrets = secrets;
    ctx.model.add(s);
  },
};

export const keyVaultSecretHandlers: LiftHandler[] = [armSecrets, terraformSecrets];
