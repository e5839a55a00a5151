// The Resource Manager call layer on its own: API version choice, paging
// that keeps the bearer token on its endpoint, and errors that say what failed.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickApiVersion } from '../../../src/live/azure/api-versions.js';
import { ArmCallError, ArmCaller, armClient } from '../../../src/live/azure/arm-calls.js';
import { StaticTokenCredential } from '../../../src/live/azure/credential.js';
import { TEST_TOKEN, TLS_DIR } from './fake-arm.js';

describe('pickApiVersion', () => {
  it('takes the newest stable version over a newer preview', () => {
    expect(pickApiVersion(['2023-01-01', '2025-03-01-preview', '2024-05-01', '2024-07-01-privatepreview'])).toBe('2024-05-01');
  });
  it('takes the newest preview when the type has no stable version', () => {
    expect(pickApiVersion(['2021-05-01-preview', '2017-05-01-preview'])).toBe('2021-05-01-preview');
  });
  it('gives nothing for a type without versions', () => {
    expect(pickApiVersion([])).toBeUndefined();
  });
});

describe('ArmCaller', () => {
  const cert = readFileSync(path.join(TLS_DIR, 'cert.pem'), 'utf8');
  const seen: string[] = [];
  let endpoint = '';
  const server = createServer({ key: readFileSync(path.join(TLS_DIR, 'key.pem')), cert }, (req, res) => {
    seen.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/elsewhere')) return res.end(JSON.stringify({ value: [{ id: '/a' }], nextLink: 'https://203.0.113.9/steal' }));
    if (req.url?.startsWith('/denied')) {
      res.statusCode = 403;
      return res.end(JSON.stringify({ error: { code: 'AuthorizationFailed', message: 'no read on locks' } }));
    }
    if (req.url?.startsWith('/second')) return res.end(JSON.stringify({ value: [{ id: '/c' }] }));
    res.end(JSON.stringify({ value: [{ id: '/a' }, { id: '/b' }], nextLink: `${endpoint}/second?api-version=1&$skiptoken=x` }));
  });
  let caller: ArmCaller;

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    caller = new ArmCaller(armClient({ endpoint, credential: new StaticTokenCredential(TEST_TOKEN), ca: cert }, '00000000-0000-0000-0000-000000000000'), endpoint);
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('follows nextLink through every page', async () => {
    const items = await caller.list('/first', '1');
    expect(items.map((i) => i.id)).toEqual(['/a', '/b', '/c']);
  });

  it('refuses a nextLink that would take the token to another host', async () => {
    await expect(caller.list('/elsewhere', '1')).rejects.toThrow(/nextLink leaves/);
    expect(seen.some((u) => u.includes('steal'))).toBe(false);
  });

  it('reports status and error code of a failed call', async () => {
    const e = await caller.list('/denied', '1').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ArmCallError);
    expect((e as ArmCallError).status).toBe(403);
    expect((e as ArmCallError).message).toMatch(/GET \/denied: HTTP 403 AuthorizationFailed: no read on locks/);
  });
});
