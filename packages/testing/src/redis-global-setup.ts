// Vitest global setup: one Redis for the whole run, handed to tests through `inject('redisUrl')`.
import type { TestProject } from 'vitest/node';
import { findOrStartRedis } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await findOrStartRedis(process.env);
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
