import { describe, expect, inject, it } from 'vitest';
import { findOrStartRedis, pingRedis, startRedisServer } from './redis-server.js';

// The shared Vitest global setup provides this (declared here too: this package cannot depend on
// @cuckoo-tc/testing, which depends on it).
declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

describe('local Redis helpers', () => {
  it('the global setup hands over a Redis that answers', async () => {
    expect(await pingRedis(inject('redisUrl'))).toBe(true);
  });

  it('starts a private redis-server with noeviction and stops it again', async () => {
    const redis = await startRedisServer();
    expect(await pingRedis(redis.url)).toBe(true);
    await redis.stop();
    expect(await pingRedis(redis.url, 300)).toBe(false);
  });

  it('uses a Redis that answers and starts one when none does', async () => {
    const existing = await findOrStartRedis(inject('redisUrl'));
    expect(existing).toMatchObject({ url: inject('redisUrl'), owned: false });
    const started = await findOrStartRedis('redis://127.0.0.1:9');
    try {
      expect(started.owned).toBe(true);
      expect(await pingRedis(started.url)).toBe(true);
    } finally {
      await started.stop();
    }
  });
});
