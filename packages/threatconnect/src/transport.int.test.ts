import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { json, startLocalServer, type LocalServer } from './__fixtures__/local-server.js';
import { createThreatConnectClient, type ThreatConnectClientOptions } from './client.js';
import { isTcClockSkewError } from './error-guards.js';
import {
  TcBadResponseError,
  TcClockSkewError,
  TcRequestError,
  TcTransientError,
} from './errors.js';
import { signRequest } from './sign-request.js';
import type { TcClockSkewInfo, TcResponseInfo } from './transport-types.js';

const accessId = 'local-access-id';
const secretKey = 'local-secret-key';
const owner = 'Cuckoo Sandbox';
let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.seen.length = 0;
});

function client(extra: Partial<ThreatConnectClientOptions> = {}) {
  return createThreatConnectClient({
    baseUrl: server.baseUrl,
    auth: { accessId, secretKey },
    owner,
    ...extra,
  });
}

const indicator = { id: 7, type: 'Address', summary: '203.0.113.7' };

/** Checks a request the way ThreatConnect does: HMAC over the raw request-target. */
function validSignature(req: {
  method: string;
  url: string;
  headers: Record<string, unknown>;
}): boolean {
  const expected = signRequest({
    method: req.method,
    pathWithQuery: req.url,
    timestamp: String(req.headers.timestamp),
    accessId,
    secretKey,
  });
  return req.headers.authorization === expected;
}

describe('transport on the wire (local HTTP server)', () => {
  it('BUG-20: a URL value is encoded exactly once into the path, and that exact path is signed', async () => {
    server.respond((_req, res) => json(res, 200, { status: 'Success', data: indicator }));
    const tc = client();
    await tc.getIndicator('http://198.51.100.5/dl.php?f=%2Fetc%2Fhosts&t=1');
    tc.close();
    const [req] = server.seen;
    expect(req?.url).toBe(
      '/api/v3/indicators/http%3A%2F%2F198.51.100.5%2Fdl.php%3Ff%3D%252Fetc%252Fhosts%26t%3D1?owner=Cuckoo%20Sandbox',
    );
    expect(req?.url).not.toContain('%253A');
    expect(validSignature(req!)).toBe(true);
  });

  it('signs every request with a fresh Timestamp close to the send time', async () => {
    server.respond((_req, res) => json(res, 200, { status: 'Success', data: indicator }));
    const tc = client();
    for (let i = 0; i < 3; i++) {
      await tc.getIndicator(7);
    }
    tc.close();
    expect(server.seen).toHaveLength(3);
    for (const req of server.seen) {
      expect(validSignature(req)).toBe(true);
      expect(Math.abs(Number(req.headers.timestamp) - req.receivedAt / 1000)).toBeLessThanOrEqual(
        2,
      );
    }
  });

  it('BUG-16: a retry after a 503 five minutes later carries a new Timestamp, not the first one', async () => {
    let clock = Date.parse('2026-10-21T07:00:00Z');
    server.respond((req, res, i) => {
      if (i === 0) {
        res.writeHead(503);
        res.end('');
        return;
      }
      const ok = Math.abs(Number(req.headers.timestamp) - clock / 1000) <= 300;
      json(
        res,
        ok ? 201 : 401,
        ok
          ? { status: 'Success', data: indicator }
          : { status: 'Failure', message: 'Timestamp out of acceptable time range' },
      );
    });
    const tc = client({ now: () => clock });
    const input = { type: 'Address' as const, ip: '203.0.113.7' };
    await expect(tc.upsertIndicator(input)).rejects.toBeInstanceOf(TcTransientError);
    clock += 5 * 60_000 + 1000; // the job queue retries 5 min 1 s later
    await expect(tc.upsertIndicator(input)).resolves.toMatchObject({ id: 7 });
    tc.close();
    expect(server.seen.map(r => r.headers.timestamp)).toEqual(['1792566000', '1792566301']);
    expect(server.seen.every(validSignature)).toBe(true);
  });

  it('BUG-16: 401 Timestamp out of range → adopt the server clock, re-sign once, retry, report skew', async () => {
    const serverClock = Date.now() + 10 * 60_000; // server 10 min ahead of us
    server.respond((req, res) => {
      const skew = Math.abs(Number(req.headers.timestamp) - serverClock / 1000);
      const headers = { Date: new Date(serverClock).toUTCString() };
      if (skew > 300) {
        json(
          res,
          401,
          { status: 'Failure', message: 'Timestamp out of acceptable time range' },
          headers,
        );
      } else {
        json(res, 200, { status: 'Success', data: indicator }, headers);
      }
    });
    const skews: TcClockSkewInfo[] = [];
    const tc = client({ onClockSkew: s => skews.push(s) });
    await expect(tc.getIndicator(7)).resolves.toMatchObject({ id: 7 });
    await expect(tc.getIndicator(7)).resolves.toMatchObject({ id: 7 });
    tc.close();
    // one refusal, one immediate re-signed retry, then the next call is right the first time
    expect(server.seen).toHaveLength(3);
    expect(server.seen[0]?.headers.timestamp).not.toBe(server.seen[1]?.headers.timestamp);
    expect(skews).toHaveLength(1);
    expect(skews[0]?.offsetMs).toBeGreaterThan(9 * 60_000);
    expect(tc.clockOffsetMs()).toBeGreaterThan(9 * 60_000);
  });

  it('BUG-16: without a Date header the client re-signs once and then stops (no 401 loop)', async () => {
    server.respond((_req, res) =>
      json(res, 401, { status: 'Failure', message: 'Timestamp out of acceptable time range' }),
    );
    const tc = client();
    const err = await tc.getIndicator(7).catch((e: unknown) => e);
    tc.close();
    expect(err).toBeInstanceOf(TcClockSkewError);
    expect(isTcClockSkewError(err)).toBe(true);
    expect(server.seen).toHaveLength(2);
  });

  it('BUG-16: a Date header that does not help is forgotten after the failed retry', async () => {
    server.respond((_req, res) =>
      json(
        res,
        401,
        { status: 'Failure', message: 'Timestamp out of acceptable time range' },
        { Date: 'Mon, 01 Jan 1990 00:00:00 GMT' },
      ),
    );
    const tc = client();
    const err = await tc.getIndicator(7).catch((e: unknown) => e);
    tc.close();
    expect(err).toBeInstanceOf(TcClockSkewError);
    expect(server.seen).toHaveLength(2);
    expect(tc.clockOffsetMs()).toBe(0);
  });

  it('token auth sends TC-Token and no HMAC', async () => {
    server.respond((_req, res) => json(res, 200, { status: 'Success', data: indicator }));
    const tc = createThreatConnectClient({
      baseUrl: server.baseUrl,
      auth: { token: 'APIV2:1:abc' },
      owner,
    });
    await tc.getIndicator(7);
    tc.close();
    expect(server.seen[0]?.headers.authorization).toBe('TC-Token APIV2:1:abc');
  });

  it('reports each attempt to the metrics hooks with the route pattern, never the value', async () => {
    server.respond((_req, res) =>
      json(res, 404, { status: 'Failure', message: 'Object not found' }),
    );
    const responses: TcResponseInfo[] = [];
    const routes: string[] = [];
    const tc = client({ onRequest: r => routes.push(r.route), onResponse: r => responses.push(r) });
    expect(await tc.getIndicator('evil.example')).toBeNull();
    tc.close();
    expect(routes).toEqual(['/v3/indicators/{idOrSummary}']);
    expect(responses[0]).toMatchObject({ method: 'GET', status: 404, errorName: 'TcRequestError' });
    expect(JSON.stringify(responses)).not.toContain('evil.example');
  });
});

describe('bad responses and transport failures (local HTTP server)', () => {
  it.each([
    [
      'text/html on 200',
      (res: ServerResponse) => (
        res.writeHead(200, { 'Content-Type': 'text/html' }),
        res.end('<html></html>')
      ),
    ],
    [
      'JSON without an id',
      (res: ServerResponse) => json(res, 200, { status: 'Success', data: { type: 'Address' } }),
    ],
    [
      'invalid JSON',
      (res: ServerResponse) => (
        res.writeHead(200, { 'Content-Type': 'application/json' }),
        res.end('{"status":')
      ),
    ],
    [
      'a redirect',
      (res: ServerResponse) => (res.writeHead(302, { Location: '/elsewhere' }), res.end()),
    ],
  ])('%s → TcBadResponseError naming method and path', async (_label, reply) => {
    server.respond((_req, res) => reply(res));
    const tc = client();
    const err = await tc.getIndicator(7).catch((e: unknown) => e);
    tc.close();
    expect(err).toBeInstanceOf(TcBadResponseError);
    expect((err as Error).message).toContain('GET /api/v3/indicators/7');
  });

  it('a 500 with a text/plain body → transient, with the text as ThreatConnect message', async () => {
    server.respond(
      (_req, res) => (
        res.writeHead(500, { 'Content-Type': 'text/plain' }),
        res.end('Could not find resource for relative path')
      ),
    );
    const tc = client();
    const err = await tc.getIndicator(7).catch((e: unknown) => e);
    tc.close();
    expect(err).toMatchObject({
      name: 'TcTransientError',
      status: 500,
      tcMessage: 'Could not find resource for relative path',
    });
  });

  it('a dropped connection → transient with the socket error code', async () => {
    server.respond((_req, res) => res.socket?.destroy());
    const tc = client();
    const err = await tc.getIndicator(7).catch((e: unknown) => e);
    tc.close();
    expect(err).toBeInstanceOf(TcTransientError);
    expect((err as TcTransientError).status).toBeNull();
  });

  it('no answer within the client timeout → transient', async () => {
    server.respond((_req, res) =>
      setTimeout(() => json(res, 200, { status: 'Success', data: indicator }), 1000),
    );
    const tc = client({ timeoutMs: 100 });
    const err = await tc.getIndicator(7).catch((e: unknown) => e);
    tc.close();
    expect(err).toBeInstanceOf(TcTransientError);
    expect((err as Error).message).toMatch(/in time/);
  });

  it('an unreachable server (refused) → transient', async () => {
    const tc = createThreatConnectClient({
      baseUrl: 'http://127.0.0.1:1/api',
      auth: { accessId, secretKey },
      owner,
    });
    const err = await tc.getIndicator(7).catch((e: unknown) => e);
    tc.close();
    expect(err).toMatchObject({ name: 'TcTransientError', code: 'ECONNREFUSED' });
  });

  it('a 404 on a lookup is "absent", not an error; a 404 on a write is a TcRequestError', async () => {
    server.respond((_req, res) =>
      json(res, 404, { status: 'Failure', message: 'Object not found' }),
    );
    const tc = client();
    expect(await tc.getGroupByXid('nope')).toBeNull();
    await expect(tc.associateIndicators(1, [2])).rejects.toBeInstanceOf(TcRequestError);
    tc.close();
  });
});

describe('metrics hooks', () => {
  it('a throwing hook does not break the call', async () => {
    server.respond((_req, res) => json(res, 200, { status: 'Success', data: indicator }));
    const boom = (): void => {
      throw new Error('metrics down');
    };
    const tc = client({ onRequest: boom, onResponse: boom });
    await expect(tc.getIndicator(7)).resolves.toMatchObject({ id: 7 });
    tc.close();
  });
});
