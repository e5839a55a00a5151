// Azure handlers for storage, disks, databases, caches, analytics stores
// (Synapse, Data Explorer), Key Vault, Log Analytics,
// diagnostic settings, flow logs, Azure Backup, roles, locks, Defender and
// Azure Policy.
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { containerRegistryHandlers } from './container-registry.js';
import { cosmosDbHandlers } from './cosmos-db.js';
import { dataProtectionHandlers } from './data-protection.js';
import { runDeferred } from './deferred.js';
import { diagnosticSettingHandlers } from './diagnostic-settings.js';
import { diskHandlers } from './disks.js';
import { flexibleServerHandlers } from './flexible-servers.js';
import { flowLogHandlers } from './flow-logs.js';
import { keyVaultSecretHandlers } from './key-vault-secrets.js';
import { keyVaultHandlers } from './key-vault.js';
import { kustoHandlers } from './kusto.js';
import { lockHandlers } from './locks.js';
import { logAnalyticsHandlers } from './log-analytics.js';
import { diskAttachmentHandlers } from './machine-disks.js';
import { messagingNamespaceHandlers } from './messaging-namespaces.js';
import { mongoClusterHandlers } from './mongo-cluster.js';
import { joinPrivateEndpoints } from './private-endpoints.js';
import { recoveryServicesHandlers } from './recovery-services.js';
import { redisEnterpriseHandlers } from './redis-enterprise.js';
import { redisHandlers } from './redis.js';
import { roleDefinitionHandlers } from './role-definitions.js';
import { securityCenterHandlers } from './security-center.js';
import { legacySqlHandlers } from './sql-azurerm-legacy.js';
import { sqlManagedInstanceHandlers } from './sql-managed-instance.js';
import { sqlHandlers } from './sql.js';
import { storageChildHandlers } from './storage-children.js';
import { storageAccountHandlers } from './storage.js';
import { synapseHandlers } from './synapse.js';

export const resourceHandlers: LiftHandler[] = [
  ...keyVaultHandlers,
  ...keyVaultSecretHandlers,
  ...storageAccountHandlers,
  ...storageChildHandlers,
  ...diskHandlers,
  ...sqlHandlers,
  ...sqlManagedInstanceHandlers,
  ...legacySqlHandlers,
  ...flexibleServerHandlers,
  ...cosmosDbHandlers,
  ...redisHandlers,
  ...redisEnterpriseHandlers,
  ...mongoClusterHandlers,
  ...synapseHandlers,
  ...kustoHandlers,
  ...messagingNamespaceHandlers,
  ...containerRegistryHandlers,
  ...logAnalyticsHandlers,
  ...diagnosticSettingHandlers,
  ...flowLogHandlers,
  ...diskAttachmentHandlers,
  ...recoveryServicesHandlers,
  ...dataProtectionHandlers,
  ...roleDefinitionHandlers,
  ...lockHandlers,
  ...securityCenterHandlers,
];

/** Joins that need every entity in place (key URIs, storage containers, what locks cover, private endpoints). */
export function finishResources(ctx: LiftContext): void {
  runDeferred(ctx);
  joinPrivateEndpoints(ctx);
}
