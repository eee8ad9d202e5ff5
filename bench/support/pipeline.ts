// What the pipeline benchmarks share: configuration (object for in-process workers, environment
// for worker processes), enqueueing a report file, and waiting for the queues to drain.
import { loadConfig, type AppConfig } from '@cuckoo-tc/config';
import {
  addJob,
  createQueue,
  parseJobId,
  type CatalogQueue,
  type ParseReportPayload,
} from '@cuckoo-tc/queues';
import { DEFAULT_USER } from '@cuckoo-tc/tc-emulator';
import { deliveryKey, readDeliveryRecord, type DeliveryRecord } from '@cuckoo-tc/worker';
import type { Redis } from 'ioredis';
import { sleep } from './machine.js';

/** The sandbox instance name of every benchmark analysis. */
export const INSTANCE = 'bench';

/** Where a benchmark pipeline runs. */
export interface BenchTarget {
  redisUrl: string;
  prefix: string;
  tcUrl: string;
  requestsPerSecond: number;
}

/** Environment of a worker process (`cuckoo-tc worker`) for `target`. */
export function benchEnv(target: BenchTarget): Record<string, string> {
  return {
    REDIS_URL: target.redisUrl,
    CUCKOO_TC_REDIS_PREFIX: target.prefix,
    TC_API_URL: target.tcUrl,
    TC_ACCESS_ID: DEFAULT_USER.accessId,
    TC_SECRET_KEY: DEFAULT_USER.secretKey,
    TC_OWNER: DEFAULT_USER.defaultOwner,
    TC_REQUESTS_PER_SECOND: String(target.requestsPerSecond),
    CUCKOO_INSTANCE: INSTANCE,
    // Our generated reports use documentation ranges as stand-ins for public addresses.
    CUCKOO_TC_TREAT_AS_PUBLIC: '198.51.100.0/24,203.0.113.0/24',
    CUCKOO_TC_METRICS_ENABLED: 'false',
    LOG_LEVEL: 'silent',
  };
}

/** Configuration of in-process workers for `target` (product defaults otherwise). */
export async function benchConfig(
  target: BenchTarget,
  patch: (config: AppConfig) => void = () => undefined,
): Promise<AppConfig> {
  const { config } = await loadConfig({ env: benchEnv(target) });
  const c = structuredClone(config);
  patch(c);
  return c;
}

/** The parse queue of a prefix (close it when done). */
export function parseQueue(redis: Redis, prefix: string): CatalogQueue<'parse'> {
  return createQueue('parse', { connection: redis, prefix });
}

/** Enqueues the report at `path` as analysis `taskId`, as `cuckoo-tc enqueue` would. */
export async function enqueueReport(
  queue: CatalogQueue<'parse'>,
  taskId: number,
  path: string,
): Promise<void> {
  const payload: ParseReportPayload = {
    instance: INSTANCE,
    taskId,
    version: 'v1',
    report: { kind: 'file', path },
    trigger: 'cli',
    enqueuedAt: new Date().toISOString(),
  };
  await addJob(queue, 'parse-report', payload, {
    jobId: parseJobId(INSTANCE, taskId, 'v1'),
  });
}

const FINAL = new Set(['delivered', 'delivered-with-warnings', 'failed']);

/** Waits until analysis `taskId` is delivered or failed; returns its record. */
export async function waitForAnalysis(
  redis: Redis,
  prefix: string,
  taskId: number,
  timeoutMs = 120_000,
): Promise<DeliveryRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const record = await readDeliveryRecord(redis, { prefix, instance: INSTANCE, taskId });
    if (record?.status && FINAL.has(record.status)) {
      return record;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `analysis ${taskId} still ${record?.status ?? 'unknown'} after ${timeoutMs} ms`,
      );
    }
    await sleep(20);
  }
}

/** How many of `taskIds` reached a final status, and how many of those failed. */
export async function countFinished(
  redis: Redis,
  prefix: string,
  taskIds: readonly number[],
): Promise<{ finished: number; failed: number }> {
  const pipeline = redis.pipeline();
  for (const id of taskIds) {
    pipeline.hget(deliveryKey({ prefix, instance: INSTANCE, taskId: id }), 'status');
  }
  const replies = (await pipeline.exec()) ?? [];
  let finished = 0;
  let failed = 0;
  for (const [, status] of replies) {
    if (typeof status === 'string' && FINAL.has(status)) {
      finished++;
      failed += status === 'failed' ? 1 : 0;
    }
  }
  return { finished, failed };
}

/** Polls {@link countFinished} until every task is final; returns the failures. */
export async function waitForAll(
  redis: Redis,
  prefix: string,
  taskIds: readonly number[],
  timeoutMs: number,
  pollMs = 100,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { finished, failed } = await countFinished(redis, prefix, taskIds);
    if (finished === taskIds.length) {
      return failed;
    }
    if (Date.now() > deadline) {
      throw new Error(`${taskIds.length - finished} analyses unfinished after ${timeoutMs} ms`);
    }
    await sleep(pollMs);
  }
}
