// Credentials for Resource Manager: a bearer token the pipeline already holds
// (KIKAN_AZURE_TOKEN), or the default credential chain of @azure/identity.
import type { AccessToken, TokenCredential } from '@azure/identity';

/** A token given from outside: it is used as is until the scan ends. */
export class StaticTokenCredential implements TokenCredential {
  constructor(private readonly token: string) {}
  async getToken(): Promise<AccessToken> {
    // The expiry is unknown; an hour is what Entra ID issues by default.
    return { token: this.token, expiresOnTimestamp: Date.now() + 3600_000 };
  }
}

/**
 * KIKAN_AZURE_TOKEN when set, else DefaultAzureCredential (loaded only then:
 * it probes the environment) signing in at the cloud's Entra ID.
 */
export async function credentialFromEnvironment(env: NodeJS.ProcessEnv, authorityHost: string): Promise<TokenCredential> {
  const token = env.KIKAN_AZURE_TOKEN?.trim();
  if (token) return new StaticTokenCredential(token.replace(/^Bearer\s+/i, ''));
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential({ authorityHost: env.AZURE_AUTHORITY_HOST ?? authorityHost });
}
