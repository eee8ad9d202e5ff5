export { findOrStartRedis, freePort, pingRedis, startRedisServer } from './redis-server.js';
export type { StartRedisServerOptions, TestRedis } from './redis-server.js';
export { deleteKeysWithPrefix, uniquePrefix } from './key-prefix.js';
// Brings the `inject('redisUrl')` typing (a vitest ProvidedContext augmentation) to every importer.
export type {} from './redis-global-setup.js';
