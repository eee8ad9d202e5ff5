import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import { Worker, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { readQueueStatus } from './queue-status.js';
import { createRedisConnection } from './redis-connection.js';
import { createQueue } from './typed-queues.js';

describe('readQueueStatus on real Redis', () => {
  let prefix: string;
  let connection: Redis;
  let queue: Queue;

  beforeEach(() => {
    prefix = uniquePrefix('status');
    connection = createRedisConnection({ url: inject('redisUrl'), role: 'worker' });
    queue = createQueue('parse', { connection, prefix }) as Queue;
  });

  afterEach(async () => {
    await queue.close();
    connection.disconnect();
    await deleteKeysWithPrefix(inject('redisUrl'), prefix);
  });

  it('reports an empty queue as idle', async () => {
    const status = await readQueueStatus(queue);
    expect(status).toEqual({
      queue: 'parse',
      counts: {
        waiting: 0,
        active: 0,
        delayed: 0,
        waitingChildren: 0,
        prioritized: 0,
        completed: 0,
        failed: 0,
      },
      paused: false,
      oldestWaiting: null,
      rateLimitTtlMs: 0,
      workers: 0,
    });
  });

  it('counts the workers connected to the queue', async () => {
    const worker = new Worker('parse', async () => undefined, { connection, prefix });
    try {
      await worker.waitUntilReady();
      // The worker names its blocking connection as it connects; give that a bounded moment.
      let seen = 0;
      for (let i = 0; i < 80 && seen === 0; i += 1) {
        seen = (await readQueueStatus(queue)).workers ?? -1;
        await new Promise(resolve => setTimeout(resolve, 25));
      }
      expect(seen).toBe(1);
    } finally {
      await worker.close();
    }
    expect((await readQueueStatus(queue)).workers).toBe(0);
  });

  it('counts jobs by state and finds the oldest waiting one', async () => {
    const now = Date.now();
    await queue.add('parse-report', {}, { jobId: 'older', timestamp: now - 120_000 });
    await queue.add('parse-report', {}, { jobId: 'newer', timestamp: now - 60_000 });
    await queue.add('parse-report', {}, { jobId: 'later', delay: 3_600_000 });
    await queue.add('parse-report', {}, { jobId: 'urgent', priority: 1, timestamp: now - 1_000 });
    await queue.pause();
    await queue.rateLimit(60_000);

    const status = await readQueueStatus(queue, now);
    expect(status.counts).toMatchObject({ waiting: 2, delayed: 1, prioritized: 1 });
    expect(status.oldestWaiting).toEqual({
      jobId: 'older',
      createdAt: now - 120_000,
      ageSeconds: 120,
    });
    expect(status.paused).toBe(true);
    expect(status.rateLimitTtlMs).toBeGreaterThan(0);
    expect(status.rateLimitTtlMs).toBeLessThanOrEqual(60_000);
  });
});
