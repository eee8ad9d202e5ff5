export { findOrStartRedis, freePort, pingRedis, startRedisServer } from './redis-server.js';
export type { StartRedisServerOptions, TestRedis } from './redis-server.js';
export { deleteKeysWithPrefix, uniquePrefix } from './key-prefix.js';
