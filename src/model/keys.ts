// Customer encryption keys: AWS KMS keys and Azure Key Vault keys and vaults.
import type { PublicFirewall } from './data.js';
import type { EntityBase, Link } from './entity.js';
import type { Fact } from './fact.js';

export interface Key extends EntityBase {
  kind: 'key';
  keyType: 'kms-key' | 'key-vault' | 'key-vault-key' | 'disk-encryption-set';
  /** The vault that holds a Key Vault key; the key behind a disk encryption set. */
  parent?: Link;
  /** KMS key policy (JSON text); null = the default key policy. */
  policy?: Fact<string | null>;
  /**
   * KMS: automatic rotation on. Key Vault key: a rotation policy that rotates
   * the key automatically (a lifetime action `Rotate`).
   */
  rotationEnabled?: Fact<boolean>;
  /**
   * KMS key spec (`customer_master_key_spec` / `KeySpec`): `SYMMETRIC_DEFAULT`
   * when not written; `RSA_2048`, `ECC_NIST_P256`, `HMAC_256` … otherwise.
   * Only symmetric encryption keys rotate automatically (LG-6.8).
   */
  keySpec?: Fact<string>;
  /**
   * KMS key material origin: `AWS_KMS` (default), `EXTERNAL` (imported:
   * aws_kms_external_key, `Origin: EXTERNAL`), `AWS_CLOUDHSM`, `EXTERNAL_KEY_STORE`.
   */
  origin?: Fact<string>;
  /** KMS `deletion_window_in_days` (default 30). */
  deletionWindowDays?: Fact<number>;
  /** Key Vault purge protection and soft-delete retention (days a purge must wait). */
  purgeProtection?: Fact<boolean>;
  softDeleteRetentionDays?: Fact<number>;
  /** Live: key scheduled for deletion. */
  pendingDeletion?: Fact<boolean>;
  enabled?: Fact<boolean>;
  /** Key Vault key expiry (`expiration_date` / `attributes.exp`). */
  expires?: Fact<string | null>;
  /** Aliases (`alias/juki`) that name this key. */
  aliases?: string[];
  /** Key Vault: public network access on, whatever the network ACL admits (`publicFirewall` says what). */
  publiclyAccessible?: Fact<boolean>;
  /** Key Vault: what the network ACL admits on the public endpoint. */
  publicFirewall?: Fact<PublicFirewall>;
  /** Multi-region key (replicas outlive a deletion in one region). */
  multiRegion?: Fact<boolean>;
  /** KMS replica key: the primary multi-region key it replicates. */
  primaryKey?: Link;
}
