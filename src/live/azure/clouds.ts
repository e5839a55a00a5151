// Resource Manager endpoints of the Azure clouds kikan can scan. A private or
// sovereign endpoint given with --arm-endpoint wins over the named cloud.

export const AZURE_CLOUDS = ['public', 'china', 'usgov'] as const;
export type AzureCloudName = (typeof AZURE_CLOUDS)[number];

const ENDPOINTS: Record<AzureCloudName, string> = {
  public: 'https://management.azure.com',
  china: 'https://management.chinacloudapi.cn',
  usgov: 'https://management.usgovcloudapi.net',
};

/** Entra ID of each cloud, where DefaultAzureCredential gets its tokens (AZURE_AUTHORITY_HOST wins when set). */
const AUTHORITIES: Record<AzureCloudName, string> = {
  public: 'https://login.microsoftonline.com',
  china: 'https://login.chinacloudapi.cn',
  usgov: 'https://login.microsoftonline.us',
};

export function authorityHostOf(cloud: AzureCloudName): string {
  return AUTHORITIES[cloud];
}

/** The Resource Manager endpoint without a trailing slash. */
export function armEndpointOf(cloud: AzureCloudName, override?: string): string {
  return (override ?? ENDPOINTS[cloud]).replace(/\/+$/, '');
}
