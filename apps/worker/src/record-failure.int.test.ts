import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createQueue, type AnalysisRef } from '@cuckoo-tc/queues';
import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import type { Job } from 'bullmq';
import { readDeliveryRecord, writeDelivery } from './delivery-record.js';
import { recordFailure } from './record-failure.js';

describe('recordFailure', () => {
  const prefix = uniquePrefix('record-failure');
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(inject('redisUrl'));
  });
  afterAll(async () => {
    redis.disconnect();
    await deleteKeysWithPrefix(inject('redisUrl'), prefix);
  });

  async function parseJob(taskId: number, version: string): Promise<Job<AnalysisRef>> {
    const parse = createQueue('parse', { connection: redis, prefix });
    try {
      const payload = {
        instance: 'sb',
        taskId,
        version,
        enqueuedAt: '2026-01-02T03:04:05.000Z',
        trigger: 'manual',
        report: { kind: 'file', path: '/storage/analyses/201/reports/report.json' },
      };
      const job = await parse.add('parse-report', payload as never, {
        jobId: `parse-sb-${taskId}-${version}`,
      });
      return job as unknown as Job<AnalysisRef>;
    } finally {
      await parse.close();
    }
  }

  it('a parse job that failed for good records its version, failed and the reason', async () => {
    const job = await parseJob(201, 'v1');
    await recordFailure(redis, prefix, job, new Error('bad report: report is empty (0 bytes)'));
    const record = await readDeliveryRecord(redis, { prefix, instance: 'sb', taskId: 201 });
    expect(record).toMatchObject({
      status: 'failed',
      version: 'v1',
      lastError: 'parse-report parse-sb-201-v1: bad report: report is empty (0 bytes)',
    });
  });

  it("a new version's failed parse drops the chunk counts of the version delivered before", async () => {
    const ref = { prefix, instance: 'sb', taskId: 202 };
    await writeDelivery(redis, ref, {
      status: 'delivered',
      version: 'v1',
      'chunk.0': { created: 5, cached: 0, skipped: {} },
    });
    await recordFailure(redis, prefix, await parseJob(202, 'v2'), new Error('truncated'));
    const record = await readDeliveryRecord(redis, ref);
    expect(record).toMatchObject({ status: 'failed', version: 'v2', created: 0 });
  });
});
