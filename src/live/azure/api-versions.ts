// The API version to read each resource type with: the newest stable version
// its resource provider lists (a preview only when the type has no stable
// one), looked up once per provider namespace.
import type { ResourceManagementClient } from '@azure/arm-resources';
import { asCallError } from './arm-calls.js';

/** Newest first; stable versions before previews. */
export function pickApiVersion(versions: readonly string[]): string | undefined {
  const sorted = [...versions].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  return sorted.find((v) => !v.includes('-preview') && !/-(alpha|beta|privatepreview)/i.test(v)) ?? sorted[0];
}

export class ApiVersions {
  private readonly providers = new Map<string, Promise<Map<string, string>>>();

  constructor(private readonly client: ResourceManagementClient) {}

  private provider(namespace: string): Promise<Map<string, string>> {
    const key = namespace.toLowerCase();
    let p = this.providers.get(key);
    if (!p) {
      p = this.client.providers.get(namespace).then(
        (provider) => {
          const byType = new Map<string, string>();
          for (const t of provider.resourceTypes ?? []) {
            const v = t.resourceType ? pickApiVersion(t.apiVersions ?? []) : undefined;
            if (v) byType.set(t.resourceType!.toLowerCase(), v);
          }
          return byType;
        },
        (e: unknown) => {
          throw asCallError(`GET provider ${namespace}`, e);
        },
      );
      this.providers.set(key, p);
    }
    return p;
  }

  /** The version for a full type (`Microsoft.Network/virtualNetworks/subnets`); rejects with an ArmCallError. */
  async of(type: string): Promise<string | undefined> {
    const slash = type.indexOf('/');
    if (slash < 0) return undefined;
    const byType = await this.provider(type.slice(0, slash));
    return byType.get(type.slice(slash + 1).toLowerCase());
  }
}
