import './provided-context.js';

export { findOrStartRedis, freePort, pingRedis, startRedisServer } from '@cuckoo-tc/redis-server';
export type { LocalRedis as TestRedis, StartRedisServerOptions } from '@cuckoo-tc/redis-server';
export { deleteKeysWithPrefix, uniquePrefix } from './key-prefix.js';
export {
  noteMissingSharedFixtures,
  SHARED_FIXTURES_DIR,
  sharedFixtureReports,
} from './shared-fixtures.js';
