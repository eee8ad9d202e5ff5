export { findOrStartRedis, freePort, pingRedis, startRedisServer } from './redis-server.js';
export type { LocalRedis, StartRedisServerOptions } from './redis-server.js';
