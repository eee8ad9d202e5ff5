import { loadConfig } from '@cuckoo-tc/config';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { silentLogger } from './logger.js';
import { producerOptionsFromConfig } from './options-from-config.js';

describe('producerOptionsFromConfig', () => {
  it('maps configuration to sources, intervals in ms and job defaults', async () => {
    const { config } = await loadConfig({
      env: {
        CUCKOO_TC_PRODUCER_SOURCES: 'storage,api',
        CUCKOO_STORAGE_DIR: '/srv/cuckoo/storage',
        CUCKOO_API_URL: 'http://cape.test',
        CUCKOO_API_FLAVOUR: 'cape',
        CUCKOO_TC_SETTLE_SECONDS: '7',
        CUCKOO_TC_KEEP_FAILED_SECONDS: '3600',
      },
      args: {},
    });
    const options = producerOptionsFromConfig(config, { redis: {} as Redis, logger: silentLogger });
    expect(options).toMatchObject({
      sources: ['storage', 'api'],
      storageDir: '/srv/cuckoo/storage',
      api: { baseUrl: 'http://cape.test', flavour: 'cape', token: null },
      scan: { settleMs: 7000, intervalMs: 10_000 },
      poll: { pageSize: 50, lookbackSeconds: 86_400 },
      prefix: 'cuckoo-tc',
    });
    expect(options.jobDefaults?.['create-indicators']).toMatchObject({
      removeOnFail: { age: 3600 },
    });
  });
});
