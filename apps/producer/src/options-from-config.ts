import type { AppConfig } from '@cuckoo-tc/config';
import { jobDefaultsFromConfig } from '@cuckoo-tc/queues';
import type { Redis } from 'ioredis';
import type { ProducerOptions } from './create-producer.js';
import type { EnqueueToolsOptions } from './enqueue-tools.js';
import type { ProducerLogger } from './logger.js';

/** The enqueue machinery's options from configuration. */
export function enqueueToolsOptionsFromConfig(
  config: AppConfig,
  deps: { redis: Redis; logger: ProducerLogger },
): EnqueueToolsOptions {
  const { cuckoo } = config;
  return {
    ...deps,
    prefix: config.redis.prefix,
    instance: cuckoo.instance,
    storageDir: cuckoo.storageDir,
    api: cuckoo.apiUrl
      ? { baseUrl: cuckoo.apiUrl, flavour: cuckoo.apiFlavour, token: cuckoo.apiToken }
      : null,
    enqueueChunkSize: config.producer.enqueueChunkSize,
    jobDefaults: jobDefaultsFromConfig(config),
  };
}

/** The producer's options from configuration (`producer.*`, `cuckoo.*`). */
export function producerOptionsFromConfig(
  config: AppConfig,
  deps: { redis: Redis; logger: ProducerLogger },
): ProducerOptions {
  const p = config.producer;
  return {
    ...enqueueToolsOptionsFromConfig(config, deps),
    sources: p.sources,
    minTaskId: p.minTaskId,
    scan: {
      intervalMs: p.scanIntervalSeconds * 1000,
      settleMs: p.settleSeconds * 1000,
      incompleteGraceMs: p.incompleteGraceSeconds * 1000,
    },
    poll: {
      intervalMs: p.pollIntervalSeconds * 1000,
      pageSize: p.api.pageSize,
      lookbackSeconds: p.api.lookbackSeconds,
      taskChecksPerPoll: p.api.taskChecksPerPoll,
    },
    push: { host: p.push.host, port: p.push.port, token: p.push.token },
  };
}
