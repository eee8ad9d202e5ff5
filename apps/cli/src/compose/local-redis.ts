import type { AppConfig } from '@cuckoo-tc/config';
import { findOrStartRedis, type LocalRedis } from '@cuckoo-tc/redis-server';

/**
 * For one-box runs: the configured Redis when it answers, else a private `redis-server`
 * (persisting nothing) when one is installed. The configuration is updated to point at it.
 */
export async function ensureLocalRedis(
  config: AppConfig,
): Promise<{ config: AppConfig; redis: LocalRedis }> {
  const redis = await findOrStartRedis(config.redis.url);
  return { config: { ...config, redis: { ...config.redis, url: redis.url } }, redis };
}
