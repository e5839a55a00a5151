// Settings that Resource Manager keeps as child resources, which the
// subscription's resource list does not include but the Azure lifters read:
// a SQL server's TDE protector, a storage account's blob service, a key
// vault's keys, a recovery vault's policies, a Managed Redis cluster's
// databases, a Synapse SQL pool's TDE, a Service Bus or Event Hubs
// namespace's network rule set … Keyed by the parent's type
// (lower-cased). `name` marks a singleton read with one GET (404 = not set).
// Inline collections (subnets, NSG rules, routes, peerings) come with their
// parent and are not listed here.

export interface ChildCollection {
  /** Path segment(s) after the parent ID: `firewallRules`, `config`. */
  segment: string;
  /** Singleton name: `default`, `web`, `current`. */
  name?: string;
  /** Provider resource type to take the API version from, when it differs from `<parent type>/<segment>`. */
  versionType?: string;
}

const CHILDREN: Record<string, ChildCollection[]> = {
  'microsoft.sql/servers': [{ segment: 'encryptionProtector' }, { segment: 'firewallRules' }, { segment: 'auditingSettings' }],
  'microsoft.sql/servers/databases': [
    { segment: 'transparentDataEncryption' },
    { segment: 'backupShortTermRetentionPolicies' },
    { segment: 'auditingSettings' },
  ],
  'microsoft.storage/storageaccounts': [{ segment: 'blobServices' }, { segment: 'managementPolicies', name: 'default' }],
  'microsoft.storage/storageaccounts/blobservices': [{ segment: 'containers' }],
  'microsoft.dbforpostgresql/flexibleservers': [{ segment: 'firewallRules' }, { segment: 'configurations' }],
  'microsoft.dbformysql/flexibleservers': [{ segment: 'firewallRules' }, { segment: 'configurations' }],
  'microsoft.keyvault/vaults': [{ segment: 'keys' }],
  'microsoft.recoveryservices/vaults': [
    { segment: 'backupPolicies' },
    { segment: 'backupProtectedItems' },
    { segment: 'backupstorageconfig', name: 'vaultstorageconfig' },
  ],
  'microsoft.dataprotection/backupvaults': [{ segment: 'backupPolicies' }, { segment: 'backupInstances' }],
  'microsoft.web/sites': [{ segment: 'config', name: 'web' }],
  'microsoft.network/firewallpolicies': [{ segment: 'ruleCollectionGroups' }],
  'microsoft.operationalinsights/workspaces': [{ segment: 'linkedServices' }],
  'microsoft.network/privateendpoints': [{ segment: 'privateDnsZoneGroups' }],
  'microsoft.cache/redisenterprise': [{ segment: 'databases' }],
  'microsoft.documentdb/mongoclusters': [{ segment: 'firewallRules' }],
  'microsoft.synapse/workspaces': [{ segment: 'firewallRules' }, { segment: 'dedicatedSQLminimalTlsSettings', name: 'default' }, { segment: 'auditingSettings' }],
  'microsoft.synapse/workspaces/sqlpools': [{ segment: 'transparentDataEncryption', name: 'current' }, { segment: 'auditingSettings' }],
  'microsoft.servicebus/namespaces': [{ segment: 'networkRuleSets', name: 'default' }],
  'microsoft.eventhub/namespaces': [{ segment: 'networkRuleSets', name: 'default' }],
};

export function childCollectionsOf(type: string): readonly ChildCollection[] {
  return CHILDREN[type.toLowerCase()] ?? [];
}
