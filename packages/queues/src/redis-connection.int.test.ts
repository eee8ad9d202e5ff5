import { createServer } from 'node:net';
import { startRedisServer } from '@cuckoo-tc/testing';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { isEvictingRedisError, isRedisUnreachableError } from './errors.js';
import {
  assertNoEviction,
  connectRedis,
  createRedisConnection,
  readEvictionPolicy,
  waitUntilReady,
} from './redis-connection.js';

async function policyCheck(policy: string): Promise<unknown> {
  const server = await startRedisServer({ args: ['--maxmemory-policy', policy] });
  const redis = createRedisConnection({ url: server.url, role: 'producer' });
  try {
    await waitUntilReady(redis);
    expect(await readEvictionPolicy(redis)).toBe(policy);
    await assertNoEviction(redis);
    return undefined;
  } catch (err) {
    return err;
  } finally {
    redis.disconnect();
    await server.stop();
  }
}

describe('assertNoEviction (BUG-23)', () => {
  it.each(['allkeys-lru', 'volatile-lru'])(
    'refuses a Redis with %s, saying what to set',
    async policy => {
      const err = await policyCheck(policy);
      expect(isEvictingRedisError(err)).toBe(true);
      expect((err as Error).message).toContain(`maxmemory-policy ${policy}`);
      expect((err as Error).message).toContain('noeviction');
    },
  );

  it('accepts noeviction', async () => {
    expect(await policyCheck('noeviction')).toBeUndefined();
  });
});

describe('createRedisConnection', () => {
  it('gives workers unlimited retries and producers a fail-fast connection', async () => {
    const url = inject('redisUrl');
    const worker = createRedisConnection({ url, role: 'worker' });
    const producer = createRedisConnection({
      url,
      role: 'producer',
      connectionName: 'cuckoo-tc:test',
    });
    try {
      expect(worker.options.maxRetriesPerRequest).toBeNull();
      expect(producer.options.enableOfflineQueue).toBe(false);
      await waitUntilReady(producer);
      expect(await producer.client('GETNAME')).toBe('cuckoo-tc:test');
    } finally {
      worker.disconnect();
      producer.disconnect();
    }
  });

  it('fails fast instead of queueing commands while Redis is away', async () => {
    const server = await startRedisServer();
    const producer = createRedisConnection({
      url: server.url,
      role: 'producer',
      overrides: { retryStrategy: () => 50 },
    });
    try {
      await waitUntilReady(producer);
      await server.stop();
      await expect(producer.set('k', 'v')).rejects.toThrow();
    } finally {
      producer.disconnect();
    }
  });
});

/** A loopback port nothing listens on (bound once, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>(resolve => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

describe('an unreachable Redis', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(['worker', 'producer'] as const)(
    'connectRedis (%s) fails at once with the URL and the cause, and prints nothing',
    async role => {
      const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const port = await closedPort();
      const error: unknown = await connectRedis({
        url: `redis://:hunter2@127.0.0.1:${port}`,
        role,
      }).catch((err: unknown) => err);
      expect(isRedisUnreachableError(error)).toBe(true);
      expect((error as Error).message).toBe(
        `cannot reach Redis at redis://:********@127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`,
      );
      expect(printed).not.toHaveBeenCalled();
    },
  );

  it('createRedisConnection hands errors to onError instead of ioredis printing them', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const port = await closedPort();
    const errors: string[] = [];
    const redis = createRedisConnection({
      url: `redis://127.0.0.1:${port}`,
      onError: error => errors.push(error.message),
    });
    await vi.waitFor(() => expect(errors.length).toBeGreaterThan(1));
    redis.disconnect();
    expect(errors[0]).toContain('ECONNREFUSED');
    expect(printed).not.toHaveBeenCalled();
  });
});
