// Vitest global setup: one Redis for the whole run, handed to tests through `inject('redisUrl')`.
import type { TestProject } from 'vitest/node';
import { findOrStartRedis } from '@cuckoo-tc/redis-server';
import './provided-context.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The test run's edge, like an app's composition root: the one place tests read REDIS_URL.
  const redis = await findOrStartRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
