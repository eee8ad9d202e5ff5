import {
  createQueue,
  waitUntilReady,
  type CatalogQueue,
  type JobDefaults,
} from '@cuckoo-tc/queues';
import type { Redis } from 'ioredis';
import type { Clock, ProducerLogger } from './logger.js';
import { ParseEnqueuer, type ParseEnqueuerOptions } from './parse-enqueuer.js';
import { ProgressStore } from './progress-store.js';
import { SandboxApi, type SandboxFlavour } from './sandbox-api.js';
import { TaskResolver } from './task-resolver.js';

/** The sandbox REST API, when configured. */
export interface SandboxApiSettings {
  baseUrl: string;
  flavour: SandboxFlavour;
  token?: string | null;
}

/** What every source and the `enqueue` command share. */
export interface EnqueueToolsOptions {
  /** A fail-fast connection (`createRedisConnection({ role: 'producer' })`); the caller closes it. */
  redis: Redis;
  /** BullMQ prefix. */
  prefix: string;
  instance: string;
  storageDir?: string | null;
  api?: SandboxApiSettings | null;
  enqueueChunkSize?: number;
  jobDefaults?: JobDefaults;
  clock?: Clock;
  logger: ProducerLogger;
  /** Called for each parse job added (metrics). */
  onEnqueued?: ParseEnqueuerOptions['onEnqueued'];
}

/** The parse queue, the producer's Redis memory and the two ways to find a task's report. */
export interface EnqueueTools {
  parse: CatalogQueue<'parse'>;
  progress: ProgressStore;
  enqueuer: ParseEnqueuer;
  resolver: TaskResolver;
  api: SandboxApi | undefined;
  /** Closes the queue (not the Redis connection, which the caller owns). */
  close(): Promise<void>;
}

/** Builds the shared enqueue machinery once Redis is ready (fail-fast connections refuse earlier commands). */
export async function createEnqueueTools(options: EnqueueToolsOptions): Promise<EnqueueTools> {
  await waitUntilReady(options.redis);
  const parse = createQueue('parse', { connection: options.redis, prefix: options.prefix });
  const progress = new ProgressStore(options.redis, options.prefix, options.instance);
  const api = options.api ? new SandboxApi(options.api) : undefined;
  const enqueuer = new ParseEnqueuer({
    queue: parse,
    progress,
    instance: options.instance,
    chunkSize: options.enqueueChunkSize,
    jobDefaults: options.jobDefaults,
    clock: options.clock,
    logger: options.logger,
    onEnqueued: options.onEnqueued,
  });
  const resolver = new TaskResolver({ storageDir: options.storageDir ?? null, api });
  return { parse, progress, enqueuer, resolver, api, close: () => parse.close() };
}
