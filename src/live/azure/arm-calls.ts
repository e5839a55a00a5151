// Calls to Resource Manager through the @azure/arm-resources client's own
// pipeline (bearer token, throttling and retry policies, TLS settings): GET
// of one document and of a paged collection (`value` + `nextLink`). A
// failed call becomes an ArmCallError that says what was asked and why it
// failed, so the reader can record it and go on.
import { ResourceManagementClient } from '@azure/arm-resources';
import { createPipelineRequest } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/identity';

export interface ArmConnection {
  endpoint: string;
  credential: TokenCredential;
  /** Extra trusted CA certificates (PEM), for private endpoints with their own CA. */
  ca?: string;
  /** Retries of a throttled or failing call before it is given up (SDK default 3). */
  maxRetries?: number;
}

/** A Resource Manager call that did not succeed. */
export class ArmCallError extends Error {
  constructor(
    readonly call: string,
    readonly status: number | undefined,
    readonly code: string | undefined,
    detail: string,
  ) {
    super(`${call}: ${status !== undefined ? `HTTP ${status}` : 'no response'}${code ? ` ${code}` : ''}${detail ? `: ${detail}` : ''}`);
  }
  get notFound(): boolean {
    return this.status === 404;
  }
}

/** Largest collection kikan follows, as a guard against a server that never stops paging. */
const MAX_PAGES = 1000;

export function armClient(conn: ArmConnection, subscriptionId: string): ResourceManagementClient {
  return new ResourceManagementClient(conn.credential, subscriptionId, {
    endpoint: conn.endpoint,
    $host: conn.endpoint,
    credentialScopes: [`${conn.endpoint}/.default`],
    ...(conn.ca ? { tlsOptions: { ca: conn.ca } } : {}),
    ...(conn.maxRetries !== undefined ? { retryOptions: { maxRetries: conn.maxRetries } } : {}),
    userAgentOptions: { userAgentPrefix: 'kikan' },
  });
}

function errorOf(call: string, status: number, body: string | undefined): ArmCallError {
  let code: string | undefined;
  let message = '';
  try {
    const parsed = JSON.parse(body ?? '') as { error?: { code?: string; message?: string } };
    code = parsed.error?.code;
    message = parsed.error?.message ?? '';
  } catch {
    message = (body ?? '').slice(0, 200);
  }
  return new ArmCallError(call, status, code, message);
}

/** Any error of the SDK or the network as an ArmCallError. */
export function asCallError(call: string, e: unknown): ArmCallError {
  if (e instanceof ArmCallError) return e;
  const x = e as { statusCode?: number; code?: string; message?: string; details?: { error?: { code?: string; message?: string } } };
  const inner = x.details?.error;
  return new ArmCallError(call, x.statusCode, inner?.code ?? x.code, inner?.message ?? x.message ?? String(e));
}

export class ArmCaller {
  constructor(
    readonly client: ResourceManagementClient,
    private readonly endpoint: string,
  ) {}

  private url(pathOrUrl: string, apiVersion: string, query: Record<string, string>): string {
    if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
    const u = new URL(this.endpoint + pathOrUrl);
    u.searchParams.set('api-version', apiVersion);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    return u.toString();
  }

  private async send(call: string, url: string): Promise<unknown> {
    let res;
    try {
      res = await this.client.sendRequest(createPipelineRequest({ url, method: 'GET' }));
    } catch (e) {
      throw asCallError(call, e);
    }
    if (res.status >= 400) throw errorOf(call, res.status, res.bodyAsText ?? undefined);
    try {
      return JSON.parse(res.bodyAsText ?? 'null');
    } catch {
      throw new ArmCallError(call, res.status, undefined, 'the response is not JSON');
    }
  }

  /** GET one document. */
  async get(path: string, apiVersion: string, query: Record<string, string> = {}): Promise<Record<string, unknown>> {
    const body = await this.send(`GET ${path}`, this.url(path, apiVersion, query));
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ArmCallError(`GET ${path}`, 200, undefined, 'the response is not a JSON object');
    return body as Record<string, unknown>;
  }

  /** GET every item of a collection, following `nextLink`. */
  async list(path: string, apiVersion: string, query: Record<string, string> = {}): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let url: string | undefined = this.url(path, apiVersion, query);
    for (let page = 0; url; page++) {
      if (page >= MAX_PAGES) throw new ArmCallError(`GET ${path}`, undefined, undefined, `more than ${MAX_PAGES} pages`);
      const body = (await this.send(`GET ${path}`, url)) as { value?: unknown; nextLink?: unknown } | null;
      const value = body?.value;
      if (!Array.isArray(value)) throw new ArmCallError(`GET ${path}`, 200, undefined, 'the response has no `value` list');
      for (const v of value) if (v && typeof v === 'object' && !Array.isArray(v)) items.push(v as Record<string, unknown>);
      url = typeof body?.nextLink === 'string' && body.nextLink ? body.nextLink : undefined;
      // The bearer token goes with every page: only to the endpoint it was issued for.
      if (url && new URL(url).origin !== new URL(this.endpoint).origin) throw new ArmCallError(`GET ${path}`, 200, undefined, `nextLink leaves ${this.endpoint}: ${url}`);
    }
    return items;
  }
}
