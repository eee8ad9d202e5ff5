import { maskUrlPassword } from '@cuckoo-tc/config';
import { connectRedis, isRedisUnreachableError, readEvictionPolicy } from '@cuckoo-tc/queues';
import type { Redis } from 'ioredis';
import type { DoctorCheck } from './doctor-check.js';

/** Redis reachable, and configured so queued analyses cannot be evicted. */
export async function checkRedis(url: string): Promise<DoctorCheck[]> {
  const shown = maskUrlPassword(url);
  let redis: Redis | undefined;
  try {
    redis = await connectRedis({
      url,
      role: 'producer',
      connectionName: 'cuckoo-tc:doctor',
      overrides: { retryStrategy: () => null, connectTimeout: 5_000 },
      timeoutMs: 5_000,
    });
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
        // The unreachable error already names the URL and the cause (e.g. ECONNREFUSED).
        detail: isRedisUnreachableError(error)
          ? error.message
          : `${shown}: ${(error as Error).message}`,
        fix: 'start Redis or set REDIS_URL / redis.url',
      },
    ];
  } finally {
    redis?.disconnect();
  }
}
