import path from 'node:path';
import { createQueue, type ParseReportResult } from '@cuckoo-tc/queues';
import { UnrecoverableError, Worker } from 'bullmq';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createHarness, type Harness } from './__fixtures__/harness.js';
import { isEnqueueInputError } from './errors.js';
import { enqueueManually } from './manual-enqueue.js';
import { waitForDelivery } from './wait-for-delivery.js';

describe('enqueueManually (cuckoo-tc enqueue)', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await createHarness(inject('redisUrl'));
    for (const id of [1, 2, 4]) {
      await h.writeReport(id, undefined, 1_600_000_000 + id);
    }
  });

  afterEach(async () => {
    await h.cleanup();
  });

  const analysis = (id: number) => path.join(h.storageDir, 'analyses', String(id));

  it('takes report.json paths and analysis directories', async () => {
    const tools = await h.tools();
    const { outcomes } = await enqueueManually(
      { paths: [path.join(analysis(1), 'reports', 'report.json'), analysis(2)] },
      tools,
    );
    expect(outcomes.map(o => [o.taskId, o.status])).toEqual([
      [1, 'enqueued'],
      [2, 'enqueued'],
    ]);
    const job = await tools.parse.getJob(outcomes[0]!.jobId);
    expect(job?.data).toMatchObject({ trigger: 'cli', report: { kind: 'file' } });
  });

  it('backfills a range in chunks, listing the ids without a report, and is safe to re-run', async () => {
    const tools = await h.tools({ enqueueChunkSize: 2 });
    const first = await enqueueManually({ range: { from: 1, to: 5 }, chunkSize: 2 }, tools);
    expect(first.outcomes.map(o => o.taskId).sort()).toEqual([1, 2, 4]);
    expect(first.missing.map(m => m.taskId)).toEqual([3, 5]);
    const again = await enqueueManually({ range: { from: 1, to: 5 } }, tools);
    expect(again.outcomes.every(o => o.status === 'already-enqueued')).toBe(true);
    expect(await h.parseJobIds()).toHaveLength(3);
    const forced = await enqueueManually({ taskIds: [1], force: true }, tools);
    expect(forced.outcomes[0]?.status).toBe('enqueued');
    expect(await h.parseJobIds()).toHaveLength(4);
  });

  it('refuses the whole command when one named path or task has no report', async () => {
    const tools = await h.tools();
    for (const request of [
      { paths: [analysis(1), path.join(h.storageDir, 'elsewhere')] },
      { paths: [analysis(3)] },
      { taskIds: [1, 3] },
    ]) {
      const failure = await enqueueManually(request, tools).catch((err: unknown) => err);
      expect(isEnqueueInputError(failure)).toBe(true);
    }
    expect(await h.parseJobIds()).toEqual([]);
  });

  it('--wait reports delivered, partly delivered and failed analyses', async () => {
    const tools = await h.tools();
    const incidents = createQueue('incidents', { connection: h.redis, prefix: h.prefix });
    const connection = h.redis.duplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true });
    // Stand-in workers: parse 1 and 4 add a flow root (4's loses an indicator chunk), parse 2 fails.
    const parseWorker = new Worker(
      'parse',
      async job => {
        if (job.data.taskId === 2) {
          throw new UnrecoverableError('report truncated at byte 12');
        }
        const { taskId } = job.data;
        await incidents.add(
          'associate',
          { instance: 'sandbox01', taskId, xid: 'x', version: 'v', associateChunkSize: 1 },
          { jobId: `associate-${taskId}` },
        );
        return {
          incidentXid: 'x',
          flowJobId: `associate-${taskId}`,
          indicators: 0,
          dropped: 0,
        } satisfies ParseReportResult;
      },
      { connection, prefix: h.prefix },
    );
    const incidentWorker = new Worker(
      'incidents',
      async job => ({
        incidentId: 1,
        associated: 0,
        failedChunks: job.id === 'associate-4' ? [{ job: 'indicators-c0', reason: '400 bad' }] : [],
      }),
      {
        connection,
        prefix: h.prefix,
      },
    );
    try {
      const { outcomes } = await enqueueManually({ taskIds: [1, 2, 4] }, tools);
      const statuses = await waitForDelivery(outcomes, {
        parse: tools.parse,
        incidents,
        pollMs: 20,
      });
      expect(statuses.map(s => [s.taskId, s.status, s.reason])).toEqual([
        [1, 'delivered', undefined],
        [2, 'failed', 'report truncated at byte 12'],
        [4, 'partial', '1 indicator chunk(s) failed: 400 bad'],
      ]);
    } finally {
      await parseWorker.close();
      await incidentWorker.close();
      await incidents.close();
      connection.disconnect();
    }
  });
});
