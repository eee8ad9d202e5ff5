import type { Cluster, Redis } from 'ioredis';

/** The Redis connection types the limiter and gate accept. */
export type RedisLike = Redis | Cluster;

/**
 * Runs a Lua script by SHA, loading it on NOSCRIPT (after a Redis restart or failover the
 * script cache is empty). One round trip in the common case.
 */
export async function runScript(
  redis: RedisLike,
  script: { lua: string; sha: string },
  keys: string[],
  args: Array<string | number>,
): Promise<unknown> {
  try {
    return await redis.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (err) {
    if (err instanceof Error && err.message.includes('NOSCRIPT')) {
      return redis.eval(script.lua, keys.length, ...keys, ...args);
    }
    throw err;
  }
}
