import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { json, startLocalServer, type LocalServer } from './__fixtures__/local-server.js';
import { createThreatConnectClient, type ThreatConnectClientOptions } from './client.js';
import { TcThrottledError } from './errors.js';
import { createRateLimiter } from './rate-limiter.js';
import { createTcRedisKeys } from './redis-keys.js';
import { createThrottleGate } from './throttle-gate.js';

// The client and the shared 429 gate: a local HTTP server that throttles, and real Redis.
const owner = 'Cuckoo Sandbox';
const redisUrl = inject('redisUrl');
const prefix = uniquePrefix('tc-client-gate');
const indicator = { id: 7, type: 'Address', summary: '203.0.113.7' };
let server: LocalServer;
let redis: Redis;

beforeAll(async () => {
  server = await startLocalServer();
  redis = new Redis(redisUrl);
});
afterAll(async () => {
  await server.close();
  redis.disconnect();
  await deleteKeysWithPrefix(redisUrl, prefix);
});
afterEach(() => {
  server.seen.length = 0;
});

function client(extra: Partial<ThreatConnectClientOptions> = {}) {
  const auth = { accessId: 'local-access-id', secretKey: 'local-secret-key' };
  return createThreatConnectClient({ baseUrl: server.baseUrl, auth, owner, ...extra });
}

describe('429 and the shared gate (local HTTP server + real Redis)', () => {
  it('429 with Retry-After closes the gate for every instance; the next call waits for it', async () => {
    const { gate: key } = createTcRedisKeys(prefix, 'gate-429');
    server.respond((_req, res, i) =>
      i === 0
        ? json(res, 429, { status: 'Error', message: 'Too many requests' }, { 'Retry-After': '1' })
        : json(res, 200, { status: 'Success', data: indicator }),
    );
    const first = client({ gate: createThrottleGate({ redis, key }) });
    const err = await first.getIndicator(7).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TcThrottledError);
    expect(err).toMatchObject({ retryAfterMs: 1000, source: 'server' });
    const otherRedis = new Redis(redisUrl);
    const otherGate = createThrottleGate({ redis: otherRedis, key });
    expect(await otherGate.waitMs()).toBeGreaterThan(500);
    const second = client({ gate: otherGate });
    await expect(second.getIndicator(7)).resolves.toMatchObject({ id: 7 });
    // The second request reached the server only after the gate had opened again.
    expect(await otherGate.waitMs()).toBe(0);
    expect(server.seen).toHaveLength(2);
    first.close();
    second.close();
    otherRedis.disconnect();
  });

  it('a gate closed longer than maxGateWaitMs throws TcThrottledError without sending', async () => {
    const { gate: key } = createTcRedisKeys(prefix, 'gate-budget');
    const gate = createThrottleGate({ redis, key });
    await gate.close(30_000);
    const tc = client({ gate, maxGateWaitMs: 1000 });
    const err = await tc.getIndicator(7).catch((e: unknown) => e);
    tc.close();
    expect(err).toMatchObject({ name: 'TcThrottledError', source: 'gate' });
    expect((err as TcThrottledError).retryAfterMs).toBeGreaterThan(20_000);
    expect(server.seen).toHaveLength(0);
  });

  it('429 without Retry-After closes the gate for a jittered exponential step', async () => {
    const { gate: key } = createTcRedisKeys(prefix, 'gate-noretry');
    const gate = createThrottleGate({ redis, key, backoffBaseMs: 2000, random: () => 0 });
    server.respond((_req, res) =>
      json(res, 429, { status: 'Error', message: 'Too many requests' }),
    );
    const tc = client({ gate });
    const err = await tc.getIndicator(7).catch((e: unknown) => e);
    tc.close();
    expect(err).toMatchObject({ name: 'TcThrottledError', retryAfterMs: null });
    const left = await gate.waitMs();
    expect(left).toBeGreaterThan(500);
    expect(left).toBeLessThanOrEqual(1000);
  });
});

describe('shared state unavailable', () => {
  it('a Redis failure in the limiter is transient and nothing is sent past the limit', async () => {
    const broken = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
    });
    const tc = client({
      limiter: createRateLimiter({ redis: broken, key: `${prefix}:rate`, requestsPerSecond: 5 }),
    });
    const err = await tc.getIndicator(7).catch((e: unknown) => e);
    tc.close();
    broken.disconnect();
    expect(err).toMatchObject({ name: 'TcTransientError', status: null });
    expect((err as Error).message).toContain('shared rate limit unavailable');
    expect(server.seen).toHaveLength(0);
  });
});
