import type { AppConfig, LoadedConfig } from '@cuckoo-tc/config';
import { findOrStartRedis, type LocalRedis } from '@cuckoo-tc/redis-server';

/**
 * For one-box runs: the configured Redis, or, only when the operator did not set redis.url
 * (file, environment or argument), a private `redis-server` (persisting nothing) when the
 * default one does not answer. An explicitly configured Redis that is down must stop the run,
 * never be swapped silently for a throwaway one. The configuration is updated to the URL used.
 */
export async function ensureLocalRedis(
  loaded: LoadedConfig,
): Promise<{ config: AppConfig; redis: LocalRedis }> {
  const { config } = loaded;
  if (loaded.origins.has('redis.url')) {
    return { config, redis: { url: config.redis.url, owned: false, stop: async () => undefined } };
  }
  const redis = await findOrStartRedis(config.redis.url);
  return { config: { ...config, redis: { ...config.redis, url: redis.url } }, redis };
}
