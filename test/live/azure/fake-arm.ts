// A fake Azure Resource Manager on 127.0.0.1 over HTTPS (test certificate in
// fixtures/live/azure/tls): resource groups, the resource list (paged with
// nextLink), providers with their API versions, resources by ID at the
// version the provider lists as newest stable, child collections, diagnostic
// settings and subscription settings, as in a recorded environment file.
// Faults (throttling, denials) are injected per path.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const TLS_DIR = path.resolve(import.meta.dirname, '../../../fixtures/live/azure/tls');
export const TEST_TOKEN = 'kikan-test-token';

type Body = Record<string, unknown>;

export interface Environment {
  subscriptionId: string;
  resourceGroups: Body[];
  providers: Record<string, { resourceTypes: { resourceType: string; apiVersions: string[] }[] }>;
  resources: Body[];
  /** Lower-cased `<namespace>/<type>` under `/subscriptions/<s>/providers/`. */
  subscriptionSettings: Record<string, Body[]>;
  /**
   * Collections whose items live elsewhere than under the path (a vault's
   * `backupProtectedItems` lists items under `backupFabrics/…`). Keyed by the
   * lower-cased path.
   */
  collections?: Record<string, Body[]>;
}

export interface Fault {
  status: number;
  code: string;
  /** How many times it answers so; undefined: always. */
  times?: number;
  retryAfter?: number;
}

export interface FakeArm {
  endpoint: string;
  ca: string;
  /** Every request: method and path with query. */
  requests: { path: string; authorization: string | undefined }[];
  faults: Map<string, Fault>;
  close(): Promise<void>;
}

const PAGE = 2;

function stableVersion(versions: string[]): string {
  const sorted = [...versions].sort().reverse();
  return sorted.find((v) => !v.includes('preview')) ?? sorted[0]!;
}

/** `providers/<ns>/<type>/<name>[/<type>/<name>]` pairs after the last `providers`. */
function typeOfId(id: string): string {
  const parts = id.split('/');
  const p = parts.map((x) => x.toLowerCase()).lastIndexOf('providers');
  const rest = parts.slice(p + 2);
  return [parts[p + 1], ...rest.filter((_, i) => i % 2 === 0)].join('/');
}

export async function startFakeArm(env: Environment): Promise<FakeArm> {
  const ca = readFileSync(path.join(TLS_DIR, 'cert.pem'), 'utf8');
  const requests: FakeArm['requests'] = [];
  const faults = new Map<string, Fault>();
  const sub = `/subscriptions/${env.subscriptionId}`.toLowerCase();
  const byId = new Map(env.resources.map((r) => [String(r.id).toLowerCase(), r]));
  // The resource list holds tracked resources (those with a location), SQL databases included; not subnets or settings.
  const topLevel = env.resources.filter((r) => typeof r.location === 'string');
  let endpoint = '';

  const versionOf = (type: string): string | undefined => {
    const [ns, ...rest] = type.split('/');
    const provider = Object.entries(env.providers).find(([k]) => k.toLowerCase() === ns!.toLowerCase())?.[1];
    const t = provider?.resourceTypes.find((x) => x.resourceType.toLowerCase() === rest.join('/').toLowerCase());
    return t ? stableVersion(t.apiVersions) : undefined;
  };

  const paged = (items: Body[], url: URL): Body => {
    const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
    const page: Body = { value: items.slice(skip, skip + PAGE) };
    if (skip + PAGE < items.length) {
      const next = new URL(url.toString());
      next.searchParams.set('$skiptoken', String(skip + PAGE));
      page.nextLink = `${endpoint}${next.pathname}${next.search}`;
    }
    return page;
  };

  const route = (url: URL): { status: number; body: Body } => {
    const p = url.pathname.replace(/\/+$/, '').toLowerCase();
    const error = (status: number, code: string, message: string) => ({ status, body: { error: { code, message } } });
    if (p === `${sub}/resourcegroups`) return { status: 200, body: paged(env.resourceGroups, url) };
    const rg = env.resourceGroups.find((g) => String(g.id).toLowerCase() === p);
    if (rg) return { status: 200, body: rg };
    if (p === `${sub}/resources`) return { status: 200, body: paged(topLevel.map((r) => ({ id: r.id, name: r.name, type: r.type, location: r.location })), url) };
    const inGroup = /^\/subscriptions\/[^/]+\/resourcegroups\/([^/]+)\/resources$/.exec(p);
    if (inGroup) {
      const items = topLevel.filter((r) => String(r.id).toLowerCase().includes(`/resourcegroups/${inGroup[1]}/`));
      return { status: 200, body: paged(items.map((r) => ({ id: r.id, name: r.name, type: r.type })), url) };
    }
    const provider = new RegExp(`^${sub}/providers/([^/]+)$`).exec(p);
    if (provider) {
      const hit = Object.entries(env.providers).find(([k]) => k.toLowerCase() === provider[1]);
      return hit ? { status: 200, body: { namespace: hit[0], ...hit[1] } } : error(404, 'ProviderNotFound', provider[1]!);
    }
    const setting = new RegExp(`^${sub}/providers/(.+)$`).exec(p);
    if (setting) {
      const items = env.subscriptionSettings[setting[1]!];
      return items ? { status: 200, body: paged(items, url) } : error(404, 'NotFound', p);
    }
    const diag = /^(.*)\/providers\/microsoft\.insights\/diagnosticsettings$/.exec(p);
    if (diag) {
      if (!byId.has(diag[1]!)) return error(404, 'ResourceNotFound', diag[1]!);
      return { status: 200, body: { value: env.resources.filter((r) => String(r.id).toLowerCase().startsWith(`${p}/`)) } };
    }
    const collection = env.collections?.[p];
    if (collection) return { status: 200, body: paged(collection, url) };
    const own = byId.get(p);
    if (own) {
      const want = versionOf(typeOfId(String(own.id)));
      const got = url.searchParams.get('api-version');
      if (got !== want) return error(400, 'NoRegisteredProviderFound', `api-version ${got} is not the newest stable ${want}`);
      return { status: 200, body: own };
    }
    const children = env.resources.filter((r) => {
      const id = String(r.id).toLowerCase();
      return id.startsWith(`${p}/`) && !id.slice(p.length + 1).includes('/');
    });
    if (children.length) return { status: 200, body: paged(children, url) };
    return error(404, 'ResourceNotFound', `${p} was not found`);
  };

  const server: Server = createServer({ key: readFileSync(path.join(TLS_DIR, 'key.pem')), cert: ca }, (req, res) => {
    // The SDK joins the host and an ID that starts with `/`: ARM reads `//subscriptions` as `/subscriptions`.
    const url = new URL(`https://127.0.0.1${(req.url ?? '/').replace(/^\/+/, '/')}`);
    requests.push({ path: `${url.pathname}${url.search}`, authorization: req.headers.authorization });
    const send = (status: number, body: Body, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${TEST_TOKEN}`) return send(401, { error: { code: 'InvalidAuthenticationToken', message: 'no token' } });
    const fault = faults.get(url.pathname.toLowerCase());
    if (fault && (fault.times === undefined || fault.times > 0)) {
      if (fault.times !== undefined) fault.times--;
      return send(fault.status, { error: { code: fault.code, message: `injected ${fault.code}` } }, fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {});
    }
    const r = route(url);
    send(r.status, r.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    ca,
    requests,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
