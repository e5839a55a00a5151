// Resource Manager endpoints of the Azure clouds kikan can scan. A private or
// sovereign endpoint given with --arm-endpoint wins over the named cloud.

export const AZURE_CLOUDS = ['public', 'china', 'usgov'] as const;
export type AzureCloudName = (typeof AZURE_CLOUDS)[number];

const ENDPOINTS: Record<AzureCloudName, string> = {
  public: 'https://management.azure.com',
  china: 'https://management.chinacloudapi.cn',
  usgov: 'https://management.usgovcloudapi.net',
};

/** The Resource Manager endpoint without a trailing slash. */
export function armEndpointOf(cloud: AzureCloudName, override?: string): string {
  return (override ?? ENDPOINTS[cloud]).replace(/\/+$/, '');
}
