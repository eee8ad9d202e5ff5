// BUG-21: a throttled job is delayed without spending attempts, bounded by its own wait budget.
import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import { QueueEvents, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createBackoffStrategy } from './backoff.js';
import type { CreateIndicatorsPayload } from './payloads.js';
import { createRedisConnection } from './redis-connection.js';
import { RATE_LIMITED_TOO_LONG, throttleJob } from './throttle.js';
import { addJob, createQueue, type CatalogQueue } from './typed-queues.js';

const payload = (taskId: number): CreateIndicatorsPayload => ({
  instance: 'sandbox01',
  taskId,
  chunk: 0,
  chunks: 1,
  indicators: [],
});

describe('throttleJob on real Redis (BUG-21)', () => {
  let prefix: string;
  let connection: Redis;
  let queue: CatalogQueue<'indicators'>;
  let events: QueueEvents;
  const workers: Worker[] = [];

  beforeEach(async () => {
    prefix = uniquePrefix('throttle');
    connection = createRedisConnection({ url: inject('redisUrl'), role: 'worker' });
    queue = createQueue('indicators', { connection, prefix });
    events = new QueueEvents('indicators', { connection: connection.duplicate(), prefix });
    await events.waitUntilReady();
  });

  afterEach(async () => {
    for (const w of workers.splice(0)) {
      await w.close();
    }
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
    await deleteKeysWithPrefix(inject('redisUrl'), prefix);
  });

  /** A processor whose ThreatConnect answers 429 `throttles` times (Infinity: for ever). */
  function startWorker(throttles: number, budgetMs: number, waitMs = 20): void {
    let calls = 0;
    const worker = new Worker(
      'indicators',
      async (job: Job<CreateIndicatorsPayload>, token) => {
        calls += 1;
        if (calls <= throttles) {
          await throttleJob(job, token, { waitMs, budgetMs });
        }
        return { indicatorIds: [1], skipped: [] };
      },
      { connection, prefix, settings: { backoffStrategy: createBackoffStrategy() } },
    );
    workers.push(worker);
  }

  async function finished(jobId: string): Promise<Job<CreateIndicatorsPayload>> {
    await new Promise<void>(resolve => {
      const done = (e: { jobId: string }) => e.jobId === jobId && resolve();
      events.on('completed', done);
      events.on('failed', done);
    });
    return (await queue.getJob(jobId)) as Job<CreateIndicatorsPayload>;
  }

  it('A: eight 429s then success completes without spending an attempt', async () => {
    const job = await addJob(queue, 'create-indicators', payload(1), {
      attempts: 3,
      jobId: 'ind-a',
    });
    const wait = finished(job.id ?? '');
    startWorker(8, 60_000);
    const done = await wait;
    expect(await done.getState()).toBe('completed');
    expect(done.stacktrace).toEqual([]);
    expect(done.attemptsStarted).toBeGreaterThanOrEqual(9);
    expect(done.data.throttledSince).toEqual(expect.any(Number));
  });

  it('B: unbounded 429s fail the job with rate_limited_too_long once the budget is spent', async () => {
    const job = await addJob(queue, 'create-indicators', payload(2), {
      attempts: 3,
      jobId: 'ind-b',
    });
    const wait = finished(job.id ?? '');
    const startedAt = Date.now();
    startWorker(Infinity, 300);
    const done = await wait;
    expect(await done.getState()).toBe('failed');
    expect(done.failedReason).toBe(RATE_LIMITED_TOO_LONG);
    // Only the final, unrecoverable failure was recorded: throttles consumed no attempt.
    expect(done.stacktrace).toHaveLength(1);
    expect((done.finishedOn ?? 0) - startedAt).toBeGreaterThanOrEqual(300);
    // A requeue starts with a fresh budget.
    expect(done.data.throttledSince).toBeUndefined();
    expect(done.data.throttledUntil).toBeUndefined();
  });

  it('pauses the other jobs of the queue while it is rate limited', async () => {
    await queue.setGlobalRateLimit(1000, 1000);
    const starts: Record<string, number> = {};
    let throttledAt = 0;
    const worker = new Worker(
      'indicators',
      async (job: Job<CreateIndicatorsPayload>, token) => {
        starts[job.id ?? ''] ??= Date.now();
        if (job.id === 'first' && throttledAt === 0) {
          throttledAt = Date.now();
          await throttleJob(job, token, { waitMs: 400, budgetMs: 60_000, queue });
        }
        return { indicatorIds: [], skipped: [] };
      },
      { connection, prefix, concurrency: 1 },
    );
    workers.push(worker);
    await addJob(queue, 'create-indicators', payload(3), { jobId: 'first' });
    const second = finished('second');
    await new Promise(r => setTimeout(r, 100));
    await addJob(queue, 'create-indicators', payload(4), { jobId: 'second' });
    await second;
    expect(throttledAt).toBeGreaterThan(0);
    expect(starts.second).toBeGreaterThanOrEqual(throttledAt + 400);
  });
});
