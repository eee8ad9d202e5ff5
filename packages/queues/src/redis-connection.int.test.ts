import { startRedisServer } from '@cuckoo-tc/testing';
import { describe, expect, inject, it } from 'vitest';
import { isEvictingRedisError } from './errors.js';
import {
  assertNoEviction,
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
