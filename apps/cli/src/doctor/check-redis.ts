import { maskUrlPassword } from '@cuckoo-tc/config';
import { createRedisConnection, readEvictionPolicy, waitUntilReady } from '@cuckoo-tc/queues';
import type { DoctorCheck } from './doctor-check.js';

/** Redis reachable, and configured so queued analyses cannot be evicted. */
export async function checkRedis(url: string): Promise<DoctorCheck[]> {
  const shown = maskUrlPassword(url);
  const redis = createRedisConnection({
    url,
    role: 'producer',
    connectionName: 'cuckoo-tc:doctor',
    overrides: { lazyConnect: true, retryStrategy: () => null },
  });
  // Failures surface through connect(); without a listener ioredis would also print them.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await waitUntilReady(redis, 5_000);
    const policy = await readEvictionPolicy(redis);
    return [
      { name: 'redis reachable', ok: true, detail: shown },
      policy === 'noeviction'
        ? { name: 'redis eviction policy', ok: true, detail: 'noeviction' }
        : {
            name: 'redis eviction policy',
            ok: false,
            detail: `maxmemory-policy is ${policy}: Redis may silently drop queued analyses`,
            fix: 'set maxmemory-policy noeviction (redis.conf or CONFIG SET maxmemory-policy noeviction)',
          },
    ];
  } catch (error) {
    return [
      {
        name: 'redis reachable',
        ok: false,
        detail: `${shown}: ${(error as Error).message}`,
        fix: 'start Redis or set REDIS_URL / redis.url',
      },
    ];
  } finally {
    redis.disconnect();
  }
}
