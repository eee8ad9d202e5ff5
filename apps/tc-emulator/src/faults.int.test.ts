// Throttling and synthetic faults from outside, switched on through options, configure() and
// POST /_emulator/config. No timing assertions: only what came back.
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator, EmulatorOptions } from './index.js';
import { createEmulator } from './index.js';
import { inspect, tcRequest } from './test-support/tc-request.js';

let emulator: Emulator | undefined;
const start = async (options: EmulatorOptions = {}) => {
  emulator = await createEmulator(options);
  return emulator;
};
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});
const owners = (e: Emulator) => tcRequest(e.url, { target: '/v3/security/owners' });

describe('rate limit', () => {
  it('answers 429 with Retry-After in seconds beyond R requests per second per user', async () => {
    const e = await start({ rateLimit: { requestsPerSecond: 2 } });
    const results = await Promise.all(Array.from({ length: 6 }, () => owners(e)));
    const limited = results.filter(r => r.status === 429);
    expect(results.filter(r => r.status === 200).length).toBeLessThanOrEqual(2);
    expect(limited.length).toBeGreaterThanOrEqual(4);
    expect(limited[0]?.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(limited[0]?.headers['content-type']).toBe('application/json');
    expect(limited[0]?.body).toMatchObject({ status: 'Error', message: 'Too Many Requests' });
    expect(e.state().requests.byStatus['429']).toBe(limited.length);
  });

  it('counts each user on its own', async () => {
    const e = await start({
      rateLimit: { requestsPerSecond: 1 },
      users: [
        { accessId: 'a', secretKey: 'sa', defaultOwner: 'Cuckoo Sandbox' },
        { accessId: 'b', secretKey: 'sb', defaultOwner: 'Cuckoo Sandbox' },
      ],
    });
    const [a, b] = await Promise.all([
      tcRequest(e.url, { target: '/v3/security/owners', accessId: 'a', secretKey: 'sa' }),
      tcRequest(e.url, { target: '/v3/security/owners', accessId: 'b', secretKey: 'sb' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
  });

  it('sends Retry-After as an HTTP date, or not at all, when configured', async () => {
    const e = await start({ rateLimit: { requestsPerSecond: 1, retryAfter: 'http-date' } });
    const dated = (await Promise.all([owners(e), owners(e), owners(e)])).find(
      r => r.status === 429,
    );
    expect(Number.isNaN(Date.parse(String(dated?.headers['retry-after'])))).toBe(false);
    e.configure({ rateLimit: { retryAfter: 'none' } });
    const bare = (await Promise.all([owners(e), owners(e), owners(e)])).find(r => r.status === 429);
    expect(bare?.headers['retry-after']).toBeUndefined();
  });

  it('is off with requestsPerSecond 0 or null', async () => {
    const e = await start({ rateLimit: { requestsPerSecond: 1 } });
    e.configure({ rateLimit: { requestsPerSecond: 0 } });
    const results = await Promise.all(Array.from({ length: 5 }, () => owners(e)));
    expect(results.map(r => r.status)).toEqual([200, 200, 200, 200, 200]);
  });
});

describe('faults', () => {
  it('fails the next N requests with the status and Retry-After, then succeeds', async () => {
    const e = await start();
    const config = await inspect(e.url, 'POST', '/_emulator/config', {
      faults: { failNext: { count: 2, status: 503, retryAfter: 2 } },
    });
    expect(config.status).toBe(200);
    const first = await owners(e);
    expect(first.status).toBe(503);
    expect(first.headers['retry-after']).toBe('2');
    expect(first.body).toEqual({
      errCode: '0x1001',
      message: 'Service Unavailable',
      status: 'Error',
    });
    expect((await owners(e)).status).toBe(503);
    expect((await owners(e)).status).toBe(200);
  });

  it('answers 5xx at errorRate from the configured statuses', async () => {
    const e = await start({ faults: { errorRate: 1, errorStatuses: [502] } });
    expect((await owners(e)).status).toBe(502);
    e.configure({ faults: { errorRate: null } });
    expect((await owners(e)).status).toBe(200);
  });

  it('drops the connection at dropRate without answering', async () => {
    const e = await start({ faults: { dropRate: 1 } });
    await expect(owners(e)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(e.state().requests.byStatus.dropped).toBe(1);
    e.configure({ faults: { dropRate: 0 } });
    expect((await owners(e)).status).toBe(200);
  });

  it('handles the request but loses the answer at lostResponseRate (the write stays)', async () => {
    const e = await start({ faults: { lostResponseRate: 1 } });
    const create = () =>
      tcRequest(e.url, {
        method: 'POST',
        target: '/v3/groups',
        body: { type: 'Incident', name: 'n', xid: 'lost-1' },
      });
    await expect(create()).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(e.state().groups.map(g => g.xid)).toEqual(['lost-1']);
    expect(e.state().requests.byStatus.lost).toBe(1);
    e.configure({ faults: { lostResponseRate: 0 } });
    const retry = await create();
    expect(retry.status).toBe(400);
    expect((await tcRequest(e.url, { target: '/v3/groups/lost-1' })).status).toBe(200);
  });

  it('never answers at timeoutRate, until the client gives up', async () => {
    const e = await start({ faults: { timeoutRate: 1 } });
    const controller = new AbortController();
    const pending = fetch(`${e.url}/v3/security/owners`, { signal: controller.signal });
    await expect.poll(() => e.state().requests.byStatus.timeout).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
  });

  it('delays by latencyMs and still answers', async () => {
    const e = await start({ faults: { latencyMs: 30 } });
    const startedAt = Date.now();
    const res = await owners(e);
    expect(res.status).toBe(200);
    // Lower bound only: the delay is added, whatever else the machine does.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(25);
  });

  it('limits faults to the listed routes', async () => {
    const e = await start({ faults: { errorRate: 1, routes: ['POST /v3/indicators'] } });
    expect((await owners(e)).status).toBe(200);
    const res = await tcRequest(e.url, {
      method: 'POST',
      target: '/v3/indicators',
      body: { type: 'Host', hostName: 'a.example.com' },
    });
    expect(res.status).toBeGreaterThanOrEqual(500);
  });

  it('refuses a bad config patch with 400 and keeps the old settings', async () => {
    const e = await start();
    const res = await inspect(e.url, 'POST', '/_emulator/config', { faults: { errorRate: 2 } });
    expect(res.status).toBe(400);
    expect((await inspect(e.url, 'GET', '/_emulator/config')).body).toMatchObject({
      faults: { errorRate: 0 },
    });
  });
});

describe('inspection API', () => {
  it('reports groups, indicators and request counts per status and route, and resets', async () => {
    const e = await start();
    const group = await tcRequest(e.url, {
      method: 'POST',
      target: '/v3/groups',
      body: {
        type: 'Incident',
        name: 'n',
        xid: 'x',
        eventDate: '2024-05-06',
        attributes: { data: [{ type: 'Analysis ID', value: '7' }] },
      },
    });
    await tcRequest(e.url, {
      method: 'POST',
      target: '/v3/indicators',
      body: {
        type: 'Host',
        hostName: 'a.example.com',
        associatedGroups: { data: [{ id: group.body.data.id }] },
      },
    });
    await tcRequest(e.url, { target: '/v3/groups/x' });
    await tcRequest(e.url, { target: '/v3/groups/x', secretKey: 'bad' });
    const state = (await inspect(e.url, 'GET', '/_emulator/state')).body;
    expect(state).toMatchObject({
      groups: [
        {
          type: 'Incident',
          name: 'n',
          xid: 'x',
          ownerName: 'Cuckoo Sandbox',
          eventDate: '2024-05-06T00:00:00Z',
          attributes: [{ type: 'Analysis ID', value: '7', securityLabels: [] }],
        },
      ],
      indicators: [{ type: 'Host', summary: 'a.example.com', ownerName: 'Cuckoo Sandbox' }],
      requests: {
        total: 4,
        byStatus: { '200': 1, '201': 2, '401': 1 },
        byRoute: { 'POST /v3/groups': 1, 'POST /v3/indicators': 1, 'GET /v3/groups/{id}': 2 },
      },
    });
    expect(e.state()).toEqual(state);
    expect((await inspect(e.url, 'POST', '/_emulator/reset')).status).toBe(200);
    expect(e.state()).toEqual({
      groups: [],
      indicators: [],
      requests: { total: 0, byStatus: {}, byRoute: {} },
    });
  });

  it('is not served under the API prefix and needs no auth', async () => {
    const e = await start();
    const underApi = await fetch(`${e.url}/_emulator/state`);
    expect(underApi.status).toBe(401);
    expect((await inspect(e.url, 'GET', '/_emulator/nothing')).status).toBe(404);
  });
});
